// The NDJSON fast path: the common line, a flat object of plain strings, numbers,
// true, false and null, is read in one pass over its bytes, never decoded whole.
// Its keys are matched in place against the key sequences seen before (a tree of
// them, each compiled once like a CSV header into a RowShape), and only its values
// become strings. Anything else — an escape, a control character, nesting, a key
// given twice, two keys naming one field, a syntax error — returns undefined and
// goes to JSON.parse, which stays the reference (test/ndjson-flat.test.ts proves
// both read alike). Bytes are enough: the input is valid UTF-8 (text.ts), in which
// no byte of a multi-byte character is a quote, a backslash or a control.

import type { FieldName } from "../domain/fields.js";
import { MEMO_MAX_ENTRIES, MEMO_MAX_LENGTH } from "../domain/memo.js";
import { CsvRecord, cellRuleOf, RowShape } from "./csv-row.js";
import { fieldOf } from "./keys.js";
import { SlotValues, ValueStrings } from "./value-strings.js";

const QUOTE = 34;
const BACKSLASH = 92;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The end of the JSON number at `i` (before `end`), or -1 when its bytes are not one. */
function numberEnd(bytes: Buffer, i: number, end: number): number {
  if (i < end && bytes[i] === 45) i++;
  const first = i < end ? (bytes[i] as number) : -1;
  if (first === 48) i++;
  else if (first >= 49 && first <= 57) while (++i < end && isDigit(bytes[i] as number));
  else return -1;
  if (i < end && bytes[i] === 46) {
    if (++i >= end || !isDigit(bytes[i] as number)) return -1;
    while (++i < end && isDigit(bytes[i] as number));
  }
  if (i < end && (bytes[i] === 101 || bytes[i] === 69)) {
    if (++i < end && (bytes[i] === 43 || bytes[i] === 45)) i++;
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    while (++i < end && isDigit(bytes[i] as number));
  }
  return i;
}

