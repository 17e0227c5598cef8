// What every chart draws (contract §10): per period, the running total of the
// total and of each group (or of each scenario) against the cap.
import type { PeriodReport, PeriodSeries, Point, Report, Tally } from "../domain/report.js";
import { samePeriod } from "./model.js";

export interface ChartLine {
  readonly name: string;
  readonly kind: "total" | "group" | "scenario";
  readonly points: readonly Point[];
  /** A scenario's own total in the panel's period: its status and over-cap date. */
  readonly total?: Tally;
}

export interface ChartPanel {
  readonly period: PeriodReport;
  /** The total (or each scenario's total) first, then the groups. */
  readonly lines: readonly ChartLine[];
}

/** The panels of a report, from the series that check computed beside it. */
export function panelsOf(
  report: Report,
  series: readonly (readonly PeriodSeries[])[],
): ChartPanel[] {
  if (report.scenarios) {
    const scenarios = report.scenarios;
    return (scenarios[0]?.periods ?? []).map((period) => ({
      period,
      lines: scenarios.flatMap((scenario, i) => {
        const points = series[i]?.find((s) => samePeriod(s, period))?.total;
        const total = scenario.periods.find((p) => samePeriod(p, period))?.total;
        return points && total
          ? [
              {
                name: `load factor ${scenario.loadFactor}`,
                kind: "scenario" as const,
                points,
                total,
              },
            ]
          : [];
      }),
    }));
  }
  return (report.periods ?? []).map((period) => {
    const found = series[0]?.find((s) => samePeriod(s, period));
    return {
      period,
      lines: [
        { name: "total", kind: "total" as const, points: found?.total ?? [] },
        ...(found?.groups ?? []).map((g) => ({
          name: g.key,
          kind: "group" as const,
          points: g.points,
        })),
      ],
    };
  });
}

/** The running total at the end of `day`: the last point on or before it. */
export function runningAt(points: readonly Point[], day: string): number {
  let value = 0;
  for (const point of points) {
    if (point.day > day) break;
    value = point.barrels;
  }
  return value;
}
