// The raw records of the JSON and NDJSON readers (and of objects held in memory),
// and of any record that could not be read at all. CSV rows have their own:
// src/ingest/csv-row.ts.
import type { FieldValues } from "../domain/fields.js";
import { type FieldProblem, isProblem } from "../domain/rules.js";
import {
  type RawRecord,
  type ShipmentFields,
  type ValidationContext,
  validateRecord,
} from "../domain/validate.js";
import { valuesFromObject } from "./keys.js";

/** A record read as values keyed by field. */
export class ValuesRecord implements RawRecord {
  constructor(
    readonly source: string,
    readonly line: number | null,
    private readonly values: FieldValues,
    readonly index?: number,
  ) {}

  validate(context: ValidationContext): ShipmentFields | FieldProblem {
    return validateRecord(this.values, context);
  }
}

/** A record that could not be read into values: its problem is its result. */
export class UnreadableRecord implements RawRecord {
  constructor(
    readonly source: string,
    readonly line: number | null,
    private readonly problem: FieldProblem,
    readonly index?: number,
  ) {}

  validate(): FieldProblem {
    return this.problem;
  }
}

/** One parsed JSON value as a record, or as the problem with it. */
export function recordOf(
  source: string,
  line: number | null,
  value: unknown,
  index?: number,
): RawRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const problem = { field: "record", code: "not_an_object", message: "expected a JSON object" };
    return new UnreadableRecord(source, line, problem, index);
  }
  const values = valuesFromObject(value as Record<string, unknown>);
  return isProblem(values)
    ? new UnreadableRecord(source, line, values, index)
    : new ValuesRecord(source, line, values, index);
}

/** Records held in memory as plain objects, keyed as JSON records are; located by index. */
export function recordsFromObjects(
  objects: readonly Record<string, unknown>[],
  source = "<memory>",
): RawRecord[] {
  return objects.map((object, index) => recordOf(source, null, object, index));
}
