// A CSV header compiled once per file, and the rows validated against it: the
// fast path for CSV, kept inside the reader (the domain sees only RawRecord).
import {
  FIELD_NAMES,
  FIELD_RULES,
  FIELDS,
  type FieldName,
  type FieldSpec,
} from "../domain/fields.js";
import { type NumberReading, pointText, withCommaHint } from "../domain/number-format.js";
import { type FieldProblem, isProblem, problem } from "../domain/rules.js";
import { quote } from "../domain/sanitize.js";
import { UNITS, type Unit } from "../domain/units.js";
import {
  type RawRecord,
  recordProblem,
  type ShipmentFields,
  type ValidationContext,
} from "../domain/validate.js";
import { remarkedField, unitColumn, unreadFigure } from "./header-units.js";
import { fieldOf } from "./keys.js";

/** A CSV header read once per file. */
export interface HeaderFields {
  /** The field of each column, or undefined for a column no field takes. */
  readonly fields: (FieldName | undefined)[];
  /** The unit a header gave its quantity column (`Amount (tons)`), if one did. */
  readonly unit?: Unit;
  /** The names of the columns no field takes, for the file's one warning. */
  readonly ignored: string[];
}

/**
 * Maps a CSV header to fields once per file: by name or alias, else by a unit in
 * the header (contract §12). A field named by two columns is a problem.
 */
export function fieldsOfHeader(header: readonly string[]): HeaderFields | FieldProblem {
  const seen = new Map<FieldName, number>();
  let unit: Unit | undefined;
  let unitColumnAt = -1;
  const fields = header.map((name, i) => {
    const field = fieldOf(name);
    if (field !== undefined) return field;
    const column = unitColumn(name);
    if (column?.field === "quantity") {
      unit = column.unit;
      unitColumnAt = i;
    }
    return column?.field ?? remarkedField(name);
  });
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === undefined) continue;
    const earlier = seen.get(field);
    if (earlier !== undefined) return bothGive(header, earlier, i, field);
    seen.set(field, i);
  }
  if (!seen.has("barrels") && !seen.has("quantity")) {
    const unread = unreadFigureColumn(header, fields);
    if (unread !== undefined) return unread;
  }
  const unitAt = seen.get("unit");
  if (unit !== undefined && unitAt !== undefined) {
    return bothGive(header, Math.min(unitAt, unitColumnAt), Math.max(unitAt, unitColumnAt), "unit");
  }
  const ignored = header
    .map((name, i) => (fields[i] === undefined ? name.trim() || `column ${i + 1}` : undefined))
    .filter((name) => name !== undefined);
  return unit === undefined ? { fields, ignored } : { fields, unit, ignored };
}

/**
 * A column whose figures are in a unit capcheck does not read (`Quantity (kt)`),
 * refused in one line when no column gives barrels or a quantity: each row would
 * otherwise be refused alike for want of one. Beside such a column it is ignored.
 */
function unreadFigureColumn(
  header: readonly string[],
  fields: readonly (FieldName | undefined)[],
): FieldProblem | undefined {
  for (let i = 0; i < header.length; i++) {
    const why = fields[i] === undefined ? unreadFigure(header[i] as string) : undefined;
    if (why === undefined) continue;
    return problem(
      "header",
      "unread_unit",
      `column ${i + 1} (${quote(header[i])}) ${why}: give its figures in ${UNITS.slice(0, -1).join(", ")} or ${UNITS.at(-1)}, with that unit in the header ("Quantity (t)") or in a unit column`,
    );
  }
  return undefined;
}

function bothGive(
  header: readonly string[],
  earlier: number,
  later: number,
  field: string,
): FieldProblem {
  return problem(
    "header",
    "duplicate_column",
    `columns ${earlier + 1} (${quote(header[earlier])}) and ${later + 1} (${quote(header[later])}) both give ${field}`,
  );
}

/** An empty value, as valuesFromObject has it: null, or text of nothing but spaces. */
function isBlank(cell: unknown): boolean {
  if (typeof cell !== "string") return cell === null;
  if (cell.length === 0) return true;
  const first = cell.charCodeAt(0);
  return (first <= 32 || first >= 0x80) && cell.trim() === "";
}

/** A field's rule for a cell or value: a blank one is absent (isBlank). */
export type CellRule = (cell: unknown) => unknown;

