// NDJSON: one JSON object a line, blank lines allowed, streamed line by line.

import { parseNumbersAsText } from "./json-numbers.js";
import { duplicateKeyOf, duplicateKeyProblem } from "./json-scan.js";
import { jsonSyntaxError } from "./json-syntax.js";
import { recordTooLarge } from "./limits.js";
import { LineSplitter, type OnLine } from "./lines.js";
import { FlatReader } from "./ndjson-flat.js";
import { recordOf, UnreadableRecord } from "./raw-records.js";
import { Relay } from "./relay.js";
import type { RawRecord, TakeRecords } from "./types.js";

/** A line through JSON.parse: the general path, and the reference for the fast one. */
export function parseLine(source: string, line: number, text: string): RawRecord {
  let value: unknown;
  try {
    value = parseNumbersAsText(text);
  } catch (error) {
    return new UnreadableRecord(source, line, {
      field: "record",
      code: "invalid_json",
      message: `not valid JSON: ${jsonSyntaxError(text, error).reason}`,
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

/**
 * Reads NDJSON bytes, records handed to `take` as they are read (relay.ts); yields
 * after each chunk how many it took (when any).
 */
export async function* readNdjson(
  source: string,
  chunks: AsyncIterable<Buffer>,
  maxRecordBytes: number,
  take: TakeRecords,
): AsyncGenerator<number> {
  const flat = new FlatReader();
  const lines = new LineSplitter(maxRecordBytes);
  const relay = new Relay(take);
  const onLine: OnLine = (number, bytes, start, end) => {
    const record =
      bytes === null
        ? new UnreadableRecord(source, number, recordTooLarge(maxRecordBytes))
        : readLine(source, number, bytes, start, end, flat);
    if (record !== undefined) relay.hold(record);
  };
  for await (const chunk of chunks) {
    lines.push(chunk, onLine);
    const taken = relay.taken();
    if (taken > 0) yield taken;
  }
  lines.end(onLine);
  const taken = relay.taken();
  if (taken > 0) yield taken;
}
