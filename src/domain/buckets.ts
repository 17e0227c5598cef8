// Per-day buckets of exact sums (contract §5, §8): what a group or a period total
// keeps, so memory grows with days, never with records, and a tally (barrels,
// share, status, crossings, the official and after-notice figures) is read from them.

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

/** The longest period a window is made for (some eleven years). */
const WINDOW_DAYS = 4096;
/** A window is made once a group has a day with records for every this many days of its span. */
const WINDOW_DENSITY = 16;

/**
 * Per-day sums keyed by day ordinal: memory grows with days, never with records.
 *
 * A group with records on many days of its period finds a day's bucket in a window,
 * an array with a place for each day of the span, instead of the Map: the Map's
 * lookup missed the cache for most records (issue 16: the day buckets took a fifth
 * of a one-thread run). A window takes 8 bytes a day of the span, a bucket some 180;
 * made only once a sixteenth of the days have buckets, it adds at most 70 % to a
 * group's memory.
 */
export class Buckets {
  private readonly exact = new Map<number, DayBucket>();
  /** Each day's bucket by its place in the span, once the group has days enough. */
  private window: (DayBucket | undefined)[] | undefined;

  constructor(private readonly span?: DaySpan) {}

  /** Each day's bucket. */
  get days(): ReadonlyMap<number, DayBucket> {
    return this.exact;
  }

  add(shipment: Shipment, converted: Converted): void {
    const { date } = shipment;
    const { window } = this;
    const at = window === undefined ? -1 : date.ordinal - (this.span as DaySpan).first;
    const bucket =
      (window !== undefined && at >= 0 && at < window.length
        ? window[at]
        : this.exact.get(date.ordinal)) ?? this.open(date.ordinal, date.day, date.monthly);
    addAmount(bucket, converted.nano);
    const estimated = shipment.basis === "estimated";
    if (estimated) addAmount(bucket.estimated, converted.nano);
    bucket.records++;
    if (date.monthly) bucket.monthly = true;
    if (converted.atLeast) {
      bucket.atLeast = true;
      if (!estimated) bucket.reportedAtLeast = true;
    }
  }

  /** A new day's bucket; a window is made once the group has days enough. */
  private open(ordinal: number, day: string, monthly: boolean): DayBucket {
    const bucket = dayBucket(ordinal, day, monthly);
    this.exact.set(ordinal, bucket);
    const { span } = this;
    if (span === undefined) return bucket;
    const at = ordinal - span.first;
    if (this.window !== undefined) {
      if (at >= 0 && at < this.window.length) this.window[at] = bucket;
    } else if (span.days <= WINDOW_DAYS && this.exact.size * WINDOW_DENSITY >= span.days) {
      this.window = new Array<DayBucket | undefined>(span.days).fill(undefined);
      for (const [known, b] of this.exact) {
        if (known >= span.first && known - span.first < span.days)
          this.window[known - span.first] = b;
      }
    }
    return bucket;
  }

  /**
   * Adds another's days into this one: how a period's total is made from its
   * groups, and a worker's days are merged (src/parallel.ts).
   */
  absorb(other: { readonly days: ReadonlyMap<number, DayBucket> }): void {
    for (const [ordinal, b] of other.days) {
      const mine = this.exact.get(ordinal) ?? this.open(ordinal, b.day, b.monthly);
      addSum(mine, b);
      addSum(mine.estimated, b.estimated);
      mine.records += b.records;
      mine.monthly ||= b.monthly;
      mine.atLeast ||= b.atLeast;
      mine.reportedAtLeast ||= b.reportedAtLeast;
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
      share: sumShareText(running, regime.cap),
    };
    const officialText = {
      barrels: text.reported,
      share: sumShareText(reported, regime.cap),
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
