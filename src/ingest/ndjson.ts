// NDJSON: one JSON object a line, blank lines allowed, streamed line by line.
import { recordOf, UnreadableRecord } from "./raw-records.js";
import type { RawRecord } from "./types.js";

function parseLine(source: string, line: number, text: string): RawRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new UnreadableRecord(source, line, {
      field: "record",
      code: "invalid_json",
      message: `not valid JSON: ${reason}`,
    });
  }
  return recordOf(source, line, value);
}

export async function* readNdjson(
  source: string,
  chunks: AsyncIterable<string>,
): AsyncGenerator<RawRecord[]> {
  let line = 0;
  let rest = "";
  for await (const chunk of chunks) {
    const batch: RawRecord[] = [];
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      line++;
      const content = text.slice(start, end);
      if (content.trim() !== "") batch.push(parseLine(source, line, content));
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (rest.trim() !== "") yield [parseLine(source, line + 1, rest)];
}
