// A report compared with an earlier one (`--baseline`, contract §14): per period
// and group, barrels and status before and after, and the threshold and over-cap
// dates reached since. Pure: the earlier report arrives parsed and checked.
// Groups are compared only when both reports are grouped by the same field: a
// group keyed by origin is no tally of the exporter of the same name.
import { sameDigits } from "./exact-digits.js";
import type { PeriodReport, Report, Status, Tally } from "./report.js";

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
  total: BaselineTally;
  groups: (BaselineTally & { key: string })[];
}

export interface Baseline {
  generator: string;
  /** The field its groups are keyed by; absent in a report of a capcheck before it was recorded. */
  by?: string;
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

export interface PeriodChange {
  regime: string;
  label: string;
  start: string;
  /** The scenario's load factor, in a scenario report. */
  loadFactor?: number;
  total: TallyChange;
  groups: (TallyChange & { key: string })[];
}

export interface Changes {
  /**
   * The baseline's generator, verdict and grouping, so a reader knows what was
   * compared; `by` is null when the baseline does not record it (an earlier capcheck).
   */
  baseline: { generator: string; verdict: Status | "invalid"; by: string | null };
  /**
   * False when the baseline was grouped by another field than this report: only
   * the totals were compared. True when the same, or when the baseline does not say.
   */
  groupsCompared: boolean;
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

function periodChanges(
  before: readonly BaselinePeriod[],
  after: readonly PeriodReport[],
  loadFactor: number | undefined,
  compareGroups: boolean,
): PeriodChange[] {
  const old = new Map(before.map((p) => [periodKey(p), p]));
  const now = new Map(after.map((p) => [periodKey(p), p]));
  const keys = [...new Set([...now.keys(), ...old.keys()])].sort();
  const result: PeriodChange[] = [];
  for (const key of keys) {
    const b = old.get(key);
    const a = now.get(key);
    const period = (a ?? b) as BaselinePeriod | PeriodReport;
    const oldGroups = new Map((b?.groups ?? []).map((g) => [g.key, g]));
    const newGroups = new Map((a?.groups ?? []).map((g) => [g.key, g]));
    // Groups in the current report's order, then those that are gone.
    const groupKeys = [...new Set([...newGroups.keys(), ...oldGroups.keys()])];
    const groups = compareGroups
      ? groupKeys
          .map((k) => ({ key: k, ...tallyChange(oldGroups.get(k), newGroups.get(k)) }))
          .filter(changed)
      : [];
    const total = tallyChange(b?.total, a?.total);
    if (!changed(total) && groups.length === 0) continue;
    result.push({
      regime: period.regime,
      label: period.label,
      start: period.start,
      ...(loadFactor !== undefined ? { loadFactor } : {}),
      total,
      groups,
    });
  }
  return result;
}

/** The changes from `baseline` to `report`; scenarios are matched by load factor. */
export function compareWithBaseline(baseline: Baseline, report: Report): Changes {
  const by = baseline.by ?? null;
  const groupsCompared = by === null || by === report.by;
  let periods: PeriodChange[];
  if (report.scenarios) {
    periods = report.scenarios.flatMap((scenario) => {
      const match = baseline.scenarios?.find((s) => s.loadFactor === scenario.loadFactor);
      return periodChanges(
        match?.periods ?? [],
        scenario.periods,
        scenario.loadFactor,
        groupsCompared,
      );
    });
  } else {
    periods = periodChanges(
      baseline.periods ?? [],
      report.periods ?? [],
      undefined,
      groupsCompared,
    );
  }
  const worse = periods.reduce(
    (n, p) => n + (p.total.worse ? 1 : 0) + p.groups.filter((g) => g.worse).length,
    0,
  );
  return {
    baseline: { generator: baseline.generator, verdict: baseline.verdict, by },
    groupsCompared,
    worse,
    periods,
  };
}
