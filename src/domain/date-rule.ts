// The date rule (contract §2, §12): a record's date, month or interval as the day it
// counts on. The forms beyond ISO days and months are read in date-forms.ts.
import {
  dayOrdinal,
  daysInMonth,
  FIRST_YEAR,
  formatDay,
  isYearInCalendar,
  LAST_YEAR,
} from "./calendar.js";
import {
  ACCEPTED_DATE_FORMS,
  type DateSpan,
  intervalSpan,
  monthNameSpan,
  slashDaySpan,
  whyNoDate,
} from "./date-forms.js";
import { type FieldProblem, isProblem, problem, scalarText } from "./rules.js";
import { quote } from "./sanitize.js";
import { isTotalsRow } from "./totals-rows.js";

export interface DateValue {
  /** The day the record counts on: its date, or the last day of its month or interval. */
  readonly day: string;
  /** That day as a count of days since 1970-01-01, for cheap keys. */
  readonly ordinal: number;
  /** True when the record ends with a month written as a month (`YYYY-MM`, `Jan 2018`). */
  readonly monthly: boolean;
  /** The first day the record covers: its date, or the first day of its month or interval. */
  readonly first: string;
}

const DATE =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

/**
 * The shape of a date for the JSON Schema: every date the rule accepts matches it
 * (test/fields.test.ts checks), while the calendar checks stay with the rule.
 */
export const DATE_PATTERN =
  "^\\d{4}-\\d{2}(-\\d{2}([T ].*)?)?$|^\\s*[A-Za-z]+(\\.?\\s+|-)\\d{4}\\s*$|^\\s*\\d{4}/\\d{1,2}/\\d{1,2}\\s*$|^\\s*\\d{4}-\\d{2}(-\\d{2})?\\s*/\\s*\\d{4}-\\d{2}(-\\d{2})?\\s*$";

function spanValue(span: DateSpan): DateValue {
  const { first, last } = span;
  return {
    day: formatDay(last.year, last.month, last.day),
    ordinal: dayOrdinal(last.year, last.month, last.day),
    monthly: span.monthly,
    first: formatDay(first.year, first.month, first.day),
  };
}

export function dateRule(value: unknown, field: string): DateValue | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  const bad = (reason = whyNoDate(text) ?? `expected ${ACCEPTED_DATE_FORMS}`) =>
    problem(field, "invalid_date", `${reason}, got ${quote(text)}`);
  const m = DATE.exec(text.trim());
  if (!m) {
    const span = monthNameSpan(text) ?? slashDaySpan(text) ?? intervalSpan(text);
    // A table's sum row often carries its label in the first column, the date's.
    if (span === undefined && isTotalsRow(text.trim().replace(/\s+/g, " "))) {
      return problem(
        field,
        "totals_row",
        `${quote(text.trim())} is a totals row, not a date: a table's own sums are not counted`,
      );
    }
    if (span === undefined) return bad();
    return typeof span === "string" ? bad(span) : spanValue(span);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (!isYearInCalendar(year)) return bad(`year must be ${FIRST_YEAR} to ${LAST_YEAR}`);
  if (month < 1 || month > 12) return bad();
  if (m[3] === undefined) {
    const last = daysInMonth(year, month);
    return {
      day: formatDay(year, month, last),
      ordinal: dayOrdinal(year, month, last),
      monthly: true,
      first: formatDay(year, month, 1),
    };
  }
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return bad();
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) {
    return bad();
  }
  // A date-time counts on the date written in it; the offset never moves it.
  const written = `${m[1]}-${m[2]}-${m[3]}`;
  return { day: written, ordinal: dayOrdinal(year, month, day), monthly: false, first: written };
}
