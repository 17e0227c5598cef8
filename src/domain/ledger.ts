// The audit ledger (contract §9): every counted record in date order, with the
// rule that made its barrels, and the period's running total after it. Any
// number of records (contract §15): each placed record is written as a row of
// Numbers (its texts by number, from a bounded table) into a sort by day that may
// keep them outside memory; lines are then made from the sorted rows one at a time.
import type { Aggregator, GroupField, Placement } from "./aggregate.js";
import { ordinalOfDay } from "./calendar.js";
import { amountText } from "./exact-sum.js";
import {
  AT_LEAST,
  CITATION,
  type EntrySink,
  ESTIMATED,
  EXACT,
  FLAGS,
  GROUP,
  ID,
  LEDGER_DAYS,
  type LedgerPart,
  LINE,
  ledgerDayOf,
  NANO,
  PERIOD,
  PRODUCT,
  QUANTITY,
  type Renumbering,
  RULE,
  SOURCE,
  type SortedEntry,
  TEXT_IDS,
  TEXTS,
  UNIT,
} from "./ledger-columns.js";
import type { LedgerLine } from "./ledger-line.js";
import {
  type GroupKeyOf,
  type LedgerBook,
  type LineForm,
  type LinesSpan,
  ledgerLines,
} from "./ledger-lines.js";
import { type Period, periodId } from "./regimes.js";
import { TextTable } from "./text-table.js";

export { ENTRY_SHAPE } from "./ledger-columns.js";

import type { Shipment } from "./validate.js";

/**
 * The ledger's entries: written into a sort by day as they are placed, made into
 * lines once sorted. The sort keeps a day's entries in the order they came, so
 * they must come in ledger order within a day: by file, then line (the order the
 * files are read in), then regime (put in order here).
 */
export class LedgerEntries {
  private readonly periods: Period[] = [];
  private readonly indexOfId = new Map<string, number>();
  /**
   * The aggregator hands out a few Period objects for each period (one a month, see
   * PeriodFinder): looked up by identity first.
   */
  private readonly indexOfObject = new Map<Period, number>();
  /** Each placement target's periods (Placement.target), as period indexes by regime id. */
  private readonly ordered: (number[] | undefined)[] = [];
  private readonly files: string[] = [];
  /** A record's texts and their numbers in the table, as add() works them out. */
  private readonly own: string[] = new Array<string>(TEXTS).fill("");
  private readonly ids = new Int32Array(TEXTS);
  /** How many entries each period holds on each day, to find the last of each day. */
  private readonly dayCounts: Int32Array[] = [];
  /** Each period's first day, where its day counts start. */
  private readonly firstDays: number[] = [];
  private lastSource = 0;
  private lastPosition = 0;

  /** `table`: where recurring texts are numbered (a smaller one in tests, to fill it). */
  constructor(
    private readonly sink: EntrySink,
    private readonly by: GroupField,
    private readonly table = new TextTable(),
  ) {}

  /** The period's index in the table, the same for every day's copy of it. */
  private periodIndex(period: Period): number {
    let index = this.indexOfObject.get(period);
    if (index !== undefined) return index;
    const id = periodId(period);
    index = this.indexOfId.get(id);
    if (index === undefined) {
      index = this.periods.length;
      this.periods.push(period);
      this.indexOfId.set(id, index);
      // Every day of the period: its records' days lie in it.
      const first = ledgerDayOf(ordinalOfDay(period.start));
      this.firstDays.push(first);
      this.dayCounts.push(new Int32Array(ledgerDayOf(ordinalOfDay(period.end)) - first + 1));
    }
    this.indexOfObject.set(period, index);
    return index;
  }

  private orderedPeriods({ periods, target }: Placement): number[] {
    let indexes = this.ordered[target];
    if (indexes === undefined) {
      const byRegime = [...periods].sort((a, b) =>
        a.regime.id < b.regime.id ? -1 : a.regime.id > b.regime.id ? 1 : 0,
      );
      indexes = byRegime.map((period) => this.periodIndex(period));
      this.ordered[target] = indexes;
    }
    return indexes;
  }

