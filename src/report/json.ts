// JSON, schema version 1: the Report object itself, keys in a stable order. Laid
// out as JSON.stringify(value, null, 2) would, except that a Number whose exact
// decimal text was recorded (barrels, shares; see exact-digits) is printed as that
// text, so that no digit is lost past 2^53 (contract §11).
import { digitsOf, hasDigits } from "../domain/exact-digits.js";
import type { Report } from "../domain/report.js";
import { escapeInvisible } from "../domain/sanitize.js";

/**
 * `value` as JSON text with exact numbers: `indent` spaces a level, or one line
 * when it is 0. Plain data only (what reports and ledger rows hold).
 */
export function exactJson(value: unknown, indent = 0): string {
  return write(value, indent === 0 ? "" : " ".repeat(indent), "");
}

function write(value: unknown, step: string, margin: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = margin + step;
    const items = value.map((item) => write(item ?? null, step, inner));
    return wrap("[", items, "]", step, margin);
  }
  if (value !== null && typeof value === "object") {
    const inner = margin + step;
    const members: string[] = [];
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      const digits = typeof field === "number" ? digitsOf(value, key) : undefined;
      const text = digits ?? write(field, step, inner);
      members.push(`${JSON.stringify(key)}:${step === "" ? "" : " "}${text}`);
    }
    if (members.length === 0) return "{}";
    return wrap("{", members, "}", step, margin);
  }
  return JSON.stringify(value);
}

function wrap(open: string, items: string[], close: string, step: string, margin: string): string {
  if (step === "") return `${open}${items.join(",")}${close}`;
  const inner = margin + step;
  return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${margin}${close}`;
}

/** A flat object (a ledger row) as JSON: JSON.stringify itself unless a Number lost digits. */
export function flatJson(value: object, indent = 0): string {
  return hasDigits(value) ? exactJson(value, indent) : JSON.stringify(value, null, indent);
}

export function renderJson(report: Report): string {
  return `${escapeInvisible(exactJson(report, 2))}\n`;
}
