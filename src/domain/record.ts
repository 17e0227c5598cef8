// The input record (contract §2). Each field's meaning lives in one rule function
// here; src/domain/schema.ts assembles the zod schema from these rules (it is what
// `capcheck schema` prints), while `validateRecord` applies the very same rules
// without zod's per-call cost on the hot path. test/schema-agreement.test.ts proves
// the two agree.
import { MAX_QUANTITY, numberToRatio, parseDecimal, type Ratio, scaledSmall } from "./decimal.js";
import {
  acceptedNames,
  PRODUCT_NAMES,
  type Product,
  productOf,
  UNIT_NAMES,
  type Unit,
  unitOf,
} from "./units.js";

export const FIELD_ALIASES = {
  date: ["shipment_date", "delivery_date", "month", "period"],
  exporter: ["supplier", "supplying_state", "member_state", "origin_country"],
  product: ["product_type", "commodity", "fuel"],
  barrels: ["bbl", "quantity_bbl", "volume_bbl"],
  quantity: ["amount", "qty", "volume"],
  unit: ["uom", "units"],
  origin: ["origin_port", "port", "load_port", "port_of_loading"],
  vessel: [],
  imo: [],
  id: [],
  basis: [],
  source: [],
  note: ["notes"],
  capacity: ["cargo_capacity", "dwt"],
  capacity_unit: [],
  load_factor: [],
} as const satisfies Record<string, readonly string[]>;

export type FieldName = keyof typeof FIELD_ALIASES;
export const FIELD_NAMES = Object.keys(FIELD_ALIASES) as FieldName[];

/** Header and key matching: trimmed, case-insensitive, spaces and hyphens read as `_`. */
function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const fieldByKey = new Map<string, FieldName>();
for (const name of FIELD_NAMES) {
  fieldByKey.set(name, name);
  for (const alias of FIELD_ALIASES[name]) fieldByKey.set(alias, name);
}

const fieldOfKey = new Map<string, FieldName | null>();

/** The field a header or JSON key names, or undefined for an unknown column. */
export function fieldOf(key: string): FieldName | undefined {
  let field = fieldOfKey.get(key);
  if (field === undefined) {
    // NDJSON repeats the same keys on every line: normalize each one only once.
    if (fieldOfKey.size >= 10_000) fieldOfKey.clear();
    field = fieldByKey.get(normalizeKey(key)) ?? null;
    fieldOfKey.set(key, field);
  }
  return field ?? undefined;
}

/** A record's values keyed by field; a missing, empty or null value is absent. */
export type FieldValues = Partial<Record<FieldName, string | number | unknown>>;

export type Basis = "reported" | "estimated";

export interface DateValue {
  /** The day the record counts on: its date, or the last day of its month. */
  readonly day: string;
  /** That day as a count of days since 1970-01-01, for cheap keys. */
  readonly ordinal: number;
  /** True for a `YYYY-MM` monthly report. */
  readonly monthly: boolean;
}

/** A valid quantity: as written, and as an exact value. */
export class QuantityValue {
  #value: Ratio | undefined;

  constructor(
    /** As written, for the ledger and messages. */
    readonly text: string,
    /** The value × 10^9 as an exact integer Number, when it is one (see scaledSmall). */
    readonly scaled: number | undefined,
    value?: Ratio,
  ) {
    this.#value = value;
  }

  /** The exact value, worked out only when the short path cannot serve. */
  get value(): Ratio {
    this.#value ??= parseDecimal(this.text) as Ratio;
    return this.#value;
  }
}

export interface ShipmentFields {
  date: DateValue;
  exporter: string;
  product: Product;
  barrels?: QuantityValue;
  quantity?: QuantityValue;
  unit?: Unit;
  origin?: string;
  vessel?: string;
  imo?: string;
  id?: string;
  basis: Basis;
  source?: string;
  note?: string;
  /** An estimated delivery's tanker capacity (contract §9). */
  capacity?: QuantityValue;
  capacity_unit?: "t" | "bbl";
  load_factor?: Ratio;
}

/** What a record's validity depends on beyond its own fields. */
export interface ValidationContext {
  /** --load-factor or --scenarios gives capacity records a load factor. */
  readonly loadFactorGiven: boolean;
}

export const NO_CONTEXT: ValidationContext = { loadFactorGiven: false };

/** A field that failed, with a stable machine code and a message for people. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

type Rule<T> = (value: unknown) => T | FieldProblem;

export function isProblem(value: unknown): value is FieldProblem {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

export const MAX_TEXT_LENGTH = 1000;

const INVISIBLE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on
 * (C1 controls, bidirectional overrides) escaped as \uXXXX: still the same JSON.
 */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** JSON-quoted and shortened, so a hostile value can neither flood nor drive a terminal. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : String(value);
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return escapeInvisible(JSON.stringify(short));
}

