// The ledger's four formats (contract §9): table, JSON array, CSV, NDJSON.

import type { LedgerRow } from "../domain/ledger.js";
import { escapeInvisible, safeText } from "../domain/sanitize.js";
import { csvLine } from "./csv.js";
import { alignColumns, exactBarrels, exactShare, formatBarrels, formatPercent } from "./format.js";

export const LEDGER_COLUMNS = [
  "date",
  "source",
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
] as const;

export function renderLedgerJson(rows: readonly LedgerRow[]): string {
  return `${escapeInvisible(JSON.stringify(rows, null, 2))}\n`;
}

export function renderLedgerNdjson(rows: readonly LedgerRow[]): string {
  return rows.map((row) => `${escapeInvisible(JSON.stringify(row))}\n`).join("");
}

export function renderLedgerCsv(rows: readonly LedgerRow[]): string {
  let out = csvLine(LEDGER_COLUMNS);
  for (const row of rows) {
    out += csvLine([
      row.date,
      row.source,
      row.line === null ? "" : String(row.line),
      row.key,
      row.product,
      row.quantity,
      row.unit,
      exactBarrels(row.barrels),
      row.rule,
      row.regime,
      row.period,
      exactBarrels(row.runningTotal),
      exactShare(row.share),
      row.mark,
    ]);
  }
  return out;
}

export function renderLedgerTable(rows: readonly LedgerRow[], by: string): string {
  const heading = [
    "date",
    "source:line",
    by,
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
  const cells = rows.map((r) =>
    [
      r.date,
      r.line === null ? r.source : `${r.source}:${r.line}`,
      r.key,
      r.product,
      `${r.quantity} ${r.unit}`,
      formatBarrels(r.barrels),
      r.rule,
      r.regime,
      r.period,
      formatBarrels(r.runningTotal),
      formatPercent(r.share),
      r.mark,
    ].map((cell) => safeText(cell).slice(0, 40)),
  );
  const laid = alignColumns(heading, cells, new Set([5, 9, 10]));
  return `${[laid.heading, ...laid.rows].join("\n")}\n`;
}
