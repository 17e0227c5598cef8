// Calendar arithmetic on `YYYY-MM-DD` days, in UTC, for every part of capcheck:
// date rules, regime periods, and the charts' month axes.

/**
 * capcheck's calendar: the years a record's date (contract §2), a regime's days
 * and --year may have. Date arithmetic past year 9999 would leave ISO dates.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export function isYearInCalendar(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `month` (1-12) and `day` name a day of that month in `year` (2024-02-30 does not). */
export function isDayOfMonth(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

export function splitDay(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

/** A day as a count of days since 1970-01-01, for cheap keys and chart scales. */
export function dayOrdinal(year: number, month: number, day: number): number {
  // A whole number, made a small integer (| 0): a quotient is a float in V8, and as a
  // Map key (the aggregator's days and targets) a float takes the slow path (issue 16).
  return (Date.UTC(year, month - 1, day) / 86_400_000) | 0;
}

/** Each ordinal's day met so far: a day is made once, at most some 73,000 of them (FIRST_YEAR to LAST_YEAR). */
const daysOfOrdinals = new Map<number, string>();

/** The `YYYY-MM-DD` day of an ordinal (dayOrdinal). */
export function dayOfOrdinal(ordinal: number): string {
  let day = daysOfOrdinals.get(ordinal);
  if (day === undefined) {
    day = new Date(ordinal * 86_400_000).toISOString().slice(0, 10);
    daysOfOrdinals.set(ordinal, day);
  }
  return day;
}

/** A `YYYY-MM-DD` day's ordinal. */
export function ordinalOfDay(day: string): number {
  return dayOrdinal(...splitDay(day));
}

/** The short English name of a `YYYY-MM…` day's month. */
export function monthName(day: string): string {
  return MONTH_NAMES[Number(day.slice(5, 7)) - 1] as string;
}

/** The last day of a `YYYY-MM` month, or a `YYYY-MM-DD` day unchanged. */
export function monthEnd(date: string): string {
  if (date.length === 10) return date;
  const last = daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return `${date}-${pad2(last)}`;
}

/** The `YYYY-MM` month after a `YYYY-MM…` day's month. */
export function nextMonth(day: string): string {
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1));
  return next.toISOString().slice(0, 7);
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

/**
 * The months from `start` to `end`: each month's first day counted from `start`
 * (`from`) and its last day, cut at `end`.
 */
export function monthEnds(start: string, end: string): { from: string; day: string }[] {
  const out: { from: string; day: string }[] = [];
  for (let i = 0; ; i++) {
    const from = addMonths(start, i);
    if (from > end) break;
    const next = previousDay(addMonths(start, i + 1));
    out.push({ from, day: next < end ? next : end });
  }
  return out;
}
