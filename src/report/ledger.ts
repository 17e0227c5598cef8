// The ledger's four formats (contract §9): table, JSON array, CSV, NDJSON.

import type { LedgerRow } from "../domain/ledger.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { csvLine } from "./csv.js";
import {
  alignedLine,
  bounded,
  columnWidths,
  exactBarrels,
  exactShare,
  formatBarrels,
  formatPercent,
} from "./format.js";
import { flatJson } from "./json.js";

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

// Each format is written row by row (a ledger may hold any number of rows).

/** A JSON array of the rows, laid out as JSON.stringify(rows, null, 2) would, numbers exact. */
export function* renderLedgerJson(rows: Iterable<LedgerRow>): Generator<string> {
  let first = true;
  for (const row of rows) {
    const element = flatJson(row, 2).replaceAll("\n", "\n  ");
    yield `${first ? "[\n  " : ",\n  "}${escapeInvisible(element)}`;
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

export function* renderLedgerNdjson(rows: Iterable<LedgerRow>): Generator<string> {
  for (const row of rows) yield `${escapeInvisible(flatJson(row))}\n`;
}

export function* renderLedgerCsv(rows: Iterable<LedgerRow>): Generator<string> {
  yield csvLine(LEDGER_COLUMNS);
  for (const row of rows) {
    yield csvLine([
      row.date,
      row.file,
      row.line === null ? "" : String(row.line),
      row.key,
      row.product,
      row.quantity,
      row.unit,
      exactBarrels(row, "barrels"),
      row.rule,
      row.regime,
      row.period,
      exactBarrels(row, "runningTotal"),
      exactShare(row, "share"),
      row.mark,
      row.basis,
      String(row.atLeast),
      row.source ?? "",
      row.id ?? "",
    ]);
  }
}

const RIGHT_ALIGNED = new Set([7, 11, 12]);

function* tableCells(rows: Iterable<LedgerRow>): Generator<string[]> {
  // A running total that has summed a lower bound is itself one (§13), until its period ends.
  const boundedPeriods = new Set<string>();
  for (const r of rows) {
    const period = `${r.regime}\u0000${r.period}`;
    if (r.atLeast) boundedPeriods.add(period);
    const runningAtLeast = boundedPeriods.has(period);
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
      bounded(formatPercent(r.share), runningAtLeast),
      r.mark,
    ].map((cell) => safeText(cell).slice(0, 40));
  }
}

/** The aligned table: `rows` is called twice, once to measure the columns, once to lay them out. */
export function* renderLedgerTable(rows: () => Iterable<LedgerRow>, by: string): Generator<string> {
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
  const widths = columnWidths(heading, tableCells(rows()));
  yield `${alignedLine(heading, widths, RIGHT_ALIGNED)}\n`;
  for (const cells of tableCells(rows())) yield `${alignedLine(cells, widths, RIGHT_ALIGNED)}\n`;
}
