// The pure core of `check`: validated records in, a Report out, no I/O. The run
// layer (src/run.ts) reads the sources and feeds this same core; checkRecords
// feeds it records held in memory.
import { InvalidRecordsError } from "../errors.js";
import { VERSION } from "../version.js";
import { Aggregator, type AggregatorState, type GroupField, type Placement } from "./aggregate.js";
import { type Factors, factorOverrides } from "./convert.js";
import { formatRatio, type Ratio } from "./decimal.js";
import type { RunFacts } from "./fail-on.js";
import { counted, type Issue, type Relocate, uncappedWarning } from "./issues.js";
import { formatCount } from "./number-format.js";
import type { Regime } from "./regimes.js";
import {
  type PeriodReport,
  type PeriodSeries,
  type RecordCounts,
  type Report,
  type ReportSettings,
  type ScenarioReport,
  type Status,
  worst,
} from "./report.js";
import { RecordScan, type ScanState } from "./scan.js";
import type { RawRecord, Shipment } from "./validate.js";

export const BASIS_FILTERS = ["reported", "estimated", "all"] as const;
export type BasisFilter = (typeof BASIS_FILTERS)[number];

/** A check's options once resolved: numbers checked, files read, defaults filled in. */
export interface ResolvedCheckOptions {
  readonly regimes: readonly Regime[];
  /** The regimes known but left out by `--regime`. */
  readonly unselected?: readonly Regime[];
  readonly factors: Factors;
  readonly by: GroupField;
  readonly basis: BasisFilter;
  /** Only periods that overlap this calendar year. */
  readonly year?: number;
  /** The load factor of capacity records that have none of their own. */
  readonly loadFactor?: Ratio;
  /** One run per load factor, in this order (contract §9); absent for one plain run. */
  readonly scenarios?: readonly Ratio[];
  /** Count the valid records and report the invalid ones as warnings. */
  readonly skipInvalid: boolean;
  /** Fold exporter names to the UN short name (contract §12). */
  readonly foldNames: boolean;
  /** The run's date, `YYYY-MM-DD`: a running period's reporting gaps end before its month. */
  readonly today: string;
}

/** The settings a report records (besides `by`), so that a baseline can be compared with care. */
export function settingsOf(options: ResolvedCheckOptions): ReportSettings {
  return {
    regimes: options.regimes.map((r) => r.id),
    year: options.year ?? null,
    basis: options.basis,
    loadFactor: options.loadFactor === undefined ? null : Number(formatRatio(options.loadFactor)),
    foldNames: options.foldNames,
    factors: factorOverrides(options.factors),
  };
}

/** Hears of every shipment the first (or only) run counted, and where it went. */
export type PlacementListener = (
  shipment: Shipment,
  sourceIndex: number,
  placement: Placement,
) => void;

function verdictOf(periods: readonly PeriodReport[]): Status {
  return worst(periods.flatMap((p) => [p.total.status, ...p.groups.map((g) => g.status)]));
}

/** The verdict of the reported records alone (contract §13), of tallies that counted them. */
function officialVerdictOf(periods: readonly PeriodReport[]): Status {
  const tallies = periods.flatMap((p) => [p.total, ...p.groups]);
  return worst(tallies.flatMap((t) => (t.official === null ? [] : [t.official.status])));
}

/** A core's state as data. */
export interface CoreState {
  readonly scan: ScanState;
  readonly aggregators: readonly AggregatorState[];
}

/** One aggregator, or one per scenario, fed the same shipments. */
export class CheckCore {
  readonly scan: RecordScan;
  private readonly aggregators: readonly Aggregator[];
  private readonly loadFactors: readonly (Ratio | undefined)[];
  private finished = false;
  /** A group's valid records, between its two steps (see addAll): one array, reused. */
  private readonly validated: Shipment[] = [];
  private emptyWarned = false;

  constructor(
    private readonly options: ResolvedCheckOptions,
    private readonly onPlacement?: PlacementListener,
  ) {
    this.loadFactors = options.scenarios ?? [options.loadFactor];
    this.aggregators = this.loadFactors.map(
      (loadFactor) =>
        new Aggregator({
          regimes: options.regimes,
          factors: options.factors,
          by: options.by,
          basis: options.basis,
          ...(options.unselected !== undefined ? { unselected: options.unselected } : {}),
          today: options.today,
          ...(options.year !== undefined ? { year: options.year } : {}),
          ...(loadFactor !== undefined ? { loadFactor } : {}),
        }),
    );
    this.scan = new RecordScan({
      severity: options.skipInvalid ? "warning" : "error",
      context: { loadFactorGiven: this.loadFactors[0] !== undefined },
      foldNames: options.foldNames,
    });
  }

  /** The first (or only) run's aggregator: the ledger reads its group keys. */
  get first(): Aggregator {
    return this.aggregators[0] as Aggregator;
  }

  /**
   * Validates, counts and aggregates a group of records from source number
   * `sourceIndex`, in order: the whole group is validated, then aggregated, so that
   * each loop's code and data stay in the cache (7 % less CPU than record by record,
   * issue 16).
   */
  addAll(raws: readonly RawRecord[], sourceIndex = 0): void {
    const { validated } = this;
    for (const raw of raws) {
      const shipment = this.scan.take(raw);
      if (shipment !== undefined) validated.push(shipment);
    }
    for (const shipment of validated) this.place(shipment, sourceIndex);
    validated.length = 0;
  }

