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

/** An exporter's spellings (each with its count of records) and months, as data. */
export interface Exporter {
  readonly spellings: ReadonlyMap<string, number>;
  readonly months: ReadonlySet<number>;
}

interface Months {
  readonly spellings: Spelling[];
  readonly months: Set<number>;
}

interface Spelling {
  readonly text: string;
  readonly exporter: Months;
  count: number;
}

/** The months each exporter reported in one period. */
export class ReportedMonths {
  private readonly exporters = new Map<string, Months>();
  /** Each spelling's entry, so that a name is folded once, not once per record. */
  private readonly bySpelling = new Map<string, Spelling>();

  /** `fold` makes the spellings of one exporter equal, as group keys are (§5). */
  constructor(private readonly fold: (name: string) => string) {}

  /** A reported record of `exporter` covering the months first…last (see monthIndex). */
  add(exporter: string, first: number, last: number): void {
    const spelling = this.bySpelling.get(exporter) ?? this.spellingOf(exporter);
    spelling.count++;
    const { months } = spelling.exporter;
    for (let m = first; m <= last; m++) months.add(m);
  }

  private spellingOf(text: string): Spelling {
    const folded = this.fold(text);
    let exporter = this.exporters.get(folded);
    if (exporter === undefined) {
      exporter = { spellings: [], months: new Set() };
      this.exporters.set(folded, exporter);
    }
    const spelling = { text, exporter, count: 0 };
    exporter.spellings.push(spelling);
    this.bySpelling.set(text, spelling);
    return spelling;
  }

  /** The exporters as data (a worker's, see src/parallel.ts). */
  state(): Exporter[] {
    return [...this.exporters.values()].map(({ spellings, months }) => ({
      spellings: new Map(spellings.map((s) => [s.text, s.count])),
      months,
    }));
  }

  /** Another's exporters, as if their records had come after these. */
  absorb(exporters: readonly Exporter[]): void {
    for (const { spellings, months } of exporters) {
      for (const [text, count] of spellings) {
        const spelling = this.bySpelling.get(text) ?? this.spellingOf(text);
        spelling.count += count;
        for (const m of months) spelling.exporter.months.add(m);
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

function mostFrequent(spellings: readonly Spelling[]): string {
  let best = "";
  let count = -1;
  for (const { text, count: n } of spellings) {
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
