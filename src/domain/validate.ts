// Raw records to shipments: each record either validates or becomes one Issue.
import type { Issue, Severity } from "./issues.js";
import {
  CsvRow,
  type FieldProblem,
  type FieldValues,
  isProblem,
  type ShipmentFields,
  type ValidationContext,
  validateRecord,
} from "./record.js";

/** What the readers hand over: one record's values and where it starts. */
export interface RawRecord {
  readonly source: string;
  /** The line on which the record starts; null for a JSON element whose line is unknown. */
  readonly line: number | null;
  readonly index?: number;
  /** The record's values (a CSV row keeps its cells), or the problem that kept it from having any. */
  readonly values: FieldValues | CsvRow | FieldProblem;
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
  const { values } = raw;
  const result =
    values instanceof CsvRow
      ? values.shape.validate(values.cells, context)
      : isProblem(values)
        ? values
        : validateRecord(values, context);
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