function problem(field: string, code: string, message: string): FieldProblem {
  return { field, code, message };
}

function scalarText(field: string, value: unknown): string | FieldProblem {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return problem(field, "invalid_type", `expected text or a number, got ${describeType(value)}`);
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const DATE =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number) => String(n).padStart(2, "0");

function ordinalOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function dateRule(value: unknown): DateValue | FieldProblem {
  const text = scalarText("date", value);
  if (isProblem(text)) return text;
  const bad = () =>
    problem("date", "invalid_date", `expected YYYY-MM-DD or YYYY-MM, got ${quote(text)}`);
  const m = DATE.exec(text.trim());
  if (!m) return bad();
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1900 || year > 2100) {
    return problem("date", "invalid_date", `year must be 1900 to 2100, got ${quote(text)}`);
  }
  if (month < 1 || month > 12) return bad();
  if (m[3] === undefined) {
    const last = daysInMonth(year, month);
    return {
      day: `${m[1]}-${m[2]}-${pad2(last)}`,
      ordinal: ordinalOf(year, month, last),
      monthly: true,
    };
  }
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return bad();
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) {
    return bad();
  }
  // A date-time counts on the date written in it; the offset never moves it.
  return { day: `${m[1]}-${m[2]}-${m[3]}`, ordinal: ordinalOf(year, month, day), monthly: false };
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

function textRule(field: string, required: boolean): Rule<string | undefined> {
  return (value) => {
    if (typeof value === "string" && isFolded(value)) return value;
    if (value === undefined) {
      return required ? problem(field, "missing_field", "is required") : undefined;
    }
    const text = scalarText(field, value);
    if (isProblem(text)) return text;
    const folded = text.trim().replace(/\s+/g, " ");
    if (folded === "") {
      return required ? problem(field, "missing_field", "is required") : undefined;
    }
    if (folded.length > MAX_TEXT_LENGTH) {
      return problem(field, "too_long", `is longer than ${MAX_TEXT_LENGTH} characters`);
    }
    return folded;
  };
}

function quantityRule(field: string): Rule<QuantityValue> {
  return (value) => {
    if (typeof value === "string") {
      const scaled = scaledSmall(value);
      if (scaled !== undefined) return new QuantityValue(value, scaled);
    }
    let ratio: Ratio | undefined;
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
      if (/^-\s*[\d.,]/.test(text)) {
        return problem(field, "negative_number", `must not be negative, got ${quote(text)}`);
      }
      ratio = parseDecimal(text);
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
  };
}

function productRule(value: unknown): Product | FieldProblem {
  if (value === undefined) return "refined";
  const text = scalarText("product", value);
  if (isProblem(text)) return text;
  if (text.trim() === "") return "refined";
  return (
    productOf(text) ??
    problem(
      "product",
      "unknown_product",
      `unknown product ${quote(text)}; accepted: ${acceptedNames(PRODUCT_NAMES)}`,
    )
  );
}

function unitRule(value: unknown): Unit | FieldProblem {
  const text = scalarText("unit", value);
  if (isProblem(text)) return text;
  return (
    unitOf(text) ??
    problem(
      "unit",
      "unknown_unit",
      `unknown unit ${quote(text)}; accepted: ${acceptedNames(UNIT_NAMES)}`,
    )
  );
}

function capacityUnitRule(value: unknown): "t" | "bbl" | FieldProblem {
  const text = scalarText("capacity_unit", value);
  if (isProblem(text)) return text;
  const unit = unitOf(text);
  if (unit === "t" || unit === "bbl") return unit;
  return problem("capacity_unit", "unknown_unit", `expected t or bbl, got ${quote(text)}`);
}

function loadFactorRule(value: unknown): Ratio | FieldProblem {
  const text = scalarText("load_factor", value);
  if (isProblem(text)) return text;
  const ratio = parseDecimal(text.trim());
  if (ratio === undefined || ratio.num === 0n || ratio.num > ratio.den) {
    return problem(
      "load_factor",
      "invalid_load_factor",
      `expected a number above 0 and at most 1, got ${quote(text)}`,
    );
  }
  return ratio;
}

/** The IMO number's seventh digit checks the first six, weighted 7 down to 2. */
export function imoCheckDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10 === Number(digits[6]);
}

function imoRule(value: unknown): string | FieldProblem {
  const text = scalarText("imo", value);
  if (isProblem(text)) return text;
  const digits = text.trim().replace(/^imo\s*/i, "");
  if (!/^\d{7}$/.test(digits)) {
    return problem("imo", "invalid_imo", `expected 7 digits, got ${quote(text)}`);
  }
  if (!imoCheckDigitValid(digits)) {
    return problem("imo", "invalid_imo", `check digit does not match, got ${quote(text)}`);
  }
  return digits;
}

