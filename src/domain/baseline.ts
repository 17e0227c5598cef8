// A report compared with an earlier one (`--baseline`, contract §14): per period
// and group, barrels and status before and after, and the threshold and over-cap
// dates reached since. Pure: the earlier report arrives parsed and checked.
// Only like is compared with like: groups when both reports are grouped by the
// same field (and name exporters alike), periods in one report alone when both
// selected the same regimes and year, scenarios of the same load factor. What was
// not compared is listed, never counted as new (or worse).
import type { FactorOverrides } from "./convert.js";
import { sameDigits } from "./exact-digits.js";
import type { PeriodReport, Report, ReportSettings, Status, Tally } from "./report.js";

/** What an earlier `--json` report must hold to be a baseline. */
export interface BaselineTally {
  barrels: number;
  status: Status;
  reached: Record<string, string | null>;
  exceededOn: string | null;
}

export interface BaselinePeriod {
  regime: string;
  label: string;
  start: string;
  cap: { barrels: number };
  total: BaselineTally;
  groups: (BaselineTally & { key: string })[];
}

/**
 * A baseline's settings as compared: `factors` null when it does not record them
 * (a report of a capcheck before they were), as `settings` is when it records none.
 */
export type BaselineSettings = Omit<ReportSettings, "factors"> & {
  factors: FactorOverrides | null;
};

export interface Baseline {
  generator: string;
  /** The field its groups are keyed by; absent in a report of a capcheck before it was recorded. */
  by?: string;
  /** Absent in a report of a capcheck before they were recorded; so are its `factors`. */
  settings?: Omit<ReportSettings, "factors"> & { factors?: FactorOverrides };
  verdict: Status | "invalid";
  periods?: BaselinePeriod[];
  scenarios?: { loadFactor: number; periods: BaselinePeriod[] }[];
}

/** One tally before and after; `null` where the period or group was not there. */
export interface TallyChange {
  before: { barrels: number; status: Status } | null;
  after: { barrels: number; status: Status } | null;
  /** Thresholds ("75") first reached since the baseline, with their dates. */
  newlyReached: Record<string, string>;
  /** The over-cap date, when the baseline had none (or another). */
  newlyExceededOn: string | null;
  /** The status is worse than before (a new tally is compared with `ok`). */
  worse: boolean;
}

/** A period of a report, in a scenario report with its load factor. */
export interface PeriodName {
  regime: string;
  label: string;
  start: string;
  /** The scenario's load factor, in a scenario report. */
  loadFactor?: number;
}

export interface PeriodChange extends PeriodName {
  total: TallyChange;
  groups: (TallyChange & { key: string })[];
}

export interface Changes {
  /**
   * The baseline's generator, verdict, grouping and settings, so a reader knows
   * what was compared; `by` and `settings` are null when the baseline does not
   * record them (an earlier capcheck).
   */
  baseline: {
    generator: string;
    verdict: Status | "invalid";
    by: string | null;
    settings: BaselineSettings | null;
  };
  /**
   * False when the baseline was grouped by another field than this report, or
   * (grouped by exporter) folded names otherwise: only the totals were compared.
   */
  groupsCompared: boolean;
  /** The settings in which the baseline differs from this report (none when it does not record them). */
  settingsDiffer: (keyof ReportSettings)[];
  /**
   * When `regimes` or `year` differ: the periods in one report alone, not
   * compared (the other did not look at them).
   */
  periodsNotCompared: (PeriodName & { onlyIn: "baseline" | "run" })[];
  /** Of scenario reports: the load factors in one report alone, not compared. */
  loadFactorsNotCompared: { onlyInBaseline: number[]; onlyInRun: number[] };
  /** Periods in both whose cap differs (`--cap`, `--caps`): their statuses measure different caps. */
  capsDiffer: { regime: string; label: string; start: string; before: number; after: number }[];
  /** How many periods and groups got worse. */
  worse: number;
  /** Only the periods in which something changed, and in them only the changed groups. */
  periods: PeriodChange[];
}

const RANK: Record<Status, number> = { ok: 0, notice: 1, exceeded: 2 };