/** The closing quote of the plain string opening before `i`, or -1 (an escape, a control, no end). */
function stringEnd(bytes: Buffer, i: number, end: number): number {
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

/** Whether `bytes` at `i` hold `word`'s ASCII letters (true, false, null). */
function holds(bytes: Buffer, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** A key sequence seen before: the key that ends it, and the ones seen after it. */
class KeyNode {
  /** The keys seen next, as UTF-8 bytes, with their nodes; the first few are tried in place. */
  readonly nextBytes: Uint8Array[] = [];
  readonly nextNodes: KeyNode[] = [];
  readonly byKey = new Map<string, KeyNode>();
  /** The compiled shape of an object with these keys; null when JSON.parse's path words them. */
  shape: RowShape | null | undefined;
  constructor(
    readonly parent: KeyNode | null,
    readonly key: string,
    /**
     * The rule of the field the key names and its values of texts (value-strings.ts),
     * shared by every key naming the field; none for a key no field takes.
     */
    readonly values?: SlotValues,
  ) {}

  /** The keys from the first to this one. */
  keys(): string[] {
    const keys: string[] = [];
    for (let node: KeyNode = this; node.parent !== null; node = node.parent) keys.push(node.key);
    return keys.reverse();
  }
}

/** Keys tried in place at each step; a node with more children finds the rest by name. */
const IN_PLACE = 4;

/** The most keys, and bytes of keys, the tree holds; past either it starts afresh. */
const MAX_NODES = 10_000;
const MAX_KEY_BYTES = 1 << 20;

/**
 * Reads flat lines, remembering their key sequences: each step of a line's keys
 * is matched byte for byte against the keys that followed the same keys before.
 */
export class FlatReader {
  private root = new KeyNode(null, "");
  private nodes = 0;
  private keyBytes = 0;
  private readonly strings = new ValueStrings();
  /** Each field's rule and values of texts: one cache a field, however many key sequences name it. */
  private readonly fieldValues = new Map<FieldName, SlotValues>();
  /** Each short key's field's values, or null for a key no field takes: worked out once a key. */
  private readonly keyValues = new Map<string, SlotValues | null>();

  /** The record of the line `bytes[start, end)` when it is a flat object of known shape, else undefined. */
  read(
    source: string,
    line: number,
    bytes: Buffer,
    start: number,
    end: number,
  ): CsvRecord | undefined {
    const values: unknown[] = [];
    let node = this.root;
    let i = start;
    while (i < end && isSpace(bytes[i] as number)) i++;
    if (i >= end || bytes[i++] !== 123) return undefined;
    while (i < end && isSpace(bytes[i] as number)) i++;
    if (i < end && bytes[i] === 125) i++;
    else {
      for (;;) {
        if (i >= end || bytes[i++] !== QUOTE) return undefined;
        const next = this.step(node, bytes, i, end);
        if (next === undefined) return undefined;
        node = next;
        i = this.keyEnd + 1;
        while (i < end && isSpace(bytes[i] as number)) i++;
        if (i >= end || bytes[i++] !== 58) return undefined;
        while (i < end && isSpace(bytes[i] as number)) i++;
        const c = i < end ? (bytes[i] as number) : -1;
        const { strings } = this;
        // Each value as its key's field reads it (RowShape.validate's `applied`); a text's
        // once for each distinct text of the key.
        const rule = node.values?.rule;
        if (c === QUOTE) {
          const close = strings.stringEnd(bytes, i + 1, end);
          if (close < 0) return undefined;
          values.push(node.values?.of(strings, strings.last));
          i = close + 1;
        } else if (c === 116 && holds(bytes, i, end, "true")) {
          values.push(rule?.(true));
          i += 4;
        } else if (c === 102 && holds(bytes, i, end, "false")) {
          values.push(rule?.(false));
          i += 5;
        } else if (c === 110 && holds(bytes, i, end, "null")) {
          values.push(rule?.(null));
          i += 4;
        } else {
          const numberAt = i;
          i = numberEnd(bytes, i, end);
          if (i < 0) return undefined;
          // The number's source text, as JSON.parse's path has it (json-numbers.ts).
          values.push(node.values?.of(strings, strings.of(bytes, numberAt, i)));
        }
        while (i < end && isSpace(bytes[i] as number)) i++;
        const after = i < end ? (bytes[i++] as number) : -1;
        if (after === 125) break;
        if (after !== 44) return undefined;
        while (i < end && isSpace(bytes[i] as number)) i++;
      }
    }
    while (i < end && isSpace(bytes[i] as number)) i++;
    if (i !== end) return undefined;
    if (node.shape === undefined) node.shape = compile(node.keys());
    return node.shape === null ? undefined : new CsvRecord(source, line, node.shape, values, true);
  }

  /** The values of the field `key` names, or null when no field takes it. */
  private valuesOf(key: string): SlotValues | null {
    const known = this.keyValues.get(key);
    if (known !== undefined) return known;
    const field = fieldOf(key);
    let values: SlotValues | null = null;
    if (field !== undefined) {
      values = this.fieldValues.get(field) ?? new SlotValues(cellRuleOf(field, "point"));
      this.fieldValues.set(field, values);
    }
    // Bounded as the memos are: a file of long unique keys must not fill memory with them.
    if (key.length <= MEMO_MAX_LENGTH) {
      if (this.keyValues.size >= MEMO_MAX_ENTRIES) this.keyValues.clear();
      this.keyValues.set(key, values);
    }
    return values;
  }

  /** Where `step` found the key's closing quote. */
  private keyEnd = 0;

  /** The node after `node` for the key whose text starts at `i`; undefined when it is not plain. */
  private step(node: KeyNode, bytes: Buffer, i: number, end: number): KeyNode | undefined {
    const candidates = node.nextBytes;
    for (let n = 0; n < candidates.length; n++) {
      const key = candidates[n] as Uint8Array;
      const close = i + key.length;
      if (close >= end || bytes[close] !== QUOTE) continue;
      let k = 0;
      while (k < key.length && bytes[i + k] === key[k]) k++;
      if (k === key.length) {
        this.keyEnd = close;
        return node.nextNodes[n];
      }
    }
    const close = stringEnd(bytes, i, end);
    if (close < 0) return undefined;
    this.keyEnd = close;
    const key = bytes.toString("utf8", i, close);
    let next = node.byKey.get(key);
    if (next === undefined) {
      this.keyBytes += close - i;
      if (++this.nodes > MAX_NODES || this.keyBytes > MAX_KEY_BYTES) {
        this.root = new KeyNode(null, "");
        this.nodes = 1;
        this.keyBytes = close - i;
      }
      next = new KeyNode(node, key, this.valuesOf(key) ?? undefined);
      node.byKey.set(key, next);
      if (candidates.length < IN_PLACE) {
        candidates.push(bytes.subarray(i, close).slice());
        node.nextNodes.push(next);
      }
    }
    return next;
  }
}

function compile(keys: readonly string[]): RowShape | null {
  if (new Set(keys).size < keys.length) return null;
  const fields = keys.map(fieldOf);
  const named = fields.filter((field) => field !== undefined);
  if (new Set(named).size < named.length) return null;
  return new RowShape(fields);
}
