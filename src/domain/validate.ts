// Raw records to shipments: each record either validates or becomes one Issue.
// The readers decide how a record's values are held; the domain sees only a
// record that can validate itself (a CSV row does it against its compiled header).

import type { DateValue } from "./date-rule.js";
import type { Ratio } from "./decimal.js";
import { FIELD_NAMES, FIELD_RULES, type FieldValues } from "./fields.js";
import type { Issue, Severity } from "./issues.js";
import { type Basis, type FieldProblem, isProblem, problem, type QuantityValue } from "./rules.js";
import type { Product, Unit } from "./units.js";

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
  if (fields.barrels !== undefined) {
    // A unit belongs to a quantity: beside barrels alone, a unit other than bbl says
    // the figure is in that unit, and counting it as barrels would be a guess.
    if (fields.quantity === undefined && fields.unit !== undefined && fields.unit !== "bbl") {
      return problem(
        "unit",
        "unit_without_quantity",
        `unit ${fields.unit} given with barrels and no quantity: give the figure as quantity in its unit, or leave unit empty`,
      );
    }
    return undefined;
  }
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
    const result = FIELD_RULES[name](values[name]);
    if (isProblem(result)) return result;
    if (result !== undefined) out[name] = result;
  }
  const fields = out as unknown as ShipmentFields;
  return recordProblem(fields, context) ?? fields;
}

/** What the readers hand over: one record, where it starts, and how it validates. */
export interface RawRecord {
  readonly source: string;
  /** The line on which the record starts; null for a JSON element whose line is unknown. */
  readonly line: number | null;
  /** A JSON element's index, when its line is unknown or shared (Issue.index). */
  readonly index?: number;
  /** The record's fields, or the problem with it (a read problem, or a rule that failed). */
  validate(context: ValidationContext): ShipmentFields | FieldProblem;
}

/** A valid record and where it came from. */
export interface Shipment extends ShipmentFields {
  readonly file: string;
  readonly line: number | null;
  readonly index?: number;
}

export function toShipment(
  raw: RawRecord,
  severity: Severity,
  context: ValidationContext,
): Shipment | Issue {
  const result = raw.validate(context);
  if (isProblem(result)) {
    const issue: Issue = {
      severity,
      source: raw.source,
      line: raw.line,
      field: result.field,
      code: result.code,
      message: result.message,
    };
    if (raw.index !== undefined) issue.index = raw.index;
    return issue;
  }
  const shipment = result as Shipment & { file: string; line: number | null; index?: number };
  shipment.file = raw.source;
  shipment.line = raw.line;
  if (raw.index !== undefined) shipment.index = raw.index;
  return shipment;
}

export function isShipment(value: Shipment | Issue): value is Shipment {
  return "exporter" in value;
}
