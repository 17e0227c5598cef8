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

/**
 * The lines of the entries, given back by the sort in ledger order. `mark` sits on
 * the last line of the day on which the period's running total first reached a
 * threshold or went over the cap, naming what was crossed that day. The texts from
 * the data are as `form.cell` makes them (worked out once for each distinct text).
 * `span`: for a span of days that does not start the ledger, or to learn the
 * totals it ends with. Each line object is reused for the next.
 */
export function* ledgerLines<C>(
  book: LedgerBook,
  sorted: Iterable<SortedEntry>,
  groupKey: GroupKeyOf,
  form: LineForm<C>,
  span: LinesSpan = {},
): Generator<LedgerLine<C>> {
  const { cell, numberTexts } = form;
  const { periods, texts: table, firstDays } = book;
  const { starts } = span;
  const totals = periods.map((_, p) => new RunningTotal(starts?.[p]));
  const crossings = periods.map((period, p) => {
    const crossing = new Crossings(period.regime);
    // Totals only grow: the lines passed before the span are those its start passes.
    const start = starts?.[p];
    if (start !== undefined) crossing.next(start);
    return crossing;
  });
  /** Each period's group keys as cells, by the group's number in the table. */
  const keyCells = periods.map((): C[] => []);
  const regimeCells = periods.map((period) => cell(period.regime.id));
  const periodCells = periods.map((period) => cell(period.label));
  const fileCells = book.files.map((file) => cell(file));
  const dayCells = new Array<C | undefined>(LEDGER_DAYS);
  const textCells: C[] = [];
  const empty = cell("");
  const left = book.dayCounts.map((counts) => counts.slice());
  /** A text of the entry, as it is. */
  const raw = (columns: LedgerColumns, at: number, field: number): string => {
    const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
    return (id < 0 ? (columns.texts[field] as string[])[at] : table[id]) as string;
  };
  /** A text of the entry as its cell. */
  const cellOf = (columns: LedgerColumns, at: number, field: number): C => {
    const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
    if (id < 0) return cell((columns.texts[field] as string[])[at] as string);
    let known = textCells[id];
    if (known === undefined) {
      known = cell(table[id] as string);
      textCells[id] = known;
    }
    return known;
  };
  const line: LedgerLine<C> = {
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
  for (const { columns, at } of sorted) {
    const { ints, numbers, texts } = columns;
    const p = (ints[PERIOD] as Int32Array)[at] as number;
    const period = periods[p] as Period;
    const total = totals[p] as RunningTotal;
    const safe = (numbers[NANO] as Float64Array)[at] as number;
    const nano: Amount = Number.isNaN(safe)
      ? amountFromText((texts[EXACT] as string[])[at] as string)
      : safe;
    total.add(nano);
    const day = columns.days[at] as number;
    const counts = left[p] as Int32Array;
    const slot = day - (firstDays[p] as number);
    const count = (counts[slot] as number) - 1;
    counts[slot] = count;
    const mark = count === 0 ? (crossings[p] as Crossings).next(total.sum()).join(" ") : "";
    const groupId = (ints[TEXT_IDS + GROUP] as Int32Array)[at] as number;
    const periodKeys = keyCells[p] as C[];
    let key = groupId < 0 ? undefined : periodKeys[groupId];
    if (key === undefined) {
      const group = raw(columns, at, GROUP);
      key = cell(groupKey(period, group === "" ? undefined : group));
      if (groupId >= 0) periodKeys[groupId] = key;
    }
    const lineNumber = (numbers[LINE] as Float64Array)[at] as number;
    const flags = (ints[FLAGS] as Int32Array)[at] as number;
    let date = dayCells[day];
    if (date === undefined) {
      date = cell(dayOfOrdinal(ledgerDayOrdinal(day)));
      dayCells[day] = date;
    }
    line.date = date;
    line.file = fileCells[(ints[SOURCE] as Int32Array)[at] as number] as C;
    line.line = Number.isNaN(lineNumber) ? null : lineNumber;
    line.key = key;
    line.product = cellOf(columns, at, PRODUCT);
    line.quantity = cellOf(columns, at, QUANTITY);
    line.unit = cellOf(columns, at, UNIT);
    line.rule = cellOf(columns, at, RULE);
    line.regime = regimeCells[p] as C;
    line.period = periodCells[p] as C;
    const { regime } = period;
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
        : cellOf(columns, at, CITATION);
    line.id =
      (ints[TEXT_IDS + ID] as Int32Array)[at] === EMPTY_TEXT ? null : cellOf(columns, at, ID);
    yield line;
  }
  span.ends?.push(...totals.map((total) => total.sum()));
}
