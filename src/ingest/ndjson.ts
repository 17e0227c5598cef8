// NDJSON: one JSON object a line, blank lines allowed, streamed line by line.

import { CsvRecord } from "./csv-row.js";
import { parseNumbersAsText } from "./json-numbers.js";
import { duplicateKeyOf, duplicateKeyProblem, jsonSyntaxReason } from "./json-scan.js";
import { recordTooLarge } from "./limits.js";
import { splitLines } from "./lines.js";
import { flatLine, KeyShapes } from "./ndjson-flat.js";
import { recordOf, UnreadableRecord } from "./raw-records.js";
import type { RawRecord } from "./types.js";

/** A line through JSON.parse: the general path, and the reference for the fast one. */
export function parseLine(source: string, line: number, text: string): RawRecord {
  let value: unknown;
  try {
    value = parseNumbersAsText(text);
  } catch (error) {
    return new UnreadableRecord(source, line, {
      field: "record",
      code: "invalid_json",
      message: `not valid JSON: ${jsonSyntaxReason(error)}`,
    });
  }
  const duplicate =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? duplicateKeyOf(text, Object.keys(value).length)
      : undefined;
  if (duplicate !== undefined) {
    return new UnreadableRecord(source, line, duplicateKeyProblem(duplicate));
  }
  return recordOf(source, line, value);
}

/** A line read by the fast path when it is a flat object (ndjson-flat.ts), else by parseLine. */
export function readLine(source: string, line: number, text: string, shapes: KeyShapes): RawRecord {
  const flat = flatLine(text);
  const shape = flat === undefined ? null : shapes.shapeOf(flat);
  return flat === undefined || shape === null
    ? parseLine(source, line, text)
    : new CsvRecord(source, line, shape, flat.values);
}

export async function* readNdjson(
  source: string,
  chunks: AsyncIterable<Buffer>,
  maxRecordBytes: number,
): AsyncGenerator<RawRecord[]> {
  const shapes = new KeyShapes();
  for await (const lines of splitLines(chunks, maxRecordBytes)) {
    const batch: RawRecord[] = [];
    for (const { number, bytes } of lines) {
      if (bytes === null) {
        batch.push(new UnreadableRecord(source, number, recordTooLarge(maxRecordBytes)));
        continue;
      }
      const text = bytes.toString("utf8");
      if (text.trim() !== "") batch.push(readLine(source, number, text, shapes));
    }
    if (batch.length > 0) yield batch;
  }
}
