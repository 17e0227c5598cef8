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

/** The characters `text` starts with, at most `width` columns of them. */
function startOf(text: string, width: number): string {
  if (PLAIN.test(text)) return text.slice(0, Math.max(0, width));
  let out = "";
  let used = 0;
  for (const char of new Intl.Segmenter().segment(text)) {
    const w = stringWidth(char.segment);
    if (used + w > width) break;
    out += char.segment;
    used += w;
  }
  return out;
}

/** The characters `text` ends with, at most `width` columns of them. */
function endOf(text: string, width: number): string {
  if (PLAIN.test(text)) return width <= 0 ? "" : text.slice(-width);
  const chars = [...new Intl.Segmenter().segment(text)].map((c) => c.segment);
  let out = "";
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = stringWidth(chars[i] as string);
    if (used + w > width) break;
    out = (chars[i] as string) + out;
    used += w;
  }
  return out;
}

/** `text` cut to at most `width` columns, with `…` where it was cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  return `${startOf(text, width - 1)}…`;
}

/**
 * `text` cut to at most `width` columns with `…` in place of its middle, as file
 * managers shorten paths: its last `tail` columns kept (as many as fit), then as
 * much of its start as there is room for.
 */
export function cutMiddle(text: string, width: number, tail: number): string {
  if (stringWidth(text) <= width) return text;
  const end = endOf(text, Math.min(tail, width - 1));
  return `${startOf(text, width - 1 - stringWidth(end))}…${end}`;
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
 * else at a space, else anywhere; later lines indented by `indent` spaces (fewer
 * where the width leaves no room for them).
 */
export function wrap(text: string, width: number, indent = 2): string[] {
  const pad = " ".repeat(Math.max(0, Math.min(indent, width - 1)));
  const lines: string[] = [];
  let rest = text;
  while (stringWidth(rest) > width) {
    let cut = lastBreak(rest, " · ", width);
    let skip = 3;
    if (cut <= pad.length) {
      cut = lastBreak(rest, " ", width);
      skip = 1;
    }
    if (cut <= pad.length) {
      cut = startOf(rest, width).length;
      skip = 0;
      // A character wider than the room left goes on a line of its own: every line takes one.
      if (cut <= pad.length)
        cut = pad.length + String.fromCodePoint(rest.codePointAt(cut) ?? 32).length;
    }
    lines.push(rest.slice(0, cut));
    rest = pad + rest.slice(cut + skip).trimStart();
  }
  // Nothing left but the indent: the last cut took the last character.
  if (rest.length > pad.length || lines.length === 0) lines.push(rest);
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
