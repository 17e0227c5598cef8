// What each field's value may be (contract §2): one rule per kind of value (the
// date's in date-rule.ts). A rule sees a present value and gives the parsed value,
// a problem, or undefined for a blank value (which then counts as absent). src/domain/fields.ts says which
// field takes which rule; the patterns here are the ones `capcheck schema` prints.

import {
  GROUPED_SOURCE,
  MAX_QUANTITY,
  numberToRatio,
  parseDecimal,
  type Ratio,
  readDecimal,
  SMALLEST_TEXT,
  scaledSmall,
  TOO_SMALL,
} from "./decimal.js";
import { parseFraction, splitLowerBound } from "./number-forms.js";
import { quote } from "./sanitize.js";
import { isTotalsRow } from "./totals-rows.js";
import {
  acceptedNames,
  NAME_MATCHING,
  PRODUCT_NAMES,
  PRODUCT_TABLE,
  type Product,
  productOf,
  UNIT_NAMES,
  UNIT_TABLE,
  type Unit,
  unitOf,
} from "./units.js";

/** A field that failed, with a stable machine code and a message for people. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export function problem(field: string, code: string, message: string): FieldProblem {
  return { field, code, message };
}

export function isProblem(value: unknown): value is FieldProblem {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** A rule for a present value of `field`; undefined means the value is blank. */
export type Rule<T> = (value: unknown, field: string) => T | undefined | FieldProblem;

export type Basis = "reported" | "estimated";

/** A valid quantity: as written, and as an exact value. */
export class QuantityValue {
  #value: Ratio | undefined;

  constructor(
    /** As written, for the ledger and messages. */
    readonly text: string,
    /** The value × 10^9 as an exact integer Number, when it is one (see scaledSmall). */
    readonly scaled: number | undefined,
    value?: Ratio,
    /** Written as a lower bound (`>165000`, contract §13): the value is the bound. */
    readonly atLeast = false,
  ) {
    this.#value = value;
  }

  /** The exact value, worked out only when the short path cannot serve. */
  get value(): Ratio {
    this.#value ??= parseDecimal(splitLowerBound(this.text).number) as Ratio;
    return this.#value;
  }
}

export const MAX_TEXT_LENGTH = 1000;

export function scalarText(field: string, value: unknown): string | FieldProblem {
  if (typeof value === "string") return value;
  // NaN and Infinity are no text a record was written with (JSON has neither).
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return problem(field, "invalid_type", `expected text or a number, got ${describeType(value)}`);
}

function describeType(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * True when text is already trimmed and folded: ASCII spaces only, single, inside.
 * Anything else (tabs, runs, Unicode spaces) takes the general path.
 */
function isFolded(text: string): boolean {
  if (text.length === 0 || text.length > MAX_TEXT_LENGTH) return false;
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c < 32 || c >= 0x80) {
      return false;
    } else {
      previousSpace = false;
    }
  }
  return !previousSpace;
}

/** Free text: trimmed, white space folded to single spaces. */
export function textRule(value: unknown, field: string): string | undefined | FieldProblem {
  if (typeof value === "string" && isFolded(value)) return value;
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  const folded = text.trim().replace(/\s+/g, " ");
  if (folded === "") return undefined;
  if (folded.length > MAX_TEXT_LENGTH) {
    return problem(field, "too_long", `is longer than ${MAX_TEXT_LENGTH} characters`);
  }
  return folded;
}

/** The supplying state or entity: free text, never a totals row. */
export function exporterRule(value: unknown, field: string): string | undefined | FieldProblem {
  const text = textRule(value, field);
  if (typeof text === "string" && isTotalsRow(text)) {
    return problem(
      field,
      "totals_row",
      `${quote(text)} is a totals row, not a supplier: a table's own sums are not counted`,
    );
  }
  return text;
}

// A lower bound's prefix (contract §13), any case; quantityRule takes it off before reading.
const BOUND =
  "(>=?|≥|([Aa][Tt]\\s+[Ll][Ee][Aa][Ss][Tt]|[Mm][Oo][Rr][Ee]\\s+[Tt][Hh][Aa][Nn]|[Oo][Vv][Ee][Rr])\\s)?\\s*";

const DECIMAL = "(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?";
/** Zero with a minus sign, which reads as 0 (parseDecimal). */
const MINUS_ZERO = "-\\s*(0+(\\.0*)?|\\.0+)([eE][+-]?\\d+)?";

/** The decimals that quantity fields take as text, each maybe a lower bound (quantityRule). */
export const NUMBER_PATTERN = `^\\s*${BOUND}(${DECIMAL}|${GROUPED_SOURCE}|${MINUS_ZERO})\\s*$`;

