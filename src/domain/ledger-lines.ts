// The ledger's lines (contract §9), made from its entries as the sort gives them
// back in ledger order. What they are made from is plain data (LedgerBook), so that
// a worker thread can make the lines of a later span of days (src/ledger-split.ts):
// each span starts from its periods' totals before its first day, which the
// aggregator knows without reading the entries before it.
import { dayOfOrdinal } from "./calendar.js";
import { Crossings } from "./crossings.js";
import {
  type Amount,
  amountBarrelsText,
  amountFromText,
  amountMilli,
  type ExactSum,
} from "./exact-sum.js";
import {
  AT_LEAST,
  CITATION,
  ESTIMATED,
  EXACT,
  FLAGS,
  GROUP,
  ID,
  LEDGER_DAYS,
  type LedgerColumns,
  LINE,
  ledgerDayOrdinal,
  NANO,
  PERIOD,
  PRODUCT,
  QUANTITY,
  RULE,
  SOURCE,
  type SortedEntry,
  TEXT_IDS,
  UNIT,
} from "./ledger-columns.js";
import type { LedgerLine } from "./ledger-line.js";
import type { Period } from "./regimes.js";
import { RunningTotal } from "./running-total.js";
import { EMPTY_TEXT } from "./text-table.js";

/** What the lines are made from, beside the entries: the numbering the entries use. */
export interface LedgerBook {
  readonly periods: readonly Period[];
  /** The texts by their number in the entries. */
  readonly texts: readonly string[];
  /** The files by source number. */
  readonly files: readonly string[];
  /** How many entries each period holds on each day, from its first day. */
  readonly dayCounts: readonly Int32Array[];
  /** Each period's first day. */
  readonly firstDays: readonly number[];
}

/** A period's group key for a group value (the aggregator's, or a copy of its answers). */
export type GroupKeyOf = (period: Period, value: string | undefined) => string;

/** A text as a cell of the output (CSV escaping, say, or its bytes). */
export type Cell<C = string> = (text: string) => C;

/** How lines give their texts: as cells, and the numbers as text too or only as units. */
export interface LineForm<C> {
  readonly cell: Cell<C>;
  /** False: a number's text only where its units are NaN (LedgerLine). */
  readonly numberTexts: boolean;
}

/** Texts as they are, numbers as text: what a line of any other form is checked against. */
export const TEXT_LINES: LineForm<string> = { cell: (text) => text, numberTexts: true };

/** A span of the ledger's days: where its periods' totals start, and where they end. */
export interface LinesSpan {
  /** Each period's total before the span's first entry (none: zero). */
  readonly starts?: readonly ExactSum[];
  /** Given each period's total after the span's last entry, once every line is made. */
  readonly ends?: ExactSum[];
}

/** What an iterator gives at its end. */
const DONE: IteratorResult<never> = { done: true, value: undefined };

/**
 * The lines of the entries, given back by the sort in ledger order. `mark` sits on
 * the last line of the day on which the period's running total first reached a
 * threshold or went over the cap, naming what was crossed that day. The texts from
 * the data are as `form.cell` makes them (worked out once for each distinct text).
 * `span`: for a span of days that does not start the ledger, or to learn the
 * totals it ends with. Each line object is reused for the next.
 */
export function ledgerLines<C>(
  book: LedgerBook,
  sorted: Iterable<SortedEntry>,
  groupKey: GroupKeyOf,
  form: LineForm<C>,
  span: LinesSpan = {},
): IterableIterator<LedgerLine<C>> {
  return new LedgerLines(book, sorted[Symbol.iterator](), groupKey, form, span);
}

/**
 * ledgerLines' lines: an iterator, not a generator, as the sort's records are
 * (MergedRecords): the CSV rows' loop calls next() with no generator to resume.
 */
class LedgerLines<C> implements IterableIterator<LedgerLine<C>> {
  private readonly cell: Cell<C>;
  private readonly numberTexts: boolean;
  private readonly totals: RunningTotal[];
  private readonly crossings: Crossings[];
  /** Each period's group keys as cells, by the group's number in the table. */
  private readonly keyCells: C[][];
  private readonly regimeCells: C[];
  private readonly periodCells: C[];
  private readonly fileCells: C[];
  private readonly dayCells = new Array<C | undefined>(LEDGER_DAYS);
  private readonly textCells: C[] = [];
  private readonly empty: C;
  /** Each period's entries on each day still to come. */
  private readonly left: Int32Array[];
  private readonly line: LedgerLine<C>;
  private readonly result: { done: false; value: LedgerLine<C> };
  private ended = false;

