// NDJSON: one JSON object a line, blank lines allowed, streamed line by line.
import { duplicateKeyOf, duplicateKeyProblem, jsonSyntaxReason } from "./json-scan.js";
import { recordTooLarge } from "./limits.js";
import { splitLines } from "./lines.js";
import { recordOf, UnreadableRecord } from "./raw-records.js";
import type { RawRecord } from "./types.js";

function parseLine(source: string, line: number, text: string): RawRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
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

export async function* readNdjson(
  source: string,
  chunks: AsyncIterable<Buffer>,
  maxRecordBytes: number,
): AsyncGenerator<RawRecord[]> {
  for await (const lines of splitLines(chunks, maxRecordBytes)) {
    const batch: RawRecord[] = [];
    for (const { number, bytes } of lines) {
      if (bytes === null) {
        batch.push(new UnreadableRecord(source, number, recordTooLarge(maxRecordBytes)));
        continue;
      }
      const text = bytes.toString("utf8");
      if (text.trim() !== "") batch.push(parseLine(source, number, text));
    }
    if (batch.length > 0) yield batch;
  }
}
