// The report as people read it, built once from the plain Report: the summary
// line, a block per period with its columns, rows and threshold lines, and the
// sentence for a report without periods. Table, Markdown, HTML, SVG and the
// terminal chart only lay these out, each in its own markup.

import { counted } from "../domain/issues.js";
import { formatCount } from "../domain/number-format.js";
import type {
  OfficialTally,
  PeriodReport,
  RecordCounts,
  Report,
  ReportingGap,
  Tally,
  Verdict,
} from "../domain/report.js";
import type { ChartPanel } from "./chart.js";
import { factorsLine } from "./factors-line.js";
import {
  bounded,
  formatExactBarrels,
  formatExactCap,
  formatTallyPercent,
  scenarioName,
} from "./format.js";
import { type Overview, overviewsOf, shareStatus } from "./overview.js";

/** What every human-readable format says when no period has a record. */
export const NO_PERIOD = "No record falls in a period of the selected regimes.";

/**
 * The record counts, each one that is not zero (contract §11), read always:
 * `records: 12 read, 11 valid, 1 invalid, 2 excluded, 9 counted`.
 */
export function recordsLine(records: RecordCounts): string {
  const { read, ...rest } = records;
  const counts = [`${formatCount(read)} read`];
  for (const [name, count] of Object.entries(rest)) {
    if (count > 0) counts.push(`${formatCount(count)} ${name}`);
  }
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
  | "overCap"
  | "official";

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
  /** `official tally: 33.74% ok · with estimates: ≥ 66.74% ok`, where estimates were counted. */
  readonly official: string | undefined;
  /** Per exporter with months not reported, its key (data text) and `2024-09 to 2024-12 (4 months)`. */
  readonly gaps: readonly { readonly key: string; readonly months: string }[];
  /** Said instead of the gaps when the report worked none out (`gaps` null: `--basis estimated`). */
  readonly gapsLeftOut: string | undefined;
  /**
   * `after the 95% notice (2023-03-05): 35,000.000 bbl in 2 records`, when any were;
   * with scenarios, one per scenario that had any, led by its name as its thresholds are.
   */
  readonly afterNotice: readonly string[];
}

export interface ReportView {
  readonly verdict: Verdict;
  /** With scenarios, whose verdict it is: `load factor 0.1, the first scenario` (§11). */
  readonly verdictScenario: string | undefined;
  /** `official tally: ok`, where estimates were counted: the verdict of reported records alone. */
  readonly officialVerdict: string | undefined;
  /** Group × period matrices, one per regime, when the run covers more than one period. */
  readonly overviews: readonly Overview[];
  /** See `recordsLine`. */
  readonly records: string;
  /** See `factorsLine`: the factors not the 1718 Committee's, when any. */
  readonly factors: string | undefined;
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

/** An official tally's share and status; null: not counted (`--basis estimated`). */
function officialCell(official: OfficialTally | null): string {
  if (official === null) return "not counted";
  const over = official.exceededOn === null ? "" : ` ${official.exceededOn}`;
  return `${shareStatus(official)}${over}`;
}

function row(name: string, tally: Tally, emphasis: boolean): Row {
  const cells = {
    name,
    barrels: bounded(formatExactBarrels(tally, "barrels"), tally.atLeast),
    reported: bounded(formatExactBarrels(tally, "reported"), tally.official?.atLeast === true),
    estimated: formatExactBarrels(tally, "estimated"),
    share: bounded(formatTallyPercent(tally), tally.atLeast),
    status: tally.status,
    overCap: tally.exceededOn ?? "",
    official: officialCell(tally.official),
  };
  return { tally, emphasis, cells };
}

/** Months as runs: `2024-02 to 2024-04, 2024-07 (4 months)`. */
function gapLine(gap: ReportingGap): { key: string; months: string } {
  const runs: string[][] = [];
  for (const month of gap.months) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last !== undefined && nextMonth(last) === month) run.push(month);
    else runs.push([month]);
  }
  const text = runs.map((r) => (r.length === 1 ? r[0] : `${r[0]} to ${r.at(-1)}`)).join(", ");
  const n = gap.months.length;
  return { key: gap.key, months: `${text} (${n} month${n === 1 ? "" : "s"})` };
}

/** A period's gap lines; none where no gaps were worked out (the view says so). */
function gapLines(period: PeriodReport): { key: string; months: string }[] {
  return (period.gaps ?? []).map(gapLine);
}