  constructor(
    private readonly book: LedgerBook,
    private readonly sorted: Iterator<SortedEntry>,
    private readonly groupKey: GroupKeyOf,
    form: LineForm<C>,
    private readonly span: LinesSpan,
  ) {
    const { cell } = form;
    this.cell = cell;
    this.numberTexts = form.numberTexts;
    const { periods } = book;
    const { starts } = span;
    this.totals = periods.map((_, p) => new RunningTotal(starts?.[p]));
    this.crossings = periods.map((period, p) => {
      const crossing = new Crossings(period.regime);
      // Totals only grow: the lines passed before the span are those its start passes.
      const start = starts?.[p];
      if (start !== undefined) crossing.next(start);
      return crossing;
    });
    this.keyCells = periods.map((): C[] => []);
    this.regimeCells = periods.map((period) => cell(period.regime.id));
    this.periodCells = periods.map((period) => cell(period.label));
    this.fileCells = book.files.map((file) => cell(file));
    this.empty = cell("");
    this.left = book.dayCounts.map((counts) => counts.slice());
    const empty = this.empty;
    this.line = {
      date: empty,
      file: empty,
      line: null,
      key: empty,
      product: empty,
      quantity: empty,
      unit: empty,
      barrels: "",
      rule: empty,
      regime: empty,
      period: empty,
      runningTotal: "",
      share: "",
      barrelsMilli: 0,
      runningMilli: 0,
      shareMicros: 0,
      mark: empty,
      basis: "reported",
      atLeast: false,
      source: null,
      id: null,
    };
    this.result = { done: false, value: this.line };
  }

  [Symbol.iterator](): this {
    return this;
  }

  return(): IteratorResult<LedgerLine<C>> {
    this.sorted.return?.();
    return DONE;
  }

  /** A text of the entry, as it is. */
  private raw(columns: LedgerColumns, at: number, field: number): string {
    const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
    return (id < 0 ? (columns.texts[field] as string[])[at] : this.book.texts[id]) as string;
  }

  /** A text of the entry as its cell. */
  private cellOf(columns: LedgerColumns, at: number, field: number): C {
    const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
    if (id < 0) return this.cell((columns.texts[field] as string[])[at] as string);
    let known = this.textCells[id];
    if (known === undefined) {
      known = this.cell(this.book.texts[id] as string);
      this.textCells[id] = known;
    }
    return known;
  }

  next(): IteratorResult<LedgerLine<C>> {
    const next = this.sorted.next();
    if (next.done === true) {
      if (!this.ended) this.span.ends?.push(...this.totals.map((total) => total.sum()));
      this.ended = true;
      return DONE;
    }
    const { columns, at } = next.value;
    const { ints, numbers, texts } = columns;
    const { cell, line, empty } = this;
    const p = (ints[PERIOD] as Int32Array)[at] as number;
    const period = this.book.periods[p] as Period;
    const total = this.totals[p] as RunningTotal;
    const safe = (numbers[NANO] as Float64Array)[at] as number;
    const nano: Amount = Number.isNaN(safe)
      ? amountFromText((texts[EXACT] as string[])[at] as string)
      : safe;
    total.add(nano);
    const day = columns.days[at] as number;
    const counts = this.left[p] as Int32Array;
    const slot = day - (this.book.firstDays[p] as number);
    const count = (counts[slot] as number) - 1;
    counts[slot] = count;
    const mark = count === 0 ? (this.crossings[p] as Crossings).next(total.sum()).join(" ") : "";
    const groupId = (ints[TEXT_IDS + GROUP] as Int32Array)[at] as number;
    const periodKeys = this.keyCells[p] as C[];
    let key = groupId < 0 ? undefined : periodKeys[groupId];
    if (key === undefined) {
      const group = this.raw(columns, at, GROUP);
      key = cell(this.groupKey(period, group === "" ? undefined : group));
      if (groupId >= 0) periodKeys[groupId] = key;
    }
    const lineNumber = (numbers[LINE] as Float64Array)[at] as number;
    const flags = (ints[FLAGS] as Int32Array)[at] as number;
    let date = this.dayCells[day];
    if (date === undefined) {
      date = cell(dayOfOrdinal(ledgerDayOrdinal(day)));
      this.dayCells[day] = date;
    }
    line.date = date;
    line.file = this.fileCells[(ints[SOURCE] as Int32Array)[at] as number] as C;
    line.line = Number.isNaN(lineNumber) ? null : lineNumber;
    line.key = key;
    line.product = this.cellOf(columns, at, PRODUCT);
    line.quantity = this.cellOf(columns, at, QUANTITY);
    line.unit = this.cellOf(columns, at, UNIT);
    line.rule = this.cellOf(columns, at, RULE);
    line.regime = this.regimeCells[p] as C;
    line.period = this.periodCells[p] as C;
    const { regime } = period;
    const { numberTexts } = this;
    line.barrelsMilli = amountMilli(nano);
    line.runningMilli = total.milli();
    line.shareMicros = total.shareMicros(regime);
    if (numberTexts || Number.isNaN(line.barrelsMilli)) line.barrels = amountBarrelsText(nano);
    if (numberTexts || Number.isNaN(line.runningMilli)) line.runningTotal = total.barrelsText();
    if (numberTexts || Number.isNaN(line.shareMicros)) line.share = total.shareText(regime);
    line.mark = mark === "" ? empty : cell(mark);
    line.basis = flags & ESTIMATED ? "estimated" : "reported";
    line.atLeast = (flags & AT_LEAST) !== 0;
    line.source =
      (ints[TEXT_IDS + CITATION] as Int32Array)[at] === EMPTY_TEXT
        ? null
        : this.cellOf(columns, at, CITATION);
    line.id =
      (ints[TEXT_IDS + ID] as Int32Array)[at] === EMPTY_TEXT ? null : this.cellOf(columns, at, ID);
    return this.result;
  }
}
