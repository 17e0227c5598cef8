// A group's day buckets as arrays (buckets.ts): how a worker's days cross threads
// to the main thread's (src/parallel.ts) cheaply.
import type { DayBucket } from "./buckets.js";
import type { ExactSum } from "./exact-sum.js";

/**
 * A group's days as arrays, a bucket's sums as Numbers where they are plain (no
 * BigInt part, no fraction): how a worker's days cross threads (src/parallel.ts).
 * Cloned as some 12,800 bucket objects, 1M rows' worth took 25-40 ms between the
 * worker's end and the merge, with both cores idle but one.
 */
export interface PackedDays {
  readonly ordinals: Int32Array;
  readonly records: Int32Array;
  /** MONTHLY, AT_LEAST, REPORTED. */
  readonly flags: Uint8Array;
  /** Each day's sum, and its estimated part; NaN for a day in `exact`. */
  readonly small: Float64Array;
  readonly estimated: Float64Array;
  /** The days whose sums are not plain: their place in the arrays, sum and estimated part. */
  readonly exact: readonly (readonly [number, ExactSum, ExactSum])[];
}

export const MONTHLY = 1;
export const AT_LEAST = 2;
export const REPORTED = 4;

/** A sum held in its Number part alone. */
const isSmall = (sum: ExactSum): boolean => sum.big === 0n && sum.num === 0n && sum.den === 1n;

/** A sum's parts alone (a bucket is one, with more). */
const sumOf = ({ small, big, num, den }: ExactSum): ExactSum => ({ small, big, num, den });

/** A group's days as PackedDays. */
export function packDays(days: ReadonlyMap<number, DayBucket>): PackedDays {
  const packed = {
    ordinals: new Int32Array(days.size),
    records: new Int32Array(days.size),
    flags: new Uint8Array(days.size),
    small: new Float64Array(days.size),
    estimated: new Float64Array(days.size),
    exact: [] as [number, ExactSum, ExactSum][],
  };
  let i = 0;
  for (const [ordinal, b] of days) {
    packed.ordinals[i] = ordinal;
    packed.records[i] = b.records;
    packed.flags[i] =
      (b.monthly ? MONTHLY : 0) | (b.atLeast ? AT_LEAST : 0) | (b.reportedAtLeast ? REPORTED : 0);
    if (isSmall(b) && isSmall(b.estimated)) {
      packed.small[i] = b.small;
      packed.estimated[i] = b.estimated.small;
    } else {
      packed.small[i] = Number.NaN;
      packed.exact.push([i, sumOf(b), sumOf(b.estimated)]);
    }
    i++;
  }
  return packed;
}
