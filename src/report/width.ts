// Text measured as a terminal shows it (contract §14): wide East Asian characters
// take two columns, combining marks and escape sequences none. string-width knows
// the Unicode tables; `.length` counts UTF-16 units, which misaligns columns.
import { createRequire } from "node:module";

/** The symbols capcheck's own reports draw with: one column each (test/startup.test.ts checks). */
export const NARROW_SYMBOLS = "·…─━┄│┤├└█▁▂▃▄▅▆▇▉▊▋▌▍▎▏░▒▓×→—–≤≥§°";

/** Printable ASCII and those symbols: one column a character, no Unicode tables needed. */
const PLAIN = new RegExp(`^[\\x20-\\x7e${NARROW_SYMBOLS}]*$`);

let unicodeWidth: ((text: string) => number) | undefined;

/**
 * string-width sets up a segmenter and Unicode tables when it loads (tens of ms,
 * most of capcheck's start-up), so it loads only for text that needs it.
 */
function stringWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  unicodeWidth ??= (createRequire(import.meta.url)("string-width") as typeof import("string-width"))
    .default;
  return unicodeWidth(text);
}

export const displayWidth = (text: string): number => stringWidth(text);

/** `text` cut to at most `width` columns, with `…` where it was cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (PLAIN.test(text)) return `${text.slice(0, Math.max(0, width - 1))}…`;
  let out = "";
  let used = 0;
  for (const char of new Intl.Segmenter().segment(text)) {
    const w = stringWidth(char.segment);
    if (used + w > width - 1) break;
    out += char.segment;
    used += w;
  }
  return `${out}…`;
}

export const padEnd = (text: string, width: number): string =>
  text + " ".repeat(Math.max(0, width - stringWidth(text)));

export const padStart = (text: string, width: number): string =>
  " ".repeat(Math.max(0, width - stringWidth(text))) + text;

/** The last place `separator` starts in `text` with what comes before it at most `width` wide. */
function lastBreak(text: string, separator: string, width: number): number {
  let best = -1;
  // From 1: a break at 0 leaves nothing before it (a line that starts with spaces).
  for (let i = text.indexOf(separator, 1); i > 0; i = text.indexOf(separator, i + 1)) {
    if (stringWidth(text.slice(0, i)) > width) break;
    best = i;
  }
  return best;
}

/**
 * `text` in lines of at most `width` columns, broken before a ` · ` where it can,
 * else at a space, else anywhere; later lines indented by `indent` spaces.
 */
export function wrap(text: string, width: number, indent = 2): string[] {
  const lines: string[] = [];
  let rest = text;
  while (stringWidth(rest) > width) {
    let cut = lastBreak(rest, " · ", width);
    let skip = 3;
    if (cut <= indent) {
      cut = lastBreak(rest, " ", width);
      skip = 1;
    }
    if (cut <= indent) {
      cut = truncate(rest, width + 1).length - 1;
      skip = 0;
    }
    lines.push(rest.slice(0, cut));
    rest = " ".repeat(indent) + rest.slice(cut + skip).trimStart();
  }
  lines.push(rest);
  return lines;
}

/**
 * The width tables and charts fit: `COLUMNS` when set (as `ls` reads it), else the
 * terminal's, else 80 (a pipe or a file).
 */
export function outputWidth(
  env: Readonly<Record<string, string | undefined>>,
  terminalColumns: number | undefined,
): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return terminalColumns && terminalColumns > 0 ? terminalColumns : 80;
}
