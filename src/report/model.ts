// The report as people read it, built once from the plain Report: the summary
// line, a block per period with its columns, rows and threshold lines, and the
// sentence for a report without periods. Table, Markdown, HTML, SVG and the
// terminal chart only lay these out, each in its own markup.
import type { PeriodReport, RecordCounts, Report, Tally, Verdict } from "../domain/report.js";
import type { ChartPanel } from "./chart.js";
import { formatBarrels, formatCap, formatPercent } from "./format.js";

/** What every human-readable format says when no period has a record. */
export const NO_PERIOD = "No record falls in a period of the selected regimes.";

/**
 * The record counts, each one that is not zero (contract §11), read always:
 * `records: 12 read, 11 valid, 1 invalid, 2 excluded, 9 counted`.
 */
export function recordsLine(records: RecordCounts): string {
  const { read, ...rest } = records;
  const counts = [`${read} read`];
  for (const [name, count] of Object.entries(rest)) if (count > 0) counts.push(`${count} ${name}`);
  return `records: ${counts.join(", ")}`;
}

/** Whether two periods (of a report, a scenario or a chart) are the same one. */
export function samePeriod(
  a: { readonly regime: string; readonly start: string },
  b: { readonly regime: string; readonly start: string },
): boolean {
  return a.regime === b.regime && a.start === b.start;
}

export type ColumnId =
  | "name"
  | "barrels"
  | "reported"
  | "estimated"
  | "share"
  | "status"
  | "overCap";

export interface Column {
  readonly id: ColumnId;
  readonly heading: string;
  /** Numbers: right-aligned wherever the format can align. */
  readonly numeric: boolean;
}

/** One row of a period's block: a group, the total, or a scenario's total. */
export interface Row {
  readonly tally: Tally;
  /** The total row, printed in bold. */
  readonly emphasis: boolean;
  /** Each column's text; `name` is data text that each format makes safe its own way. */
  readonly cells: Readonly<Record<ColumnId, string>>;
}

/** What the formats print for one period. */
export interface Block {
  readonly period: PeriodReport;
  /** The period's chart, when charts were asked for. */
  readonly panel: ChartPanel | undefined;
  /** `2024-01-01 to 2024-12-31`. */
  readonly dates: string;
  /** The cap in whole barrels with separators, without a unit. */
  readonly cap: string;
  readonly rows: readonly Row[];
  readonly thresholds: readonly string[];
}

export interface ReportView {
  readonly verdict: Verdict;
  /** See `recordsLine`. */
  readonly records: string;
  /** The same columns for every block, so that the blocks line up with each other. */
  readonly columns: readonly Column[];
  /** Empty when no record falls in a period: the formats then print `NO_PERIOD`. */
  readonly blocks: readonly Block[];
}

/** The total's threshold dates in one line: `75% 2024-03-02 · ... · over cap no`. */
function thresholdLine(tally: Tally): string {
  const parts = Object.entries(tally.reached).map(
    ([key, date]) => `${key}% ${date ?? "not reached"}`,
  );
  parts.push(`over cap ${tally.exceededOn ?? "no"}`);
  return parts.join(" · ");
}

function row(name: string, tally: Tally, emphasis: boolean): Row {
  const cells = {
    name,
    barrels: formatBarrels(tally.barrels),
    reported: formatBarrels(tally.reported),
    estimated: formatBarrels(tally.estimated),
    share: formatPercent(tally.share),
    status: tally.status,
    overCap: tally.exceededOn ?? "",
  };
  return { tally, emphasis, cells };
}

type Content = Pick<Block, "period" | "rows" | "thresholds">;

/**
 * A block per period: its groups and total; with scenarios (contract §9), one row
 * per scenario instead, each that scenario's total for the same period.
 */
function contents(report: Report): Content[] {
  if (report.scenarios) {
    const scenarios = report.scenarios;
    return (scenarios[0]?.periods ?? []).map((period) => {
      const rows: Row[] = [];
      const thresholds: string[] = [];
      for (const scenario of scenarios) {
        const same = scenario.periods.find((p) => samePeriod(p, period));
        if (same === undefined) continue;
        const name = `load factor ${scenario.loadFactor}`;
        rows.push(row(name, same.total, false));
        thresholds.push(`${name}: ${thresholdLine(same.total)}`);
      }
      return { period, rows, thresholds };
    });
  }
  return (report.periods ?? []).map((period) => ({
    period,
    rows: [...period.groups.map((g) => row(g.key, g, false)), row("total", period.total, true)],
    thresholds: [thresholdLine(period.total)],
  }));
}

/**
 * The columns: the reported and estimated parts only when some estimated barrels
 * were counted anywhere in the report (contract §9), so that they are worth a column.
 */
function columnsOf(report: Report, by: string, content: readonly Content[]): Column[] {
  const split = content.some((c) => c.rows.some((r) => r.tally.estimated > 0));
  return [
    { id: "name", heading: report.scenarios ? "scenario" : by, numeric: false },
    { id: "barrels", heading: "barrels", numeric: true },
    ...(split
      ? [
          { id: "reported", heading: "reported", numeric: true } as const,
          { id: "estimated", heading: "estimated", numeric: true } as const,
        ]
      : []),
    { id: "share", heading: "% of cap", numeric: true },
    { id: "status", heading: "status", numeric: false },
    { id: "overCap", heading: "over cap", numeric: false },
  ];
}

/** The view of a report grouped `by` a field, with each period's chart among `panels`. */
export function viewOf(report: Report, by: string, panels: readonly ChartPanel[] = []): ReportView {
  const content = contents(report);
  return {
    verdict: report.verdict,
    records: recordsLine(report.records),
    columns: columnsOf(report, by, content),
    blocks: content.map((c) => ({
      ...c,
      panel: panels.find((p) => samePeriod(p.period, c.period)),
      dates: `${c.period.start} to ${c.period.end}`,
      cap: formatCap(c.period.cap.barrels),
    })),
  };
}
