// A running total printed after every record (the ledger, contract §9), exact like
// any sum (src/domain/exact-sum.ts) but cheap row after row: whole barrels and the
// nano-barrels below one barrel, as two Numbers, while every amount added is a
// plain non-negative integer of nano-barrels and the barrels stay below 2^52 / 1000; from
// the first amount that is not (a BigInt, a fraction) or past that, an ExactSum carries it.
import {
  type Amount,
  addAmount,
  EXACT_BOUND,
  type ExactSum,
  emptySum,
  fixedDecimal,
  roundedQuotient,
  sumBarrelsText,
  sumShareText,
} from "./exact-sum.js";

const NANO_PER_BARREL = 1_000_000_000;
const NANO_PER_MILLI = 1_000_000;
const SHARE_PLACES = 6;
const SHARE_UNIT = 10 ** SHARE_PLACES;
/** Caps up to here are exact as Numbers. */
const CAP_BOUND = BigInt(EXACT_BOUND);
/** Whole barrels up to here print exactly as thousandths in Numbers. */
const BARRELS_BOUND = Math.floor(EXACT_BOUND / 1000) - 1;

export class RunningTotal {
  private barrels = 0;
  /** Nano-barrels below one barrel: 0 ≤ nano < 10^9. */
  private nano = 0;
  /** The whole total, once Numbers no longer hold it exactly. */
  private exact: ExactSum | undefined;

  add(amount: Amount): void {
    if (this.exact === undefined && typeof amount === "number" && amount >= 0) {
      if (amount <= EXACT_BOUND) {
        this.addNano(amount);
        if (this.barrels <= BARRELS_BOUND) return;
      }
      // Too large for Numbers: the exact sum takes over.
      this.exact = this.sum();
      if (amount > EXACT_BOUND) addAmount(this.exact, amount);
      return;
    }
    this.exact ??= this.sum();
    addAmount(this.exact, amount);
  }

  /** Adds 0 ≤ amount ≤ 2^52 nano-barrels, exactly. */
  private addNano(amount: number): void {
    let whole = Math.floor(amount / NANO_PER_BARREL);
    let rest = amount - whole * NANO_PER_BARREL;
    // The quotient is a rounded Number: the remainder puts it right.
    if (rest < 0) {
      whole--;
      rest += NANO_PER_BARREL;
    } else if (rest >= NANO_PER_BARREL) {
      whole++;
      rest -= NANO_PER_BARREL;
    }
    this.nano += rest;
    if (this.nano >= NANO_PER_BARREL) {
      this.nano -= NANO_PER_BARREL;
      whole++;
    }
    this.barrels += whole;
  }

  /** The total as an ExactSum (a new one while Numbers hold it). */
  sum(): ExactSum {
    if (this.exact !== undefined) return this.exact;
    const sum = emptySum();
    sum.big = BigInt(this.barrels) * BigInt(NANO_PER_BARREL) + BigInt(this.nano);
    return sum;
  }

  /** Barrels rounded to 3 decimals, as exact decimal text. */
  barrelsText(): string {
    if (this.exact !== undefined) return sumBarrelsText(this.exact);
    const milli = roundedQuotient(this.nano, NANO_PER_MILLI);
    // 999.9995 barrels round up to the next whole barrel.
    return fixedDecimal(this.barrels * 1000 + milli, 3);
  }

  /**
   * The share of `cap` (nano-barrels) rounded to 6 decimals, as exact text. In
   * Numbers the quotient carries a relative error below 2^-50; where that error
   * could decide the rounding (a value next to a half), the exact sum decides.
   */
  shareText(cap: bigint): string {
    if (this.exact === undefined && cap > 0n && cap <= CAP_BOUND) {
      const value = ((this.barrels * NANO_PER_BARREL + this.nano) / Number(cap)) * SHARE_UNIT + 0.5;
      const units = Math.floor(value);
      const margin = value * 2 ** -48 + 2 ** -20;
      if (value < EXACT_BOUND && value - units > margin && units + 1 - value > margin) {
        return fixedDecimal(units, SHARE_PLACES);
      }
    }
    return sumShareText(this.sum(), cap, SHARE_PLACES);
  }
}
