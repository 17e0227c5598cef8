// A plain-text table fitted to the output width (contract §14), for every table
// capcheck prints: each table states what gives way, in order; a row is never wrapped.
import { COLUMN_GAP } from "./format.js";

/** One step of giving way: columns left out, or a column that may be cut down to `to` columns. */
export type Yield<Id> =
  | { readonly drop: readonly Id[] }
  | { readonly cut: Id; readonly to: number };

/** A column as measured: its widest cell and its heading's width, which it is never cut below. */
export interface Measured<Id> {
  readonly id: Id;
  readonly width: number;
  readonly heading: number;
}

export interface Fitted<Id> {
  /** The columns kept, in their order. */
  readonly kept: readonly Id[];
  /** Each kept column's width: less than it measured where it is cut. */
  readonly widths: ReadonlyMap<Id, number>;
}

/**
 * The columns that fit `width`: all of them if they do, else the first `yields`
 * step after which they do. Where no step is enough, what is left after the last,
 * cut as far as it may be (the row then is wider than `width`).
 */
export function fitColumns<Id>(
  columns: readonly Measured<Id>[],
  yields: readonly Yield<Id>[],
  width: number,
): Fitted<Id> {
  let kept = columns;
  const floors = new Map<Id, number>();
  const attempt = () => {
    const widths = new Map(kept.map((c) => [c.id, c.width]));
    let over =
      kept.reduce((sum, c) => sum + c.width, 0) + COLUMN_GAP.length * (kept.length - 1) - width;
    // A column at a time off the widest column that may be cut: long cells give way first.
    while (over > 0) {
      let widest: Id | undefined;
      let most = 0;
      for (const c of kept) {
        const floor = floors.get(c.id);
        const now = widths.get(c.id) as number;
        if (floor !== undefined && now > Math.max(floor, c.heading) && now > most) {
          widest = c.id;
          most = now;
        }
      }
      if (widest === undefined) break;
      widths.set(widest, most - 1);
      over--;
    }
    return { kept: kept.map((c) => c.id), widths, fits: over <= 0 };
  };
  let fit = attempt();
  for (const step of yields) {
    if (fit.fits) break;
    if ("drop" in step) kept = kept.filter((c) => !step.drop.includes(c.id));
    else floors.set(step.cut, step.to);
    fit = attempt();
  }
  return { kept: fit.kept, widths: fit.widths };
}

/** The line under a table that left columns out: which, and (`every`) where they all are. */
export function leftOutLine(headings: readonly string[], width: number, every?: string): string {
  const where = every === undefined ? "" : `; ${every}`;
  return `(${headings.join(", ")} left out to fit ${width} columns${where})`;
}
