// A ledger row (contract §9) two ways: as lines whose numbers are exact decimal
// text (what CSV prints, one object reused row after row), and as rows of
// Numbers (what JSON prints, the exact digits kept beside them).
import { withDigits } from "./exact-digits.js";
import type { Basis } from "./rules.js";

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

/** One row of the ledger, its numbers as exact decimal text: one object, reused row after row. */
export interface LedgerLine extends Omit<LedgerRow, "barrels" | "runningTotal" | "share"> {
  barrels: string;
  runningTotal: string;
  share: string;
  /**
   * The share reads 1.000000 but the running total is over the cap (by less than
   * half a millionth): the table then says so (contract §11). Not a column.
   */
  overCapAtOne: boolean;
}

/** A line as a LedgerRow of Numbers (JSON), the exact digits kept where a Number lost some. */
export function ledgerRow(line: LedgerLine): LedgerRow {
  const row: LedgerRow = {
    date: line.date,
    file: line.file,
    line: line.line,
    key: line.key,
    product: line.product,
    quantity: line.quantity,
    unit: line.unit,
    barrels: Number(line.barrels),
    rule: line.rule,
    regime: line.regime,
    period: line.period,
    runningTotal: Number(line.runningTotal),
    share: Number(line.share),
    mark: line.mark,
    basis: line.basis,
    atLeast: line.atLeast,
    source: line.source,
    id: line.id,
  };
  return withDigits(row, {
    barrels: line.barrels,
    runningTotal: line.runningTotal,
    share: line.share,
  });
}
