// Where a JSON text breaks the grammar (RFC 8259), and how, said in a line of our
// own: Node 20's JSON.parse names no line, and often no position, only the text
// around the fault (`Unexpected token ']', ..."rels":1},\n]" is not valid JSON`).
// Run only once JSON.parse has refused a text, so it may be plain; iterative, so
// that a deep nest cannot exhaust the stack.
import { escapeControls } from "../domain/sanitize.js";
import { InputError } from "../errors.js";

/** A fault: the offset of the character where the text stops being JSON, and why. */
interface Fault {
  readonly at: number;
  readonly reason: string;
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));
const LITERALS = ["true", "false", "null"];

// What the scan expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // just inside [
const KEY_OR_CLOSE = 2; // just inside {
const KEY = 3; // after a comma in an object
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const END = 6;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** A character as a message names it. */
function describe(text: string, at: number): string {
  if (at >= text.length) return "the end of the text";
  const c = text.codePointAt(at) as number;
  if (c > 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The end of the string whose opening quote is at `start`, or its fault. */
function stringEnd(text: string, start: number): number | Fault {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x0a || c === 0x0d) return { at: i, reason: "a line break inside a string" };
    if (c < 0x20)
      return { at: i, reason: "a control character inside a string (write it \\uXXXX)" };
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (!ESCAPES.has(next)) return { at: i, reason: "a backslash escaping nothing JSON knows" };
      if (next === 0x75 && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
        return { at: i, reason: "\\u without four hex digits" };
      i++;
    }
  }
  return { at: start, reason: "a string that never ends" };
}

/** The end of the number starting at `start`, or its fault. */
function numberEnd(text: string, start: number): number | Fault {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  const digits = () => {
    const from = i;
    while (isDigit(text.charCodeAt(i))) i++;
    return i > from;
  };
  const bad = { at: start, reason: "a malformed number" };
  if (text.charCodeAt(i) === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) return { at: start, reason: "a number with a leading zero" };
  } else if (!digits()) return bad;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!digits()) return bad;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    if (!digits()) return bad;
  }
  return i;
}

/** Where `text` first breaks JSON's grammar, and why; undefined for valid JSON. */
export function jsonFault(text: string): Fault | undefined {
  const open: number[] = []; // the brackets open, innermost last
  let state = VALUE;
  let afterComma = false;
  let i = 0;
  const closed = () => (open.length === 0 ? END : COMMA_OR_CLOSE);
  for (;;) {
    while (i < text.length && SPACE.has(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      if (state === END) return undefined;
      const inside =
        open.at(-1) === 0x5b ? "an array, before its ']'" : "an object, before its '}'";
      return { at: i, reason: open.length > 0 ? `the text ends inside ${inside}` : "no value" };
    }
    const c = text.charCodeAt(i);
    const close = open.at(-1) === 0x5b ? 0x5d : 0x7d;
    if (state === END) return { at: i, reason: `${describe(text, i)} after the JSON value` };
    if (state === COLON) {
      if (c !== 0x3a)
        return { at: i, reason: `expected ':' after a key, found ${describe(text, i)}` };
      i++;
      state = VALUE;
      continue;
    }
    if (state === COMMA_OR_CLOSE) {
      if (c === 0x2c) {
        i++;
        state = open.at(-1) === 0x5b ? VALUE : KEY;
        afterComma = true;
        continue;
      }
      if (c !== close)
        return {
          at: i,
          reason: `expected ',' or '${String.fromCharCode(close)}', found ${describe(text, i)}`,
        };
      open.pop();
      i++;
      state = closed();
      continue;
    }
    if ((state === VALUE_OR_CLOSE && c === 0x5d) || (state === KEY_OR_CLOSE && c === 0x7d)) {
      open.pop();
      i++;
      state = closed();
      continue;
    }
    if (afterComma && (c === 0x5d || c === 0x7d))
      return { at: i, reason: `a comma before '${String.fromCharCode(c)}'` };
    afterComma = false;
    if (state === KEY || state === KEY_OR_CLOSE) {
      if (c !== 0x22)
        return { at: i, reason: `expected a double-quoted key, found ${describe(text, i)}` };
      const end = stringEnd(text, i);
      if (typeof end !== "number") return end;
      i = end;
      state = COLON;
      continue;
    }
    // A value.
    if (c === 0x5b || c === 0x7b) {
      open.push(c);
      i++;
      state = c === 0x5b ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
      continue;
    }
    let end: number | Fault;
    if (c === 0x22) end = stringEnd(text, i);
    else if (c === 0x2d || isDigit(c)) end = numberEnd(text, i);
    else {
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      end =
        literal === undefined
          ? { at: i, reason: `expected a value, found ${describe(text, i)}` }
          : i + literal.length;
    }
    if (typeof end !== "number") return end;
    i = end;
    state = closed();
  }
}

/**
 * Why JSON.parse refused `text` (its `error`), as one line: the fault and its
 * column, with the line it is on (from 1; null where the fault was not found, and
 * JSON.parse's own words are given, controls escaped).
 */
export function jsonSyntaxError(
  text: string,
  error: unknown,
): { readonly line: number | null; readonly reason: string } {
  if (error instanceof RangeError) return { line: null, reason: "nested too deeply" };
  const fault = jsonFault(text);
  if (fault === undefined) {
    const words = error instanceof Error ? error.message : String(error);
    return { line: null, reason: escapeControls(words) };
  }
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < fault.at; k = text.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, reason: `${fault.reason} (column ${fault.at - lineStart + 1})` };
}

/**
 * `text` (the file `source`) through `parse`, JSON.parse or one like it that throws
 * JSON.parse's error for the text; bad syntax is an InputError naming its line.
 */
export function parseJsonFile(
  source: string,
  text: string,
  parse: (text: string) => unknown = JSON.parse,
): unknown {
  try {
    return parse(text);
  } catch (error) {
    const { line, reason } = jsonSyntaxError(text, error);
    throw new InputError(source, line, `not valid JSON: ${reason}`);
  }
}
