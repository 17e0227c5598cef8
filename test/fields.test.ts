// The patterns `capcheck schema` prints must describe what the rules accept: a
// value a rule takes always matches the printed pattern, and (where the pattern
// is exact) a value matching it fails only for a reason no pattern can state.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELD_RULES, FIELDS, type FieldName, REQUIRED_FIELDS } from "../src/domain/fields.js";
import { isProblem } from "../src/domain/rules.js";
import { recordJsonSchema } from "../src/domain/schema.js";

type Property = { pattern?: string; anyOf?: { type?: string; pattern?: string }[] };
const properties = recordJsonSchema().properties as Record<FieldName, Property>;

/** The pattern printed for a field's text: its own, or that of its string branch. */
function printedPattern(name: FieldName): RegExp | undefined {
  const property = properties[name];
  const pattern = property.pattern ?? property.anyOf?.find((b) => b.type === "string")?.pattern;
  return pattern === undefined ? undefined : new RegExp(pattern);
}

const tokens = [
  ..."0123456789",
  "2024-",
  "03-",
  "-",
  ".",
  ",",
  ",000",
  "e",
  "E+",
  " ",
  "\t",
  "T",
  "12:30",
  ":00",
  "Z",
  "+09:00",
  "IMO",
  "imo ",
  "9074729",
  "reported",
  "ESTIMATED",
  "Estimated",
  "x",
  "Jan",
  "Sept.",
  "/",
  " 2019",
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...tokens), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "2024-02-29",
    "2024-02",
    "2024-01-01T00:30:00+09:00",
    " IMO 9074729 ",
    "1e5",
    "January 2019",
    "2019-01/2019-06",
    "2018-01-15/2018-02-14",
    "Jan-2018",
    "2018/1/15",
    "2018/01/31",
  ),
);

/** Accepted: a value, not a problem and not a blank that counts as absent. */
const accepts = (name: FieldName, value: string) => {
  const result = FIELD_RULES[name](value);
  return result !== undefined && !isProblem(result);
};

const patterned = (Object.keys(FIELDS) as FieldName[]).filter((name) => printedPattern(name));

describe("printed JSON Schema", () => {
  it("prints a pattern for the date, the IMO number, the basis and every number field", () => {
    expect(patterned).toEqual([
      "date",
      "barrels",
      "quantity",
      "imo",
      "basis",
      "capacity",
      "load_factor",
    ]);
  });

  it.each(patterned)("%s: every value the rule accepts matches the printed pattern", (name) => {
    const pattern = printedPattern(name) as RegExp;
    fc.assert(
      fc.property(text, (value) => {
        if (accepts(name, value)) expect(value).toMatch(pattern);
      }),
      { numRuns: 2000 },
    );
  });

  /** Why a value of the right shape may still fail: what the pattern cannot say. */
  const number = (value: string, message: string) =>
    /more than 10\^12/.test(message) || Math.abs(Number(value.split(/e/i)[1] ?? 0)) > 400;
  const beyondPattern: Partial<Record<FieldName, (value: string, message: string) => boolean>> = {
    imo: (_, message) => /check digit/.test(message),
    basis: () => false,
    barrels: number,
    quantity: number,
    capacity: number,
  };
  it.each(Object.keys(beyondPattern) as FieldName[])(
    "%s: every value matching the printed pattern is accepted, or fails only beyond it",
    (name) => {
      const pattern = printedPattern(name) as RegExp;
      const beyond = beyondPattern[name] as (value: string, message: string) => boolean;
      fc.assert(
        fc.property(text, (value) => {
          if (!pattern.test(value) || value.trim() === "") return;
          const result = FIELD_RULES[name](value);
          if (isProblem(result)) expect(beyond(value, result.message)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
  );

  it("marks required exactly the fields the table marks", () => {
    expect(recordJsonSchema().required).toEqual([...REQUIRED_FIELDS]);
    for (const name of REQUIRED_FIELDS) {
      expect(FIELD_RULES[name](undefined)).toMatchObject({ code: "missing_field" });
    }
  });
});
