// Text from the data made safe for a terminal, in one place: which characters a
// terminal acts on or hides, and the ways capcheck neutralises them.

/**
 * Characters beyond the C0 controls that a terminal acts on, that reorder what a
 * reader sees, or that show nothing at all (so "Russia" and "Russia" + U+200B
 * print alike): DEL, the C1 controls, the soft hyphen, the Arabic letter mark,
 * the Hangul fillers, the Mongolian and Khmer invisibles, zero-width spaces and
 * joiners, the line and paragraph separators, the bidirectional marks,
 * embeddings, overrides and isolates, word joiners and invisible operators, the
 * BOM, the interlinear annotation marks and the tag characters.
 */
const INVISIBLE_RANGES =
  "\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f" +
  "\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufeff\\uffa0\\ufff0-\\ufffb" +
  "\\u{e0000}-\\u{e0fff}";

/** Not characters at all, and never valid in XML: unpaired surrogates and the noncharacters. */
const NOT_TEXT_RANGES = "\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff";

/** Every character shown as `?` in printed text: the C0 controls, the invisible ones, non-text. */
const CONTROLS = new RegExp(`[\\u0000-\\u001f${INVISIBLE_RANGES}${NOT_TEXT_RANGES}]`, "gu");

// JSON.stringify already escapes the C0 controls, and its own layout newlines must stay.
const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES}${NOT_TEXT_RANGES}]`, "gu");

/** What group keys leave out: the characters that show nothing. */
const HIDDEN = new RegExp(`[${INVISIBLE_RANGES}${NOT_TEXT_RANGES}]`, "gu");

// Escape sequences are removed whole (so their parameters go too) before the
// remaining controls are replaced.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]/g;

/** `\uXXXX` for each UTF-16 unit of a character: still the same text to JSON. */
function unicodeEscape(c: string): string {
  let escaped = "";
  for (let i = 0; i < c.length; i++) {
    escaped += `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`;
  }
  return escaped;
}

/** Data text with escape sequences removed and control characters shown as `?`. */
export function safeText(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "?");
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on
 * or hides (C1 controls, bidirectional overrides, zero-width characters) escaped
 * as \uXXXX: still the same JSON.
 */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, unicodeEscape);
}

/** A message line with every control or invisible character written as `\uXXXX`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, unicodeEscape);
}

/** Text without the characters that show nothing, for comparing group keys. */
export function withoutHidden(text: string): string {
  return text.replace(HIDDEN, "");
}

/** JSON-quoted and shortened, so a hostile value can neither flood nor drive a terminal. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return escapeInvisible(JSON.stringify(short));
}

// Characters a file name can hold and still be read back unquoted by a shell.
const SHELL_SAFE = /^[\p{L}\p{N}_./+,:=@%^-]+$/u;
const NAMED_ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };
const CONTROL = new RegExp(`^${CONTROLS.source}$`, "u");

/** A control or invisible character as bash's $'...' writes it. */
function shellEscape(c: string): string {
  const code = c.codePointAt(0) as number;
  if (NAMED_ESCAPES[c] !== undefined) return NAMED_ESCAPES[c];
  if (code < 0x80) return `\\${code.toString(8).padStart(3, "0")}`;
  return code > 0xffff
    ? `\\U${code.toString(16).padStart(8, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * A file name as coreutils prints one in a message (its "shell-escape" style):
 * as is when a shell would read it back unchanged, else in single quotes, with
 * each control or invisible character outside them as `$'\n'`, `$'\033'` or
 * `$'\u200b'`, so that the name can neither drive the terminal nor split the line.
 */
export function quoteFileName(name: string): string {
  if (SHELL_SAFE.test(name)) return name;
  let quoted = "";
  let run = "";
  const flush = () => {
    if (run !== "") quoted += `'${run.replaceAll("'", "'\\''")}'`;
    run = "";
  };
  for (const c of name) {
    if (!CONTROL.test(c)) {
      run += c;
      continue;
    }
    flush();
    quoted += `$'${shellEscape(c)}'`;
  }
  flush();
  return quoted;
}

/** How standard input is named in messages and reports. */
export const STDIN_NAME = "<stdin>";

/** A source as messages name it: standard input by its marker, a file as coreutils quotes it. */
export function sourceName(source: string): string {
  return source === STDIN_NAME ? source : quoteFileName(source);
}
