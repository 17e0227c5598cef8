// The audit ledger (contract §9): every counted record in date order, with the
// rule that made its barrels, and the period's running total after it. Any
// number of records (contract §15): each placed record is written as a row of
// Numbers (its texts by number, from a bounded table) into a sort by day that may
// keep them outside memory; lines are then made from the sorted rows one at a time.
import type { Aggregator, GroupField, Placement } from "./aggregate.js";
import { dayOrdinal, FIRST_YEAR, LAST_YEAR, ordinalOfDay } from "./calendar.js";
import { Crossings } from "./crossings.js";
import { type Amount, amountBarrelsText, amountFromText, amountText } from "./exact-sum.js";
import {
  AT_LEAST,
  CITATION,
  type EntrySink,
  ESTIMATED,
  EXACT,
  FLAGS,
  GROUP,
  ID,
  type LedgerColumns,
  type LedgerPart,
  LINE,
  NANO,
  PERIOD,
  PRODUCT,
  QUANTITY,
  RULE,
  renumbering,
  SOURCE,
  type SortedEntry,
  TEXT_IDS,
  TEXTS,
  UNIT,
} from "./ledger-columns.js";
import type { LedgerLine } from "./ledger-line.js";
import { type Period, periodId } from "./regimes.js";
import { RunningTotal } from "./running-total.js";
import { EMPTY_TEXT, TextTable } from "./text-table.js";

export { ENTRY_SHAPE } from "./ledger-columns.js";

import type { Shipment } from "./validate.js";

/** The quantity as the record gave it, and its unit. */
function given(shipment: Shipment): [string, string] {
  if (shipment.barrels) return [shipment.barrels.text, "bbl"];
  if (shipment.quantity) return [shipment.quantity.text, shipment.unit ?? ""];
  return [shipment.capacity?.text ?? "", shipment.capacity_unit ?? "t"];
}

/** Days are counted from the first a record may have, so that they index arrays. */
const FIRST_DAY = dayOrdinal(FIRST_YEAR, 1, 1);
const DAYS = dayOrdinal(LAST_YEAR, 12, 31) - FIRST_DAY + 1;

