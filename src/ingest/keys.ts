// Header and key matching: which field a CSV column or a JSON key gives, by its
// name or one of its aliases (src/domain/fields.ts).
import { FIELD_NAMES, FIELDS, type FieldName, type FieldValues } from "../domain/fields.js";
import { memoShort } from "../domain/memo.js";
import { type FieldProblem, problem } from "../domain/rules.js";
import { quote } from "../domain/sanitize.js";

/** Trimmed, case-insensitive, spaces and hyphens read as `_`. */
function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const fieldByKey = new Map<string, FieldName>();
for (const name of FIELD_NAMES) {
  fieldByKey.set(name, name);
  for (const alias of FIELDS[name].aliases) fieldByKey.set(alias, name);
}

/**
 * The field a header or JSON key names, or undefined for an unknown column.
 * NDJSON repeats the same keys on every line: each is normalized only once.
 */
export const fieldOf: (key: string) => FieldName | undefined = memoShort((key) =>
  fieldByKey.get(normalizeKey(key)),
);

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
