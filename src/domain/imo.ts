// The IMO ship number (contract §2): seven digits whose last checks the first six.
import { type FieldProblem, isProblem, problem, scalarText } from "./rules.js";
import { quote } from "./sanitize.js";

/** The IMO number's seventh digit checks the first six, weighted 7 down to 2. */
export function imoCheckDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10 === Number(digits[6]);
}

/** Seven digits, optionally after `IMO` in any case; space around is ignored. */
export const IMO_PATTERN = "^\\s*([Ii][Mm][Oo]\\s*)?\\d{7}\\s*$";
const IMO = new RegExp(IMO_PATTERN);

export function imoRule(value: unknown, field: string): string | FieldProblem {
  const text = scalarText(field, value);
  if (isProblem(text)) return text;
  if (!IMO.test(text)) {
    return problem(field, "invalid_imo", `expected 7 digits, got ${quote(text)}`);
  }
  const digits = text.trim().slice(-7);
  if (!imoCheckDigitValid(digits)) {
    return problem(field, "invalid_imo", `check digit does not match, got ${quote(text)}`);
  }
  return digits;
}
