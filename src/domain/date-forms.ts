// The date forms of contract §12 beyond ISO days and months: month names
// (`January 2018`, `Jan 2018`, `Jan. 2018`) and ISO intervals (`2018-01/2018-06`,
// `2018-01-15/2018-02-14`). A form is read only when it cannot mean two things:
// numeric day-first or two-digit-year forms stay invalid.
import { daysInMonth, isYearInCalendar } from "./calendar.js";

/** A calendar day. */
export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** What a date cell covers: one day, one month, or an interval of days. */
export interface DateSpan {
  readonly first: Day;
  /** The day the record counts on. */
  readonly last: Day;
  /** True when the span ends at the end of a month written as a month (`YYYY-MM`, `Jan 2018`). */
  readonly monthly: boolean;
}

/** The forms accepted, for the message of a date that is none of them. */
export const ACCEPTED_DATE_FORMS =
  "YYYY-MM-DD, YYYY-MM, Jan 2018, January 2018 or an ISO interval (2018-01/2018-06, 2018-01-15/2018-02-14)";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Full names and three-letter abbreviations, plus `sept`. */
const monthByName = new Map<string, number>();
MONTHS.forEach((name, i) => {
  monthByName.set(name, i + 1);
  monthByName.set(name.slice(0, 3), i + 1);
});
monthByName.set("sept", 9);

function inRange(year: number): boolean {
  return isYearInCalendar(year);
}

function wholeMonth(year: number, month: number): DateSpan {
  return {
    first: { year, month, day: 1 },
    last: { year, month, day: daysInMonth(year, month) },
    monthly: true,
  };
}

// A hyphen too: Excel's "mmm-yyyy" cells save as `Jan-2018` (its `Jan-18` stays invalid).
const MONTH_NAME = /^(\p{L}+)(?:(\.?)\s+|-)(\d{4})$/u;

/** `January 2018`, `Jan 2018`, `Jan. 2018`, `Jan-2018` (any case); undefined for anything else. */
export function monthNameSpan(text: string): DateSpan | undefined {
  const m = MONTH_NAME.exec(text.trim());
  if (!m) return undefined;
  const name = (m[1] as string).toLowerCase();
  const month = monthByName.get(name);
  // A dot marks an abbreviation: "January. 2018" is not a form anyone writes.
  if (month === undefined || (m[2] === "." && name.length > 4)) return undefined;
  const year = Number(m[3]);
  return inRange(year) ? wholeMonth(year, month) : undefined;
}

// Year first with slashes, as East Asian spreadsheets write a day (`2018/1/15`):
// the year leads, so the order of month and day is never in doubt.
const SLASH_DAY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/** `2018/01/15` or `2018/1/15` as that day; undefined for anything else. */
export function slashDaySpan(text: string): DateSpan | undefined {
  const m = SLASH_DAY.exec(text.trim());
  if (!m) return undefined;
  const day = isoDay(
    `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`,
  );
  return day === undefined ? undefined : { first: day, last: day, monthly: false };
}

const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDay(text: string): Day | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!inRange(day.year) || day.month < 1 || day.month > 12) return undefined;
  return day.day >= 1 && day.day <= daysInMonth(day.year, day.month) ? day : undefined;
}

function isoMonth(text: string): DateSpan | undefined {
  const m = ISO_MONTH.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return inRange(year) && month >= 1 && month <= 12 ? wholeMonth(year, month) : undefined;
}

function compare(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * `START/END`, both months or both days. An interval whose end comes before its
 * start, or that mixes a month with a day, is a problem (a message), not a guess.
 */
export function intervalSpan(text: string): DateSpan | string | undefined {
  const parts = text.trim().split("/");
  if (parts.length !== 2) return undefined;
  const [startText, endText] = parts.map((part) => part.trim()) as [string, string];
  const startMonth = isoMonth(startText);
  const endMonth = isoMonth(endText);
  let span: DateSpan | undefined;
  if (startMonth !== undefined && endMonth !== undefined) {
    span = { first: startMonth.first, last: endMonth.last, monthly: true };
  } else {
    const first = isoDay(startText);
    const last = isoDay(endText);
    if (first !== undefined && last !== undefined) span = { first, last, monthly: false };
    else if ((startMonth ?? first) !== undefined && (endMonth ?? last) !== undefined) {
      return "an interval gives both ends as months (2018-01/2018-06) or both as days (2018-01-15/2018-02-14)";
    }
  }
  if (span === undefined) return undefined;
  if (compare(span.last, span.first) < 0) return "the interval ends before it starts";
  return span;
}

// A day written year first, with a time perhaps: what a date of the right shape holds.
const YEAR_FIRST = /^(\d{4})([-/])(\d{1,2})(?:\2(\d{1,2}))?(?:[T ](\d{1,2}):(\d{2}))?/;
// A day or month written first (`24/03/2024`, `03.04.2024`, `3-4-24`).
const YEAR_LAST = /^\d{1,2}([./-])\d{1,2}\1(\d{2}|\d{4})$/;

/**
 * Why a text of a date's shape is no date, when the accepted forms alone would
 * puzzle (`2024-02-30` is written YYYY-MM-DD): a month or day that does not exist,
 * a time that is no time of day, a day or month written first. Undefined otherwise.
 */
export function whyNoDate(text: string): string | undefined {
  const trimmed = text.trim();
  const ends = trimmed.split("/");
  if (ends.length === 2 && ends.every((end) => /^\s*\d{4}-\d{2}/.test(end))) {
    return ends.map(whyNoDate).find((reason) => reason !== undefined);
  }
  if (YEAR_LAST.test(trimmed)) {
    return "a day or month written first could be either (03/04/2024: 3 April or 4 March): write the year first, YYYY-MM-DD";
  }
  const m = YEAR_FIRST.exec(trimmed);
  if (!m) return undefined;
  const [year, month] = [Number(m[1]), Number(m[3])];
  if (month < 1 || month > 12) return `no such month: ${m[3]}`;
  const days = daysInMonth(year, month);
  const name = MONTHS[month - 1] as string;
  if (m[4] !== undefined && (Number(m[4]) < 1 || Number(m[4]) > days)) {
    return `no such day: ${name[0]?.toUpperCase()}${name.slice(1)} ${m[1]} has ${days} days`;
  }
  if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59)) {
    return `no such time of day: ${m[5]}:${m[6]}`;
  }
  return undefined;
}
