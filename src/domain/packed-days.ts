// A group's day buckets as arrays (buckets.ts): how a worker's days cross threads
// to the main thread's (src/parallel.ts) cheaply.
import type { DayBucket } from "./buckets.js";
import type { ExactSum } from "./exact-sum.js";

/**
 * Groups' days as arrays, one after another, a bucket's sums as Numbers where they
 * are plain (no BigInt part, no fraction): how a worker's days cross threads
 * (src/parallel.ts). Cloned as some 12,800 bucket objects, 1M rows' worth took
 * 25-40 ms between the worker's end and the merge, with both cores idle but one.
 * A period's groups share one set of arrays: five typed arrays a group took some
 * 2.9 KB of a worker's heap each, and 15,000 exporters' groups ran it out of its 96 MB.
 */
export interface PackedDays {
  /** Where each group's days end (its first is the previous group's end, or 0). */
  readonly ends: Int32Array;
  readonly ordinals: Int32Array;
  readonly records: Int32Array;
  /** MONTHLY, AT_LEAST, REPORTED. */
  readonly flags: Uint8Array;
  /** Each day's sum, and its estimated part; NaN for a day in `exact`. */
  readonly small: Float64Array;
  readonly estimated: Float64Array;
  /** The days whose sums are not plain, in order: their place in the arrays, sum and estimated part. */
  readonly exact: readonly (readonly [number, ExactSum, ExactSum])[];
}

export const MONTHLY = 1;
export const AT_LEAST = 2;
export const REPORTED = 4;

/** A sum held in its Number part alone. */
const isSmall = (sum: ExactSum): boolean => sum.big === 0n && sum.num === 0n && sum.den === 1n;

/** A sum's parts alone (a bucket is one, with more). */
const sumOf = ({ small, big, num, den }: ExactSum): ExactSum => ({ small, big, num, den });

/** Groups' days as one PackedDays, group after group. */
export function packDays(groups: readonly ReadonlyMap<number, DayBucket>[]): PackedDays {
  let size = 0;
  for (const days of groups) size += days.size;
  const packed = {
    ends: new Int32Array(groups.length),
    ordinals: new Int32Array(size),
    records: new Int32Array(size),
    flags: new Uint8Array(size),
    small: new Float64Array(size),
    estimated: new Float64Array(size),
    exact: [] as [number, ExactSum, ExactSum][],
  };
  let i = 0;
  for (const [group, days] of groups.entries()) {
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
    packed.ends[group] = i;
  }
  return packed;
}

/** The first of `packed.exact` at place `from` or after (they are in order of place). */
export function firstExactFrom(packed: PackedDays, from: number): number {
  let low = 0;
  let high = packed.exact.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((packed.exact[mid] as readonly [number, ExactSum, ExactSum])[0] < from) low = mid + 1;
    else high = mid;
  }
  return low;
}
