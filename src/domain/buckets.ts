// Per-day buckets of exact sums (contract §5, §8): what a group or a period total
// keeps, so memory grows with days, never with records, and a tally (barrels,
// share, status, crossings, the official and after-notice figures) is read from them.

import { dayOfOrdinal } from "./calendar.js";
import type { Converted } from "./convert.js";
import { Crossings, EXCEEDED, statusOf } from "./crossings.js";
import { withDigits } from "./exact-digits.js";
import {
  addAmount,
  addSum,
  compareSum,
  type ExactSum,
  emptySum,
  sumBarrels,
  sumBarrelsText,
  sumLess,
  sumShareText,
} from "./exact-sum.js";
import {
  AT_LEAST,
  firstExactFrom,
  MONTHLY,
  type PackedDays,
  packDays,
  REPORTED,
} from "./packed-days.js";
import type { Regime } from "./regimes.js";
import type { Point, Tally } from "./report.js";
import type { Shipment } from "./validate.js";

/** One day's sum, with the part from estimated records (§9). */
export interface DayBucket extends ExactSum {
  readonly ordinal: number;
  readonly day: string;
  readonly estimated: ExactSum;
  records: number;
  /** The day ends a monthly (`YYYY-MM`) record, so crossings show as the month. */
  monthly: boolean;
  /** A lower bound counted this day (§13): among all records, among reported ones. */
  atLeast: boolean;
  reportedAtLeast: boolean;
}

function dayBucket(ordinal: number, day: string, monthly: boolean): DayBucket {
  return {
    ordinal,
    day,
    small: 0,
    big: 0n,
    num: 0n,
    den: 1n,
    estimated: emptySum(),
    records: 0,
    monthly,
    atLeast: false,
    reportedAtLeast: false,
  };
}

/** The days a group's period spans, from its first (ordinals: calendar.ts). */
export interface DaySpan {
  readonly first: number;
  readonly days: number;
}

/** The longest period dense sums are made for (some eleven years). */
const DENSE_DAYS = 4096;
/** Dense sums are made once a group has a day with records for every this many days of its span. */
const DENSE_DENSITY = 16;

/** A group's plain records' sums and counts by day, from the first of its span. */
interface DenseDays {
  readonly small: Float64Array;
  readonly records: Int32Array;
}

/**
 * Per-day sums keyed by day ordinal: memory grows with days, never with records.
 *
 * A group with records on many days of its period adds its plain records (a
 * safe-integer amount, reported, neither monthly nor a lower bound: most of them)
 * into dense per-day arrays instead of the day's bucket, and these are added into
 * the buckets before any is read (settle). The buckets, some 180 bytes each over the
 * heap, missed the cache for most records: with the reader's tables between two
 * records, the day buckets took a quarter of a one-thread run (issue 16), the arrays
 * 12 bytes a day side by side. Made only once a sixteenth of the days have buckets,
 * they add at most 110 % to a group's memory.
 */
export class Buckets {
  private readonly exact = new Map<number, DayBucket>();
  private dense: DenseDays | undefined;
  /** Dense sums not yet added into the buckets. */
  private unsettled = false;

  constructor(private readonly span?: DaySpan) {}

  /** Each day's bucket. */
  get days(): ReadonlyMap<number, DayBucket> {
    this.settle();
    return this.exact;
  }

  add(shipment: Shipment, converted: Converted): void {
    const { date } = shipment;
    const { nano } = converted;
    const { dense } = this;
    const estimated = shipment.basis === "estimated";
    if (
      dense !== undefined &&
      typeof nano === "number" &&
      !estimated &&
      !date.monthly &&
      !converted.atLeast
    ) {
      const at = date.ordinal - (this.span as DaySpan).first;
      if (at >= 0 && at < dense.records.length) {
        const small = (dense.small[at] as number) + nano;
        if (small <= Number.MAX_SAFE_INTEGER) {
          dense.small[at] = small;
          dense.records[at] = (dense.records[at] as number) + 1;
          this.unsettled = true;
          return;
        }
      }
    }
    const bucket = this.exact.get(date.ordinal) ?? this.open(date.ordinal, date.day, date.monthly);
    addAmount(bucket, nano);
    if (estimated) addAmount(bucket.estimated, nano);
    bucket.records++;
    if (date.monthly) bucket.monthly = true;
    if (converted.atLeast) {
      bucket.atLeast = true;
      if (!estimated) bucket.reportedAtLeast = true;
    }
  }

  /** A new day's bucket; dense sums are made once the group has days enough. */
  private open(ordinal: number, day: string, monthly: boolean): DayBucket {
    const bucket = dayBucket(ordinal, day, monthly);
    this.exact.set(ordinal, bucket);
    const { span } = this;
    if (
      span !== undefined &&
      this.dense === undefined &&
      span.days <= DENSE_DAYS &&
      this.exact.size * DENSE_DENSITY >= span.days
    ) {
      this.dense = { small: new Float64Array(span.days), records: new Int32Array(span.days) };
    }
    return bucket;
  }

  /** Adds the dense sums into the days' buckets. */
  private settle(): void {
    if (!this.unsettled) return;
    this.unsettled = false;
    const { small, records } = this.dense as DenseDays;
    const { first } = this.span as DaySpan;
    for (let at = 0; at < records.length; at++) {
      const count = records[at] as number;
      if (count === 0) continue;
      const ordinal = first + at;
      const bucket = this.exact.get(ordinal) ?? this.open(ordinal, dayOfOrdinal(ordinal), false);
      addAmount(bucket, small[at] as number);
      bucket.records += count;
      small[at] = 0;
      records[at] = 0;
    }
  }

