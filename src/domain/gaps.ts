// Reporting gaps (contract §13): for each exporter with reported records in a
// period, the months from its first reported month to the period's end — or, for
// the running period, to the last month already over — without any reported record.
// Memory: one small set of months per exporter and period.
import type { ReportingGap } from "./report.js";

/** A month as one number: year × 12 + month − 1. */
export const monthIndex = (day: string): number =>
  Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

const monthText = (index: number): string =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

export interface Exporter {
  readonly spellings: Map<string, number>;
  readonly months: Set<number>;
}

/** The months each exporter reported in one period. */
export class ReportedMonths {
  private readonly exporters = new Map<string, Exporter>();
  /** Each spelling's entry, so that a name is folded once, not once per record. */
  private readonly bySpelling = new Map<string, Exporter>();

  /** `fold` makes the spellings of one exporter equal, as group keys are (§5). */
  constructor(private readonly fold: (name: string) => string) {}

  /** A reported record of `exporter` covering the months first…last (see monthIndex). */
  add(exporter: string, first: number, last: number): void {
    const entry = this.entryOf(exporter);
    entry.spellings.set(exporter, (entry.spellings.get(exporter) ?? 0) + 1);
    for (let m = first; m <= last; m++) entry.months.add(m);
  }

  private entryOf(exporter: string): Exporter {
    let entry = this.bySpelling.get(exporter);
    if (entry === undefined) {
      const folded = this.fold(exporter);
      entry = this.exporters.get(folded);
      if (entry === undefined) {
        entry = { spellings: new Map(), months: new Set() };
        this.exporters.set(folded, entry);
      }
      this.bySpelling.set(exporter, entry);
    }
    return entry;
  }

  /** The exporters as data (a worker's, see src/parallel.ts). */
  state(): Exporter[] {
    return [...this.exporters.values()];
  }

  /** Another's exporters, as if their records had come after these. */
  absorb(exporters: readonly Exporter[]): void {
    for (const { spellings, months } of exporters) {
      for (const [spelling, count] of spellings) {
        const entry = this.entryOf(spelling);
        entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + count);
        for (const m of months) entry.months.add(m);
      }
    }
  }

  /**
   * Each exporter's unreported months up to `lastMonth` (inclusive), by key; only
   * exporters with gaps. The key is the most frequent spelling, ties to the first in order.
   */
  gaps(lastMonth: number): ReportingGap[] {
    const out: ReportingGap[] = [];
    for (const { spellings, months } of this.exporters.values()) {
      const first = Math.min(...months);
      const missing: string[] = [];
      for (let m = first; m <= lastMonth; m++) if (!months.has(m)) missing.push(monthText(m));
      if (missing.length > 0) out.push({ key: mostFrequent(spellings), months: missing });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

function mostFrequent(spellings: Map<string, number>): string {
  let best = "";
  let count = -1;
  for (const [text, n] of spellings) {
    if (n > count || (n === count && text < best)) {
      best = text;
      count = n;
    }
  }
  return best;
}

/**
 * The last month a gap can fall in: the period's last month, or for a period still
 * running on `today`, the last month already over (the current one is not yet due).
 */
export function lastGapMonth(periodEnd: string, today: string): number {
  return Math.min(monthIndex(periodEnd), monthIndex(today) - 1);
}
