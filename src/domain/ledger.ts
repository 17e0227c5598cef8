// The audit ledger (contract §9): every counted record in date order, with the
// rule that made its barrels, and the period's running total after it. Unlike
// check, the ledger holds its records in memory.
import type { Aggregator, GroupField } from "./aggregate.js";
import { Crossings } from "./crossings.js";
import {
  type Amount,
  addAmount,
  amountBarrels,
  copySum,
  type ExactSum,
  emptySum,
  sumBarrels,
  sumShare,
} from "./exact-sum.js";
import { type Period, periodId } from "./regimes.js";
import type { Shipment } from "./validate.js";

/** A counted shipment in one period, as the aggregator placed it. */
export interface LedgerEntry {
  readonly shipment: Shipment;
  readonly sourceIndex: number;
  readonly nano: Amount;
  readonly rule: string;
  readonly period: Period;
}

export interface LedgerRow {
  date: string;
  source: string;
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
}

/** The quantity as the record gave it, and its unit. */
function given(shipment: Shipment): [string, string] {
  if (shipment.barrels) return [shipment.barrels.text, "bbl"];
  if (shipment.quantity) return [shipment.quantity.text, shipment.unit ?? ""];
  return [shipment.capacity?.text ?? "", shipment.capacity_unit ?? "t"];
}

function compare(a: LedgerEntry, b: LedgerEntry): number {
  const ordinal = a.shipment.date.ordinal - b.shipment.date.ordinal;
  if (ordinal !== 0) return ordinal;
  if (a.sourceIndex !== b.sourceIndex) return a.sourceIndex - b.sourceIndex;
  const line =
    (a.shipment.line ?? a.shipment.index ?? 0) - (b.shipment.line ?? b.shipment.index ?? 0);
  if (line !== 0) return line;
  return a.period.regime.id < b.period.regime.id
    ? -1
    : a.period.regime.id > b.period.regime.id
      ? 1
      : 0;
}

/**
 * The rows in date order (ties by file, then line). `mark` sits on the last row of
 * the day on which the period's running total first reached a threshold or went
 * over the cap, naming what was crossed that day.
 */
export function ledgerRows(
  entries: LedgerEntry[],
  aggregator: Aggregator,
  by: GroupField,
): LedgerRow[] {
  entries.sort(compare);
  const running = new Map<string, ExactSum>();
  const totals: ExactSum[] = [];
  const rows: LedgerRow[] = entries.map((entry) => {
    const { shipment, period } = entry;
    let sum = running.get(periodId(period));
    if (sum === undefined) {
      sum = emptySum();
      running.set(periodId(period), sum);
    }
    addAmount(sum, entry.nano);
    const total = copySum(sum);
    totals.push(total);
    const [quantity, unit] = given(shipment);
    return {
      date: shipment.date.day,
      source: shipment.file,
      line: shipment.line,
      key: aggregator.groupKey(period, shipment[by]),
      product: shipment.product,
      quantity,
      unit,
      barrels: amountBarrels(entry.nano),
      rule: entry.rule,
      regime: period.regime.id,
      period: period.label,
      runningTotal: sumBarrels(total),
      share: sumShare(total, period.regime.cap),
      mark: "",
    };
  });
  // A row is the last of its day in its period when the period's next row (or none)
  // falls on another day: found walking backwards.
  const lastOfDay: boolean[] = new Array(entries.length);
  const nextDay = new Map<string, number>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const { period, shipment } = entries[i] as LedgerEntry;
    lastOfDay[i] = nextDay.get(periodId(period)) !== shipment.date.ordinal;
    nextDay.set(periodId(period), shipment.date.ordinal);
  }
  const crossings = new Map<string, Crossings>();
  for (let i = 0; i < entries.length; i++) {
    if (!lastOfDay[i]) continue;
    const { period } = entries[i] as LedgerEntry;
    let periodCrossings = crossings.get(periodId(period));
    if (periodCrossings === undefined) {
      periodCrossings = new Crossings(period.regime);
      crossings.set(periodId(period), periodCrossings);
    }
    (rows[i] as LedgerRow).mark = periodCrossings.next(totals[i] as ExactSum).join(" ");
  }
  return rows;
}
