// One cap period's state in the aggregator (aggregate.ts): its groups, each a set
// of per-day buckets with the spellings its records used, and the months each
// exporter reported. A worker's periods merge in exactly (src/parallel.ts): sums add,
// spelling counts add, and a group's key is the most frequent spelling whatever the
// order the records came in.

import { Buckets, type DaySpan } from "./buckets.js";
import { ordinalOfDay } from "./calendar.js";
import { sameDigits, withDigits } from "./exact-digits.js";
import { addSum, amountBarrelsText, type ExactSum, emptySum } from "./exact-sum.js";
import { type Exporter, lastGapMonth, ReportedMonths } from "./gaps.js";
import { type PackedDays, packDays } from "./packed-days.js";
import type { Period } from "./regimes.js";
import type { GroupTally, PeriodReport, PeriodSeries, Tally } from "./report.js";
import { withoutHidden } from "./sanitize.js";

/** A period's groups and reported months as data. */
export interface PeriodStateData {
  readonly regime: string;
  readonly start: string;
  readonly groups: readonly {
    readonly spellings: readonly (readonly [string | undefined, number])[];
  }[];
  /** The groups' days, in the groups' order. */
  readonly days: PackedDays;
  readonly reported: readonly Exporter[];
}

export const NO_GROUP = "(none)";

/**
 * Group keys compare trimmed, white space folded, case ignored (contract §5), in
 * Unicode NFC with curly apostrophes and quotes read as straight ones (§11), and
 * without the characters that show nothing: "Russia" and "Russia" + U+200B print
 * alike, so they are one group.
 */
export function foldKey(text: string): string {
  return withoutHidden(text.normalize("NFC").replace(/\s/g, " "))
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .trim()
    .replace(/ +/g, " ")
    .toLowerCase();
}

/** One spelling of a group key, and how many records used it. */
interface Spelling {
  /** The group value as written; undefined when the record had none. */
  readonly value: string | undefined;
  readonly text: string;
  readonly group: Group;
  count: number;
}

class Group extends Buckets {
  readonly spellings: Spelling[] = [];

  /** The most frequent spelling; a tie goes to the one that sorts first. */
  get key(): string {
    let best: Spelling | undefined;
    for (const s of this.spellings) {
      if (!best || s.count > best.count || (s.count === best.count && s.text < best.text)) best = s;
    }
    return best?.text ?? "";
  }
}

export class PeriodState {
  // No total buckets on the hot path: the total is the groups' days added up, once.
  private totalBuckets: Buckets | undefined;
  /** Groups by folded key, and the same groups by exact spelling for the hot path. */
  readonly groups = new Map<string, Group>();
  private readonly bySpelling = new Map<string | undefined, Spelling>();
  /** The months each exporter reported, for the reporting gaps (§13). */
  readonly reportedMonths = new ReportedMonths(foldKey);
  /** The period's days, for its groups' windows (buckets.ts). */
  private readonly span: DaySpan;

  constructor(readonly period: Period) {
    const first = ordinalOfDay(period.start);
    this.span = { first, days: ordinalOfDay(period.end) - first + 1 };
  }

  private noticeDay(): number | null {
    return this.total().noticeDay(this.period.regime);
  }

  private total(): Buckets {
    if (this.totalBuckets === undefined) {
      this.totalBuckets = new Buckets();
      for (const group of this.groups.values()) this.totalBuckets.absorb(group.packed());
    }
    return this.totalBuckets;
  }

  /** The spelling record of a group value, folding it only the first time it is seen. */
  spelling(value: string | undefined): Spelling {
    let spelling = this.bySpelling.get(value);
    if (spelling === undefined) {
      const folded = value === undefined ? "\u0000" : foldKey(value);
      let group = this.groups.get(folded);
      if (group === undefined) {
        group = new Group(this.span);
        this.groups.set(folded, group);
      }
      spelling = { value, text: value ?? NO_GROUP, group, count: 0 };
      group.spellings.push(spelling);
      this.bySpelling.set(value, spelling);
    }
    return spelling;
  }

  /** The sum of the period's days before day `ordinal` (a ledger span's start, src/ledger-split.ts). */
  totalBefore(ordinal: number): ExactSum {
    const sum = emptySum();
    for (const group of this.groups.values()) {
      for (const [day, bucket] of group.days) if (day < ordinal) addSum(sum, bucket);
    }
    return sum;
  }

  /** Each value of a group met (undefined: none) and its group's key. */
  groupKeys(): [string | undefined, string][] {
    return [...this.bySpelling].map(([value, spelling]) => [value, spelling.group.key]);
  }

  /** The groups and reported months as data (a worker's, see src/parallel.ts). */
  state(): PeriodStateData {
    const all = [...this.groups.values()];
    const groups = all.map((group) => ({
      spellings: group.spellings.map((s) => [s.value, s.count] as const),
    }));
    const days = packDays(all.map((group) => group.days));
    const { regime, start } = this.period;
    return { regime: regime.id, start, groups, days, reported: this.reportedMonths.state() };
  }

  /** Another's groups and months, as if its records had come after these. */
  absorb(other: PeriodStateData): void {
    for (const [i, { spellings }] of other.groups.entries()) {
      let group: Group | undefined;
      for (const [value, count] of spellings) {
        const spelling = this.spelling(value);
        spelling.count += count;
        group = spelling.group;
      }
      group?.absorb(other.days, i);
    }
    this.reportedMonths.absorb(other.reported);
  }

  /** Groups with their tallies, by barrels descending, then key. */
  private sortedGroups(): { group: Group; tally: GroupTally }[] {
    const { regime } = this.period;
    const notice = this.noticeDay();
    const groups = [...this.groups.values()].map((group) => ({
      group,
      tally: keyed(group.key, group.tally(regime, notice)),
    }));
    return groups.sort(
      (a, b) =>
        b.tally.barrels - a.tally.barrels ||
        (a.tally.key < b.tally.key ? -1 : a.tally.key > b.tally.key ? 1 : 0),
    );
  }

  series(): PeriodSeries {
    return {
      regime: this.period.regime.id,
      start: this.period.start,
      total: this.total().series(),
      groups: this.sortedGroups().map(({ group, tally }) => ({
        key: tally.key,
        points: group.series(),
      })),
    };
  }

  /**
   * The period's report; `official`: whether the reported records were counted
   * (Aggregator.countsOfficial), for the official tally and the reporting gaps.
   */
  report(today: string, official: boolean): PeriodReport {
    const { regime } = this.period;
    const groups = this.sortedGroups().map(({ tally }) => tally);
    const total = this.total().tally(regime, this.noticeDay());
    // Not counted is no tally at all: a tally of 0 would read as the Committee's.
    if (!official) for (const tally of [total, ...groups]) tally.official = null;
    return {
      regime: regime.id,
      title: regime.title,
      commodity: regime.commodity,
      label: this.period.label,
      start: this.period.start,
      end: this.period.end,
      cap: capOf(regime.cap),
      total,
      groups,
      // Not looked at is not "no gaps": months of records left out are not months unreported.
      gaps: official ? this.reportedMonths.gaps(lastGapMonth(this.period.end, today)) : null,
    };
  }
}

/** A group's tally: its key first, the tally's exact digits kept. */
function keyed(key: string, tally: Tally): GroupTally {
  return sameDigits({ key, ...tally }, tally);
}

function capOf(cap: bigint): { barrels: number } {
  const barrels = amountBarrelsText(cap);
  return withDigits({ barrels: Number(barrels) }, { barrels });
}
