// CSV and TSV, streamed record by record (csv-fast.ts, csv-parse). The header is mapped
// to fields once per file; each record carries the line on which it starts.
import type { CsvError, Parser } from "csv-parse";
import type { Issue } from "../domain/issues.js";
import { type NumberFormat, numberReadingOf } from "../domain/number-format.js";
import { isProblem } from "../domain/rules.js";
import { safeText } from "../domain/sanitize.js";
import { QuoteFreeLines } from "./csv-fast.js";
import { delimiterLine, detectDelimiter, HEADER_TESTS } from "./csv-header.js";
import { CsvRecord, fieldsOfHeader, RowShape } from "./csv-row.js";
import { chooseHeader, HEADER_SEARCH_LINES, type LineRow } from "./header-line.js";
import { recordTooLarge } from "./limits.js";
import { lineFeedsIn, withLfEndings } from "./lines.js";
import { UnreadableRecord } from "./raw-records.js";
import { Relay } from "./relay.js";
import { InputError, type TakeRecords } from "./types.js";

const CSV_ERRORS: Record<string, string> = {
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field (quote the whole field)",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote in a quoted field",
};

/** csv-parse's parser, loaded when a file first needs it: most never do (issue 16). */
let parserClass: typeof Parser | undefined;

async function loadParser(): Promise<typeof Parser> {
  parserClass ??= (await import("csv-parse")).Parser;
  return parserClass;
}

/** What the CSV reader needs beyond the bytes. */
export interface CsvOptions {
  readonly delimiter?: string;
  readonly maxRecordBytes: number;
  /** The header's line (contract §12); lines above it are skipped. */
  readonly headerLine?: number;
  /** Hears the file's warnings (the columns no field took). */
  readonly onWarning?: (warning: Issue) => void;
  /** How number cells read (contract §11); `auto` when not given. */
  readonly numberFormat?: NumberFormat;
  /** Whether the bytes were UTF-16 (known once the first chunk is read): Excel's Unicode text. */
  readonly decodedFromUtf16?: () => boolean;
  /** Read with csv-parse alone, the reference the fast path is tested against. */
  readonly reference?: boolean;
}

/** A row whose number of fields is not the header's. */
function fieldCount(source: string, line: number, width: number, got: number): UnreadableRecord {
  return new UnreadableRecord(source, line, {
    field: "record",
    code: "field_count",
    message: `expected ${width} fields as in the header, got ${got}`,
  });
}

/** Column names for a warning: each made safe and short, at most twenty of them. */
function ignoredList(names: readonly string[]): string {
  const shown = names
    .slice(0, 20)
    .map((name) => safeText(name.length > 40 ? `${name.slice(0, 40)}…` : name));
  return names.length > 20 ? `${shown.join(", ")} and ${names.length - 20} more` : shown.join(", ");
}

/**
 * Reads CSV bytes into raw records, handed to `take` as they are read (relay.ts);
 * yields after each chunk how many it took (when any). Lines without a quote take the
 * fast path (csv-fast.ts); from the first line holding a quote (or longer than a
 * record may be) on, csv-parse reads the rest, or the whole file when `reference`
 * asks for csv-parse alone. csv-parse emits each record synchronously while a
 * chunk is written, with its dataset counters current, so the line a record
 * starts on is the line after the previous record ended plus the blank lines
 * skipped in between. The first rows wait until the header is chosen
 * (header-line.ts). A malformed quote makes the rest of the file ambiguous, so
 * it stops the file with an InputError.
 */
