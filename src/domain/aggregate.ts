// The aggregator (contract §5): per period, the collective total and one tally per
// group, kept as per-day buckets so memory grows with groups × days, never with
// records, and the result is the same whatever order the records come in.

import { Buckets, monthsOf } from "./buckets.js";
import { type Converted, type Factors, toBarrels } from "./convert.js";
import type { Ratio } from "./decimal.js";
import { sameDigits, withDigits } from "./exact-digits.js";
import { amountBarrelsText } from "./exact-sum.js";
import { lastGapMonth, ReportedMonths } from "./gaps.js";
import type { UncappedCount } from "./issues.js";
import { type Commodity, type Period, periodId, periodOf, type Regime } from "./regimes.js";
import type { GroupTally, PeriodReport, PeriodSeries, Tally } from "./report.js";
import type { DateValue } from "./rules.js";
import { withoutHidden } from "./sanitize.js";
import { Straddles } from "./straddles.js";
import type { Shipment } from "./validate.js";

export const GROUP_FIELDS = ["exporter", "origin", "product", "vessel", "basis", "source"] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

const NO_GROUP = "(none)";

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

class PeriodState {
  // No total buckets on the hot path: the total is the groups' days added up, once.
  private totalBuckets: Buckets | undefined;
  /** Groups by folded key, and the same groups by exact spelling for the hot path. */
  readonly groups = new Map<string, Group>();
  private readonly bySpelling = new Map<string | undefined, Spelling>();
  /** The months each exporter reported, for the reporting gaps (§13). */
  readonly reportedMonths = new ReportedMonths(foldKey);
  constructor(readonly period: Period) {}

  private noticeDay(): number | null {
    return this.total().noticeDay(this.period.regime);
  }

  private total(): Buckets {
    if (this.totalBuckets === undefined) {
      this.totalBuckets = new Buckets();
      for (const group of this.groups.values()) this.totalBuckets.absorb(group);
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
        group = new Group();
        this.groups.set(folded, group);
      }
      spelling = { text: value ?? NO_GROUP, group, count: 0 };
      group.spellings.push(spelling);
      this.bySpelling.set(value, spelling);
    }
    return spelling;
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

