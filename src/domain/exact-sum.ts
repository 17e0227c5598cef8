// Exact barrel amounts and their sums, in one place (contract §3, §11: exact
// rationals, rounding only when printing). An amount is a record's barrels in
// nano-barrels (10^-9 bbl): a safe-integer Number where one fits (the hot path: most
// records are plain decimals), else a BigInt, else (a conversion whose quotient does
// not terminate: litres, crude tons, a load factor of 1/3) an exact fraction of
// nano-barrels. A sum keeps a Number part while it stays below 2^53, carries the
// rest in BigInt, and the fractions' sum as one fraction beside them, so it is exact
// at any size. Everything else (buckets, tallies, the ledger) adds amounts, compares
// sums with a cap × share, and asks for printed values here only.
import { exactTimes, formatFixed, mul, NANO, type Ratio, smallRatio } from "./decimal.js";

/**
 * One record's barrels, exactly, in nano-barrels: a safe-integer Number, a BigInt,
 * or a fraction in lowest terms whose denominator is above 1.
 */
export type Amount = number | bigint | Ratio;

/** A conversion ratio, with its Numbers for the exact short path when they are small. */
export interface AmountRatio {
  readonly ratio: Ratio;
  readonly small: { num: number; den: number } | undefined;
}

export function amountRatio(ratio: Ratio): AmountRatio {
  return { ratio, small: smallRatio(ratio) };
}

