// Units in CSV headers (contract §12): `Amount (tons)`, `Quantity [bbl]`,
// `Volume in kl`, `Weight, t`, or a unit alone (`Tons`) name a quantity column
// in that unit; in barrels they name the barrels column.
import { FIELDS, type FieldName } from "../domain/fields.js";
import { FOOTNOTE_MARK, FOOTNOTE_SIGNS, UN_FOOTNOTE } from "../domain/footnotes.js";
import { quote } from "../domain/sanitize.js";
import { isScaledUnit, type Unit, unitOf } from "../domain/units.js";
import { fieldOf } from "./keys.js";

/** What a header with a unit gives: barrels, or a quantity in a unit. */
export type UnitColumn =
  | { readonly field: "barrels" }
  | { readonly field: "quantity"; readonly unit: Exclude<Unit, "bbl"> };

/** Words that name a quantity in a header even though they are no field's alias. */
const QUANTITY_WORDS = new Set(["quantity", "volume", "amount", "weight", "mass"]);

const FORMS = [
  /^(.+?)\s*\(([^()]+)\)$/,
  /^(.+?)\s*\[([^[\]]+)\]$/,
  /^(.+?)\s+in\s+(.+)$/i,
  /^(.+?)\s*,\s*(.+)$/,
];

/**
 * The column a header with a unit names, or undefined. A unit alone must be longer
 * than one letter or digit: a column headed `T` or `L` is more likely a label than
 * a unit, while `m3` and `m³` are units as plainly as `kl`.
 */
export function unitColumn(header: string): UnitColumn | undefined {
  const text = header.trim();
  for (const form of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const name = m[1] as string;
    const unit = unitOf(m[2] as string);
    if (unit === undefined || !namesFigure(name)) continue;
    const field = fieldOf(name);
    if (unit === "bbl") return { field: "barrels" };
    // "Barrels (t)" contradicts itself: no reading.
    return field === "barrels" ? undefined : { field: "quantity", unit };
  }
  if (text.replace(/[^\p{L}\p{N}]/gu, "").length < 2) return undefined;
  const unit = unitOf(text);
  if (unit === undefined) return undefined;
  return unit === "bbl" ? { field: "barrels" } : { field: "quantity", unit };
}

/** A header's name before its unit is a figure's: a barrels or quantity alias, or a QUANTITY_WORD. */
function namesFigure(name: string): boolean {
  const field = fieldOf(name);
  return (
    field === "barrels" ||
    field === "quantity" ||
    QUANTITY_WORDS.has(name.trim().toLowerCase().replace(/\s+/g, " "))
  );
}

/**
 * Why a header that gives a figure in a unit gives none capcheck reads, or undefined:
 * a scaled unit (`Quantity (kt)`, `Barrels (000)`, `Tonnes ('000)`, `kt`), a remark
 * or unknown unit (`Barrels (est.)`), or barrels in another unit (`Barrels (t)`).
 */
export function unreadFigure(header: string): string | undefined {
  const text = header.trim();
  for (const form of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const name = m[1] as string;
    const part = (m[2] as string).trim();
    const scaled = isScaledUnit(part);
    if (!namesFigure(name) && !(scaled && unitOf(name) !== undefined)) continue;
    if (unitColumn(text) !== undefined) return undefined;
    if (scaled) return `is in a scaled unit (${quote(part)}), which capcheck does not read`;
    return unitOf(part) === undefined
      ? `names no unit capcheck reads (${quote(part)})`
      : `names barrels in another unit (${quote(part)})`;
  }
  return isScaledUnit(text) && unitColumn(text) === undefined
    ? `is in a scaled unit (${quote(text)}), which capcheck does not read`
    : undefined;
}

/** A character a mark or remark starts with; see FOOTNOTE_MARKS and REMARK. */
const MARK_START = new RegExp(`[*/([${FOOTNOTE_SIGNS}]`);

/** Footnote marks at the end of a header: `Date*`, `Supplier¹`, `Member State a/`. */
const FOOTNOTE_MARKS = new RegExp(String.raw`(?:\s*${FOOTNOTE_MARK}|${UN_FOOTNOTE})+$`, "i");
const REMARK = /^(.+?)\s*(?:\([^()]*\)|\[[^[\]]*\])$/;

/**
 * The field a header names under the marks a report's table adds: a footnote mark
 * (`Date*`, `Barrels¹`), a plural `(s)` (`Member State(s)`), or, for a field that
 * holds no figure, a remark in brackets (`Date (YYYY-MM-DD)`, `Supplier (Member
 * State)`). A figure's brackets hold its unit (unitColumn), never a remark to drop:
 * `Barrels (est.)` or `Quantity (000 t)` stays unread rather than read as plain barrels.
 */
export function remarkedField(header: string): FieldName | undefined {
  // Most unknown columns (`Remarks`) carry no mark: their name is not searched.
  if (!MARK_START.test(header)) return undefined;
  const bare = header
    .trim()
    .replace(FOOTNOTE_MARKS, "")
    .replace(/\(s\)$/i, "");
  const field = fieldOf(bare);
  if (field !== undefined) return field;
  const m = REMARK.exec(bare);
  const inner = m === null ? undefined : fieldOf(m[1] as string);
  return inner !== undefined && FIELDS[inner].input !== "number" ? inner : undefined;
}