/** A load factor as text: a decimal or a fraction such as `1/3` (loadFactorRule). */
export const LOAD_FACTOR_PATTERN = `^\\s*(${DECIMAL}|${GROUPED_SOURCE}|\\d{1,15}\\s*/\\s*\\d{1,15})\\s*$`;

export function quantityRule(value: unknown, field: string): QuantityValue | FieldProblem {
  if (typeof value === "string") {
    const scaled = scaledSmall(value);
    if (scaled !== undefined) return new QuantityValue(value, scaled);
    const bound = splitLowerBound(value);
    if (bound.atLeast) {
      const read = plainQuantityRule(bound.number, field);
      if (isProblem(read)) {
        // The message shows the value as written, bound and all.
        const got = `got ${quote(bound.number.trim())}`;
        return { ...read, message: read.message.replace(got, `got ${quote(value.trim())}`) };
      }
      return new QuantityValue(value.trim(), read.scaled, read.value, true);
    }
  }
  return plainQuantityRule(value, field);
}

function plainQuantityRule(value: unknown, field: string): QuantityValue | FieldProblem {
  let ratio: Ratio | typeof TOO_SMALL | undefined;
  let text: string;
  if (typeof value === "number") {
    text = String(value);
    if (value < 0) {
      return problem(field, "negative_number", `must not be negative, got ${quote(text)}`);
    }
    ratio = numberToRatio(value);
  } else {
    const t = scalarText(field, value);
    if (isProblem(t)) return t;
    text = t.trim();
    ratio = readDecimal(text);
    // -0 read as 0 above; any other number after a minus sign is a negative.
    if (ratio === undefined && /^-\s*[\d.,]/.test(text)) {
      return problem(field, "negative_number", `must not be negative, got ${quote(text)}`);
    }
  }
  if (ratio === TOO_SMALL) {
    return problem(
      field,
      "number_too_small",
      `is below ${SMALLEST_TEXT}, the smallest quantity read other than 0, got ${quote(text)}`,
    );
  }
  if (ratio === undefined) {
    return problem(
      field,
      "invalid_number",
      `expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got ${quote(text)}`,
    );
  }
  if (ratio.num > MAX_QUANTITY * ratio.den) {
    return problem(field, "number_too_large", `is more than 10^12, got ${quote(text)}`);
  }
  return new QuantityValue(text, scaledSmall(text), ratio);
}

/** A product name; blank means unspecified refined (the field's default). */
export function productRule(value: unknown, field: string): Product | undefined | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  if (text.trim() === "") return undefined;
  return (
    productOf(text) ??
    problem(
      field,
      "unknown_product",
      `unknown product ${quote(text)}${PRODUCT_TABLE.hint(text)}; accepted: ${acceptedNames(PRODUCT_NAMES)} (${NAME_MATCHING})`,
    )
  );
}

export function unitRule(value: unknown, field: string): Unit | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  return (
    unitOf(text) ??
    problem(
      field,
      "unknown_unit",
      `unknown unit ${quote(text)}${UNIT_TABLE.hint(text)}; accepted: ${acceptedNames(UNIT_NAMES)} (${NAME_MATCHING})`,
    )
  );
}

export function capacityUnitRule(value: unknown, field: string): "t" | "bbl" | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  const unit = unitOf(text);
  if (unit === "t" || unit === "bbl") return unit;
  return problem(field, "unknown_unit", `expected t or bbl, got ${quote(text)}`);
}

export function loadFactorRule(value: unknown, field: string): Ratio | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  const decimal = readDecimal(text.trim());
  if (decimal === TOO_SMALL) {
    return problem(
      field,
      "invalid_load_factor",
      `is below ${SMALLEST_TEXT}, the smallest number read other than 0, got ${quote(text)}`,
    );
  }
  const ratio = decimal ?? parseFraction(text);
  if (ratio === undefined || ratio.num === 0n || ratio.num > ratio.den) {
    return problem(
      field,
      "invalid_load_factor",
      `expected a number above 0 and at most 1, such as 0.33 or 1/3, got ${quote(text)}`,
    );
  }
  return ratio;
}

/** reported or estimated in any case, or blank; space around is ignored. */
export const BASIS_PATTERN =
  "^\\s*([Rr][Ee][Pp][Oo][Rr][Tt][Ee][Dd]|[Ee][Ss][Tt][Ii][Mm][Aa][Tt][Ee][Dd])?\\s*$";
const BASIS = new RegExp(BASIS_PATTERN);

/** reported or estimated; blank means reported (the field's default). */
export function basisRule(value: unknown, field: string): Basis | undefined | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  if (!BASIS.test(text)) {
    return problem(field, "invalid_basis", `expected reported or estimated, got ${quote(text)}`);
  }
  const folded = text.trim().toLowerCase();
  if (folded === "") return undefined;
  return folded === "estimated" ? "estimated" : "reported";
}
