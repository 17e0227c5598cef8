// The ledger's four formats (contract §9): table, JSON array, CSV, NDJSON.

import { type LedgerLine, type LedgerRow, ledgerRow } from "../domain/ledger-line.js";
import { type LineForm, TEXT_LINES } from "../domain/ledger-lines.js";
import type { Regime } from "../domain/regimes.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { csvLine } from "./csv.js";
import {
  alignedLine,
  bounded,
  columnWidths,
  formatBarrels,
  formatPercent,
  percentFormatter,
  thresholdShares,
} from "./format.js";
import { flatJson } from "./json.js";
import { type CellBytes, CSV_BYTES, ledgerCsvBytes } from "./ledger-csv.js";

// v1.2 (contract §13): the input path is `file`; provenance columns come last, so
// that v1.1's column positions still hold.
export const LEDGER_COLUMNS = [
  "date",
  "file",
  "line",
  "key",
  "product",
  "quantity",
  "unit",
  "barrels",
  "rule",
  "regime",
  "period",
  "runningTotal",
  "share",
  "mark",
  "basis",
  "atLeast",
  "source",
  "id",
] as const;

// Each format is written row by row (a ledger may hold any number of rows), from
// lines whose numbers are exact text (CSV: bytes, ledger-csv.ts); one line object
// serves every row.

/** A JSON array of the rows, laid out as JSON.stringify(rows, null, 2) would, numbers exact. */
export function* renderLedgerJson(lines: Iterable<LedgerLine>): Generator<string> {
  let empty = true;
  for (const element of ledgerJsonElements(lines, true)) {
    empty = false;
    yield element;
  }
  yield empty ? "[]\n" : JSON_END;
}

/** The end of a JSON array of rows, after its last element. */
const JSON_END = "\n]\n";

/** The rows as elements of that array: the first opens it when `opens`, else each follows one before. */
function* ledgerJsonElements(lines: Iterable<LedgerLine>, opens: boolean): Generator<string> {
  let first = opens;
  for (const line of lines) {
    const element = flatJson(ledgerRow(line), 2).replaceAll("\n", "\n  ");
    yield `${first ? "[\n  " : ",\n  "}${escapeInvisible(element)}`;
    first = false;
  }
}

export function* renderLedgerNdjson(lines: Iterable<LedgerLine>): Generator<string> {
  for (const line of lines) yield `${escapeInvisible(flatJson(ledgerRow(line)))}\n`;
}

/** CSV: the header, then the rows as bytes (ledger-csv.ts). */
export function* renderLedgerCsv(
  lines: (form: LineForm<CellBytes>) => Iterable<LedgerLine<CellBytes>>,
): Generator<string | Uint8Array> {
  yield csvLine(LEDGER_COLUMNS);
  yield* ledgerCsvBytes(lines(CSV_BYTES));
}

/**
 * How a format whose rows stand alone is made from lines, span by span (src/ledger-split.ts):
 * what comes before the rows, the rows of a span (`opens`: the span that starts the
 * output, which has a row), and what comes after the last. A piece of bytes holds
 * until the next is asked for.
 */
export const ROW_FORMATS: {
  readonly csv: RowFormat<CellBytes>;
  readonly ndjson: RowFormat<string>;
  readonly json: RowFormat<string>;
} = {
  csv: { form: CSV_BYTES, header: csvLine(LEDGER_COLUMNS), rows: ledgerCsvBytes, end: "" },
  ndjson: { form: TEXT_LINES, header: "", rows: renderLedgerNdjson, end: "" },
  json: { form: TEXT_LINES, header: "", rows: ledgerJsonElements, end: JSON_END },
};

/** A format of rows that stand alone, its lines' texts cells `C`. */
export interface RowFormat<C> {
  readonly form: LineForm<C>;
  readonly header: string;
  rows(lines: Iterable<LedgerLine<C>>, opens: boolean): Iterable<string | Uint8Array>;
  readonly end: string;
}

const RIGHT_ALIGNED = new Set([7, 11, 12]);

/** Each regime's percentages by regime id, read against its thresholds (formatPercent). */
type PercentsById = ReadonlyMap<string, (share: number) => string>;

function* tableCells(lines: Iterable<LedgerLine>, percents: PercentsById): Generator<string[]> {
  // A running total that has summed a lower bound is itself one (§13), until its period ends.
  const boundedPeriods = new Set<string>();
  for (const line of lines) {
    const r: LedgerRow = ledgerRow(line);
    const period = `${r.regime}\u0000${r.period}`;
    if (r.atLeast) boundedPeriods.add(period);
    const runningAtLeast = boundedPeriods.has(period);
    // A running total reads over the cap, and at a threshold, exactly when it is
    // (contract §11): its share does (exact-sum.ts sumShareText), and so does its percentage.
    const percent = percents.get(r.regime)?.(r.share) ?? formatPercent(r.share);
    yield [
      r.date,
      r.line === null ? r.file : `${r.file}:${r.line}`,
      r.id ?? "",
      r.key,
      r.basis,
      r.product,
      `${r.quantity} ${r.unit}`,
      bounded(formatBarrels(r.barrels), r.atLeast),
      r.rule,
      r.regime,
      r.period,
      bounded(formatBarrels(r.runningTotal), runningAtLeast),
      bounded(percent, runningAtLeast),
      r.mark,
    ].map((cell) => safeText(cell).slice(0, 40));
  }
}

/** The aligned table: `lines` is called twice, once to measure the columns, once to lay them out. */
export function* renderLedgerTable(
  lines: () => Iterable<LedgerLine>,
  by: string,
  regimes: readonly Regime[],
): Generator<string> {
  const heading = [
    "date",
    "file:line",
    "id",
    by,
    "basis",
    "product",
    "as given",
    "barrels",
    "rule",
    "regime",
    "period",
    "running total",
    "% of cap",
    "mark",
  ];
  const percents: PercentsById = new Map(
    regimes.map((r) => [r.id, percentFormatter(thresholdShares(r.thresholds))]),
  );
  const widths = columnWidths(heading, tableCells(lines(), percents));
  yield `${alignedLine(heading, widths, RIGHT_ALIGNED)}\n`;
  for (const cells of tableCells(lines(), percents))
    yield `${alignedLine(cells, widths, RIGHT_ALIGNED)}\n`;
}