type Step =
  | { readonly name: FieldName; readonly column: number; readonly rule: CellRule }
  | { readonly name: FieldName; readonly constant: FieldProblem };

const cellRules = new Map<string, CellRule>();

/**
 * A field's rule for its cells, a number field's cells first read in the file's
 * number format: made once per reading and field, so that every file's compiled
 * header (and every NDJSON key naming the field) shares it.
 */
export function cellRuleOf(field: FieldName, reading: NumberReading): CellRule {
  const numeric = (FIELDS[field] as FieldSpec).input === "number";
  const key = numeric ? `${reading}\u0000${field}` : field;
  const known = cellRules.get(key);
  if (known !== undefined) return known;
  const rule = FIELD_RULES[field];
  const read: CellRule =
    !numeric || reading === "point"
      ? rule
      : reading === "point-hinting"
        ? (value) => {
            // A valid figure, the common case, costs one test more than under `point`.
            const result = rule(value);
            return typeof value === "string" && isProblem(result)
              ? withCommaHint(result, value)
              : result;
          }
        : (value) => {
            if (typeof value !== "string") return rule(value);
            const text = pointText(value, reading, field);
            if (isProblem(text)) return text;
            const result = rule(text);
            return reading !== "comma" && isProblem(result) ? withCommaHint(result, value) : result;
          };
  const onCell: CellRule = (cell) => read(isBlank(cell) ? undefined : cell);
  cellRules.set(key, onCell);
  return onCell;
}

/**
 * A CSV header compiled once per file: the column of each field present, and what
 * each absent field's rule gives, which never changes. `validate` then gives the
 * same answer as validateRecord on the row's values without building an object
 * of values per row (test/schema-agreement.test.ts checks that it does).
 */
export class RowShape {
  private readonly steps: Step[] = [];
  private readonly defaults: [FieldName, unknown][] = [];

  /**
   * `unit`: the unit a header gave the quantity column, applied when a quantity is
   * given; `reading`: how the file's number cells read (contract §11).
   */
  constructor(
    fields: readonly (FieldName | undefined)[],
    private readonly unit?: Unit,
    reading: NumberReading = "point",
  ) {
    for (const name of FIELD_NAMES) {
      const column = fields.indexOf(name);
      if (column >= 0) {
        this.steps.push({ name, column, rule: cellRuleOf(name, reading) });
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

  /**
   * Each of `width` columns' rule for its cell's text, as validate applies it; none
   * for a column no field takes. What the CSV fast path reads a line's values with
   * (csv-fast.ts readValues), to validate them with `applied`.
   */
  cellRules(width: number): (CellRule | undefined)[] {
    const rules = new Array<CellRule | undefined>(width).fill(undefined);
    for (const step of this.steps) if ("rule" in step) rules[step.column] = step.rule;
    return rules;
  }

  /**
   * `cells`: a CSV row's texts, or a flat NDJSON line's values (ndjson-flat.ts);
   * `applied`: each column's rule already applied to them (cellRules).
   */
  validate(
    cells: readonly unknown[],
    context: ValidationContext,
    applied = false,
  ): ShipmentFields | FieldProblem {
    const out: Record<string, unknown> = {};
    for (const [name, value] of this.defaults) out[name] = value;
    for (const step of this.steps) {
      if ("constant" in step) return step.constant;
      const cell = cells[step.column];
      const result = applied ? cell : step.rule(cell);
      if (result !== undefined) {
        if (isProblem(result)) return result;
        out[step.name] = result;
      }
    }
    if (this.unit !== undefined && out.quantity !== undefined) out.unit = this.unit;
    const fields = out as unknown as ShipmentFields;
    return recordProblem(fields, context) ?? fields;
  }
}

/** A CSV row or flat NDJSON line, validated against its compiled header or key set. */
export class CsvRecord implements RawRecord {
  constructor(
    readonly source: string,
    readonly line: number,
    private readonly shape: RowShape,
    private readonly cells: readonly unknown[],
    /** The cells are values the shape's cellRules gave. */
    private readonly applied = false,
  ) {}

  validate(context: ValidationContext): ShipmentFields | FieldProblem {
    return this.shape.validate(this.cells, context, this.applied);
  }
}
