// Records that cover a span (a `YYYY-MM` month, an interval) crossing a period
// boundary of a selected regime of their commodity (contract §11): they still count
// on their last day, and each gets a warning naming the record and the periods it
// crosses (how many, the first and the last).

import { dayOfOrdinal, ordinalOfDay } from "./calendar.js";
import {
  ISSUE_LIMIT,
  type Issue,
  IssueList,
  type IssueListState,
  type Relocate,
} from "./issues.js";
import { type Commodity, type Period, periodOf, type Regime } from "./regimes.js";
import type { Shipment } from "./validate.js";

/** The warning's code. */
export const STRADDLES_PERIOD = "straddles_period";

function periodName(period: Period | undefined, side: "first" | "last"): string {
  if (period !== undefined) return period.label;
  return side === "first" ? "before its first period" : "after its last period";
}

const COUNT_WORDS = ["", "one", "two", "three", "four", "five"];

/**
 * How many periods of `regime` a span from the period `from` to the period `to`
 * touches (undefined: before its first period, or after its last, one more each).
 */
function periodsTouched(regime: Regime, from: Period | undefined, to: Period | undefined): number {
  let period = from ?? periodOf(regime, regime.start);
  let count = (from === undefined ? 1 : 0) + (to === undefined ? 1 : 0);
  const last = to?.start ?? regime.end ?? regime.start;
  while (period !== undefined) {
    count++;
    if (period.start >= last) break;
    period = periodOf(regime, dayOfOrdinal(ordinalOfDay(period.end) + 1));
  }
  return count;
}

/** What the record's span crosses, or undefined when it lies inside one period of every regime. */
function crossing(regimes: readonly Regime[], first: string, last: string): string | undefined {
  const parts: string[] = [];
  for (const regime of regimes) {
    const from = periodOf(regime, first);
    const to = periodOf(regime, last);
    if (from?.start === to?.start) continue;
    const count = periodsTouched(regime, from, to);
    const ends = `${periodName(from, "first")}${count === 2 ? " and " : " to "}${periodName(to, "last")}`;
    parts.push(
      `${COUNT_WORDS[count] ?? count} periods of ${regime.id} ${ends}${to === undefined ? "" : `; it counts on ${last}, in ${to.label}`}`,
    );
  }
  return parts.length === 0 ? undefined : parts.join("; ");
}

export interface StraddlesState {
  readonly issues: IssueListState;
  readonly count: number;
}

export class Straddles {
  /** The warnings, the first ISSUE_LIMIT of them; `count` is all of them. */
  readonly issues = new IssueList(ISSUE_LIMIT);
  count = 0;
  /** The crossing of each commodity's span, worked out once per span. */
  private readonly crossings = new Map<string, string | undefined>();

  constructor(private readonly regimes: readonly Regime[]) {}

  state(): StraddlesState {
    return { issues: this.issues, count: this.count };
  }

  /** Another's warnings, as if its records had come after these. */
  absorb(other: StraddlesState, moved: Relocate): void {
    this.issues.absorb(other.issues, moved);
    this.count += other.count;
  }

  /** Checks one record whose span starts before the day it counts on. */
  note(shipment: Shipment, commodity: Commodity): void {
    const { first, day, monthly } = shipment.date;
    const key = `${commodity}\u0000${first}\u0000${day}`;
    let crossed = this.crossings.get(key);
    if (!this.crossings.has(key)) {
      if (this.crossings.size >= 10_000) this.crossings.clear();
      const regimes = this.regimes.filter((r) => r.commodity === commodity);
      crossed = crossing(regimes, first, day);
      this.crossings.set(key, crossed);
    }
    if (crossed === undefined) return;
    this.count++;
    const span =
      monthly && first.slice(0, 7) === day.slice(0, 7)
        ? `the month ${day.slice(0, 7)}`
        : `${first} to ${day}`;
    const issue: Issue = {
      severity: "warning",
      source: shipment.file,
      line: shipment.line,
      field: "date",
      code: STRADDLES_PERIOD,
      message: `${shipment.exporter}'s record covers ${span}, across ${crossed}`,
    };
    if (shipment.index !== undefined) issue.index = shipment.index;
    this.issues.add(issue);
  }
}
