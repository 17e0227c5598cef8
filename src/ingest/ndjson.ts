// NDJSON: one JSON object a line, blank lines allowed, streamed line by line.

import { parseNumbersAsText } from "./json-numbers.js";
import { duplicateKeyOf, duplicateKeyProblem, jsonSyntaxReason } from "./json-scan.js";
import { recordTooLarge } from "./limits.js";
import { LineSplitter, type OnLine } from "./lines.js";
import { FlatReader } from "./ndjson-flat.js";
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

/**
 * The record of the line `bytes[start, end)`: read by the fast path when it is a
 * flat object (ndjson-flat.ts), else decoded for parseLine; undefined when blank.
 */
export function readLine(
  source: string,
  line: number,
  bytes: Buffer,
  start: number,
  end: number,
  flat: FlatReader,
): RawRecord | undefined {
  const record = flat.read(source, line, bytes, start, end);
  if (record !== undefined) return record;
  const text = bytes.toString("utf8", start, end);
  return text.trim() === "" ? undefined : parseLine(source, line, text);
}

export async function* readNdjson(
  source: string,
  chunks: AsyncIterable<Buffer>,
  maxRecordBytes: number,
): AsyncGenerator<RawRecord[]> {
  const flat = new FlatReader();
  const lines = new LineSplitter(maxRecordBytes);
  let batch: RawRecord[] = [];
  const onLine: OnLine = (number, bytes, start, end) => {
    if (bytes === null) {
      batch.push(new UnreadableRecord(source, number, recordTooLarge(maxRecordBytes)));
      return;
    }
    const record = readLine(source, number, bytes, start, end, flat);
    if (record !== undefined) batch.push(record);
  };
  for await (const chunk of chunks) {
    lines.push(chunk, onLine);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  lines.end(onLine);
  if (batch.length > 0) yield batch;
}
