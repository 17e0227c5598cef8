// A JSON array of records, or an object holding it under `records` or `shipments`.
// The document is parsed whole, so it has a size limit; NDJSON streams instead.

import { recordOf } from "./raw-records.js";
import { InputError, type RawRecord } from "./types.js";

/** The largest JSON document read whole (NDJSON has no such limit). */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

const ARRAY_KEYS = new Set(["records", "shipments"]);

/**
 * The line on which each element of the records array starts, found by a light
 * scan of the text that JSON.parse has already accepted. `key` names the array's
 * property in a top-level object, or is undefined for a top-level array.
 */
export function elementLines(text: string, key: string | undefined): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let targetDepth = key === undefined ? 1 : -1;
  let expectElement = false;
  let inString = false;
  let stringStart = 0;
  let lastString = "";
  let lastKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 10) line++;
    if (c === 10 || c === 13 || c === 32 || c === 9) continue;
    const closing = c === 93 || c === 125;
    if (expectElement && depth === targetDepth && !closing) lines.push(line);
    expectElement = false;
    if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 58 && depth === 1) {
      lastKey = JSON.parse(`"${lastString}"`) as string;
    } else if (c === 91 || c === 123) {
      depth++;
      if (c === 91 && key !== undefined && depth === 2 && lastKey === key) {
        targetDepth = 2;
        lines.length = 0;
      }
      if (c === 91 && depth === targetDepth) expectElement = true;
    } else if (closing) {
      depth--;
    } else if (c === 44 && depth === targetDepth) {
      expectElement = true;
    }
  }
  return lines;
}

export async function* readJson(
  source: string,
  chunks: AsyncIterable<string>,
): AsyncGenerator<RawRecord[]> {
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
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof RangeError ? "nested too deeply" : (error as Error).message;
    throw new InputError(source, null, `not valid JSON: ${reason}`);
  }
  let records: unknown = document;
  let key: string | undefined;
  if (typeof document === "object" && document !== null && !Array.isArray(document)) {
    key = Object.keys(document).find((k) => ARRAY_KEYS.has(k.trim().toLowerCase()));
    records = key === undefined ? undefined : (document as Record<string, unknown>)[key];
  }
  if (!Array.isArray(records)) {
    throw new InputError(
      source,
      null,
      "expected a JSON array of records, or an object with a records or shipments array",
    );
  }
  const lines = elementLines(text, key);
  const known = lines.length === records.length;
  const batch: RawRecord[] = records.map((element, index) =>
    known
      ? recordOf(source, lines[index] as number, element)
      : recordOf(source, null, element, index),
  );
  yield batch;
}