  /** Validates, counts and aggregates one record from source number `sourceIndex`. */
  add(raw: RawRecord, sourceIndex = 0): void {
    const shipment = this.scan.take(raw);
    if (shipment !== undefined) this.place(shipment, sourceIndex);
  }

  private place(shipment: Shipment, sourceIndex: number): void {
    const placement = this.first.add(shipment);
    if (placement && this.onPlacement) this.onPlacement(shipment, sourceIndex, placement);
    for (let i = 1; i < this.aggregators.length; i++) this.aggregators[i]?.add(shipment);
  }

  /** The records taken so far, as data: what a worker sends back (src/parallel.ts). */
  state(): CoreState {
    return { scan: this.scan.state(), aggregators: this.aggregators.map((a) => a.state()) };
  }

  /**
   * Another core's records of the same source, read after these (a worker's part
   * of the file): merged exactly, its lines moved on by `lineShift`.
   */
  absorb(other: CoreState, lineShift: number): void {
    const moved: Relocate = (place) =>
      place.line === null ? place : { ...place, line: place.line + lineShift };
    this.scan.absorb(other.scan, moved);
    for (const [i, aggregator] of this.aggregators.entries()) {
      aggregator.absorb(other.aggregators[i] as AggregatorState, moved);
    }
  }

  endSource(name: string): void {
    this.scan.endSource(name);
  }

  warn(issue: Issue): void {
    this.scan.warn(issue);
  }

  /**
   * Ends the run and returns its issues, the run's own warnings added. Throws
   * InvalidRecordsError when a record was invalid and skipInvalid is not set.
   */
  issues(): Issue[] {
    const { scan } = this;
    if (!this.finished) {
      // An empty input is worth a word in a run that stops on invalid records too (a wrong file?).
      if (!this.emptyWarned)
        for (const warning of scan.emptySourceWarnings()) scan.issues.add(warning);
      this.emptyWarned = true;
      if (scan.invalid > 0 && !this.options.skipInvalid) {
        throw new InvalidRecordsError(scan.issues.toArray(), scan.invalid, scan.read);
      }
      for (const uncapped of this.first.uncappedSources())
        scan.issues.add(uncappedWarning(uncapped));
      for (const note of scan.foldingNotes()) scan.issues.add(note);
      scan.issues.absorb(this.first.straddles.issues, (place) => place);
      this.finished = true;
    }
    return scan.issues.toArray();
  }

  /** The Report, once the last record is in; throws as issues() does. */
  report(): Report {
    const issues = this.issues();
    const runs = this.aggregators.map((aggregator) => aggregator.report());
    // Reported records carry no load factor: every scenario has the same official tally.
    // Under --basis estimated none was counted: null, never an "ok" about nothing.
    const officialVerdict = this.first.countsOfficial ? officialVerdictOf(runs[0] ?? []) : null;
    // Keys in the contract's order (§6): schemaVersion, generator, verdict, records, ...
    const head = (verdict: Status) => ({
      schemaVersion: 1 as const,
      generator: `capcheck ${VERSION}`,
      verdict,
      officialVerdict,
      records: this.counts(),
      by: this.options.by,
      settings: settingsOf(this.options),
    });
    if (this.options.scenarios) {
      const scenarios = runs.map((periods, i) => {
        const loadFactor = Number(formatRatio(this.loadFactors[i] as Ratio));
        return { loadFactor, verdict: verdictOf(periods), periods };
      });
      const verdict = (scenarios[0] as ScenarioReport).verdict;
      return { ...head(verdict), scenarios, issues };
    }
    const periods = runs[0] ?? [];
    return { ...head(verdictOf(periods)), periods, issues };
  }

  /** The record counts: valid = counted + uncapped + excluded (contract §11). */
  counts(): RecordCounts {
    const { scan, first } = this;
    return {
      read: scan.read,
      valid: scan.valid,
      invalid: scan.invalid,
      uncapped: first.uncapped,
      excluded: first.excluded,
      counted: scan.valid - first.uncapped - first.excluded,
    };
  }

  /** What --fail-on looks at, from the whole run (the issue list may be cut short). */
  facts(report: Report): RunFacts {
    const { records } = report;
    return {
      verdict: report.verdict,
      invalid: records.invalid,
      uncapped: records.uncapped,
      straddles: this.first.straddles.count,
    };
  }

  /**
   * Why nothing was counted, when no record was counted in any period (contract §11):
   * `check` then exits 2 unless --allow-empty. Undefined when something was counted.
   */
  nothingToCheck(): string | undefined {
    const records = this.counts();
    if (records.counted > 0) return undefined;
    if (records.read === 0) return "the input holds no records";
    const parts: string[] = [];
    const part = (count: number, why: string) => {
      if (count > 0) parts.push(`${formatCount(count)} ${why}`);
    };
    part(records.invalid, "invalid and skipped");
    part(records.uncapped, "in no period of the selected regimes (uncapped)");
    const { basis, year, regime } = this.first.excludedBy;
    part(year, "in periods that --year leaves out");
    part(regime, "in regimes that --regime leaves out");
    part(basis, "left out by --basis");
    return `${counted(records.read, "record")} read, none counted: ${parts.join(", ")}`;
  }

  /** For the charts: each run's periods' running totals. */
  series(): PeriodSeries[][] {
    return this.aggregators.map((a) => a.series());
  }
}

/** Checks records held in memory and returns the Report: no file is read. */
export function checkRecords(records: Iterable<RawRecord>, options: ResolvedCheckOptions): Report {
  const core = new CheckCore(options);
  for (const raw of records) core.add(raw);
  return core.report();
}