function nextMonth(month: string): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** What came after the last notice: the Committee then asks states to stop supplying (§13). */
function afterNoticeLine(total: Tally): string | undefined {
  const { records, atLeast } = total.afterNotice;
  const key = Object.keys(total.reached).at(-1);
  if (records === 0 || key === undefined) return undefined;
  const barrels = formatExactBarrels(total.afterNotice, "barrels");
  return `after the ${key}% notice (${total.reached[key]}): ${bounded(barrels, atLeast)} bbl in ${counted(records, "record")}`;
}

/** With scenarios, each row holds its own with-estimates figure; the official one is theirs in common. */
function officialLine(total: Tally, scenarios: boolean): string {
  const withEstimates = scenarios
    ? "the same in every scenario"
    : `with estimates: ${shareStatus(total)}`;
  return `official tally: ${officialCell(total.official)} · ${withEstimates}`;
}

type Content = Pick<Block, "period" | "rows" | "thresholds" | "gaps" | "afterNotice">;

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
      const afterNotice: string[] = [];
      for (const scenario of scenarios) {
        const same = scenario.periods.find((p) => samePeriod(p, period));
        if (same === undefined) continue;
        const name = scenarioName(scenario.loadFactor);
        rows.push(row(name, same.total, false));
        thresholds.push(`${name}: ${thresholdLine(same.total)}`);
        // Each scenario reaches 95 % on its own day, if at all: its own line, named.
        const after = afterNoticeLine(same.total);
        if (after !== undefined) afterNotice.push(`${name}: ${after}`);
      }
      // The official tally is the same in every scenario: reported records carry no load factor.
      return { period, rows, thresholds, gaps: gapLines(period), afterNotice };
    });
  }
  return (report.periods ?? []).map((period) => ({
    period,
    rows: [...period.groups.map((g) => row(g.key, g, false)), row("total", period.total, true)],
    thresholds: [thresholdLine(period.total)],
    gaps: gapLines(period),
    afterNotice: [afterNoticeLine(period.total) ?? []].flat(),
  }));
}

/** Whether any estimated barrels were counted anywhere in the report. */
function hasEstimates(content: readonly Content[]): boolean {
  return content.some((c) => c.rows.some((r) => r.tally.estimated > 0));
}

/**
 * The columns: the reported and estimated parts only when some estimated barrels
 * were counted anywhere in the report (contract §9), so that they are worth a column.
 */
function columnsOf(report: Report, by: string, split: boolean, official: boolean): Column[] {
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
    // Beside the with-estimates status, the reported records' own (contract §13).
    ...(official ? [{ id: "official", heading: "official tally", numeric: false } as const] : []),
  ];
}

/** Why the report has no official tally and no reporting gaps (null in the JSON). */
const REPORTED_LEFT_OUT = "--basis estimated leaves the reported records out";
const OFFICIAL_LEFT_OUT = `official tally: not counted: ${REPORTED_LEFT_OUT}`;
const GAPS_LEFT_OUT = `reporting gaps: not worked out: ${REPORTED_LEFT_OUT}`;

/**
 * The view of a report grouped `by` a field, with each period's chart among `panels`.
 * Where the report counted no official tally (`officialVerdict` null: `--basis
 * estimated`) or worked out no gaps (`gaps` null), the view says it left them
 * out, as the JSON does.
 */
export function viewOf(report: Report, by: string, panels: readonly ChartPanel[] = []): ReportView {
  const content = contents(report);
  const split = hasEstimates(content);
  const official = split && report.officialVerdict !== null;
  return {
    verdict: report.verdict,
    verdictScenario: report.scenarios?.[0]
      ? `${scenarioName(report.scenarios[0].loadFactor)}, the first scenario`
      : undefined,
    officialVerdict: official ? `official tally: ${report.officialVerdict}` : undefined,
    overviews: overviewsOf(report, by),
    records: recordsLine(report.records),
    factors: factorsLine(report.settings),
    columns: columnsOf(report, by, split, official),
    blocks: content.map((c) => ({
      ...c,
      official: !split
        ? undefined
        : official
          ? officialLine(c.period.total, report.scenarios !== undefined)
          : OFFICIAL_LEFT_OUT,
      gapsLeftOut: c.period.gaps === null ? GAPS_LEFT_OUT : undefined,
      panel: panels.find((p) => samePeriod(p.period, c.period)),
      dates: `${c.period.start} to ${c.period.end}`,
      cap: formatExactCap(c.period.cap),
    })),
  };
}
