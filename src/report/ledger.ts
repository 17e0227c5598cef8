// The ledger's four formats (contract §9): table, JSON array, CSV, NDJSON.

import { type LedgerLine, type LedgerRow, ledgerRow } from "../domain/ledger-line.js";
import { type LineForm, TEXT_LINES } from "../domain/ledger-lines.js";
import type { Regime } from "../domain/regimes.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { csvLine } from "./csv.js";
import { fitColumns, leftOutLine, type Yield } from "./fit.js";
import {
  alignedLine,
  bounded,
  columnWidths,
  formatExactBarrels,
  formatPercent,
  percentFormatter,
  thresholdShares,
} from "./format.js";
import { flatJson } from "./json.js";
import { type CellBytes, CSV_BYTES, ledgerCsvBytes } from "./ledger-csv.js";
import { cutMiddle, displayWidth, truncate, wrap } from "./width.js";

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

/** The table's columns, in order (`by`: the group key's heading). */
function tableColumns(by: string) {
  return [
    { id: "date", heading: "date" },
    { id: "fileLine", heading: "file:line" },
    { id: "id", heading: "id" },
    { id: "key", heading: by },
    { id: "basis", heading: "basis" },
    { id: "product", heading: "product" },
    { id: "asGiven", heading: "as given" },
    { id: "barrels", heading: "barrels" },
    { id: "rule", heading: "rule" },
    { id: "regime", heading: "regime" },
    { id: "period", heading: "period" },
    { id: "runningTotal", heading: "running total" },
    { id: "share", heading: "% of cap" },
    { id: "mark", heading: "mark" },
  ] as const;
}

type TableColumnId = ReturnType<typeof tableColumns>[number]["id"];

const RIGHT_ALIGNED: ReadonlySet<TableColumnId> = new Set(["barrels", "runningTotal", "share"]);

/**
 * What gives way, in order, until every row fits the width, the least needed
 * first: the regime (a run mostly has one, and the product says which), the period
 * (the date says which), the quantity as given (the rule and barrels say what it
 * made); paths and names are cut before the columns that explain a figure go. The
 * date, file:line, product, barrels, running total, % of cap and mark always stay;
 * --format csv keeps every column whole.
 */
const LEDGER_YIELDS: readonly Yield<TableColumnId>[] = [
  { drop: ["regime"] },
  { cut: "fileLine", to: 24 },
  { cut: "key", to: 20 },
  { drop: ["period"] },
  { drop: ["asGiven"] },
  { drop: ["id"] },
  { drop: ["rule"] },
  { cut: "fileLine", to: 16 },
  { cut: "key", to: 12 },
  { drop: ["basis"] },
  { cut: "fileLine", to: 12 },
  { cut: "key", to: 10 },
  { drop: ["key"] },
];

/** Cells wider than this are cut with `…`; file:line only to fit the width (shortPath). */
const MAX_CELL_WIDTH = 40;
const FILE_LINE = 1;

/** A cell cut to MAX_CELL_WIDTH; one of half as many UTF-16 units is never wider (fast path). */
const capped = (cell: string): string =>
  cell.length * 2 <= MAX_CELL_WIDTH ? cell : truncate(cell, MAX_CELL_WIDTH);

/**
 * `file:line` in at most `width` columns, cut in the middle as file managers cut
 * paths: the directories give way first (`fixtures…/committee-2024.csv:2`,
 * `…/committee-2024.csv:2`), then the middle of the file's name
 * (`commit…24.csv:2`); the line number always stays, and a `…` marks every cut.
 */
function shortPath(cell: string, width: number): string {
  if (displayWidth(cell) <= width) return cell;
  const slash = Math.max(cell.lastIndexOf("/"), cell.lastIndexOf("\\"));
  const name = cell.slice(slash + 1);
  const nameWidth = displayWidth(name);
  if (slash >= 0 && nameWidth + 2 <= width) {
    // A start of a few columns (`f…/`) says nothing: then `…/` alone stands for the directories.
    if (width - nameWidth - 2 < 4) return `…${cell.slice(slash)}`;
    return cutMiddle(cell, width, nameWidth + 1);
  }
  if (slash >= 0 && nameWidth + 1 <= width) return `…${name}`;
  // Cut short of the width if need be, so that a name without its directories has its `…`.
  const room = slash >= 0 ? Math.min(width, nameWidth - 1) : width;
  const line = displayWidth(/:\d+$/.exec(name)?.[0] ?? "");
  return cutMiddle(name, room, line + Math.floor((room - 1 - line) / 2));
}

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
      bounded(formatExactBarrels(r, "barrels"), r.atLeast),
      r.rule,
      r.regime,
      r.period,
      bounded(formatExactBarrels(r, "runningTotal"), runningAtLeast),
      bounded(percent, runningAtLeast),
      r.mark,
    ].map((cell, i) => (i === FILE_LINE ? safeText(cell) : capped(safeText(cell))));
  }
}

/**
 * The aligned table, fitted to `width` columns (LEDGER_YIELDS), with a last line
 * naming the columns left out: `lines` is called twice, once to measure the
 * columns, once to lay them out.
 */
export function* renderLedgerTable(
  lines: () => Iterable<LedgerLine>,
  by: string,
  regimes: readonly Regime[],
  width: number,
): Generator<string> {
  const columns = tableColumns(by);
  const heading = columns.map((c) => c.heading);
  const percents: PercentsById = new Map(
    regimes.map((r) => [r.id, percentFormatter(thresholdShares(r.thresholds))]),
  );
  const measured = columnWidths(heading, tableCells(lines(), percents));
  const fit = fitColumns(
    columns.map((c, i) => ({
      id: c.id,
      width: measured[i] as number,
      heading: displayWidth(c.heading),
    })),
    LEDGER_YIELDS,
    width,
  );
  // Date and file:line never give way: they stay the first two columns.
  const kept = columns.flatMap((c, i) => (fit.kept.includes(c.id) ? [i] : []));
  const widths = kept.map((i) => fit.widths.get(columns[i]?.id as TableColumnId) as number);
  const rightAligned = new Set(
    kept.flatMap((i, k) => (RIGHT_ALIGNED.has(columns[i]?.id as TableColumnId) ? [k] : [])),
  );
  const keyAt = kept.findIndex((i) => columns[i]?.id === "key");
  const laid = (cells: readonly string[]) => {
    const row = kept.map((i) => cells[i] as string);
    row[FILE_LINE] = shortPath(row[FILE_LINE] as string, widths[FILE_LINE] as number);
    if (keyAt >= 0) row[keyAt] = truncate(row[keyAt] as string, widths[keyAt] as number);
    return `${alignedLine(row, widths, rightAligned)}\n`;
  };
  yield laid(heading);
  for (const cells of tableCells(lines(), percents)) yield laid(cells);
  const left = columns.filter((c) => !fit.kept.includes(c.id)).map((c) => c.heading);
  if (left.length > 0) {
    const note = leftOutLine(left, width, "--format csv shows every column");
    yield `\n${wrap(note, width).join("\n")}\n`;
  }
}