function basisRule(value: unknown): Basis | FieldProblem {
  if (value === undefined) return "reported";
  const text = scalarText("basis", value);
  if (isProblem(text)) return text;
  const folded = text.trim().toLowerCase();
  if (folded === "reported" || folded === "estimated" || folded === "") {
    return folded === "estimated" ? "estimated" : "reported";
  }
  return problem("basis", "invalid_basis", `expected reported or estimated, got ${quote(text)}`);
}

function optional<T>(rule: Rule<T>): Rule<T | undefined> {
  return (value) => (value === undefined ? undefined : rule(value));
}

function required<T>(field: string, rule: Rule<T>): Rule<T> {
  return (value) =>
    value === undefined ? problem(field, "missing_field", "is required") : rule(value);
}

/** A bounded memo for rules whose inputs repeat and cost a regex (dates, product and unit names). */
function memo<T>(rule: Rule<T>): Rule<T> {
  const cache = new Map<string, T | FieldProblem>();
  return (value) => {
    if (typeof value !== "string") return rule(value);
    let result = cache.get(value);
    if (result === undefined && !cache.has(value)) {
      if (cache.size >= 10_000) cache.clear();
      result = rule(value);
      cache.set(value, result);
    }
    return result as T | FieldProblem;
  };
}

/** Each field's rule, in the order problems are reported. */
export const FIELD_RULES: Record<FieldName, Rule<unknown>> = {
  date: memo(required("date", dateRule)),
  exporter: textRule("exporter", true),
  product: memo(productRule),
  barrels: optional(quantityRule("barrels")),
  quantity: optional(quantityRule("quantity")),
  unit: memo(optional(unitRule)),
  origin: textRule("origin", false),
  vessel: textRule("vessel", false),
  imo: memo(optional(imoRule)),
  id: textRule("id", false),
  basis: memo(basisRule),
  source: textRule("source", false),
  note: textRule("note", false),
  capacity: optional(quantityRule("capacity")),
  capacity_unit: memo(optional(capacityUnitRule)),
  load_factor: memo(optional(loadFactorRule)),
};

/** What each field takes as input, for the JSON Schema. */
export type FieldInput = "text" | "scalar" | "number";

const textMeta = (description: string) => ({
  input: "scalar" as const,
  meta: { description, maxLength: MAX_TEXT_LENGTH },
});

export const FIELD_META: Record<FieldName, { input: FieldInput; meta: Record<string, unknown> }> = {
  date: {
    input: "text",
    meta: {
      description:
        "YYYY-MM-DD, YYYY-MM (a monthly report, counted on the month's last day) or an ISO date-time (its written date); years 1900-2100",
      pattern: "^\\d{4}-\\d{2}(-\\d{2}([T ].*)?)?$",
    },
  },
  exporter: textMeta("The supplying state or entity"),
  product: {
    input: "scalar",
    meta: {
      description: `One of: ${acceptedNames(PRODUCT_NAMES)} (case-insensitive); empty means unspecified refined`,
    },
  },
  barrels: {
    input: "number",
    meta: { description: "Barrels; counts as given (wins over quantity)" },
  },
  quantity: { input: "number", meta: { description: "A quantity in `unit`" } },
  unit: {
    input: "scalar",
    meta: { description: `One of: ${acceptedNames(UNIT_NAMES)} (case-insensitive)` },
  },
  origin: textMeta("Port or place of loading"),
  vessel: textMeta("Vessel name"),
  imo: {
    input: "scalar",
    meta: {
      description: "IMO ship number: 7 digits with a valid check digit",
      pattern: "^\\s*([Ii][Mm][Oo]\\s*)?\\d{7}\\s*$",
    },
  },
  id: textMeta("Record identifier"),
  basis: {
    input: "scalar",
    meta: {
      description: "reported (default) or estimated",
      pattern: "^\\s*([Rr][Ee][Pp][Oo][Rr][Tt][Ee][Dd]|[Ee][Ss][Tt][Ii][Mm][Aa][Tt][Ee][Dd])?\\s*$",
    },
  },
  source: textMeta("Where the figure comes from"),
  note: textMeta("Free text"),
  capacity: {
    input: "number",
    meta: {
      description:
        "An estimated delivery's cargo capacity, in capacity_unit; only with basis estimated",
    },
  },
  capacity_unit: { input: "scalar", meta: { description: "t (default) or bbl" } },
  load_factor: {
    input: "number",
    meta: { description: "The share of the capacity delivered, above 0 and at most 1" },
  },
};

export const REQUIRED_FIELDS = new Set<FieldName>(["date", "exporter"]);

