// Number forms beyond §2's decimals (contract §13): lower bounds, which count as
// the bound and mark the record `atLeast`, and exact fractions for load factors.
import { formatRatio, type Ratio } from "./decimal.js";

// A symbol may touch the number (`>165000`); a word needs a space after it.
const LOWER_BOUND = /^\s*(?:>=|>|\u2265|at\s+least\s|more\s+than\s|over\s)\s*/i;

/** The number text of a quantity with any lower-bound prefix taken off. */
export function splitLowerBound(text: string): {
  readonly number: string;
  readonly atLeast: boolean;
} {
  const match = LOWER_BOUND.exec(text);
  return match === null
    ? { number: text, atLeast: false }
    : { number: text.slice(match[0].length), atLeast: true };
}

const FRACTION = /^\s*(\d{1,15})\s*\/\s*(\d{1,15})\s*$/;

/** `1/3` as an exact rational; undefined for anything else or a zero denominator. */
export function parseFraction(text: string): Ratio | undefined {
  const match = FRACTION.exec(text);
  if (match === null) return undefined;
  const den = BigInt(match[2] as string);
  return den === 0n ? undefined : { num: BigInt(match[1] as string), den };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** A load factor as written in the ledger's rule: `0.33`, or `1/3` where no decimal ends. */
export function formatLoadFactor(r: Ratio): string {
  const divisor = gcd(r.num, r.den);
  const num = r.num / divisor;
  let den = r.den / divisor;
  const reduced = { num, den };
  while (den % 2n === 0n) den /= 2n;
  while (den % 5n === 0n) den /= 5n;
  return den === 1n ? formatRatio(reduced) : `${num}/${reduced.den}`;
}
