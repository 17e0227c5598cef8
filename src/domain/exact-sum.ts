// Exact barrel amounts and their sums, in one place. An amount is a record's barrels
// in nano-barrels (10^-9 bbl): a safe-integer Number where one fits (the hot path),
// else a BigInt. A sum keeps a Number part while it stays below 2^53 and carries the
// rest in BigInt, so it is exact at any size. Everything else (buckets, tallies, the
// ledger) adds amounts, compares sums with a cap × share, and asks for printed values
// here only, so a change of representation stays inside this file.
import {
  barrelsNumber,
  exactTimes,
  mul,
  type Ratio,
  shareNumber,
  smallRatio,
  toNano,
} from "./decimal.js";

/** One record's barrels, exactly: nano-barrels as a safe-integer Number or a BigInt. */
export type Amount = number | bigint;

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

/** The amount of a quantity read in barrels. */
export function amountOfBarrels(barrels: ExactQuantity): Amount {
  return barrels.scaled ?? toNano(barrels.value);
}

/** The amount of a number of barrels worked out as a rational, rounded to a nano-barrel. */
export function amountOf(barrels: Ratio): Amount {
  return toNano(barrels);
}

/** quantity × ratio: in Numbers when that is exact, else in BigInt, rounded to a nano-barrel. */
export function amountTimes(quantity: ExactQuantity, by: AmountRatio): Amount {
  if (quantity.scaled !== undefined && by.small !== undefined) {
    const exact = exactTimes(quantity.scaled, by.small.num, by.small.den);
    if (exact !== undefined) return exact;
  }
  return toNano(mul(quantity.value, by.ratio));
}

/** An amount as a JSON number of barrels, rounded to 3 decimals. */
export function amountBarrels(amount: Amount): number {
  return barrelsNumber(BigInt(amount));
}

const WHOLE: Ratio = { num: 1n, den: 1n };

/**
 * A sum of amounts, exact at any size: a Number part kept below 2^53 and a BigInt
 * for the rest. A plain object, so that a day's bucket on the hot path can be one
 * itself (measured: a nested or class-based sum there slowed aggregation by 15-25 %).
 */
export interface ExactSum {
  small: number;
  big: bigint;
}

export function emptySum(): ExactSum {
  return { small: 0, big: 0n };
}

export function addAmount(sum: ExactSum, amount: Amount): void {
  if (typeof amount === "number") {
    const small = sum.small + amount;
    if (small <= Number.MAX_SAFE_INTEGER) sum.small = small;
    else sum.big += BigInt(amount);
  } else {
    sum.big += amount;
  }
}

/** Adds one sum into another. */
export function addSum(into: ExactSum, from: ExactSum): void {
  into.big += BigInt(into.small) + BigInt(from.small) + from.big;
  into.small = 0;
}

export function copySum(sum: ExactSum): ExactSum {
  return { small: sum.small, big: sum.big };
}

/** A sum less a part of it. */
export function sumLess(sum: ExactSum, part: ExactSum): ExactSum {
  return { small: 0, big: exactOf(sum) - exactOf(part) };
}

/** The sign of sum − cap × share, exactly; `cap` in nano-barrels. */
export function compareSum(sum: ExactSum, cap: bigint, share: Ratio = WHOLE): -1 | 0 | 1 {
  const left = exactOf(sum) * share.den;
  const right = cap * share.num;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A sum as a JSON number of barrels, rounded to 3 decimals. */
export function sumBarrels(sum: ExactSum): number {
  return barrelsNumber(exactOf(sum));
}

/** A sum's share of a cap (nano-barrels), rounded to 6 decimals. */
export function sumShare(sum: ExactSum, cap: bigint): number {
  return shareNumber(exactOf(sum), cap);
}

function exactOf(sum: ExactSum): bigint {
  return BigInt(sum.small) + sum.big;
}
