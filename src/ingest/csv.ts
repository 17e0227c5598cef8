// CSV and TSV, streamed record by record (csv-fast.ts, csv-parse). The header is mapped
// to fields once per file; each record carries the line on which it starts.
import { type CsvError, Parser } from "csv-parse";
import { isProblem } from "../domain/rules.js";
import { QuoteFreeLines } from "./csv-fast.js";
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
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field (quote the whole field)",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
};

/**
 * Reads CSV bytes into batches of raw records. Lines without a quote take the
 * fast path (csv-fast.ts); from the first line holding a quote (or longer than a
 * record may be) on, csv-parse reads the rest, or the whole file when `reference`
 * asks for csv-parse alone. csv-parse emits each record synchronously while a
 * chunk is written, with its dataset counters current, so the line a record
 * starts on is the line after the previous record ended plus the blank lines
 * skipped in between. A malformed quote makes the rest of the file ambiguous, so
 * it stops the file with an InputError.
 */
export async function* readCsv(
  source: string,
  chunks: AsyncIterable<Buffer>,
  delimiterOption: string | undefined,
  maxRecordBytes: number,
  reference = false,
): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  let header: RowShape | undefined;
  let width = 0;
  let lastLine = 0;
  /** The line the next record starts on, blank lines skipped. */
  let nextLine = () => lastLine + 1;
  let failure: unknown;
  let fast: QuoteFreeLines | undefined;
  let parser: Parser | undefined;

  const onRecord = (row: string[], line: number) => {
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

  /** csv-parse for the rest of the file, its lines counted on from `offset`. */
  const general = (delimiter: string, offset: number): Parser => {
    const created = new Parser({
      delimiter,
      record_delimiter: "\n",
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: maxRecordBytes,
    });
    lastLine = offset;
    let lastEmpty = 0;
    nextLine = () => lastLine + 1 + (created.info.empty_lines - lastEmpty);
    created.on("data", (row: string[]) => {
      const line = nextLine();
      lastLine = offset + created.info.lines;
      lastEmpty = created.info.empty_lines;
      onRecord(row, line);
    });
    // Errors also surface through `errored` below, synchronously.
    created.on("error", () => {});
    return created;
  };

  let delimiter = ",";
  /** Feeds bytes to the fast path, and to csv-parse from the first line it leaves. */
  const feed = (bytes: Buffer) => {
    if (parser !== undefined) {
      parser.write(bytes);
      return;
    }
    const rest = (fast as QuoteFreeLines).write(bytes);
    lastLine = (fast as QuoteFreeLines).line;
    if (rest === undefined) return;
    parser = general(delimiter, lastLine);
    parser.write(rest);
  };

  const start = (first: Buffer) => {
    const newline = first.indexOf(10);
    const firstLine = first.subarray(0, newline < 0 ? first.length : newline).toString("utf8");
    delimiter = delimiterOption ?? detectDelimiter(firstLine);
    if (reference) parser = general(delimiter, 0);
    else fast = new QuoteFreeLines(delimiter, maxRecordBytes, onRecord);
    feed(first);
  };

  const check = () => {
    failure ??= parser?.errored ?? undefined;
    if (failure === undefined) return;
    if (failure instanceof InputError) throw failure;
    const error = failure as CsvError;
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      throw new InputError(source, nextLine(), `record: ${recordTooLarge(maxRecordBytes).message}`);
    }
    // csv-parse's own messages count lines from where it started reading: not ours.
    const reason = CSV_ERRORS[error.code] ?? error.message.replace(/ at line \d+/g, "");
    throw new InputError(source, nextLine(), `malformed CSV: ${reason}`);
  };

  let pending: Buffer[] = [];
  let pendingSize = 0;
  let started = false;
  for await (const chunk of withLfEndings(chunks)) {
    if (!started) {
      // Wait for the whole header line (up to the record limit) before choosing a delimiter.
      pending.push(chunk);
      pendingSize += chunk.length;
      if (!chunk.includes(10) && pendingSize <= maxRecordBytes) continue;
      started = true;
      start(Buffer.concat(pending));
      pending = [];
    } else {
      feed(chunk);
    }
    check();
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (!started && pending.length > 0) start(Buffer.concat(pending));
  const last = fast?.end();
  if (last !== undefined) {
    parser = general(delimiter, lastLine);
    parser.write(last);
  }
  if (parser !== undefined) {
    const done = new Promise<void>((resolve) => {
      parser?.on("end", resolve);
      parser?.on("error", () => resolve());
    });
    parser.end();
    await done;
  }
  check();
  if (batch.length > 0) yield batch;
}
