import type { PeriodReport, Report, Tally } from "../domain/report.js";

// Shared helpers for the renderers: data text made safe to print, and numbers.

// Escape sequences first (so their parameters go too), then any other control
// character, and the bidirectional overrides that can reorder what a reader sees.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Data text with escape sequences removed and control characters shown as `?`. */
export function safeText(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "?");
}

/** 1234567.5 → "1,234,567.500". */
export function formatBarrels(barrels: number): string {
  const [whole, fraction] = barrels.toFixed(3).split(".");
  return `${(whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

/** Whole barrels with separators, for caps. */
export function formatCap(barrels: number): string {
  return formatBarrels(barrels).replace(/\.000$/, "");
}

/** A share as a percentage: 1.224801 → "122.48%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** The total's threshold dates in one line: `75% 2024-03-02 · ... · over cap no`. */
function thresholdLine(tally: Tally): string {
  const parts = Object.entries(tally.reached).map(
    ([key, date]) => `${key}% ${date ?? "not reached"}`,
  );
  parts.push(`over cap ${tally.exceededOn ?? "no"}`);
  return parts.join(" · ");
}

/** One row of a period's block: a group, the total, or a scenario's total. */
export interface Row {
  readonly name: string;
  readonly tally: Tally;
  /** The total row, printed in bold. */
  readonly emphasis: boolean;
}

/** What the table and Markdown print for one period. */
export interface Block {
  readonly period: PeriodReport;
  /** The first column's heading: the --by field, or `scenario`. */
  readonly heading: string;
  readonly rows: readonly Row[];
  readonly thresholds: readonly string[];
}

/**
 * A block per period: its groups and total; with scenarios (contract §9), one row
 * per scenario instead, each that scenario's total for the same period.
 */
export function blocksOf(report: Report, by: string): Block[] {
  if (report.scenarios) {
    const [first] = report.scenarios;
    return (first?.periods ?? []).map((period) => {
      const rows: Row[] = [];
      const thresholds: string[] = [];
      for (const scenario of report.scenarios ?? []) {
        const same = scenario.periods.find(
          (p) => p.regime === period.regime && p.start === period.start,
        );
        if (same === undefined) continue;
        const name = `load factor ${scenario.loadFactor}`;
        rows.push({ name, tally: same.total, emphasis: false });
        thresholds.push(`${name}: ${thresholdLine(same.total)}`);
      }
      return { period, heading: "scenario", rows, thresholds };
    });
  }
  return (report.periods ?? []).map((period) => ({
    period,
    heading: by,
    rows: [
      ...period.groups.map((g) => ({ name: g.key, tally: g as Tally, emphasis: false })),
      { name: "total", tally: period.total, emphasis: true },
    ],
    thresholds: [thresholdLine(period.total)],
  }));
}

/** Whether any estimated barrels were counted, so that the split is worth columns. */
export function hasEstimates(blocks: readonly Block[]): boolean {
  return blocks.some((b) => b.rows.some((r) => r.tally.estimated > 0));
}

/**
 * Lays out a plain-text table: each column as wide as its widest cell, the
 * columns in `rightAligned` padded on the left; returns one line per row.
 */
export function alignColumns(
  heading: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number>,
): { heading: string; rows: string[] } {
  const widths = heading.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((v, i) =>
        rightAligned.has(i) ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number),
      )
      .join("  ")
      .trimEnd();
  return { heading: line(heading), rows: rows.map(line) };
}