function tallyChange(before: BaselineTally | undefined, after: Tally | undefined): TallyChange {
  const newlyReached: Record<string, string> = {};
  for (const [key, date] of Object.entries(after?.reached ?? {})) {
    if (date !== null && (before?.reached[key] ?? null) !== date) newlyReached[key] = date;
  }
  const exceededOn = after?.exceededOn ?? null;
  const afterStatus = after?.status ?? "ok";
  return {
    before: before ? { barrels: before.barrels, status: before.status } : null,
    after: after ? sameDigits({ barrels: after.barrels, status: after.status }, after) : null,
    newlyReached,
    newlyExceededOn: exceededOn !== null && exceededOn !== before?.exceededOn ? exceededOn : null,
    worse: RANK[afterStatus] > RANK[before?.status ?? "ok"],
  };
}

function changed(change: TallyChange): boolean {
  return (
    change.before?.barrels !== change.after?.barrels ||
    change.before?.status !== change.after?.status ||
    Object.keys(change.newlyReached).length > 0 ||
    change.newlyExceededOn !== null
  );
}

const periodKey = (p: { regime: string; start: string }) => `${p.regime}\u0000${p.start}`;

/** How two lists of periods are compared, and what the comparison found not comparable. */
interface Scope {
  compareGroups: boolean;
  /** Periods in one report alone are compared (as new or gone): both selected alike. */
  comparePeriodsAlone: boolean;
  notCompared: Changes["periodsNotCompared"];
  caps: Map<string, Changes["capsDiffer"][number]>;
}

function periodChanges(
  before: readonly BaselinePeriod[],
  after: readonly PeriodReport[],
  loadFactor: number | undefined,
  scope: Scope,
): PeriodChange[] {
  const old = new Map(before.map((p) => [periodKey(p), p]));
  const now = new Map(after.map((p) => [periodKey(p), p]));
  const keys = [...new Set([...now.keys(), ...old.keys()])].sort();
  const result: PeriodChange[] = [];
  for (const key of keys) {
    const b = old.get(key);
    const a = now.get(key);
    const period = (a ?? b) as BaselinePeriod | PeriodReport;
    const name: PeriodName = {
      regime: period.regime,
      label: period.label,
      start: period.start,
      ...(loadFactor !== undefined ? { loadFactor } : {}),
    };
    if ((!a || !b) && !scope.comparePeriodsAlone) {
      scope.notCompared.push({ ...name, onlyIn: a ? "run" : "baseline" });
      continue;
    }
    if (a && b && a.cap.barrels !== b.cap.barrels && !scope.caps.has(key)) {
      const { regime, label, start } = name;
      scope.caps.set(key, { regime, label, start, before: b.cap.barrels, after: a.cap.barrels });
    }
    const oldGroups = new Map((b?.groups ?? []).map((g) => [g.key, g]));
    const newGroups = new Map((a?.groups ?? []).map((g) => [g.key, g]));
    // Groups in the current report's order, then those that are gone.
    const groupKeys = [...new Set([...newGroups.keys(), ...oldGroups.keys()])];
    const groups = scope.compareGroups
      ? groupKeys
          .map((k) => ({ key: k, ...tallyChange(oldGroups.get(k), newGroups.get(k)) }))
          .filter(changed)
      : [];
    const total = tallyChange(b?.total, a?.total);
    if (!changed(total) && groups.length === 0) continue;
    result.push({ ...name, total, groups });
  }
  return result;
}

/** The keys of ReportSettings, in their order. */
export const SETTING_NAMES = [
  "regimes",
  "year",
  "basis",
  "loadFactor",
  "foldNames",
  "factors",
] as const;

/** A setting as compared: factors by product, whatever order a file lists them in. */
function settingKey(settings: BaselineSettings, name: keyof ReportSettings): string {
  const value = settings[name];
  if (name === "factors" && value !== null) {
    return JSON.stringify(Object.entries(value as FactorOverrides).sort());
  }
  return JSON.stringify(value);
}

/**
 * The settings in which `before` differs from `after`; none that `before` does not
 * record. Name folding changes the keys of exporters alone: it differs only when
 * both are grouped by exporter.
 */
