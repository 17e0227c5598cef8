// The zod schema (what `capcheck schema` prints) and the fast path must agree on
// every input, valid or not, including the exact problem reported.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldName, FieldValues } from "../src/domain/fields.js";
import { isProblem } from "../src/domain/rules.js";
import { problemFromZod, recordSchema } from "../src/domain/schema.js";
import { NO_CONTEXT, validateRecord } from "../src/domain/validate.js";
import { RowShape } from "../src/ingest/csv-row.js";
import { fieldOf } from "../src/ingest/keys.js";

const cell = fc.oneof(
  fc.constantFrom(
    "2024-03-01",
    "2024-02",
    "2024-02-30",
    "2024-01-01T00:30:00+09:00",
    "1899-01-01",
    "China",
    "  ",
    "diesel",
    "crude oil",
    "whale oil",
    "t",
    "kl",
    "furlong",
    "165,000.5",
    "1.234,5",
    "-3",
    "-0",
    "- 0.0e3",
    "1e-401",
    "1e13",
    "9074729",
    "9074728",
    "estimated",
    "guess",
  ),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.constant(true),
  fc.constant({}),
);

const fields = [
  "date",
  "exporter",
  "product",
  "barrels",
  "quantity",
  "unit",
  "imo",
  "basis",
  "origin",
];
const record = fc.dictionary(fc.constantFrom(...fields), cell, { maxKeys: 9 });

describe("zod schema and fast path", () => {
  it("agree on every record", () => {
    fc.assert(
      fc.property(record, (values) => {
        const fast = validateRecord(values as FieldValues);
        const zod = recordSchema.safeParse(values);
        if (zod.success) {
          expect(isProblem(fast)).toBe(false);
          expect(fast).toEqual(zod.data);
        } else {
          expect(isProblem(fast)).toBe(true);
          expect(problemFromZod(zod.error, values as FieldValues)).toEqual(fast);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** The plain way to a CSV row's values: what the compiled path must agree with. */
function valuesFromRow(
  fields: readonly (FieldName | undefined)[],
  row: readonly string[],
): FieldValues {
  const values: FieldValues = {};
  fields.forEach((field, i) => {
    const cell = row[i];
    if (field !== undefined && cell !== undefined && cell.trim() !== "") values[field] = cell;
  });
  return values;
}

describe("the compiled CSV row path", () => {
  const textCell = cell.filter((c): c is string => typeof c === "string");
  it("agrees with validateRecord on every header and row", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...fields, "unknown"), { minLength: 1, maxLength: 10 }),
        fc.array(textCell, { minLength: 10, maxLength: 10 }),
        (header, cells) => {
          const columns = header.map((h) => fieldOf(h));
          const row = cells.slice(0, header.length);
          const compiled = new RowShape(columns).validate(row, NO_CONTEXT);
          expect(compiled).toEqual(validateRecord(valuesFromRow(columns, row)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
