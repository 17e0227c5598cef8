// The input record's fields (contract §2), one row each: the names it is read
// under, whether it is required, its rule, and what `capcheck schema` says of it.
// The rule map and the required list below, and the JSON Schema in
// src/domain/schema.ts, are all derived from this table.

import { DATE_PATTERN, dateRule } from "./date-rule.js";
import { IMO_PATTERN, imoRule } from "./imo.js";
import { memoShort } from "./memo.js";
import {
  BASIS_PATTERN,
  basisRule,
  capacityUnitRule,
  exporterRule,
  type FieldProblem,
  loadFactorRule,
  MAX_TEXT_LENGTH,
  problem,
  productRule,
  quantityRule,
  type Rule,
  textRule,
  unitRule,
} from "./rules.js";
import { acceptedNames, NAME_MATCHING, PRODUCT_NAMES, UNIT_NAMES } from "./units.js";

/** What a field takes as input in the JSON Schema: text, text or number, or a decimal. */
export type FieldInput = "text" | "scalar" | "number" | "fraction";

export interface FieldSpec {
  /** Other header or key names read as this field (matched as src/ingest/keys.ts says). */
  readonly aliases: readonly string[];
  readonly required?: boolean;
  /** What an absent or blank value gives when the field is not required. */
  readonly absent?: unknown;
  readonly rule: Rule<unknown>;
  /** Keep a bounded memo: the field's values repeat and its rule costs a regex. */
  readonly memo?: boolean;
  readonly input: FieldInput;
  readonly description: string;
  /** A JSON Schema pattern, exported beside the rule it describes. */
  readonly pattern?: string;
  readonly maxLength?: number;
}

const text = (description: string, aliases: readonly string[] = []): FieldSpec => ({
  aliases,
  rule: textRule,
  input: "scalar",
  description,
  maxLength: MAX_TEXT_LENGTH,
});

/** Every field, in the order problems are reported. */
export const FIELDS = {
  date: {
    aliases: ["shipment_date", "delivery_date", "month", "period"],
    required: true,
    rule: dateRule,
    memo: true,
    input: "text",
    description:
      "YYYY-MM-DD (or YYYY/M/D, year first); YYYY-MM or a month name and year (January 2018, Jan 2018, Jan. 2018, Jan-2018), a monthly report counted on the month's last day; an ISO interval (2018-01/2018-06, 2018-01-15/2018-02-14), counted on its last day; or an ISO date-time (its written date); years 1900-2100",
    pattern: DATE_PATTERN,
  },
  exporter: {
    ...text("The supplying state or entity; not a totals row (total, sum, grand total …)", [
      "supplier",
      "supplying_state",
      "member_state",
      "origin_country",
    ]),
    rule: exporterRule,
    required: true,
    // A file names a few dozen suppliers, over and over.
    memo: true,
  },
  product: {
    aliases: ["product_type", "commodity", "fuel"],
    absent: "refined",
    rule: productRule,
    memo: true,
    input: "scalar",
    description: `One of: ${acceptedNames(PRODUCT_NAMES)} (${NAME_MATCHING}); empty means unspecified refined`,
  },
  barrels: {
    aliases: ["bbl", "quantity_bbl", "volume_bbl"],
    rule: quantityRule,
    input: "number",
    description: "Barrels; counts as given (wins over quantity)",
  },
  quantity: {
    aliases: ["amount", "qty", "volume"],
    rule: quantityRule,
    input: "number",
    description: "A quantity in `unit`",
  },
  unit: {
    aliases: ["uom", "units"],
    rule: unitRule,
    memo: true,
    input: "scalar",
    description: `One of: ${acceptedNames(UNIT_NAMES)} (${NAME_MATCHING}); kg is 0.001 t`,
  },
  origin: text("Port or place of loading", ["origin_port", "port", "load_port", "port_of_loading"]),
  vessel: text("Vessel name"),
  imo: {
    aliases: [],
    rule: imoRule,
    memo: true,
    input: "scalar",
    description: "IMO ship number: 7 digits with a valid check digit",
    pattern: IMO_PATTERN,
  },
  id: text("Record identifier"),
  basis: {
    aliases: [],
    absent: "reported",
    rule: basisRule,
    memo: true,
    input: "scalar",
    description: "reported (default) or estimated",
    pattern: BASIS_PATTERN,
  },
  source: text("Where the figure comes from"),
  note: text("Free text", ["notes"]),
  capacity: {
    aliases: ["cargo_capacity", "dwt"],
    rule: quantityRule,
    input: "number",
    description:
      "An estimated delivery's cargo capacity, in capacity_unit; only with basis estimated",
  },
  capacity_unit: {
    aliases: [],
    rule: capacityUnitRule,
    memo: true,
    input: "scalar",
    description: "t (default) or bbl",
  },
  load_factor: {
    aliases: [],
    rule: loadFactorRule,
    memo: true,
    input: "fraction",
    description:
      "The share of the capacity delivered, above 0 and at most 1 (0.33, or exactly 1/3)",
  },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

/** A record's values keyed by field; a missing, empty or null value is absent. */
export type FieldValues = Partial<Record<FieldName, unknown>>;

export const REQUIRED_FIELDS: ReadonlySet<FieldName> = new Set(
  FIELD_NAMES.filter((name) => (FIELDS[name] as FieldSpec).required),
);

/** A field's whole rule: its value rule, with absent and blank values settled. */
export type FieldRule = (value: unknown) => unknown;

/** A rule memoised for its string values (memo.ts: short ones only, a bounded number). */
function memo(rule: FieldRule): FieldRule {
  const remembered = memoShort(rule);
  return (value) => (typeof value === "string" ? remembered(value) : rule(value));
}

function fieldRule(name: FieldName): FieldRule {
  const spec: FieldSpec = FIELDS[name];
  const absent: unknown = spec.required
    ? problem(name, "missing_field", "is required")
    : spec.absent;
  const { rule } = spec;
  const whole: FieldRule = (value) => {
    if (value === undefined) return absent;
    const result = rule(value, name);
    return result === undefined ? absent : result;
  };
  return spec.memo ? memo(whole) : whole;
}

/** Each field's rule: the parsed value, undefined for an absent optional field, or a FieldProblem. */
export const FIELD_RULES = Object.fromEntries(
  FIELD_NAMES.map((name) => [name, fieldRule(name)]),
) as Record<FieldName, (value: unknown) => unknown | FieldProblem>;
