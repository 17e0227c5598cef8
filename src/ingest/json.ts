// A JSON array of records, or an object holding it under `records` or `shipments`.
// The document is parsed whole, so it has limits (its bytes and its values);
// NDJSON streams instead. json-scan.ts finds what JSON.parse hides.

import { quote } from "../domain/sanitize.js";
import { parseNumbersAsText } from "./json-numbers.js";
import {
  duplicateKeyProblem,
  isArrayKey,
  type JsonScan,
  type ScannedRecord,
  scanJson,
  TooManyValues,
} from "./json-scan.js";
import { parseJsonFile } from "./json-syntax.js";
import { fieldOf } from "./keys.js";
import { tooManyJsonValues } from "./limits.js";
import { recordOf, UnreadableRecord } from "./raw-records.js";
import { Relay } from "./relay.js";
import { InputError, type TakeRecords } from "./types.js";

/** The largest JSON document read whole (NDJSON has no such limit). */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** The lines on which more than one record starts (a minified array): their records are named by index too. */
function sharedLines(records: readonly ScannedRecord[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const { line } of records) (seen.has(line) ? shared : seen).add(line);
  return shared;
}

/** The key of the records array in a top-level object; refuses keys that make it ambiguous. */
function arrayKey(source: string, keys: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) {
      throw new InputError(source, null, `the document gives the key ${quote(key)} twice`);
    }
    seen.add(key);
  }
  const arrays = keys.filter(isArrayKey);
  if (arrays.length > 1) {
    const names = arrays.map((key) => quote(key)).join(" and ");
    throw new InputError(source, null, `the document holds both ${names}; keep one records array`);
  }
  return arrays[0];
}

export async function* readJson(
  source: string,
  chunks: AsyncIterable<string>,
  maxValues: number,
  take: TakeRecords,
): AsyncGenerator<number> {
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      throw new InputError(
        source,
        null,
        "JSON document is larger than 256 MiB; use NDJSON, which streams",
      );
    }
    parts.push(chunk);
  }
  const text = parts.join("");
  let scan: JsonScan;
  try {
    scan = scanJson(text, maxValues);
  } catch (error) {
    if (error instanceof TooManyValues)
      throw new InputError(source, null, tooManyJsonValues(maxValues));
    throw error;
  }
  const document = parseJsonFile(source, text, parseNumbersAsText);
  let records: unknown = document;
  // An object of a record's own fields: one record, where an array of them was meant.
  let oneRecord = false;
  if (typeof document === "object" && document !== null && !Array.isArray(document)) {
    const key = arrayKey(source, scan.topKeys);
    records = key === undefined ? undefined : (document as Record<string, unknown>)[key];
    oneRecord = key === undefined && Object.keys(document).some((k) => fieldOf(k) !== undefined);
  }
  if (!Array.isArray(records)) {
    const hint = oneRecord ? "; this one is a single record: put it in [ ]" : "";
    throw new InputError(
      source,
      null,
      `expected a JSON array of records, or an object with a records or shipments array${hint}`,
    );
  }
  const known = scan.records.length === records.length;
  const shared = sharedLines(scan.records);
  const relay = new Relay(take);
  for (const [index, element] of records.entries()) {
    const scanned = known ? scan.records[index] : undefined;
    const line = scanned?.line ?? null;
    const at = line === null || shared.has(line) ? index : undefined;
    const duplicate = scanned?.duplicateKey;
    relay.hold(
      duplicate === undefined
        ? recordOf(source, line, element, at)
        : new UnreadableRecord(source, line, duplicateKeyProblem(duplicate), at),
    );
  }
  yield relay.taken();
}
