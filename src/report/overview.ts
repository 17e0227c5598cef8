// The overview (contract §13): when a run covers more than one period, a matrix per
// regime with a row per group (or scenario) and a column per period — the periods
// without records too, so that a year nobody reported reads as empty, not as absent.
import { addMonths, previousDay } from "../domain/calendar.js";
import { periodLabel } from "../domain/regimes.js";
import type { PeriodReport, Report, Status, Tally } from "../domain/report.js";
import { bounded, formatTallyPercent, scenarioName } from "./format.js";

export interface OverviewRow {
  readonly name: string;
  /** The total row. */
  readonly emphasis: boolean;
  /** Per column: `≥ 66.74% ok`, or `–` where the row has no record in that period. */
  readonly cells: readonly string[];
  readonly statuses: readonly (Status | undefined)[];
}

export interface Overview {
  /** The regime's title. */
  readonly title: string;
  /** The first column's heading: the --by field, or `scenario`. */
  readonly heading: string;
  /** Period labels, in order, empty periods included. */
  readonly columns: readonly string[];
  readonly rows: readonly OverviewRow[];
}

export const EMPTY_CELL = "–";

/** A tally's share and status in a few words: `≥ 66.74% ok`. */
export function shareStatus(
  t: Pick<Tally, "share" | "status" | "atLeast"> & Partial<Pick<Tally, "reached">>,
): string {
  return `${bounded(formatTallyPercent(t), t.atLeast)} ${t.status}`;
}

interface Column {
  readonly label: string;
  readonly period: PeriodReport | undefined;
}

/** The periods of one regime from its first to its last, the empty ones between filled in. */
function columnsOf(periods: readonly PeriodReport[]): Column[] {
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : 1));
  const first = sorted[0] as PeriodReport;
  // A regime's periods are all as long as its first one: its months to the day after its end.
  const after = dayAfter(first.end);
  const months =
    Number(after.slice(0, 4)) * 12 +
    Number(after.slice(5, 7)) -
    (Number(first.start.slice(0, 4)) * 12 + Number(first.start.slice(5, 7)));
  const columns: Column[] = [];
  sorted.forEach((period, i) => {
    columns.push({ label: period.label, period });
    const next = sorted[i + 1];
    if (next === undefined) return;
    for (let k = 1; ; k++) {
      const start = addMonths(period.start, k * months);
      if (start >= next.start) break;
      const end = previousDay(addMonths(period.start, (k + 1) * months));
      columns.push({ label: periodLabel(start, end), period: undefined });
    }
  });
  return columns;
}

function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Rows by name for one regime's columns: each group's tally in each period. */
function rowsOf(
  columns: readonly Column[],
  scenarioTotals?: (p: PeriodReport) => [string, Tally][],
) {
  const rows = new Map<string, (Tally | undefined)[]>();
  columns.forEach((column, i) => {
    if (column.period === undefined) return;
    const named: [string, Tally][] = scenarioTotals
      ? scenarioTotals(column.period)
      : column.period.groups.map((g) => [g.key, g]);
    for (const [name, tally] of named) {
      let cells = rows.get(name);
      if (cells === undefined) {
        cells = columns.map(() => undefined);
        rows.set(name, cells);
      }
      cells[i] = tally;
    }
  });
  return rows;
}

function overviewRow(name: string, tallies: readonly (Tally | undefined)[], emphasis: boolean) {
  return {
    name,
    emphasis,
    cells: tallies.map((t) => (t ? shareStatus(t) : EMPTY_CELL)),
    statuses: tallies.map((t) => t?.status),
  };
}

/** One matrix per regime, or none when the report covers a single period. */
export function overviewsOf(report: Report, by: string): Overview[] {
  const scenarios = report.scenarios;
  const periods = scenarios ? (scenarios[0]?.periods ?? []) : (report.periods ?? []);
  if (periods.length < 2) return [];
  const regimes = [...new Set(periods.map((p) => p.regime))];
  return regimes.map((regime) => {
    const mine = periods.filter((p) => p.regime === regime);
    const columns = columnsOf(mine);
    const byScenario = scenarios
      ? (period: PeriodReport): [string, Tally][] =>
          scenarios.flatMap((s) => {
            const same = s.periods.find(
              (p) => p.regime === period.regime && p.start === period.start,
            );
            return same ? [[scenarioName(s.loadFactor), same.total] as [string, Tally]] : [];
          })
      : undefined;
    const rows = rowsOf(columns, byScenario);
    const names = scenarios ? [...rows.keys()] : [...rows.keys()].sort();
    return {
      title: (mine[0] as PeriodReport).title,
      heading: scenarios ? "scenario" : by,
      columns: columns.map((c) => c.label),
      rows: [
        ...names.map((name) => overviewRow(name, rows.get(name) ?? [], false)),
        ...(scenarios
          ? []
          : [
              overviewRow(
                "total",
                columns.map((c) => c.period?.total),
                true,
              ),
            ]),
      ],
    };
  });
}
