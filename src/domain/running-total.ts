// A running total printed after every record (the ledger, contract §9), exact like
// any sum (src/domain/exact-sum.ts) but cheap row after row: whole barrels and the
// nano-barrels below one barrel, as two Numbers, while every amount added is a
// plain non-negative integer of nano-barrels and the barrels stay below 2^52 / 1000; from
// the first amount that is not (a BigInt, a fraction) or past that, an ExactSum carries it.
import {
  type Amount,
  addAmount,
  copySum,
  EXACT_BOUND,
  type ExactSum,
  emptySum,
  fixedDecimal,
  floorQuotient,
  roundedQuotient,
  type ShareOf,
  sumBarrelsText,
  sumShareText,
} from "./exact-sum.js";

const NANO_PER_BARREL = 1_000_000_000;
const BIG_NANO_PER_BARREL = 1_000_000_000n;
const NANO_PER_MILLI = 1_000_000;
const SHARE_PLACES = 6;
/** A share of exactly 1, in millionths. */
const MICROS_AT_CAP = 1_000_000;
/** Whole barrels up to here print exactly as thousandths in Numbers. */
const BARRELS_BOUND = Math.floor(EXACT_BOUND / 1000) - 1;

export class RunningTotal {
  private barrels = 0;
  /** Nano-barrels below one barrel: 0 ≤ nano < 10^9. */
  private nano = 0;
  /** The whole total, once Numbers no longer hold it exactly. */
  private exact: ExactSum | undefined;

  /** Starts at `start` (a span of a ledger that does not start it), else at zero. */
  constructor(start?: ExactSum) {
    if (start === undefined) return;
    const whole = BigInt(start.small) + start.big;
    if (start.num === 0n && whole >= 0n && whole <= BigInt(BARRELS_BOUND) * BIG_NANO_PER_BARREL) {
      this.barrels = Number(whole / BIG_NANO_PER_BARREL);
      this.nano = Number(whole % BIG_NANO_PER_BARREL);
    } else this.exact = copySum(start);
  }

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
    let whole = floorQuotient(amount, NANO_PER_BARREL);
    this.nano += amount - whole * NANO_PER_BARREL;
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
    const milli = this.milli();
    return Number.isNaN(milli) ? sumBarrelsText(this.sum()) : fixedDecimal(milli, 3);
  }

  /** Thousandths of a barrel, rounded; NaN once Numbers no longer hold the total. */
  milli(): number {
    if (this.exact !== undefined) return Number.NaN;
    // 999.9995 barrels round up to the next whole barrel.
    return this.barrels * 1000 + roundedQuotient(this.nano, NANO_PER_MILLI);
  }

  /** The share of a regime's cap rounded to 6 decimals, as exact decimal text. */
  shareText(of: ShareOf): string {
    const micros = this.shareMicros(of);
    return Number.isNaN(micros)
      ? sumShareText(this.sum(), of, SHARE_PLACES)
      : fixedDecimal(micros, SHARE_PLACES);
  }

  /**
   * The share of a regime's cap in millionths, rounded as sumShareText rounds (over
   * the cap never 1.000000, short of a threshold never the threshold); NaN where
   * Numbers cannot work it out. It is the total over cap / 10^6, by long division
   * in Numbers (the total's barrels, then its nano-barrels three digits at a time),
   * every step an exact integer.
   */
  shareMicros(of: ShareOf): number {
    const scale = this.exact === undefined ? shareScale(of) : undefined;
    if (scale === undefined) return Number.NaN;
    const { divisor, thresholds } = scale;
    let quotient = Math.floor(this.barrels / divisor);
    let rest = this.barrels - quotient * divisor;
    for (let unit = 1_000_000; unit >= 1; unit /= 1000) {
      // The next three digits of the nano-barrels (10^9 of them to a barrel).
      const digits = Math.floor(this.nano / unit) % 1000;
      const part = rest * 1000 + digits;
      const step = Math.floor(part / divisor);
      quotient = quotient * 1000 + step;
      rest = part - step * divisor;
    }
    // Up from half a millionth, but not onto a threshold (the total is short of
    // it); and from exactly 1 when anything is left: over the cap.
    const up =
      (2 * rest >= divisor && !thresholds.includes(quotient + 1)) ||
      (quotient === MICROS_AT_CAP && rest > 0);
    const micros = up ? quotient + 1 : quotient;
    return micros > EXACT_BOUND ? Number.NaN : micros;
  }
}

/** How a regime's shares are worked out in Numbers (shareScale). */
interface ShareScale {
  readonly divisor: number;
  /** The thresholds that are whole millionths, in millionths. */
  readonly thresholds: readonly number[];
}

/** Each regime's scale, worked out once; undefined where Numbers cannot hold the division. */
const scales = new WeakMap<ShareOf, ShareScale | undefined>();
/** The last regime asked about: a ledger asks about one or two, row after row. */
let last: { of: ShareOf; scale: ShareScale | undefined } | undefined;

/**
 * cap / 10^6 (a share's millionths are the total over it), when it is a whole
 * number small enough that the long division stays exact: its remainders times
 * 1000, plus three digits, below 2^52.
 */
function shareScale(of: ShareOf): ShareScale | undefined {
  if (last?.of === of) return last.scale;
  let scale = scales.get(of);
  if (scale === undefined && !scales.has(of)) {
    const { cap } = of;
    const whole = cap > 0n && cap % 1_000_000n === 0n ? cap / 1_000_000n : 0n;
    const fits = whole > 0n && whole * 1000n + 1000n <= BigInt(EXACT_BOUND);
    const thresholds = of.thresholds
      .filter(({ share }) => (share.num * 1_000_000n) % share.den === 0n)
      .map(({ share }) => Number((share.num * 1_000_000n) / share.den));
    scale = fits ? { divisor: Number(whole), thresholds } : undefined;
    scales.set(of, scale);
  }
  last = { of, scale };
  return scale;
}
