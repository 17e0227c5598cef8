// The exact decimal text behind a report's numbers (contract §11: JSON numbers carry
// the exact rounded digits however large). The Report keeps plain Numbers, which
// lose digits past 2^53; where one did, the text it was made from is kept here,
// beside the object that holds it, for the JSON writers to print instead. A
// WeakMap, so that the Report's objects stay plain (equal to parsed --json), and
// only for lost digits (rare), so that the ledger's rows cost nothing more.
const DIGITS = new WeakMap<object, Readonly<Record<string, string>>>();

/**
 * Exact decimal text (`500000.000`, `-0.000`) as JSON writes the same Number
 * while it is exact (`500000`, `0`): no trailing zeros, no negative zero.
 */
function jsonNumberText(decimal: string): string {
  const text = decimal.includes(".") ? decimal.replace(/\.?0+$/, "") : decimal;
  return text === "-0" ? "0" : text;
}

/**
 * Records the exact text of those of `target`'s Number fields that lost digits and
 * returns `target`. `texts` maps a field's name to the decimal text its Number was
 * made from.
 */
export function withDigits<T extends object>(target: T, texts: Record<string, string>): T {
  let lost: Record<string, string> | undefined;
  for (const key in texts) {
    const text = texts[key] as string;
    const json = jsonNumberText(text);
    if (json !== JSON.stringify(Number(text))) {
      lost ??= {};
      lost[key] = json;
    }
  }
  if (lost !== undefined) DIGITS.set(target, lost);
  return target;
}

/** `to` with the exact texts recorded for `from` (a copy made by spreading loses them). */
export function sameDigits<T extends object>(to: T, from: object): T {
  const texts = DIGITS.get(from);
  if (texts !== undefined) DIGITS.set(to, texts);
  return to;
}

/** The exact JSON text of `target[key]`, when its Number lost digits. */
export function digitsOf(target: object, key: string): string | undefined {
  return DIGITS.get(target)?.[key];
}

/** Whether any of `target`'s own Numbers lost digits. */
export function hasDigits(target: object): boolean {
  return DIGITS.has(target);
}
