// Contract §1 sniffing: the first non-blank byte `[` is JSON, `{` is NDJSON, else
// CSV. Only new bytes are searched, and at most one line's worth is held, so a
// huge first line or a document with no line ending costs linear time.

import type { InputFormat } from "./types.js";

const BLANK = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const ARRAY_KEYS = new Set(["records", "shipments"]);

/**
 * A first line that starts with `{` is NDJSON when it is a whole JSON object
 * that is not itself a document (an object holding a `records` or `shipments`
 * array); otherwise it opens a JSON document, pretty-printed or on one line. A
 * first line longer than the window cannot be a record a reader would hold, so it
 * is read as a document too.
 */
function formatOfObjectLine(line: string): InputFormat {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "json";
  }
  const isDocument =
    typeof value === "object" &&
    value !== null &&
    Object.entries(value).some(
      ([key, inner]) => ARRAY_KEYS.has(key.trim().toLowerCase()) && Array.isArray(inner),
    );
  return isDocument ? "json" : "ndjson";
}

/**
 * Reads chunks from `chunks` until the format is known; returns it with the
 * chunks read, which the reader must see again. `window` bounds the bytes of a
 * first line held to decide between NDJSON and JSON.
 */
export async function sniffFormat(
  chunks: AsyncIterator<Buffer>,
  window: number,
): Promise<{ format: InputFormat; seen: Buffer[] }> {
  const seen: Buffer[] = [];
  let line: Buffer[] | undefined;
  let lineSize = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    const chunk = next.value;
    seen.push(chunk);
    let start = 0;
    if (line === undefined) {
      while (start < chunk.length && BLANK.has(chunk[start] as number)) start++;
      if (start === chunk.length) continue;
      if (chunk[start] === 0x5b) return { format: "json", seen };
      if (chunk[start] !== 0x7b) return { format: "csv", seen };
      line = [];
    }
    const lf = chunk.indexOf(0x0a, start);
    const cr = chunk.indexOf(0x0d, start);
    const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const part = chunk.subarray(start, end < 0 ? chunk.length : end);
    lineSize += part.length;
    if (lineSize > window) return { format: "json", seen };
    line.push(part);
    if (end >= 0) return { format: formatOfObjectLine(Buffer.concat(line).toString()), seen };
  }
  const format = line === undefined ? "csv" : formatOfObjectLine(Buffer.concat(line).toString());
  return { format, seen };
}
