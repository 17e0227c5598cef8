// The exact decimal text behind a report's numbers (contract §11: JSON numbers carry
// the exact rounded digits however large). The Report keeps plain Numbers, which
// lose digits past 2^53; the text each one was made from is kept here, beside the
// object that holds it, for the JSON writers to print instead. A WeakMap, so that
// the Report's objects stay plain (equal to parsed --json) and nothing leaks.
const DIGITS = new WeakMap<object, Readonly<Record<string, string>>>();

/**
 * Records the exact text of some of `target`'s Number fields and returns `target`.
 * `texts` maps a field's name to the text its Number was made from.
 */
export function withDigits<T extends object>(target: T, texts: Record<string, string>): T {
  DIGITS.set(target, texts);
  return target;
}

/** The exact text of `target[key]`, when one was recorded. */
export function digitsOf(target: object, key: string): string | undefined {
  return DIGITS.get(target)?.[key];
}

/** `to` with the exact texts recorded for `from` (a copy made by spreading loses them). */
export function sameDigits<T extends object>(to: T, from: object): T {
  const texts = DIGITS.get(from);
  if (texts !== undefined) DIGITS.set(to, texts);
  return to;
}
