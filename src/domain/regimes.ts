// Cap regimes and their periods (contract §4): which records a cap covers, and the
// 12-month (or single) period each record's day falls in.
import { addMonths, previousDay, splitDay } from "./calendar.js";
import { formatRatio, NANO, parseDecimal, type Ratio } from "./decimal.js";

export type Commodity = "refined" | "crude";

export interface Threshold {
  /** The key used in reports: the percentage, e.g. "75". */
  readonly key: string;
  readonly share: Ratio;
}

export interface Regime {
  readonly id: string;
  readonly title: string;
  readonly commodity: Commodity;
  /** The cap in nano-barrels. */
  readonly cap: bigint;
  readonly start: string;
  readonly periodMonths: number;
  /** Set for a regime of one period only. */
  readonly end?: string;
  readonly thresholds: readonly Threshold[];
}

export interface Period {
  readonly regime: Regime;
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/**
 * A period's identity: one period may come as several Period objects (each aggregator
 * and each worker makes its own), so compare these.
 */
export const periodId = (period: Period) => `${period.regime.id}\u0000${period.start}`;

export function threshold(text: string): Threshold {
  const share = parseDecimal(text) as Ratio;
  return { key: formatRatio({ num: share.num * 100n, den: share.den }), share };
}

export const DEFAULT_THRESHOLDS: readonly Threshold[] = ["0.75", "0.9", "0.95"].map(threshold);

export const BUILT_IN_REGIMES: readonly Regime[] = [
  {
    id: "unscr2375-refined-2017",
    title: "UNSCR 2375 (2017) refined petroleum products",
    commodity: "refined",
    cap: 500_000n * NANO,
    start: "2017-10-01",
    periodMonths: 3,
    end: "2017-12-31",
    thresholds: DEFAULT_THRESHOLDS,
  },
  {
    id: "unscr2397-refined",
    title: "UNSCR 2397 (2017) refined petroleum products",
    commodity: "refined",
    cap: 500_000n * NANO,
    start: "2018-01-01",
    periodMonths: 12,
    thresholds: DEFAULT_THRESHOLDS,
  },
  {
    id: "unscr2397-crude",
    title: "UNSCR 2397 (2017) crude oil",
    commodity: "crude",
    cap: 4_000_000n * NANO,
    start: "2017-12-22",
    periodMonths: 12,
    thresholds: DEFAULT_THRESHOLDS,
  },
];

/** A calendar year as `2024`, any other period as the ISO interval `START/END`. */
export function periodLabel(start: string, end: string): string {
  if (start.endsWith("-01-01") && end === `${start.slice(0, 4)}-12-31`) return start.slice(0, 4);
  return `${start}/${end}`;
}

/** The period of `regime` that holds `day`, or undefined. */
export function periodOf(regime: Regime, day: string): Period | undefined {
  if (day < regime.start) return undefined;
  if (regime.end !== undefined) {
    return day <= regime.end
      ? {
          regime,
          start: regime.start,
          end: regime.end,
          label: periodLabel(regime.start, regime.end),
        }
      : undefined;
  }
  const [sy, sm] = splitDay(regime.start);
  const [y, m] = splitDay(day);
  let k = Math.floor(((y - sy) * 12 + (m - sm)) / regime.periodMonths);
  if (addMonths(regime.start, k * regime.periodMonths) > day) k--;
  const start = addMonths(regime.start, k * regime.periodMonths);
  const end = previousDay(addMonths(regime.start, (k + 1) * regime.periodMonths));
  return { regime, start, end, label: periodLabel(start, end) };
}

/**
 * periodOf with the periods met remembered by regime and month: a day's period is
 * looked for among those of its month (two at most) before it is worked out.
 * periodOf builds dates, and once for each day of a file that took 20-30 ms in
 * every thread (issue 16). The same day's period is then the same object.
 */
export class PeriodFinder {
  private readonly byMonth = new Map<string, Period[]>();

  of(regime: Regime, day: string): Period | undefined {
    const month = `${regime.id}\u0000${day.slice(0, 7)}`;
    let known = this.byMonth.get(month);
    if (known === undefined) {
      known = [];
      this.byMonth.set(month, known);
    }
    for (const period of known) if (period.start <= day && day <= period.end) return period;
    const period = periodOf(regime, day);
    if (period !== undefined) known.push(period);
    return period;
  }
}