  /** The days as arrays (packed-days.ts). */
  packed(): PackedDays {
    return packDays([this.days]);
  }

  /**
   * Adds another's days into this one: how a period's total is made from its
   * groups, and a worker's days are merged (src/parallel.ts). `group`: which of
   * the packed groups.
   */
  absorb(other: PackedDays, group = 0): void {
    const from = group === 0 ? 0 : (other.ends[group - 1] as number);
    const to = other.ends[group] as number;
    let next = firstExactFrom(other, from);
    for (let i = from; i < to; i++) {
      const ordinal = other.ordinals[i] as number;
      const flags = other.flags[i] as number;
      const monthly = (flags & MONTHLY) !== 0;
      const mine = this.exact.get(ordinal) ?? this.open(ordinal, dayOfOrdinal(ordinal), monthly);
      const sums = other.exact[next];
      if (sums !== undefined && sums[0] === i) {
        addSum(mine, sums[1]);
        addSum(mine.estimated, sums[2]);
        next++;
      } else {
        addAmount(mine, other.small[i] as number);
        addAmount(mine.estimated, other.estimated[i] as number);
      }
      mine.records += other.records[i] as number;
      mine.monthly ||= monthly;
      mine.atLeast ||= (flags & AT_LEAST) !== 0;
      mine.reportedAtLeast ||= (flags & REPORTED) !== 0;
    }
  }

  /** The days with records, in date order. */
  private inOrder(): DayBucket[] {
    const { days } = this;
    return [...days.keys()].sort((a, b) => a - b).map((ordinal) => days.get(ordinal) as DayBucket);
  }

  /** The running total (and its reported part) at the end of each day with records. */
  series(): Point[] {
    const running = emptySum();
    const estimated = emptySum();
    return this.inOrder().map((bucket) => {
      addSum(running, bucket);
      addSum(estimated, bucket.estimated);
      return {
        day: bucket.day,
        barrels: sumBarrels(running),
        reported: sumBarrels(sumLess(running, estimated)),
      };
    });
  }

  /**
   * The day (ordinal) on which the running total passed the regime's last threshold,
   * 95 % by default: the Committee's last notice before the cap (contract §13).
   */
  noticeDay(regime: Regime): number | null {
    const last = regime.thresholds.at(-1);
    if (last === undefined) return null;
    const running = emptySum();
    for (const bucket of this.inOrder()) {
      addSum(running, bucket);
      if (compareSum(running, regime.cap, last.share) >= 0) return bucket.ordinal;
    }
    return null;
  }

  /** The tally; `noticeDay` is the period's, from its total (see noticeDay). */
  tally(regime: Regime, noticeDay: number | null): Tally {
    const reached: Record<string, string | null> = {};
    for (const t of regime.thresholds) reached[t.key] = null;
    let exceededOn: string | null = null;
    let officialOver: string | null = null;
    const running = emptySum();
    const estimated = emptySum();
    const reported = emptySum();
    const afterNotice = emptySum();
    const crossings = new Crossings(regime);
    const official = new Crossings(regime);
    let records = 0;
    let recordsAfterNotice = 0;
    let atLeast = false;
    let reportedAtLeast = false;
    let atLeastAfterNotice = false;
    for (const bucket of this.inOrder()) {
      addSum(running, bucket);
      addSum(estimated, bucket.estimated);
      addSum(reported, sumLess(bucket, bucket.estimated));
      records += bucket.records;
      atLeast ||= bucket.atLeast;
      reportedAtLeast ||= bucket.reportedAtLeast;
      if (noticeDay !== null && bucket.ordinal > noticeDay) {
        addSum(afterNotice, bucket);
        recordsAfterNotice += bucket.records;
        atLeastAfterNotice ||= bucket.atLeast;
      }
      const label = bucket.monthly ? bucket.day.slice(0, 7) : bucket.day;
      for (const mark of crossings.next(running)) {
        if (mark === EXCEEDED) exceededOn = label;
        else reached[mark] = label;
      }
      if (official.next(reported).includes(EXCEEDED)) officialOver = label;
    }
    const text = {
      barrels: sumBarrelsText(running),
      reported: sumBarrelsText(reported),
      estimated: sumBarrelsText(estimated),
      share: sumShareText(running, regime),
    };
    const officialText = {
      barrels: text.reported,
      share: sumShareText(reported, regime),
    };
    const afterNoticeText = { barrels: sumBarrelsText(afterNotice) };
    const tally: Tally = {
      barrels: Number(text.barrels),
      reported: Number(text.reported),
      estimated: Number(text.estimated),
      share: Number(text.share),
      status: statusOf(running, regime),
      records,
      reached,
      exceededOn,
      atLeast,
      official: withDigits(
        {
          barrels: Number(officialText.barrels),
          share: Number(officialText.share),
          status: statusOf(reported, regime),
          exceededOn: officialOver,
          atLeast: reportedAtLeast,
        },
        officialText,
      ),
      afterNotice: withDigits(
        {
          barrels: Number(afterNoticeText.barrels),
          records: recordsAfterNotice,
          atLeast: atLeastAfterNotice,
        },
        afterNoticeText,
      ),
    };
    return withDigits(tally, text);
  }
}
