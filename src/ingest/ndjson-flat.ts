// The NDJSON fast path: the common line, a flat object of plain strings, numbers,
// true, false and null, is read in one pass over its text, and its keys are mapped
// to fields once per distinct key sequence, compiled like a CSV header (RowShape).
// Anything else — an escape, a control character, nesting, a key given twice, two
// keys naming one field, a syntax error — returns undefined and goes to JSON.parse,
// which stays the reference (test/ndjson-flat.test.ts proves both read alike).

import { RowShape } from "./csv-row.js";
import { fieldOf } from "./keys.js";

/**
 * A flat line: where each key's text lies (start and end, in pairs, so that a key
 * seen before is matched in place, never copied), and its values (numbers as
 * JSON.parse reads them).
 */
export interface FlatLine {
  readonly text: string;
  readonly keyBounds: number[];
  readonly values: unknown[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The end of the JSON number at `i`, or -1 when its text is not one. */
function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 45) i++;
  const first = text.charCodeAt(i);
  if (first === 48) i++;
  else if (first >= 49 && first <= 57) while (isDigit(text.charCodeAt(i))) i++;
  else return -1;
  if (text.charCodeAt(i) === 46) {
    if (!isDigit(text.charCodeAt(++i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    const sign = text.charCodeAt(++i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** The end of the plain string whose opening quote is at `i`, or -1 (an escape, a control). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}

/** `text` as a flat line, or undefined when it is anything else. */
export function flatLine(text: string): FlatLine | undefined {
  const keyBounds: number[] = [];
  const values: unknown[] = [];
  let i = 0;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i++) !== 123) return undefined;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 125) i++;
  else {
    for (;;) {
      if (text.charCodeAt(i) !== 34) return undefined;
      const keyEnd = stringEnd(text, i);
      if (keyEnd < 0) return undefined;
      keyBounds.push(i + 1, keyEnd);
      i = keyEnd + 1;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i++) !== 58) return undefined;
      while (isSpace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      let end: number;
      if (c === 34) {
        end = stringEnd(text, i);
        if (end < 0) return undefined;
        values.push(text.slice(i + 1, end++));
      } else if (c === 116 && text.startsWith("true", i)) {
        end = i + 4;
        values.push(true);
      } else if (c === 102 && text.startsWith("false", i)) {
        end = i + 5;
        values.push(false);
      } else if (c === 110 && text.startsWith("null", i)) {
        end = i + 4;
        values.push(null);
      } else {
        end = numberEnd(text, i);
        if (end < 0) return undefined;
        // The number's source text, as JSON.parse's path has it (json-numbers.ts).
        values.push(text.slice(i, end));
      }
      i = end;
      while (isSpace(text.charCodeAt(i))) i++;
      const next = text.charCodeAt(i++);
      if (next === 125) break;
      if (next !== 44) return undefined;
      while (isSpace(text.charCodeAt(i))) i++;
    }
  }
  while (isSpace(text.charCodeAt(i))) i++;
  return i === text.length ? { text, keyBounds, values } : undefined;
}

interface KnownKeys {
  readonly keys: readonly string[];
  readonly shape: RowShape | null;
}

/**
 * Each distinct key sequence compiled once: its RowShape, or null when its keys
 * repeat or two of them name one field (JSON.parse's path words those problems).
 * The few sequences seen last are matched against a line's text in place.
 */
export class KeyShapes {
  private readonly shapes = new Map<string, KnownKeys>();
  private recent: KnownKeys[] = [];

  shapeOf({ text, keyBounds }: FlatLine): RowShape | null {
    for (const known of this.recent) {
      if (matches(known.keys, text, keyBounds)) return known.shape;
    }
    const keys: string[] = [];
    for (let k = 0; k < keyBounds.length; k += 2) {
      keys.push(text.slice(keyBounds[k], keyBounds[k + 1]));
    }
    const signature = keys.join("\u0000");
    let known = this.shapes.get(signature);
    if (known === undefined) {
      if (this.shapes.size >= 1000) this.shapes.clear();
      known = { keys, shape: compile(keys) };
      this.shapes.set(signature, known);
    }
    this.recent = [known, ...this.recent.slice(0, 7)];
    return known.shape;
  }
}

function matches(keys: readonly string[], text: string, keyBounds: readonly number[]): boolean {
  if (keys.length * 2 !== keyBounds.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const start = keyBounds[2 * k] as number;
    if (keyBounds[2 * k + 1] !== start + key.length || !text.startsWith(key, start)) return false;
  }
  return true;
}

function compile(keys: readonly string[]): RowShape | null {
  if (new Set(keys).size < keys.length) return null;
  const fields = keys.map(fieldOf);
  const named = fields.filter((field) => field !== undefined);
  if (new Set(named).size < named.length) return null;
  return new RowShape(fields);
}
