// The audit ledger (contract §9): every counted record in date order, with the
// rule that made its barrels, and the period's running total after it. Any
// number of records (contract §15): each placed record becomes a compact entry,
// written as one line of text whose plain string order is the ledger's order, so
// that an external sort can order them in bounded memory; rows are then made
// from the sorted entries one at a time.
import type { Aggregator, GroupField } from "./aggregate.js";
import type { Converted } from "./convert.js";
import { Crossings } from "./crossings.js";
import { withDigits } from "./exact-digits.js";
import {
  type Amount,
  addAmount,
  amountBarrelsText,
  amountFromText,
  amountText,
  type ExactSum,
  emptySum,
  sumBarrelsText,
  sumShareText,
} from "./exact-sum.js";
import { type Period, periodId } from "./regimes.js";
import type { Basis } from "./rules.js";
import type { Shipment } from "./validate.js";

/** A counted shipment in one period: what its ledger row needs, and no more. */
export interface LedgerEntry {
  readonly ordinal: number;
  readonly day: string;
  readonly sourceIndex: number;
  readonly file: string;
  readonly line: number | null;
  /** The element's index in a JSON array, when its line is unknown. */
  readonly index: number | undefined;
  /** The record's value of the grouping field. */
  readonly group: string | undefined;
  readonly product: string;
  readonly quantity: string;
  readonly unit: string;
  readonly nano: Amount;
  readonly rule: string;
  readonly period: Period;
  /** Provenance (contract §13): the record's basis, whether its quantity was a lower bound, its own citation. */
  readonly basis: Basis;
  readonly atLeast: boolean;
  readonly source: string | undefined;
  readonly id: string | undefined;
}

export interface LedgerRow {
  date: string;
  /** The input path (v1.1 called it `source`). */
  file: string;
  line: number | null;
  key: string;
  product: string;
  quantity: string;
  unit: string;
  barrels: number;
  rule: string;
  regime: string;
  period: string;
  runningTotal: number;
  share: number;
  mark: string;
  basis: Basis;
  atLeast: boolean;
  /** The record's own citation fields, or null. */
  source: string | null;
  id: string | null;
}

/** The quantity as the record gave it, and its unit. */
function given(shipment: Shipment): [string, string] {
  if (shipment.barrels) return [shipment.barrels.text, "bbl"];
  if (shipment.quantity) return [shipment.quantity.text, shipment.unit ?? ""];
  return [shipment.capacity?.text ?? "", shipment.capacity_unit ?? "t"];
}

export function ledgerEntry(
  shipment: Shipment,
  sourceIndex: number,
  by: GroupField,
  converted: Converted,
  period: Period,
): LedgerEntry {
  const [quantity, unit] = given(shipment);
  return {
    ordinal: shipment.date.ordinal,
    day: shipment.date.day,
    sourceIndex,
    file: shipment.file,
    line: shipment.line,
    index: shipment.index,
    group: shipment[by],
    product: shipment.product,
    quantity,
    unit,
    nano: converted.nano,
    rule: converted.rule,
    period,
    basis: shipment.basis,
    atLeast: converted.atLeast,
    source: shipment.source,
    id: shipment.id,
  };
}

