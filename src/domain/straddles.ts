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

const COUNT_WORDS = ["", "one", "two", "three", "four", "five"];

/**
 * How many periods of `regime` a span from the period `from` to the period `to` touches.
 */
function periodsTouched(regime: Regime, from: Period, to: Period): number {
  let period: Period | undefined = from;
  let count = 0;
  const last = to.start;
  while (period !== undefined) {
    count++;
    if (period.start >= last) break;
    period = periodOf(regime, dayOfOrdinal(ordinalOfDay(period.end) + 1));
  }
  return count;
}

/**
 * The periods a span crosses: how many and the first and last, or (a span reaching
 * outside the regime's periods) which edge of them, so that days before the first
 * period or after the last are never counted as a period.
 */
function acrossWhat(regime: Regime, from: Period | undefined, to: Period | undefined): string {
  if (from !== undefined && to !== undefined) {
    const count = periodsTouched(regime, from, to);
    const ends = `${from.label}${count === 2 ? " and " : " to "}${to.label}`;
    return `${COUNT_WORDS[count] ?? count} periods of ${regime.id} ${ends}`;
  }
  if (to !== undefined)
    return `the start of ${regime.id}, from before its first period to ${to.label}`;
  if (from !== undefined)
    return `the end of ${regime.id}, from ${from.label} to after its last period`;
  return `the whole of ${regime.id}, from before its first period to after its last`;
}

/** What the record's span crosses, or undefined when it lies inside one period of every regime. */
function crossing(regimes: readonly Regime[], first: string, last: string): string | undefined {
  const parts: string[] = [];
  for (const regime of regimes) {
    const from = periodOf(regime, first);
    const to = periodOf(regime, last);
    // Both ends outside the periods: the span holds them all only when it starts before them.
    const holdsAll =
      from === undefined && to === undefined && first < regime.start && last >= regime.start;
    if (from?.start === to?.start && !holdsAll) continue;
    parts.push(
      `${acrossWhat(regime, from, to)}${to === undefined ? "" : `; it counts on ${last}, in ${to.label}`}`,
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
