// Cap regimes and their periods (contract §4): which records a cap covers, and the
// 12-month (or single) period each record's day falls in.
import { z } from "zod";
import { formatRatio, NANO, parseDecimal, type Ratio, toNano } from "./decimal.js";
import { daysInMonth } from "./record.js";

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

function threshold(text: string): Threshold {
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

const pad2 = (n: number) => String(n).padStart(2, "0");

function splitDay(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** The day `months` months after `day`, its day of month clamped to the month's length. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = splitDay(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatDay(year, month, Math.min(d, daysInMonth(year, month)));
}

export function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function periodLabel(start: string, end: string): string {
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

/** A positive decimal written as a JSON number or a string. */
const positiveDecimal = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ratio = parseDecimal(String(value));
  if (ratio === undefined || ratio.num === 0n) {
    ctx.addIssue({
      code: "custom",
      message: `expected a positive number, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ratio;
});

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((day) => {
    const [y, m, d] = splitDay(day);
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  }, "not a calendar date");

/** One regime of a `--caps` file (contract §4). */
export const regimeSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected letters, digits, . _ or -"),
    title: z.string().min(1).max(200),
    commodity: z.enum(["refined", "crude"]),
    capBarrels: positiveDecimal,
    start: isoDay,
    periodMonths: z.number().int().min(1).max(1200).optional(),
    end: isoDay.optional(),
    thresholds: z
      .array(z.number().gt(0).lt(1))
      .min(1)
      .max(10)
      .refine(
        (list) => list.every((t, i) => i === 0 || t > (list[i - 1] as number)),
        "expected rising thresholds",
      )
      .optional(),
  })
  .refine((r) => r.end === undefined || r.end >= r.start, {
    message: "end is before start",
    path: ["end"],
  })
  .transform(
    (r): Regime => ({
      id: r.id,
      title: r.title,
      commodity: r.commodity,
      cap: toNano(r.capBarrels),
      start: r.start,
      periodMonths: r.periodMonths ?? 12,
      ...(r.end !== undefined ? { end: r.end } : {}),
      thresholds: r.thresholds ? r.thresholds.map((t) => threshold(String(t))) : DEFAULT_THRESHOLDS,
    }),
  );

export const capsFileSchema = z
  .array(regimeSchema)
  .min(1)
  .refine(
    (list) => new Set(list.map((r) => r.id)).size === list.length,
    "regime ids must be unique",
  );