/** Between a line's fields; text holding it (or a control character or `"`) is JSON-quoted. */
const SEP = "\u0001";
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const NEEDS_QUOTES = /[\u0000-\u001f"]/;

function textField(text: string): string {
  return NEEDS_QUOTES.test(text) ? JSON.stringify(text) : text;
}

function readText(field: string): string {
  return field.startsWith('"') ? (JSON.parse(field) as string) : field;
}

/** Days from 1900 (the earliest date a record may have) onwards are positive. */
const ORDINAL_OFFSET = 100_000;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Writes entries as lines and reads them back. A line starts with its sort key:
 * day, file, line (or element index), regime id (letters, digits, `.`, `_`, `-`,
 * all above the \u0001 that ends it), so that lines sort in ledger order: by
 * date, ties by file, then line. Periods travel as an index into a table kept
 * here, since there are few of them; so do files.
 */
export class LedgerCodec {
  private readonly periods: Period[] = [];
  private readonly files: string[] = [];
  private readonly indexOfId = new Map<string, number>();
  /** The aggregator hands out one Period object per day and regime: looked up by identity first. */
  private readonly indexOfObject = new Map<Period, number>();

  /** The period's index in the table, the same for every day's copy of it. */
  periodIndex(period: Period): number {
    let index = this.indexOfObject.get(period);
    if (index !== undefined) return index;
    const id = periodId(period);
    index = this.indexOfId.get(id);
    if (index === undefined) {
      index = this.periods.length;
      this.periods.push(period);
      this.indexOfId.set(id, index);
    }
    this.indexOfObject.set(period, index);
    return index;
  }

  /**
   * The entry as one line: its sort key, then its fields (the file travels as
   * its source index, in a table kept here like the periods').
   */
  encode(entry: LedgerEntry): string {
    const period = this.periodIndex(entry.period);
    this.files[entry.sourceIndex] ??= entry.file;
    const key =
      pad(entry.ordinal + ORDINAL_OFFSET, 6) +
      pad(entry.sourceIndex, 6) +
      pad(entry.line ?? entry.index ?? 0, 15) +
      entry.period.regime.id;
    return [
      key,
      period,
      entry.ordinal,
      entry.day,
      entry.sourceIndex,
      entry.line ?? "",
      entry.index ?? "",
      textField(entry.group ?? ""),
      textField(entry.product),
      textField(entry.quantity),
      textField(entry.unit),
      amountText(entry.nano),
      textField(entry.rule),
      entry.basis,
      entry.atLeast ? "1" : "",
      textField(entry.source ?? ""),
      textField(entry.id ?? ""),
    ].join(SEP);
  }

  decode(line: string): LedgerEntry {
    const f = line.split(SEP) as string[] & { length: 17 };
    const source = readText(f[15] as string);
    const id = readText(f[16] as string);
    const sourceIndex = Number(f[4]);
    const nano = amountFromText(f[11] as string);
    const group = readText(f[7] as string);
    return {
      ordinal: Number(f[2]),
      day: f[3] as string,
      sourceIndex,
      file: this.files[sourceIndex] as string,
      line: f[5] === "" ? null : Number(f[5]),
      index: f[6] === "" ? undefined : Number(f[6]),
      // A grouping value is never empty: empty text is no value (contract §2).
      group: group === "" ? undefined : group,
      product: readText(f[8] as string),
      quantity: readText(f[9] as string),
      unit: readText(f[10] as string),
      nano,
      rule: readText(f[12] as string),
      period: this.periods[Number(f[1])] as Period,
      basis: f[13] as Basis,
      atLeast: f[14] === "1",
      // Empty text is no value (contract §2), so "" stands for none.
      source: source === "" ? undefined : source,
      id: id === "" ? undefined : id,
    };
  }
}

/** How many entries each period holds on each day, to find the last of each day. */
export class DayCounts {
  private readonly counts = new Map<number, number>();

  constructor(private readonly codec: LedgerCodec) {}

  private key(entry: LedgerEntry): number {
    return this.codec.periodIndex(entry.period) * 1_000_000 + entry.ordinal + ORDINAL_OFFSET;
  }

  add(entry: LedgerEntry): void {
    const key = this.key(entry);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  copy(): DayCounts {
    const copy = new DayCounts(this.codec);
    for (const [key, count] of this.counts) copy.counts.set(key, count);
    return copy;
  }

  /** Counts one entry off its day; true when it was that day's last in its period. */
  takeLast(entry: LedgerEntry): boolean {
    const key = this.key(entry);
    const left = (this.counts.get(key) ?? 1) - 1;
    this.counts.set(key, left);
    return left === 0;
  }
}

/**
 * The rows of entries given in ledger order. `mark` sits on the last row of the
 * day on which the period's running total first reached a threshold or went over
 * the cap, naming what was crossed that day. `days` must count the same entries;
 * it is used up (give each pass its own copy).
 */
export function* ledgerRows(
  sorted: Iterable<LedgerEntry>,
  days: DayCounts,
  aggregator: Aggregator,
): Generator<LedgerRow> {
  const running = new Map<string, ExactSum>();
  const crossings = new Map<string, Crossings>();
  for (const entry of sorted) {
    const { period } = entry;
    const id = periodId(period);
    let total = running.get(id);
    if (total === undefined) {
      total = emptySum();
      running.set(id, total);
    }
    addAmount(total, entry.nano);
    let mark = "";
    if (days.takeLast(entry)) {
      let periodCrossings = crossings.get(id);
      if (periodCrossings === undefined) {
        periodCrossings = new Crossings(period.regime);
        crossings.set(id, periodCrossings);
      }
      mark = periodCrossings.next(total).join(" ");
    }
    const text = {
      barrels: amountBarrelsText(entry.nano),
      runningTotal: sumBarrelsText(total),
      share: sumShareText(total, period.regime.cap),
    };
    const row: LedgerRow = {
      date: entry.day,
      file: entry.file,
      line: entry.line,
      key: aggregator.groupKey(period, entry.group),
      product: entry.product,
      quantity: entry.quantity,
      unit: entry.unit,
      barrels: Number(text.barrels),
      rule: entry.rule,
      regime: period.regime.id,
      period: period.label,
      runningTotal: Number(text.runningTotal),
      share: Number(text.share),
      mark,
      basis: entry.basis,
      atLeast: entry.atLeast,
      source: entry.source ?? null,
      id: entry.id ?? null,
    };
    yield withDigits(row, text);
  }
}