function settingsDiffer(
  before: BaselineSettings | null,
  after: ReportSettings,
  byExporter: boolean,
): (keyof ReportSettings)[] {
  if (before === null) return [];
  return SETTING_NAMES.filter(
    (name) =>
      (name !== "factors" || before.factors !== null) &&
      settingKey(before, name) !== settingKey(after, name) &&
      (name !== "foldNames" || byExporter),
  );
}

/** A baseline's settings with what it does not record as null. */
function baselineSettings(baseline: Baseline): BaselineSettings | null {
  if (baseline.settings === undefined) return null;
  return { ...baseline.settings, factors: baseline.settings.factors ?? null };
}

/** The changes from `baseline` to `report`; scenarios are matched by load factor. */
export function compareWithBaseline(baseline: Baseline, report: Report): Changes {
  const by = baseline.by ?? null;
  const settings = baselineSettings(baseline);
  const groupedAlike = by === null || by === report.by;
  const differ = settingsDiffer(
    settings,
    report.settings,
    groupedAlike && report.by === "exporter",
  );
  const scope: Scope = {
    compareGroups: groupedAlike && !differ.includes("foldNames"),
    comparePeriodsAlone: !differ.includes("regimes") && !differ.includes("year"),
    notCompared: [],
    caps: new Map(),
  };
  let periods: PeriodChange[];
  const loadFactorsNotCompared: Changes["loadFactorsNotCompared"] = {
    onlyInBaseline: [],
    onlyInRun: [],
  };
  if (report.scenarios) {
    // A baseline of invalid records counted nothing, at any load factor: all is new, as in a plain run.
    const old =
      baseline.verdict === "invalid"
        ? new Map(report.scenarios.map((s) => [s.loadFactor, []]))
        : new Map((baseline.scenarios ?? []).map((s) => [s.loadFactor, s.periods]));
    const now = new Set(report.scenarios.map((s) => s.loadFactor));
    loadFactorsNotCompared.onlyInBaseline = [...old.keys()].filter((x) => !now.has(x));
    loadFactorsNotCompared.onlyInRun = [...now].filter((x) => !old.has(x));
    periods = report.scenarios.flatMap((scenario) => {
      const match = old.get(scenario.loadFactor);
      return match ? periodChanges(match, scenario.periods, scenario.loadFactor, scope) : [];
    });
  } else {
    periods = periodChanges(baseline.periods ?? [], report.periods ?? [], undefined, scope);
  }
  const worse = periods.reduce(
    (n, p) => n + (p.total.worse ? 1 : 0) + p.groups.filter((g) => g.worse).length,
    0,
  );
  return {
    baseline: { generator: baseline.generator, verdict: baseline.verdict, by, settings },
    groupsCompared: scope.compareGroups,
    settingsDiffer: differ,
    periodsNotCompared: scope.notCompared,
    loadFactorsNotCompared,
    capsDiffer: [...scope.caps.values()],
    worse,
    periods,
  };
}

/**
 * Why `baseline` and a run at these scenario load factors (undefined: a plain
 * run) have nothing to compare: one is a scenario report and the other not, or
 * they share no load factor. Undefined when something compares. A baseline of
 * invalid records holds no periods of either kind: it compares as before.
 */
export function nothingComparable(
  baseline: Baseline,
  loadFactors: readonly number[] | undefined,
): string | undefined {
  if (baseline.verdict === "invalid") return undefined;
  const old = baseline.scenarios?.map((s) => s.loadFactor);
  const list = (xs: readonly number[]) => xs.join(",");
  if (old !== undefined && loadFactors === undefined) {
    return `a report of --scenarios ${list(old)}, and this run has no scenarios: nothing to compare; run with --scenarios ${list(old)}, or make the baseline without --scenarios`;
  }
  if (old === undefined && loadFactors !== undefined) {
    return `a report without --scenarios, and this run has --scenarios ${list(loadFactors)}: nothing to compare; run without --scenarios, or make the baseline with --scenarios ${list(loadFactors)}`;
  }
  if (old !== undefined && loadFactors !== undefined && !old.some((x) => loadFactors.includes(x))) {
    return `a report of --scenarios ${list(old)}, none of this run's load factors (${list(loadFactors)}): nothing to compare; run with --scenarios ${list(old)}, or make the baseline with --scenarios ${list(loadFactors)}`;
  }
  return undefined;
}