  report(today: string): PeriodReport {
    const { regime } = this.period;
    const groups = this.sortedGroups().map(({ tally }) => tally);
    return {
      regime: regime.id,
      title: regime.title,
      commodity: regime.commodity,
      label: this.period.label,
      start: this.period.start,
      end: this.period.end,
      cap: capOf(regime.cap),
      total: this.total().tally(regime, this.noticeDay()),
      groups,
      gaps: this.reportedMonths.gaps(lastGapMonth(this.period.end, today)),
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

export interface AggregateOptions {
  readonly regimes: readonly Regime[];
  readonly factors: Factors;
  readonly by: GroupField;
  /** Only periods that overlap this calendar year (`--year`, contract §11). */
  readonly year?: number;
  /** The regimes known but not selected (`--regime`): records in their periods are excluded, not uncapped. */
  readonly unselected?: readonly Regime[];
  /** Which records count (`--basis`). */
  readonly basis: "reported" | "estimated" | "all";
  /** The load factor of capacity records without their own (`--load-factor`, a scenario). */
  readonly loadFactor?: Ratio;
  /** The run's date, `YYYY-MM-DD`: a running period's reporting gaps end before its month. */
  readonly today: string;
}

/** Where a counted shipment went: its barrels, and the periods that hold it. */
export interface Placement {
  readonly converted: Converted;
  readonly periods: readonly Period[];
}

interface Target {
  readonly states: PeriodState[];
  readonly periods: Period[];
  /** Why a day no selected period counts is not uncapped: --year or --regime left its period out. */
  excludedBy: "year" | "regime" | undefined;
}

/** What left valid records out of every tally (contract §11). */
export interface Exclusions {
  basis: number;
  year: number;
  regime: number;
}

/** Whether a period has a day in calendar year `year` (`--year`, contract §11). */
export function overlapsYear(period: Period, year: number): boolean {
  return period.start.slice(0, 4) <= String(year) && period.end.slice(0, 4) >= String(year);
}

export class Aggregator {
  private readonly periods = new Map<string, PeriodState>();
  /** By day ordinal, negated (less one) for crude. */
  private readonly targets = new Map<number, Target>();
  private readonly uncappedBySource = new Map<string, UncappedCount>();
  uncapped = 0;
  readonly excludedBy: Exclusions = { basis: 0, year: 0, regime: 0 };
  readonly straddles: Straddles;

  constructor(private readonly options: AggregateOptions) {
    this.straddles = new Straddles(options.regimes);
  }

  /** Valid records that --basis, --year or --regime left out. */
  get excluded(): number {
    const { basis, year, regime } = this.excludedBy;
    return basis + year + regime;
  }

  /**
   * Counts a shipment in every selected period that holds it. Returns where it went,
   * or undefined when --basis leaves it out or no selected period holds it.
   */
  add(shipment: Shipment): Placement | undefined {
    const { basis } = this.options;
    if (basis !== "all" && shipment.basis !== basis) {
      this.excludedBy.basis++;
      return undefined;
    }
    const commodity = shipment.product === "crude" ? "crude" : "refined";
    if (shipment.date.first !== shipment.date.day) this.straddles.note(shipment, commodity);
    const target = this.targetOf(commodity, shipment.date);
    if (target.states.length === 0) {
      if (target.excludedBy !== undefined) this.excludedBy[target.excludedBy]++;
      else this.noteUncapped(shipment);
      return undefined;
    }
    const converted = toBarrels(shipment, this.options.factors, this.options.loadFactor);
    const value = shipment[this.options.by];
    const months = shipment.basis === "reported" ? monthsOf(shipment.date) : undefined;
    for (const state of target.states) {
      const spelling = state.spelling(value);
      spelling.count++;
      spelling.group.add(shipment, converted);
      if (months) state.reportedMonths.add(shipment.exporter, months[0], months[1]);
    }
    return { converted, periods: target.periods };
  }

  /** The periods a commodity's record of this day counts in, worked out once per day. */
  private targetOf(commodity: Commodity, date: DateValue): Target {
    const { day } = date;
    const key = commodity === "crude" ? -1 - date.ordinal : date.ordinal;
    let target = this.targets.get(key);
    if (target !== undefined) return target;
    target = { states: [], periods: [], excludedBy: undefined };
    const { year } = this.options;
    for (const regime of this.options.regimes) {
      if (regime.commodity !== commodity) continue;
      const period = periodOf(regime, day);
      if (period === undefined) continue;
      if (year !== undefined && !overlapsYear(period, year)) {
        target.excludedBy = "year";
        continue;
      }
      const id = periodId(period);
      let state = this.periods.get(id);
      if (state === undefined) {
        state = new PeriodState(period);
        this.periods.set(id, state);
      }
      target.states.push(state);
      target.periods.push(period);
    }
    if (target.states.length === 0 && target.excludedBy === undefined) {
      const inUnselected = (this.options.unselected ?? []).some(
        (regime) => regime.commodity === commodity && periodOf(regime, day) !== undefined,
      );
      if (inUnselected) target.excludedBy = "regime";
    }
    this.targets.set(key, target);
    return target;
  }

  private noteUncapped(shipment: Shipment): void {
    this.uncapped++;
    const entry = this.uncappedBySource.get(shipment.file);
    if (entry === undefined)
      this.uncappedBySource.set(shipment.file, {
        source: shipment.file,
        count: 1,
        first: shipment.line,
      });
    else entry.count++;
  }

  /** The key a counted group value shows under in a period: its group's most frequent spelling. */
  groupKey(period: Period, value: string | undefined): string {
    return this.periods.get(periodId(period))?.spelling(value).group.key ?? value ?? NO_GROUP;
  }

  /** Per file that held uncapped records: how many, and the first one's line. */
  uncappedSources(): UncappedCount[] {
    return [...this.uncappedBySource.values()];
  }

  /** Periods sorted by regime id, then start: plain code-unit order, no collation tables. */
  private sortedPeriods(): PeriodState[] {
    return [...this.periods.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, state]) => state);
  }

  report(): PeriodReport[] {
    return this.sortedPeriods().map((state) => state.report(this.options.today));
  }

  /** Each period's running totals, in report order, for the charts. */
  series(): PeriodSeries[] {
    return this.sortedPeriods().map((state) => state.series());
  }
}
