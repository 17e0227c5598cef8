// Raw records to shipments: each record either validates or becomes one Issue.
import type { RawRecord } from "../ingest/types.js";
import type { Issue, Severity } from "./issues.js";
import {
  CsvRow,
  isProblem,
  type ShipmentFields,
  type ValidationContext,
  validateRecord,
} from "./record.js";

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