  /** Writes down a counted shipment once for each period that holds it. */
  add(shipment: Shipment, sourceIndex: number, placement: Placement): void {
    const position = shipment.line ?? shipment.index ?? 0;
    if (
      sourceIndex < this.lastSource ||
      (sourceIndex === this.lastSource && position < this.lastPosition)
    ) {
      throw new Error("ledger entries must come in file and line order");
    }
    this.lastSource = sourceIndex;
    this.lastPosition = position;
    this.files[sourceIndex] ??= shipment.file;
    const { ordinal } = shipment.date;
    const day = ledgerDayOf(ordinal);
    if (!(day >= 0 && day < LEDGER_DAYS))
      throw new Error(`a record's day outside the calendar: ${ordinal}`);
    // The quantity as the record gave it, and its unit.
    const { barrels, quantity: amount, capacity } = shipment;
    let quantity = capacity?.text ?? "";
    let unit: string = shipment.capacity_unit ?? "t";
    if (barrels) {
      quantity = barrels.text;
      unit = "bbl";
    } else if (amount) {
      quantity = amount.text;
      unit = shipment.unit ?? "";
    }
    const { nano, rule, atLeast } = placement.converted;
    const flags = (shipment.basis === "estimated" ? ESTIMATED : 0) | (atLeast ? AT_LEAST : 0);
    const { ids, own } = this;
    own[GROUP] = shipment[this.by] ?? "";
    own[PRODUCT] = shipment.product;
    own[QUANTITY] = quantity;
    own[UNIT] = unit;
    own[RULE] = rule;
    own[CITATION] = shipment.source ?? "";
    own[ID] = shipment.id ?? "";
    for (let field = 0; field < TEXTS; field++) ids[field] = this.table.id(own[field] as string);
    const ordered = this.orderedPeriods(placement);
    for (let k = 0; k < ordered.length; k++) {
      const period = ordered[k] as number;
      const counts = this.dayCounts[period] as Int32Array;
      const slot = day - (this.firstDays[period] as number);
      counts[slot] = (counts[slot] as number) + 1;
      const at = this.sink.add(day);
      const { ints, numbers, texts } = this.sink.columns;
      (ints[SOURCE] as Int32Array)[at] = sourceIndex;
      (ints[PERIOD] as Int32Array)[at] = period;
      (ints[FLAGS] as Int32Array)[at] = flags;
      (numbers[LINE] as Float64Array)[at] = shipment.line ?? Number.NaN;
      if (typeof nano === "number") (numbers[NANO] as Float64Array)[at] = nano;
      else {
        (numbers[NANO] as Float64Array)[at] = Number.NaN;
        (texts[EXACT] as string[])[at] = amountText(nano);
      }
      for (let field = 0; field < TEXTS; field++) {
        const id = ids[field] as number;
        (ints[TEXT_IDS + field] as Int32Array)[at] = id;
        if (id < 0) (texts[field] as string[])[at] = own[field] as string;
      }
    }
  }

  /** This part's entries' numbering, for the entries of the part before it to absorb. */
  part(): LedgerPart {
    const { periods, dayCounts, lastPosition } = this;
    return {
      periods,
      file: this.files[0],
      dayCounts,
      texts: this.table.texts,
      lastPosition,
    };
  }

  /**
   * Takes in another part's numbering: the entries of a later part of source
   * `sourceIndex`, their lines moved on by `lineShift`. Returns how that part's
   * entries are put into this numbering as the sort reads them back (renumbering()).
   */
  absorb(other: LedgerPart, sourceIndex: number, lineShift: number): Renumbering {
    const periodOf = other.periods.map((period) => this.periodIndex(period));
    for (const [p, counts] of other.dayCounts.entries()) {
      const ours = this.dayCounts[periodOf[p] as number] as Int32Array;
      for (let slot = 0; slot < counts.length; slot++) {
        ours[slot] = (ours[slot] as number) + (counts[slot] as number);
      }
    }
    if (other.file !== undefined) this.files[sourceIndex] ??= other.file;
    this.lastSource = sourceIndex;
    this.lastPosition = Math.max(this.lastPosition, other.lastPosition + lineShift);
    const textOf = other.texts.map((text) => this.table.id(text));
    return { sourceIndex, lineShift, periodOf, textOf, texts: other.texts };
  }

  /** What the lines are made from, beside the sorted entries (plain data: a worker may take it). */
  book(): LedgerBook {
    const { periods, files, dayCounts, firstDays } = this;
    return { periods, texts: this.table.texts, files, dayCounts, firstDays };
  }

  /** The lines of the entries, given back by the sort in ledger order (ledger-lines.ts). */
  lines<C>(
    sorted: Iterable<SortedEntry>,
    aggregator: Aggregator,
    form: LineForm<C>,
    span?: LinesSpan,
  ): IterableIterator<LedgerLine<C>> {
    const groupKey: GroupKeyOf = (period, value) => aggregator.groupKey(period, value);
    return ledgerLines(this.book(), sorted, groupKey, form, span);
  }
}
