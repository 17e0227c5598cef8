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

/** Per-day sums keyed by day ordinal: memory grows with days, never with records. */
export class Buckets {
  readonly days = new Map<number, DayBucket>();

  add(shipment: Shipment, converted: Converted): void {
    const { date } = shipment;
    let bucket = this.days.get(date.ordinal);
    if (bucket === undefined) {
      bucket = dayBucket(date.ordinal, date.day, date.monthly);
      this.days.set(date.ordinal, bucket);
    }
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

  /**
   * Adds another's days into this one: how a period's total is made from its
   * groups, and a worker's days are merged (src/parallel.ts).
   */
  absorb(other: { readonly days: ReadonlyMap<number, DayBucket> }): void {
    for (const [ordinal, b] of other.days) {
      let mine = this.days.get(ordinal);
      if (mine === undefined) {
        mine = dayBucket(ordinal, b.day, b.monthly);
        this.days.set(ordinal, mine);
      }
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
    return [...this.days.keys()]
      .sort((a, b) => a - b)
      .map((ordinal) => this.days.get(ordinal) as DayBucket);
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
        { barrels: Number(afterNoticeText.barrels), records: recordsAfterNotice },
        afterNoticeText,
      ),
    };
    return withDigits(tally, text);
  }
}