export async function* readCsv(
  source: string,
  chunks: AsyncIterable<Buffer>,
  options: CsvOptions,
  take: TakeRecords,
): AsyncGenerator<number> {
  const { maxRecordBytes, headerLine } = options;
  const relay = new Relay(take);
  let header: RowShape | undefined;
  let width = 0;
  let lastLine = 0;
  /** The line the next record starts on, blank lines skipped. */
  let nextLine = () => lastLine + 1;
  let failure: unknown;
  let fast: QuoteFreeLines | undefined;
  let parser: Parser | undefined;
  /** The first rows, held until the header is chosen. */
  let early: LineRow[] | undefined = [];

  const takeHeader = (row: readonly string[], line: number) => {
    const fields = fieldsOfHeader(row);
    width = row.length;
    if (isProblem(fields)) {
      failure = new InputError(source, line, `${fields.field}: ${fields.message}`);
      header = new RowShape([]);
      return;
    }
    header = new RowShape(
      fields.fields,
      fields.unit,
      numberReadingOf(
        options.numberFormat ?? "auto",
        delimiter,
        options.decodedFromUtf16?.() ?? false,
      ),
    );
    fast?.readValues(header.cellRules(width), takeValues);
    if (fields.ignored.length > 0) {
      options.onWarning?.({
        severity: "warning",
        source,
        line,
        field: null,
        code: "ignored_columns",
        message: `ignored columns: ${ignoredList(fields.ignored)}`,
      });
    }
  };

  // A row whose every cell is white space is a blank line, not a record: a
  // spreadsheet saves its empty rows as `,,,,` (csv-fast.ts isEmptyLine, the same).
  const isBlankRow = (row: readonly string[]) => row.every((cell) => cell.trim() === "");

  /** Chooses the header among the rows held, then reads the rest of them. */
  const settle = () => {
    const rows = (early ?? []).filter((row) => !isBlankRow(row.cells));
    early = undefined;
    const choice = chooseHeader(rows, headerLine, HEADER_TESTS);
    if ("problem" in choice) {
      failure = new InputError(source, choice.line, choice.problem);
      return;
    }
    const first = rows[choice.header];
    if (first === undefined) return;
    takeHeader(first.cells, first.line);
    for (const row of rows.slice(choice.header + 1)) takeRow(row.cells, row.line);
  };

  const onRecord = (row: string[], line: number) => {
    if (early !== undefined) {
      early.push({ cells: row, line });
      if (line >= (headerLine ?? HEADER_SEARCH_LINES)) settle();
      return;
    }
    takeRow(row, line);
  };

  const takeRow = (row: readonly string[], line: number) => {
    if (header === undefined || isBlankRow(row)) return;
    if (failure !== undefined) return;
    if (row.length !== width) relay.hold(fieldCount(source, line, width, row.length));
    else relay.hold(new CsvRecord(source, line, header, row));
  };

  /** A row the fast path read as values (its header's cellRules). */
  const takeValues = (values: unknown[], line: number) => {
    if (header === undefined || failure !== undefined) return;
    if (values.length !== width) relay.hold(fieldCount(source, line, width, values.length));
    else relay.hold(new CsvRecord(source, line, header, values, true));
  };

  /** csv-parse for the rest of the file, its lines counted on from `offset`. */
  const general = async (delimiter: string, offset: number): Promise<Parser> => {
    const created = new (await loadParser())({
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
  const feed = async (bytes: Buffer) => {
    if (parser !== undefined) {
      parser.write(bytes);
      return;
    }
    const rest = (fast as QuoteFreeLines).write(bytes);
    lastLine = (fast as QuoteFreeLines).line;
    if (rest === undefined) return;
    parser = await general(delimiter, lastLine);
    parser.write(rest);
  };

  const linesWanted = Math.max(headerLine ?? 1, HEADER_SEARCH_LINES);
  const start = async (first: Buffer) => {
    const lines = first.toString("utf8").split("\n", linesWanted);
    delimiter = options.delimiter ?? detectDelimiter(delimiterLine(lines, headerLine));
    if (options.reference) parser = await general(delimiter, 0);
    else fast = new QuoteFreeLines(delimiter, maxRecordBytes, onRecord);
    await feed(first);
  };

  const check = () => {
    const errored = parser?.errored ?? undefined;
    if (early !== undefined && failure === undefined && errored !== undefined) {
      // Rows before a malformed line are still records (each invalid one named), but the
      // malformed line, not a header chosen short of the rows wanted, is what ends the file.
      settle();
      failure = errored;
    }
    failure ??= errored;
    if (failure === undefined) return;
    // The records before the failure are validated first: each invalid one is still named.
    relay.pass();
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
  let newlines = 0;
  let started = false;
  for await (const chunk of withLfEndings(chunks)) {
    if (!started) {
      // Wait for the lines the header and the delimiter are chosen among (up to the record limit).
      pending.push(chunk);
      pendingSize += chunk.length;
      newlines += lineFeedsIn(chunk);
      if (newlines < linesWanted && pendingSize <= maxRecordBytes) continue;
      started = true;
      await start(Buffer.concat(pending));
      pending = [];
    } else {
      await feed(chunk);
    }
    check();
    const taken = relay.taken();
    if (taken > 0) yield taken;
  }
  if (!started && pending.length > 0) await start(Buffer.concat(pending));
  const last = fast?.end();
  if (last !== undefined) {
    parser = await general(delimiter, lastLine);
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
  // A malformed line among the rows held: check() settles them first.
  if (early !== undefined && failure === undefined && !parser?.errored) settle();
  check();
  const taken = relay.taken();
  if (taken > 0) yield taken;
}
