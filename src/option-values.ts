// Each option's value checked on its own: what it must be, and the one message that
// refuses it, naming the option as the caller spells it (`cap`, `--cap` or a config key).
import {
  FIRST_YEAR,
  isDayOfMonth,
  isYearInCalendar,
  LAST_YEAR,
  splitDay,
} from "./domain/calendar.js";
import { CAP_RANGE_TEXT, isCapInRange } from "./domain/cap-range.js";
import { parseDecimal, type Ratio } from "./domain/decimal.js";
import { parseFraction } from "./domain/number-forms.js";
import { quote } from "./domain/sanitize.js";
import { UsageError } from "./errors.js";

/** A value as a message shows it: strings quoted, anything else by its kind or text. */
export function shown(value: unknown): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return typeof value;
}

/** A decimal given as a number, a decimal string or an exact ratio; undefined for anything else. */
function ratioOf(value: unknown): Ratio | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
  if (typeof value === "string") return parseDecimal(value.trim());
  if (typeof value !== "object" || value === null) return undefined;
  const { num, den } = value as Partial<Ratio>;
  return typeof num === "bigint" && typeof den === "bigint" && num >= 0n && den > 0n
    ? { num, den }
    : undefined;
}

function displayed(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const { num, den } = value as Partial<Ratio>;
    if (typeof num === "bigint" && typeof den === "bigint") return `${num}/${den}`;
  }
  return shown(value);
}

/** A cap in barrels: above 0 and at most 10^15. `name` is how the caller spells the option. */
export function capOf(value: unknown, name: string): Ratio {
  const ratio = ratioOf(value);
  if (ratio === undefined || !isCapInRange(ratio)) {
    throw new UsageError(
      `${name} takes a number of barrels ${CAP_RANGE_TEXT}, got ${displayed(value)}`,
    );
  }
  return ratio;
}

/** A load factor: a decimal or a fraction (`1/3`, exact) above 0 and at most 1. */
export function loadFactorOf(value: unknown, name: string): Ratio {
  const ratio = ratioOf(value) ?? (typeof value === "string" ? parseFraction(value) : undefined);
  if (ratio === undefined || ratio.num === 0n || ratio.num > ratio.den) {
    throw new UsageError(`${name} takes numbers above 0 and at most 1, got ${displayed(value)}`);
  }
  return ratio;
}

/** A year: a whole number in capcheck's calendar (1900 to 2100, contract §2). */
export function yearOf(value: unknown, name: string): number {
  if (typeof value !== "number" || !isYearInCalendar(value)) {
    throw new UsageError(
      `${name} takes a year from ${FIRST_YEAR} to ${LAST_YEAR}, got ${shown(value)}`,
    );
  }
  return value;
}

/** One of a fixed list of words. */
export function choiceOf<T extends string>(value: unknown, choices: readonly T[], name: string): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${name} takes one of ${choices.join(", ")}, got ${shown(value)}`);
  }
  return value as T;
}

/** A CSV delimiter: one character, not a quote or a line ending. */
export function delimiterOf(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length !== 1) {
    throw new UsageError(`${name} takes one character (or tab), got ${shown(value)}`);
  }
  if (/["\r\n]/.test(value)) {
    throw new UsageError(
      `${name} cannot be a double quote or a line ending (CSV gives them their own meaning), got ${shown(value)}`,
    );
  }
  return value;
}

/** A day of the calendar as `YYYY-MM-DD` (2024-02-30 is none: compared as text, it would end the gaps wrongly). */
export function dayOf(value: unknown, name: string): string {
  if (typeof value !== "string" || !isCalendarDay(value)) {
    throw new UsageError(
      `${name} takes a date as YYYY-MM-DD, from ${FIRST_YEAR} to ${LAST_YEAR}, got ${shown(value)}`,
    );
  }
  return value;
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = splitDay(text);
  return isYearInCalendar(year) && isDayOfMonth(year, month, day);
}

/** A whole number from 1 to `max`. */
export function countOf(value: unknown, max: number, name: string, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${name} takes ${what} from 1 to ${max}, got ${shown(value)}`);
  }
  return value;
}

/** true or false (absent: false). */
export function flagOf(value: unknown, name: string): boolean {
  if (value !== undefined && typeof value !== "boolean") {
    throw new UsageError(`${name} takes true or false, got ${shown(value)}`);
  }
  return value === true;
}

/** A file name: any text but none. */
export function fileNameOf(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") {
    throw new UsageError(`${name} takes a file name, got ${shown(value)}`);
  }
  return value;
}

/** A list of names (regime ids, files). */
export function namesOf(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new UsageError(`${name} takes a list of names, got ${shown(value)}`);
  }
  return value as string[];
}

/** The files to check: at least one name (`-` is standard input). */
export function filesOf(value: unknown): string[] {
  const files = namesOf(value, "files");
  if (files.length === 0) {
    throw new UsageError('files: name at least one file, or "-" for standard input');
  }
  return files;
}

/**
 * The scenarios' load factors, each checked by loadFactorOf: at least one (an empty
 * list would drop the scenarios in silence), and none twice, however written (`0.5`
 * and `1/2`): a second run at one load factor says nothing new, and the two would
 * print as one scenario twice.
 */
export function scenariosOf(value: unknown, name: string): Ratio[] {
  if (!Array.isArray(value))
    throw new UsageError(`${name} takes a list of load factors, got ${shown(value)}`);
  if (value.length === 0) throw new UsageError(`${name} takes at least one load factor, got none`);
  const factors = value.map((x) => loadFactorOf(x, name));
  factors.forEach((factor, i) => {
    const first = factors.findIndex((f) => f.num * factor.den === factor.num * f.den);
    if (first < i) {
      const again =
        displayed(value[i]) === displayed(value[first]) ? "" : ` (as ${displayed(value[i])})`;
      throw new UsageError(
        `${name} names the load factor ${displayed(value[first])} twice${again}: list each scenario once`,
      );
    }
  });
  return factors;
}
