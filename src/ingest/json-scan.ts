// One pass over a JSON document's text, before JSON.parse builds it: counts its
// values against a limit (so a huge array is refused before it exhausts memory),
// and finds what JSON.parse hides — the line on which each record starts, the
// top-level keys, and a key given twice in a record (JSON.parse keeps the last).
// It trusts the text's syntax no further than it must: JSON.parse checks that.

import type { FieldProblem } from "../domain/rules.js";
import { quote } from "../domain/sanitize.js";
import { InputError } from "../errors.js";

const ARRAY_KEYS = new Set(["records", "shipments"]);

/** True for a top-level key that names the records array (`records`, `Shipments`, …). */
export function isArrayKey(key: string): boolean {
  return ARRAY_KEYS.has(key.trim().toLowerCase());
}

export interface ScannedRecord {
  readonly line: number;
  /** A key the record's object gives more than once. */
  duplicateKey?: string;
}

export interface JsonScan {
  /** The keys of a top-level object, in order, as written (repeats kept). */
  readonly topKeys: string[];
  /** The elements of the records array: the top-level array, or the array under a records key. */
  readonly records: ScannedRecord[];
}

export class TooManyValues extends Error {}

/** A record whose text gives a key twice: JSON.parse would keep the last silently. */
export function duplicateKeyProblem(key: string): FieldProblem {
  return {
    field: "record",
    code: "duplicate_key",
    message: `gives the key ${quote(key)} twice`,
  };
}

/** A key's text decoded; a malformed escape is left as written (JSON.parse refuses it later). */
function decodeKey(raw: string): string {
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The closing quote of the string whose text starts at `start` (past any escape), or the text's end. */
function closingQuote(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return text.length;
}

/**
 * Scans `text`; throws TooManyValues once it has seen more than `maxValues`
 * values (every comma outside strings and every array or object counts one,
 * which bounds what JSON.parse would build).
 */
export function scanJson(text: string, maxValues: number): JsonScan {
  const topKeys: string[] = [];
  const records: ScannedRecord[] = [];
  const isObject: boolean[] = []; // per open container, innermost last
  let expectKey = false; // in an object, before a member's key
  let recordDepth = -1; // the depth of the records array's elements, once known
  let keysOfRecord: Set<string> | undefined;
  let lastKey = "";
  let values = 0;
  let line = 1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (c === 10 || c === 13 || c === 32 || c === 9) continue;
    const depth = isObject.length;
    const closing = c === 93 || c === 125;
    if (expectElement && !closing) records.push({ line });
    expectElement = false;
    if (c === 34) {
      const start = i + 1;
      i = closingQuote(text, start);
      if (!expectKey) continue;
      expectKey = false;
      const key = decodeKey(text.slice(start, i));
      if (depth === 1) topKeys.push(key);
      lastKey = key;
      if (keysOfRecord !== undefined && depth === recordDepth + 1) {
        const record = records[records.length - 1] as ScannedRecord;
        if (keysOfRecord.has(key)) record.duplicateKey ??= key;
        keysOfRecord.add(key);
      }
    } else if (c === 91 || c === 123) {
      if (++values > maxValues) throw new TooManyValues();
      const opensRecords =
        c === 91 &&
        recordDepth < 0 &&
        (depth === 0 || (depth === 1 && isObject[0] === true && isArrayKey(lastKey)));
      isObject.push(c === 123);
      expectKey = c === 123;
      if (opensRecords) recordDepth = depth + 1;
      if (c === 91 && depth + 1 === recordDepth) expectElement = true;
      if (c === 123 && depth === recordDepth) keysOfRecord = new Set();
    } else if (closing) {
      isObject.pop();
      if (depth - 1 === recordDepth) keysOfRecord = undefined;
      expectKey = false;
    } else if (c === 44) {
      if (++values > maxValues) throw new TooManyValues();
      expectKey = isObject[depth - 1] === true;
      if (depth === recordDepth) expectElement = true;
    }
  }
  return { topKeys, records };
}

/**
 * The first key that a JSON object's text gives twice at its top level, or
 * undefined. `keyCount` is how many keys JSON.parse kept: when the text holds no
 * more colons than that, no key can repeat, and the text is not scanned.
 */
export function duplicateKeyOf(text: string, keyCount: number): string | undefined {
  let colons = 0;
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) {
    if (++colons > keyCount) break;
  }
  if (colons <= keyCount) return undefined;
  const { records } = scanJson(`[${text}]`, Number.POSITIVE_INFINITY);
  return records[0]?.duplicateKey;
}

/**
 * Where the text of a document JSON.parse accepted gives a key twice in one object
 * (JSON.parse keeps the last in silence): each repeat's path, `["regimes", 0, "cap"]`.
 * For the small files of options (--caps, --factors, a config), whose every key
 * means something.
 */
function repeatedKeyPaths(text: string): (string | number)[][] {
  interface Open {
    /** The enclosing value, and where this one stands in it: a path is built only for a repeat. */
    readonly parent: Open | undefined;
    readonly at: string | number | undefined;
    /** An object's keys so far; undefined for an array. */
    readonly keys: Set<string> | undefined;
    index: number;
    key: string;
  }
  const pathTo = (open: Open | undefined, last: string): (string | number)[] => {
    const path: (string | number)[] = [last];
    for (let o = open; o?.at !== undefined; o = o.parent) path.push(o.at);
    return path.reverse();
  };
  const found: (string | number)[][] = [];
  // A stack of links, not of paths: a path per level made a 400 KB file of nested
  // brackets hold tens of billions of entries.
  let top: Open | undefined;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i + 1;
      i = closingQuote(text, start);
      if (!expectKey || top?.keys === undefined) continue;
      expectKey = false;
      top.key = decodeKey(text.slice(start, i));
      if (top.keys.has(top.key)) found.push(pathTo(top, top.key));
      top.keys.add(top.key);
    } else if (c === 91 || c === 123) {
      const at = top === undefined ? undefined : top.keys ? top.key : top.index;
      top = { parent: top, at, keys: c === 123 ? new Set() : undefined, index: 0, key: "" };
      expectKey = c === 123;
    } else if (c === 93 || c === 125) {
      top = top?.parent;
      expectKey = false;
    } else if (c === 44 && top !== undefined) {
      top.index++;
      expectKey = top.keys !== undefined;
    }
  }
  return found;
}

/** A place in a JSON document as messages name it: `$.failOn`, `[0].capBarrels`. */
export function jsonPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (at, key) => (typeof key === "number" ? `${at}[${key}]` : `${at}.${String(key)}`),
    prefix,
  );
}

/**
 * Refuses the options file `source` (a config, --caps, --factors) whose `text` gives
 * a key twice in one object, under `within` if given: named by its place as `place`
 * writes a path, since JSON.parse would keep the last in silence.
 */
export function refuseRepeatedKeys(
  source: string,
  text: string,
  place: (path: readonly (string | number)[]) => string,
  within: readonly PropertyKey[] = [],
): void {
  const repeated = repeatedKeyPaths(text).find((path) => within.every((key, i) => path[i] === key));
  if (repeated !== undefined) {
    throw new InputError(
      source,
      null,
      `${place(repeated)}: given twice (JSON would keep the last in silence)`,
    );
  }
}
