// The aggregator (contract §5): per period, the collective total and one tally per
// group, kept as per-day buckets so memory grows with groups × days, never with
// records, and the result is the same whatever order the records come in.

import { type Converted, type Factors, toBarrels } from "./convert.js";
import type { DateValue } from "./date-rule.js";
import type { Ratio } from "./decimal.js";
import { type ExactSum, emptySum } from "./exact-sum.js";
import { monthIndex } from "./gaps.js";
import type { Relocate, UncappedCount } from "./issues.js";
import { NO_GROUP, PeriodState, type PeriodStateData } from "./period-state.js";
import {
  type Commodity,
  type Period,
  PeriodFinder,
  periodId,
  periodOf,
  type Regime,
} from "./regimes.js";
import type { PeriodReport, PeriodSeries } from "./report.js";
import { Straddles, type StraddlesState } from "./straddles.js";
import type { Shipment } from "./validate.js";

export const GROUP_FIELDS = ["exporter", "origin", "product", "vessel", "basis", "source"] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

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
  /** The number of `periods` in this aggregator: records placed alike share it. */
  readonly target: number;
}

interface Target {
  /** Its number: targets are numbered 0, 1, 2 ... as they are made. */
  readonly number: number;
  readonly states: PeriodState[];
  readonly periods: Period[];
  /** Why a day no selected period counts is not uncapped: --year or --regime left its period out. */
  excludedBy: "year" | "regime" | undefined;
  /** The day's month (gaps.ts monthIndex). */
  readonly month: number;
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

/** An aggregator's state as data. */
export interface AggregatorState {
  readonly periods: readonly PeriodStateData[];
  readonly uncapped: number;
  readonly uncappedBySource: readonly UncappedCount[];
  readonly excludedBy: Exclusions;
  readonly straddles: StraddlesState;
}

export class Aggregator {
  private readonly periods = new Map<string, PeriodState>();
  private readonly periodFinder = new PeriodFinder();
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
    const { date } = shipment;
    const reported = shipment.basis === "reported";
    // The months a reported record covers: from its first day's to its day's.
    const first = !reported ? 0 : date.first === date.day ? target.month : monthIndex(date.first);
    for (const state of target.states) {
      const spelling = state.spelling(value);
      spelling.count++;
      spelling.group.add(shipment, converted);
      if (reported) state.reportedMonths.add(shipment.exporter, first, target.month);
    }
    return { converted, periods: target.periods, target: target.number };
  }

  /** The periods a commodity's record of this day counts in, worked out once per day. */
  private targetOf(commodity: Commodity, date: DateValue): Target {
    const { day } = date;
    const key = commodity === "crude" ? -1 - date.ordinal : date.ordinal;
    let target = this.targets.get(key);
    if (target !== undefined) return target;
    const number = this.targets.size;
    target = { number, states: [], periods: [], excludedBy: undefined, month: monthIndex(day) };
    const { year } = this.options;
    for (const regime of this.options.regimes) {
      if (regime.commodity !== commodity) continue;
      const period = this.periodFinder.of(regime, day);
      if (period === undefined) continue;
      if (year !== undefined && !overlapsYear(period, year)) {
        target.excludedBy = "year";
        continue;
      }
      target.states.push(this.stateOf(period));
      target.periods.push(period);
    }
    if (target.states.length === 0 && target.excludedBy === undefined) {
      const inUnselected = (this.options.unselected ?? []).some(
        (regime) =>
          regime.commodity === commodity && this.periodFinder.of(regime, day) !== undefined,
      );
      if (inUnselected) target.excludedBy = "regime";
    }
    this.targets.set(key, target);
    return target;
  }

  private stateOf(period: Period): PeriodState {
    const id = periodId(period);
    let state = this.periods.get(id);
    if (state === undefined) {
      state = new PeriodState(period);
      this.periods.set(id, state);
    }
    return state;
  }

  /** What this aggregator holds, as data (a worker's, see src/parallel.ts). */
  state(): AggregatorState {
    return {
      periods: [...this.periods.values()].map((state) => state.state()),
      uncapped: this.uncapped,
      uncappedBySource: this.uncappedSources(),
      excludedBy: this.excludedBy,
      straddles: this.straddles.state(),
    };
  }

  /**
   * Another aggregator's records, as if they had come after these: sums added
   * exactly, and its places moved to their lines in the whole file by `moved`.
   */
  absorb(other: AggregatorState, moved: Relocate): void {
    for (const data of other.periods) {
      const regime = this.options.regimes.find((r) => r.id === data.regime);
      const period = regime && periodOf(regime, data.start);
      if (period === undefined) throw new Error(`no period ${data.regime} ${data.start} to merge`);
      this.stateOf(period).absorb(data);
    }
    this.uncapped += other.uncapped;
    for (const entry of other.uncappedBySource) {
      const mine = this.uncappedBySource.get(entry.source);
      if (mine !== undefined) mine.count += entry.count;
      else {
        const first = entry.first === null ? null : moved({ line: entry.first }).line;
        this.uncappedBySource.set(entry.source, { ...entry, first });
      }
    }
    for (const key of ["basis", "year", "regime"] as const)
      this.excludedBy[key] += other.excludedBy[key];
    this.straddles.absorb(other.straddles, moved);
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

  /** Every group value of the period and its key, as groupKey gives it. */
  groupKeys(period: Period): [string | undefined, string][] {
    return this.periods.get(periodId(period))?.groupKeys() ?? [];
  }

  /** The period's total over the days before day `ordinal`. */
  totalBefore(period: Period, ordinal: number): ExactSum {
    return this.periods.get(periodId(period))?.totalBefore(ordinal) ?? emptySum();
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

  /**
   * Whether the reported records are counted, and so what is made of them alone
   * (contract §13): the official tally and the reporting gaps. `--basis estimated`
   * leaves every reported record out, so they are not.
   */
  get countsOfficial(): boolean {
    return this.options.basis !== "estimated";
  }

  report(): PeriodReport[] {
    const official = this.countsOfficial;
    return this.sortedPeriods().map((state) => state.report(this.options.today, official));
  }

  /** Each period's running totals, in report order, for the charts. */
  series(): PeriodSeries[] {
    return this.sortedPeriods().map((state) => state.series());
  }
}
