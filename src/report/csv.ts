// CSV: one row per group and per total, cells made safe for spreadsheets (contract §6).
import type { PeriodReport, Report, Tally } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { exactBarrels, exactShare } from "./format.js";

export const CSV_COLUMNS = [
  "regime",
  "period",
  "start",
  "end",
  "scope",
  "key",
  "barrels",
  "reported",
  "estimated",
  "share",
  "status",
  "records",
  "exceeded_on",
] as const;

const FORMULA = /^[=+\-@\t\r]/;

/**
 * Escape sequences and control characters from the data never reach a terminal;
 * then a cell that a spreadsheet could run as a formula is prefixed with `'`. The
 * guard looks at the text as it will be written, or `ESC[31m=1+1` would pass it
 * and come out as `=1+1`, and (as OWASP advises) at a leading tab or CR as given.
 */
export function csvCell(value: string): string {
  const text = safeText(value);
  const safe = FORMULA.test(text) || FORMULA.test(value) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

function tallyCells(tally: Tally): string[] {
  return [
    exactBarrels(tally.barrels),
    exactBarrels(tally.reported),
    exactBarrels(tally.estimated),
    exactShare(tally.share),
    tally.status,
    String(tally.records),
    tally.exceededOn ?? "",
  ];
}

function periodLines(periods: readonly PeriodReport[], lead: readonly string[]): string {
  let out = "";
  for (const p of periods) {
    const head = [...lead, p.regime, p.label, p.start, p.end];
    for (const g of p.groups) out += csvLine([...head, "group", g.key, ...tallyCells(g)]);
    out += csvLine([...head, "total", "", ...tallyCells(p.total)]);
  }
  return out;
}

/** With scenarios (contract §9), a first `scenario` column holds the load factor. */
export function renderCsv(report: Report): string {
  if (report.scenarios) {
    let out = csvLine(["scenario", ...CSV_COLUMNS]);
    for (const s of report.scenarios) out += periodLines(s.periods, [String(s.loadFactor)]);
    return out;
  }
  return csvLine(CSV_COLUMNS) + periodLines(report.periods ?? [], []);
}
