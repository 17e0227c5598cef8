// The Report: what `check --json` prints and `import { check }` returns (contract §6).
import type { GroupField } from "./aggregate.js";
import type { Changes } from "./baseline.js";
import type { BasisFilter } from "./check.js";
import type { FactorOverrides } from "./convert.js";
import type { Issue } from "./issues.js";
import type { Commodity } from "./regimes.js";

export type Status = "ok" | "notice" | "exceeded";

export interface Tally {
  barrels: number;
  /** The reported and estimated parts of `barrels` (contract §9). */
  reported: number;
  estimated: number;
  share: number;
  status: Status;
  records: number;
  /** Threshold key ("75") → the date it was first reached, or null. */
  reached: Record<string, string | null>;
  exceededOn: string | null;
  /** A lower bound (`>165000`, contract §13) is among the records: barrels and share are at least these. */
  atLeast: boolean;
  /**
   * The reported records alone: the 1718 Committee's view (§13). Null when
   * `--basis estimated` left them out: not counted, rather than a tally of 0.
   */
  official: OfficialTally | null;
  /** What was counted on days after the period's 95 % date (§13); at least that when it holds a lower bound. */
  afterNotice: { barrels: number; records: number; atLeast: boolean };
}

/** A tally of reported records alone (contract §13). */
export interface OfficialTally {
  barrels: number;
  share: number;
  status: Status;
  exceededOn: string | null;
  /** A reported record was a lower bound. */
  atLeast: boolean;
}

/** An exporter's months without a reported record (contract §13). */
export interface ReportingGap {
  key: string;
  months: string[];
}

export interface GroupTally extends Tally {
  key: string;
}

export interface PeriodReport {
  regime: string;
  title: string;
  commodity: Commodity;
  label: string;
  start: string;
  end: string;
  cap: { barrels: number };
  total: Tally;
  groups: GroupTally[];
  /**
   * Exporters with months not reported, by key (contract §13). Null when
   * `--basis estimated` left the reported records out: not worked out, not "none".
   */
  gaps: ReportingGap[] | null;
}

export interface RecordCounts {
  read: number;
  valid: number;
  invalid: number;
  uncapped: number;
  /** Valid records left out by --year, --basis or --regime (contract §11). */
  excluded: number;
  /** Valid records counted in a period: valid = counted + uncapped + excluded. */
  counted: number;
}

/** One run of the check at one load factor (`--scenarios`, contract §9). */
export interface ScenarioReport {
  loadFactor: number;
  verdict: Status;
  periods: PeriodReport[];
}

/**
 * The settings besides `by` that decide which records counted and how they were
 * keyed and converted: a baseline made with others is compared with care (§14).
 */
export interface ReportSettings {
  /** The regime ids checked (`--regime`, `--caps`), in order. */
  regimes: string[];
  /** `--year`, or null: every year. */
  year: number | null;
  /** `--basis`: which records counted. */
  basis: BasisFilter;
  /** `--load-factor`, or null (none given; a scenario run's are its scenarios'). */
  loadFactor: number | null;
  /** Exporter names folded to the UN short name (false with `--no-fold-names`). */
  foldNames: boolean;
  /**
   * The tons-to-barrels factors not the built-in ones (`--factors`, contract §3), by
   * product: `{}` when every mass converted by the 1718 Committee's factors.
   */
  factors: FactorOverrides;
}

/** What every report carries, whatever it holds. */
interface ReportHead {
  schemaVersion: 1;
  generator: string;
  records: RecordCounts;
  /** The field the groups are keyed by (`--by`): a baseline compares groups only when it is the same. */
  by: GroupField;
  settings: ReportSettings;
  issues: Issue[];
  /** With `--baseline`: what changed since that report (contract §14). */
  changes?: Changes;
}

/** A check at one load factor: the periods. */
export interface PeriodsReport extends ReportHead {
  verdict: Status;
  /**
   * The worst status of the reported records alone: the official tally's verdict
   * (§13). Null when `--basis estimated` left them out: not counted, not "ok".
   */
  officialVerdict: Status | null;
  periods: PeriodReport[];
  scenarios?: undefined;
}

/** A check at several load factors (`scenarios`): one run each, in their place. */
export interface ScenariosReport extends ReportHead {
  /** The first scenario's verdict. */
  verdict: Status;
  /** The same in every scenario: reported records carry no load factor (§13). Null as above. */
  officialVerdict: Status | null;
  scenarios: ScenarioReport[];
  periods?: undefined;
}

/**
 * Records were invalid and `skipInvalid` was not set: nothing was counted, the
 * issues say why (contract §14). The command line prints it; check() throws.
 */
export interface InvalidReport extends ReportHead {
  verdict: "invalid";
  officialVerdict: "invalid";
  periods: [];
  scenarios?: undefined;
}

/** What `check --json` prints: narrow on `verdict` or on `scenarios`. */
export type Report = PeriodsReport | ScenariosReport | InvalidReport;

export type Verdict = Report["verdict"];

export function invalidReport(
  generator: string,
  counts: { read: number; invalid: number },
  by: GroupField,
  settings: ReportSettings,
  issues: Issue[],
): InvalidReport {
  return {
    schemaVersion: 1,
    generator,
    verdict: "invalid",
    officialVerdict: "invalid",
    records: {
      read: counts.read,
      valid: counts.read - counts.invalid,
      invalid: counts.invalid,
      uncapped: 0,
      excluded: 0,
      counted: 0,
    },
    by,
    settings,
    periods: [],
    issues,
  };
}

const RANK: Record<Status, number> = { ok: 0, notice: 1, exceeded: 2 };

export function worst(statuses: Iterable<Status>): Status {
  let result: Status = "ok";
  for (const status of statuses) if (RANK[status] > RANK[result]) result = status;
  return result;
}

/** Whether a status is at least as bad as another. */
export function atLeast(status: Status, than: Status): boolean {
  return RANK[status] >= RANK[than];
}

/** The running total at the end of a day. */
export interface Point {
  day: string;
  barrels: number;
  /** The running total of reported records alone. */
  reported: number;
}

/**
 * A period's running totals day by day, for the charts (contract §10): the total
 * and each group, in the report's group order. Not part of the JSON report.
 */
export interface PeriodSeries {
  regime: string;
  start: string;
  total: Point[];
  groups: { key: string; points: Point[] }[];
}