type Cell = (text: string) => string;
const asIs: Cell = (text) => text;

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
  /** Each day's placement periods (one array per day), as period indexes by regime id. */
  private readonly ordered = new WeakMap<readonly Period[], number[]>();
  /** The same, for the placement last seen on each day (most days see one). */
  private readonly lastOfDay: { periods: readonly Period[]; indexes: number[] }[] = new Array(DAYS);
  private readonly files: string[] = [];
  /** A record's texts and their numbers in the table, as add() works them out. */
  private readonly own: string[] = new Array<string>(TEXTS).fill("");
  private readonly ids = new Int32Array(TEXTS);
  private readonly dayTexts: string[] = new Array<string>(DAYS).fill("");
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
      const first = ordinalOfDay(period.start) - FIRST_DAY;
      this.firstDays.push(first);
      this.dayCounts.push(new Int32Array(ordinalOfDay(period.end) - FIRST_DAY - first + 1));
    }
    this.indexOfObject.set(period, index);
    return index;
  }

  private orderedPeriods(periods: readonly Period[], day: number): number[] {
    const last = this.lastOfDay[day];
    if (last?.periods === periods) return last.indexes;
    let indexes = this.ordered.get(periods);
    if (indexes === undefined) {
      const byRegime = [...periods].sort((a, b) =>
        a.regime.id < b.regime.id ? -1 : a.regime.id > b.regime.id ? 1 : 0,
      );
      indexes = byRegime.map((period) => this.periodIndex(period));
      this.ordered.set(periods, indexes);
    }
    this.lastOfDay[day] = { periods, indexes };
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
    const day = ordinal - FIRST_DAY;
    if (!(day >= 0 && day < DAYS))
      throw new Error(`a record's day outside the calendar: ${ordinal}`);
    if (this.dayTexts[day] === "") this.dayTexts[day] = shipment.date.day;
    const [quantity, unit] = given(shipment);
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
    for (const period of this.orderedPeriods(placement.periods, day)) {
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
    const { periods, dayTexts, dayCounts, lastPosition } = this;
    return {
      periods,
      file: this.files[0],
      dayTexts,
      dayCounts,
      texts: this.table.texts,
      lastPosition,
    };
  }

  /**
   * Takes in another part's numbering: the entries of a later part of source
   * `sourceIndex`, their lines moved on by `lineShift`. Returns what puts right
   * that part's entries, as the sort reads them back, into this numbering.
   */
  absorb(
    other: LedgerPart,
    sourceIndex: number,
    lineShift: number,
  ): (columns: LedgerColumns) => void {
    const periodOf = other.periods.map((period) => this.periodIndex(period));
    for (const [p, counts] of other.dayCounts.entries()) {
      const ours = this.dayCounts[periodOf[p] as number] as Int32Array;
      for (let slot = 0; slot < counts.length; slot++) {
        ours[slot] = (ours[slot] as number) + (counts[slot] as number);
      }
    }
    for (const [day, text] of other.dayTexts.entries()) {
      if (this.dayTexts[day] === "") this.dayTexts[day] = text;
    }
    if (other.file !== undefined) this.files[sourceIndex] ??= other.file;
    this.lastSource = sourceIndex;
    this.lastPosition = Math.max(this.lastPosition, other.lastPosition + lineShift);
    const textOf = other.texts.map((text) => this.table.id(text));
    return renumbering({ sourceIndex, lineShift, periodOf, textOf, texts: other.texts });
  }

  /**
   * The lines of the entries, given back by the sort in ledger order. `mark` sits
   * on the last line of the day on which the period's running total first reached
   * a threshold or went over the cap, naming what was crossed that day. The texts
   * from the data are as `cell` makes them (worked out once for each distinct
   * text). May be called more than once; each line object is reused for the next.
   */
  *lines(
    sorted: Iterable<SortedEntry>,
    aggregator: Aggregator,
    cell: Cell = asIs,
  ): Generator<LedgerLine> {
    const { periods, table } = this;
    const totals = periods.map(() => new RunningTotal());
    const crossings = periods.map((period) => new Crossings(period.regime));
    /** Each period's group keys as cells, by the group's number in the table. */
    const keyCells = periods.map((): string[] => []);
    const regimeCells = periods.map((period) => cell(period.regime.id));
    const periodCells = periods.map((period) => cell(period.label));
    const fileCells = this.files.map((file) => cell(file));
    const dayCells = new Array<string>(DAYS).fill("");
    const textCells: string[] = [];
    const noMark = cell("");
    const left = this.dayCounts.map((counts) => counts.slice());
    /** A text of the entry, as it is. */
    const raw = (columns: LedgerColumns, at: number, field: number): string => {
      const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
      return (id < 0 ? (columns.texts[field] as string[])[at] : table.texts[id]) as string;
    };
    /** A text of the entry as its cell. */
    const cellOf = (columns: LedgerColumns, at: number, field: number): string => {
      const id = (columns.ints[TEXT_IDS + field] as Int32Array)[at] as number;
      if (id < 0) return cell((columns.texts[field] as string[])[at] as string);
      let known = textCells[id];
      if (known === undefined) {
        known = cell(table.texts[id] as string);
        textCells[id] = known;
      }
      return known;
    };
    const line: LedgerLine = {
      date: "",
      file: "",
      line: null,
      key: "",
      product: "",
      quantity: "",
      unit: "",
      barrels: "",
      rule: "",
      regime: "",
      period: "",
      runningTotal: "",
      share: "",
      mark: "",
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
      const slot = day - (this.firstDays[p] as number);
      const count = (counts[slot] as number) - 1;
      counts[slot] = count;
      const mark = count === 0 ? (crossings[p] as Crossings).next(total.sum()).join(" ") : "";
      const groupId = (ints[TEXT_IDS + GROUP] as Int32Array)[at] as number;
      const periodKeys = keyCells[p] as string[];
      let key = groupId < 0 ? undefined : periodKeys[groupId];
      if (key === undefined) {
        const group = raw(columns, at, GROUP);
        key = cell(aggregator.groupKey(period, group === "" ? undefined : group));
        if (groupId >= 0) periodKeys[groupId] = key;
      }
      const lineNumber = (numbers[LINE] as Float64Array)[at] as number;
      const flags = (ints[FLAGS] as Int32Array)[at] as number;
      if (dayCells[day] === "") dayCells[day] = cell(this.dayTexts[day] as string);
      line.date = dayCells[day] as string;
      line.file = fileCells[(ints[SOURCE] as Int32Array)[at] as number] as string;
      line.line = Number.isNaN(lineNumber) ? null : lineNumber;
      line.key = key;
      line.product = cellOf(columns, at, PRODUCT);
      line.quantity = cellOf(columns, at, QUANTITY);
      line.unit = cellOf(columns, at, UNIT);
      line.barrels = amountBarrelsText(nano);
      line.rule = cellOf(columns, at, RULE);
      line.regime = regimeCells[p] as string;
      line.period = periodCells[p] as string;
      line.runningTotal = total.barrelsText();
      line.share = total.shareText(period.regime.cap);
      line.mark = mark === "" ? noMark : cell(mark);
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
  }
}
