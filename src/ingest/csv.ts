// CSV and TSV, streamed record by record through csv-parse. The header is mapped
// to fields once per file; each record carries the line on which it starts.
import { type CsvError, Parser } from "csv-parse";
import { isProblem } from "../domain/rules.js";
import { CsvRecord, fieldsOfHeader, RowShape } from "./csv-row.js";
import { recordTooLarge } from "./limits.js";
import { withLfEndings } from "./lines.js";
import { UnreadableRecord } from "./raw-records.js";
import { InputError, type RawRecord } from "./types.js";

const CANDIDATES = [",", ";", "\t", "|"];

/** The candidate delimiter seen most often outside quotes in the header line; `,` on a tie. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && CANDIDATES.includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ",";
  for (const c of CANDIDATES) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
};

/**
 * Reads CSV bytes into batches of raw records. csv-parse emits each record
 * synchronously while a chunk is written, with its dataset counters current, so
 * the line a record starts on is the line after the previous record ended plus
 * the blank lines skipped in between. A malformed quote makes the rest of the
 * file ambiguous, so it stops the file with an InputError.
 */
export async function* readCsv(
  source: string,
  chunks: AsyncIterable<Buffer>,
  delimiterOption: string | undefined,
  maxRecordBytes: number,
): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  let header: RowShape | undefined;
  let width = 0;
  let lastLine = 0;
  let lastEmpty = 0;
  let failure: unknown;
  let parser: Parser | undefined;

  const onRecord = (row: string[], info: { lines: number; empty_lines: number }) => {
    const line = lastLine + 1 + (info.empty_lines - lastEmpty);
    lastLine = info.lines;
    lastEmpty = info.empty_lines;
    if (header === undefined) {
      const fields = fieldsOfHeader(row);
      width = row.length;
      if (isProblem(fields))
        failure = new InputError(source, line, `${fields.field}: ${fields.message}`);
      header = new RowShape(isProblem(fields) ? [] : fields);
      return;
    }
    // A line of white space alone is a blank line, not a record.
    if (row.length === 1 && (row[0] as string).trim() === "") return;
    if (failure !== undefined) return;
    if (row.length !== width) {
      batch.push(
        new UnreadableRecord(source, line, {
          field: "record",
          code: "field_count",
          message: `expected ${width} fields as in the header, got ${row.length}`,
        }),
      );
    } else {
      batch.push(new CsvRecord(source, line, header, row));
    }
  };

  const start = (first: Buffer): Parser => {
    const newline = first.indexOf(10);
    const firstLine = first.subarray(0, newline < 0 ? first.length : newline).toString("utf8");
    const created = new Parser({
      delimiter: delimiterOption ?? detectDelimiter(firstLine),
      record_delimiter: "\n",
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: maxRecordBytes,
    });
    created.on("data", (row: string[]) => onRecord(row, created.info));
    // Errors also surface through `errored` below, synchronously.
    created.on("error", () => {});
    created.write(first);
    return created;
  };

  const check = () => {
    failure ??= parser?.errored ?? undefined;
    if (failure === undefined) return;
    if (failure instanceof InputError) throw failure;
    const error = failure as CsvError;
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      throw new InputError(
        source,
        lastLine + 1,
        `record: ${recordTooLarge(maxRecordBytes).message}`,
      );
    }
    const reason = CSV_ERRORS[error.code] ?? error.message;
    throw new InputError(source, lastLine + 1, `malformed CSV: ${reason}`);
  };

  let pending: Buffer[] = [];
  let pendingSize = 0;
  for await (const chunk of withLfEndings(chunks)) {
    if (parser === undefined) {
      // Wait for the whole header line (up to the record limit) before choosing a delimiter.
      pending.push(chunk);
      pendingSize += chunk.length;
      if (!chunk.includes(10) && pendingSize <= maxRecordBytes) continue;
      parser = start(Buffer.concat(pending));
      pending = [];
    } else {
      parser.write(chunk);
    }
    check();
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (parser === undefined && pending.length > 0) parser = start(Buffer.concat(pending));
  if (parser !== undefined) {
    const done = new Promise<void>((resolve) => {
      parser?.on("end", resolve);
      parser?.on("error", () => resolve());
    });
    parser.end();
    await done;
    check();
  }
  if (batch.length > 0) yield batch;
}
