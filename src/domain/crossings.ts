// When a running total reaches a threshold or goes over its cap, and the status that
// gives (contract §5): decided here for the aggregator's tallies and the ledger alike.
import { compareSum, type ExactSum } from "./exact-sum.js";
import type { Regime, Threshold } from "./regimes.js";
import type { Status } from "./report.js";

/** The mark of going over the cap, beside the thresholds' keys ("75", "90", ...). */
export const EXCEEDED = "exceeded";

type Line = Threshold | typeof EXCEEDED;

/** A threshold is reached at cap × share or more; the cap is exceeded only above it. */
function passes(total: ExactSum, regime: Regime, line: Line): boolean {
  if (line === EXCEEDED) return compareSum(total, regime.cap) > 0;
  return compareSum(total, regime.cap, line.share) >= 0;
}

export function statusOf(total: ExactSum, regime: Regime): Status {
  if (passes(total, regime, EXCEEDED)) return "exceeded";
  // Thresholds rise, so the first is the lowest.
  const lowest = regime.thresholds[0];
  if (lowest !== undefined && passes(total, regime, lowest)) return "notice";
  return "ok";
}

/** Follows one period's running total, day by day, to the lines it passes first. */
export class Crossings {
  private pending: Line[];

  constructor(private readonly regime: Regime) {
    this.pending = [...regime.thresholds, EXCEEDED];
  }

  /** The marks (threshold keys, then `exceeded`) that this total passes for the first time. */
  next(total: ExactSum): string[] {
    if (this.pending.length === 0) return [];
    const passed: string[] = [];
    this.pending = this.pending.filter((line) => {
      if (!passes(total, this.regime, line)) return true;
      passed.push(line === EXCEEDED ? EXCEEDED : line.key);
      return false;
    });
    return passed;
  }
}