/** Rules across fields, run once every field is valid on its own (contract §3). */
export function recordProblem(
  fields: ShipmentFields,
  context: ValidationContext,
): FieldProblem | undefined {
  if (fields.capacity !== undefined && fields.basis !== "estimated") {
    return problem(
      "capacity",
      "capacity_not_estimated",
      "a capacity counts only on a record with basis estimated",
    );
  }
  if (fields.barrels !== undefined) return undefined;
  if (fields.quantity !== undefined) {
    return fields.unit === undefined
      ? problem("unit", "missing_unit", "a quantity needs a unit")
      : undefined;
  }
  if (fields.capacity === undefined) {
    return problem(
      "barrels",
      "missing_quantity",
      "a record needs barrels, a quantity with a unit, or (when estimated) a capacity",
    );
  }
  if (fields.load_factor === undefined && !context.loadFactorGiven) {
    return problem(
      "load_factor",
      "missing_load_factor",
      "a capacity needs a load factor: give load_factor, or pass --load-factor",
    );
  }
  return undefined;
}

/** The fast path: the schema's rules, in its order, without zod. */
export function validateRecord(
  values: FieldValues,
  context: ValidationContext = NO_CONTEXT,
): ShipmentFields | FieldProblem {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const value = values[name];
    const result = FIELD_RULES[name](value);
    if (isProblem(result)) return result;
    if (result !== undefined) out[name] = result;
  }
  const fields = out as unknown as ShipmentFields;
  return recordProblem(fields, context) ?? fields;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/**
 * A JSON object's values keyed by field. Unknown keys are ignored; two keys that
 * name the same field (say `date` and `month`) are a problem unless one is empty.
 */
export function valuesFromObject(object: Record<string, unknown>): FieldValues | FieldProblem {
  const values: FieldValues = {};
  const keyOf: Partial<Record<FieldName, string>> = {};
  for (const key of Object.keys(object)) {
    const field = fieldOf(key);
    const value = object[key];
    if (field === undefined || isEmpty(value)) continue;
    const earlier = keyOf[field];
    if (earlier !== undefined) {
      return problem(
        field,
        "duplicate_field",
        `given twice, as ${quote(earlier)} and ${quote(key)}`,
      );
    }
    keyOf[field] = key;
    values[field] = value;
  }
  return values;
}

/**
 * Maps a CSV header to fields once per file: the field of each column, or
 * undefined for a column that is ignored. A field named by two columns is a problem.
 */
export function fieldsOfHeader(
  header: readonly string[],
): (FieldName | undefined)[] | FieldProblem {
  const seen = new Map<FieldName, number>();
  const fields = header.map((name) => fieldOf(name));
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === undefined) continue;
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      return problem(
        "header",
        "duplicate_column",
        `columns ${earlier + 1} (${quote(header[earlier])}) and ${i + 1} (${quote(header[i])}) both give ${field}`,
      );
    }
    seen.set(field, i);
  }
  return fields;
}

function isBlank(cell: string): boolean {
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  return (first <= 32 || first >= 0x80) && cell.trim() === "";
}

type Step =
  | { readonly name: FieldName; readonly column: number; readonly rule: Rule<unknown> }
  | { readonly name: FieldName; readonly constant: FieldProblem };

/**
 * A CSV header compiled once per file: the column of each field present, and what
 * each absent field's rule gives, which never changes. `validate` then gives the
 * same answer as validateRecord on the row's values without building an object
 * of values per row (test/schema-agreement.test.ts checks that it does).
 */
export class RowShape {
  private readonly steps: Step[] = [];
  private readonly defaults: [FieldName, unknown][] = [];

  constructor(fields: readonly (FieldName | undefined)[]) {
    for (const name of FIELD_NAMES) {
      const column = fields.indexOf(name);
      if (column >= 0) {
        this.steps.push({ name, column, rule: FIELD_RULES[name] });
        continue;
      }
      const result = FIELD_RULES[name](undefined);
      if (isProblem(result)) {
        this.steps.push({ name, constant: result });
        break;
      }
      if (result !== undefined) this.defaults.push([name, result]);
    }
  }

  validate(
    cells: readonly string[],
    context: ValidationContext = NO_CONTEXT,
  ): ShipmentFields | FieldProblem {
    const out: Record<string, unknown> = {};
    for (const [name, value] of this.defaults) out[name] = value;
    for (const step of this.steps) {
      if ("constant" in step) return step.constant;
      const cell = cells[step.column] as string;
      const result = step.rule(isBlank(cell) ? undefined : cell);
      if (result !== undefined) {
        if (isProblem(result)) return result;
        out[step.name] = result;
      }
    }
    const fields = out as unknown as ShipmentFields;
    return recordProblem(fields, context) ?? fields;
  }
}

/** A CSV row, validated against its file's compiled header. */
export class CsvRow {
  constructor(
    readonly shape: RowShape,
    readonly cells: readonly string[],
  ) {}
}
