// CSV: one row per group and per total, cells made safe for spreadsheets (contract §6).
import type { Changes, PeriodName } from "../domain/baseline.js";
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
  // A lower bound (`>165000`, contract §13) among the tally's records: its barrels
  // and share are at least these. Last, so v1.1's column positions stay.
  "at_least",
] as const;

const FORMULA = /^[=+\-@\t\r]/;

/** Printable ASCII that neither starts like a formula nor needs quotes: a cell as it is (most cells). */
const PLAIN = /^(?![=+\-@])[\x20\x21\x23-\x2b\x2d-\x7e]*$/;

/**
 * Escape sequences and control characters from the data never reach a terminal;
 * then a cell that a spreadsheet could run as a formula is prefixed with `'`. The
 * guard looks at the text as it will be written, or `ESC[31m=1+1` would pass it
 * and come out as `=1+1`, and (as OWASP advises) at a leading tab or CR as given.
 */
export function csvCell(value: string): string {
  if (PLAIN.test(value)) return value;
  const text = safeText(value);
  const safe = FORMULA.test(text) || FORMULA.test(value) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

function tallyCells(tally: Tally): string[] {
  return [
    exactBarrels(tally, "barrels"),
    exactBarrels(tally, "reported"),
    exactBarrels(tally, "estimated"),
    exactShare(tally, "share"),
    tally.status,
    String(tally.records),
    tally.exceededOn ?? "",
    String(tally.atLeast),
  ];
}

/** With `--baseline` (contract §14): each row's barrels and status in the baseline. */
const BASELINE_COLUMNS = ["barrels_before", "status_before"] as const;

/**
 * A row's baseline cells: from its change, else (unchanged) its own; empty when
 * new, when its period or load factor was not compared, and on group rows when
 * the groups were not (grouped or named differently).
 */
type Before = (period: PeriodReport, key: string | null, tally: Tally) => string[];

function beforeOf(
  changes: Changes | undefined,
  loadFactor: number | undefined,
): Before | undefined {
  if (changes === undefined) return undefined;
  const same = (c: PeriodName, period: PeriodReport) =>
    c.regime === period.regime && c.start === period.start && c.loadFactor === loadFactor;
  const skipped =
    loadFactor !== undefined && changes.loadFactorsNotCompared.onlyInRun.includes(loadFactor);
  return (period, key, tally) => {
    if (key !== null && !changes.groupsCompared) return ["", ""];
    if (skipped || changes.periodsNotCompared.some((c) => same(c, period))) return ["", ""];
    const change = changes.periods.find((c) => same(c, period));
    const found = key === null ? change?.total : change?.groups.find((g) => g.key === key);
    const before = found ? found.before : { barrels: tally.barrels, status: tally.status };
    return before ? [exactBarrels(before, "barrels"), before.status] : ["", ""];
  };
}

function periodLines(
  periods: readonly PeriodReport[],
  lead: readonly string[],
  before?: Before,
): string {
  let out = "";
  for (const p of periods) {
    const head = [...lead, p.regime, p.label, p.start, p.end];
    for (const g of p.groups) {
      const extra = before ? before(p, g.key, g) : [];
      out += csvLine([...head, "group", g.key, ...tallyCells(g), ...extra]);
    }
    const extra = before ? before(p, null, p.total) : [];
    out += csvLine([...head, "total", "", ...tallyCells(p.total), ...extra]);
  }
  return out;
}

/** With scenarios (contract §9), a first `scenario` column holds the load factor. */
export function renderCsv(report: Report): string {
  const extra = report.changes ? BASELINE_COLUMNS : [];
  if (report.scenarios) {
    let out = csvLine(["scenario", ...CSV_COLUMNS, ...extra]);
    for (const s of report.scenarios) {
      out += periodLines(s.periods, [String(s.loadFactor)], beforeOf(report.changes, s.loadFactor));
    }
    return out;
  }
  const before = beforeOf(report.changes, undefined);
  return csvLine([...CSV_COLUMNS, ...extra]) + periodLines(report.periods ?? [], [], before);
}