/** A quantity as read: its exact value and, when it has one, the value × 10^9 as a Number. */
export interface ExactQuantity {
  readonly value: Ratio;
  readonly scaled: number | undefined;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** A fraction in lowest terms, as an integer when its denominator is 1. */
function reduced(num: bigint, den: bigint): Amount {
  const g = gcd(num, den);
  return g === den ? num / den : { num: num / g, den: den / g };
}

/** The amount of a number of barrels given as a rational: exact, whatever its denominator. */
export function amountOf(barrels: Ratio): Amount {
  if (NANO % barrels.den === 0n) return barrels.num * (NANO / barrels.den);
  return reduced(barrels.num * NANO, barrels.den);
}

/** The amount of a quantity read in barrels. */
export function amountOfBarrels(barrels: ExactQuantity): Amount {
  return barrels.scaled ?? amountOf(barrels.value);
}

/** quantity × ratio: in Numbers when that is exact, else as an exact BigInt or fraction. */
export function amountTimes(quantity: ExactQuantity, by: AmountRatio): Amount {
  if (quantity.scaled !== undefined && by.small !== undefined) {
    const exact = exactTimes(quantity.scaled, by.small.num, by.small.den);
    if (exact !== undefined) return exact;
  }
  return amountOf(mul(quantity.value, by.ratio));
}

/** An amount as text, for the ledger's sort lines: `123`, or `num/den`. */
export function amountText(amount: Amount): string {
  return typeof amount === "object" ? `${amount.num}/${amount.den}` : String(amount);
}

/** The amount amountText wrote. */
export function amountFromText(text: string): Amount {
  const slash = text.indexOf("/");
  if (slash >= 0) return { num: BigInt(text.slice(0, slash)), den: BigInt(text.slice(slash + 1)) };
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

const WHOLE: Ratio = { num: 1n, den: 1n };

/**
 * A sum of amounts, exact at any size: a Number part kept below 2^53, a BigInt for
 * the rest, and the fractions' sum `num / den` (0 / 1 until a fraction comes). A
 * plain object, so that a day's bucket on the hot path can be one itself
 * (measured: a nested or class-based sum there slowed aggregation by 15-25 %).
 */
export interface ExactSum {
  small: number;
  big: bigint;
  num: bigint;
  den: bigint;
}

export function emptySum(): ExactSum {
  return { small: 0, big: 0n, num: 0n, den: 1n };
}

/** Adds num / den into the sum's fraction, keeping it in lowest terms and below 1. */
function addFraction(sum: ExactSum, num: bigint, den: bigint): void {
  if (num === 0n) return;
  let n: bigint;
  let d: bigint;
  if (den === sum.den) {
    n = sum.num + num;
    d = den;
  } else {
    n = sum.num * den + num * sum.den;
    d = sum.den * den;
    const g = gcd(n, d);
    n /= g;
    d /= g;
  }
  if (n >= d || n < 0n) {
    const whole = n / d - (n < 0n && n % d !== 0n ? 1n : 0n);
    sum.big += whole;
    n -= whole * d;
  }
  sum.num = n;
  sum.den = d;
}

export function addAmount(sum: ExactSum, amount: Amount): void {
  if (typeof amount === "number") {
    const small = sum.small + amount;
    if (small <= Number.MAX_SAFE_INTEGER) sum.small = small;
    else sum.big += BigInt(amount);
  } else if (typeof amount === "bigint") {
    sum.big += amount;
  } else {
    addFraction(sum, amount.num, amount.den);
  }
}

/** Adds one sum into another. */
export function addSum(into: ExactSum, from: ExactSum): void {
  into.big += BigInt(into.small) + BigInt(from.small) + from.big;
  into.small = 0;
  addFraction(into, from.num, from.den);
}

export function copySum(sum: ExactSum): ExactSum {
  return { small: sum.small, big: sum.big, num: sum.num, den: sum.den };
}

/** A sum less a part of it. */
export function sumLess(sum: ExactSum, part: ExactSum): ExactSum {
  const rest = emptySum();
  rest.big = BigInt(sum.small) + sum.big - BigInt(part.small) - part.big;
  addFraction(rest, sum.num, sum.den);
  addFraction(rest, -part.num, part.den);
  return rest;
}

/** The sum as one exact fraction of nano-barrels. */
function exactOf(sum: ExactSum): Ratio {
  return { num: (BigInt(sum.small) + sum.big) * sum.den + sum.num, den: sum.den };
}

/** Whether two lists of sums are equal, sum by sum, exactly. */
export function equalSums(a: readonly ExactSum[], b: readonly ExactSum[]): boolean {
  return (
    a.length === b.length &&
    a.every((sum, i) => {
      const x = exactOf(sum);
      const y = exactOf(b[i] as ExactSum);
      return x.num * y.den === y.num * x.den;
    })
  );
}

/** The sign of sum − cap × share, exactly; `cap` in nano-barrels. */
export function compareSum(sum: ExactSum, cap: bigint, share: Ratio = WHOLE): -1 | 0 | 1 {
  const total = exactOf(sum);
  const left = total.num * share.den;
  const right = cap * share.num * total.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** num / den rounded to an integer, half away from zero (num ≥ 0, den > 0). */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

const MILLI_PER_NANO = 1_000_000n;

/** Nano-barrels num / den as barrels rounded to 3 decimals, as decimal text. */
function barrelsText(num: bigint, den: bigint): string {
  return formatFixed(roundHalfUp(num, den * MILLI_PER_NANO), 3, 3);
}

/** Below this, a / b and its remainder are exact in Numbers (a, b integers, b ≤ a bound too). */
export const EXACT_BOUND = 2 ** 52;

/**
 * ⌊a / b⌋ exactly, for integers 0 ≤ a ≤ 2^52 and 0 < b ≤ 2^52: the quotient is a
 * rounded Number, and its remainder (exact) puts it right.
 */
export function floorQuotient(a: number, b: number): number {
  const q = Math.floor(a / b);
  const r = a - q * b;
  return r < 0 ? q - 1 : r >= b ? q + 1 : q;
}

/** `a / b` rounded half up, for integers 0 ≤ a ≤ 2^52 and 0 < b ≤ 2^52. */
export function roundedQuotient(a: number, b: number): number {
  const q = floorQuotient(a, b);
  return 2 * (a - q * b) >= b ? q + 1 : q;
}

/** "000" to "999": three decimals without building them each time. */
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/** "0" to "999". */
const SMALL_INTEGERS = Array.from({ length: 1000 }, (_, n) => String(n));

/**
 * A non-negative safe integer as decimal text, built from the tables here: V8
 * keeps each Number it turns into text in a cache, and a ledger's ever-new totals
 * and line numbers passing through it outlive the young generation, so that the
 * heap grows with the rows written (measured: 10M rows peaked at 200+ MiB).
 */
export function integerText(n: number): string {
  if (n < 1000) return SMALL_INTEGERS[n] as string;
  const high = Math.floor(n / 1000);
  return integerText(high) + THREE_DIGITS[n - high * 1000];
}

/** A count 0 ≤ units ≤ 2^52 of thousandths (`places` 3) or millionths (6) as decimal text. */
export function fixedDecimal(units: number, places: 3 | 6): string {
  if (places === 3) {
    const whole = Math.floor(units / 1000);
    return `${integerText(whole)}.${THREE_DIGITS[units - whole * 1000]}`;
  }
  const whole = Math.floor(units / 1_000_000);
  const fraction = units - whole * 1_000_000;
  const high = Math.floor(fraction / 1000);
  return `${integerText(whole)}.${THREE_DIGITS[high]}${THREE_DIGITS[fraction - high * 1000]}`;
}

/**
 * An amount as thousandths of a barrel, rounded, in Numbers: the hot path for the
 * plain amounts of most records; NaN where BigInts must do it.
 */
export function amountMilli(amount: Amount): number {
  if (!(typeof amount === "number" && amount >= 0 && amount <= EXACT_BOUND)) return Number.NaN;
  return roundedQuotient(amount, 1_000_000);
}

/** A sum as barrels rounded to 3 decimals, as exact decimal text (`500000.000`). */
export function sumBarrelsText(sum: ExactSum): string {
  const { num, den } = exactOf(sum);
  return barrelsText(num, den);
}

/** A sum as a JSON number of barrels, rounded to 3 decimals. */
export function sumBarrels(sum: ExactSum): number {
  return Number(sumBarrelsText(sum));
}

/** An amount as barrels rounded to 3 decimals, as exact decimal text. */
export function amountBarrelsText(amount: Amount): string {
  if (typeof amount === "object") return barrelsText(amount.num, amount.den);
  const milli = amountMilli(amount);
  if (!Number.isNaN(milli)) return fixedDecimal(milli, 3);
  return barrelsText(BigInt(amount), 1n);
}

/** What a share is the share of: a regime's cap (nano-barrels) and its thresholds. */
export interface ShareOf {
  readonly cap: bigint;
  readonly thresholds: readonly { readonly share: Ratio }[];
}

/**
 * A sum's share of a cap rounded to `places` decimals, as exact decimal text: half
 * up, except where that would mislead a script comparing it (contract §11). A total
 * over the cap never reads exactly 1 (by under half a unit over, `1.000000` would
 * hide the breach from `share > 1`): it reads one unit more, `1.000001`. And a total
 * short of a threshold never reads as the threshold (`0.750000` for 74.99998 %, beside
 * "75 % not reached"): it reads one unit less, `0.749999`. So a share reads over 1
 * exactly when the total is over the cap, and at or over a threshold exactly when
 * the total reached it. RunningTotal.shareMicros rounds alike.
 */
export function sumShareText(sum: ExactSum, of: ShareOf, places = 6): string {
  const { num, den } = exactOf(sum);
  const { cap } = of;
  const scale = 10n ** BigInt(places);
  let units = roundHalfUp(num * scale, den * cap);
  if (units === scale && num > den * cap) units = scale + 1n;
  for (const { share } of of.thresholds) {
    // Only a threshold of whole units can be rounded onto from below.
    if (units * share.den === share.num * scale && num * share.den < share.num * den * cap)
      units -= 1n;
  }
  return formatFixed(units, places, places);
}

/** A sum's share of a cap, rounded to 6 decimals as sumShareText rounds. */
export function sumShare(sum: ExactSum, of: ShareOf): number {
  return Number(sumShareText(sum, of));
}
