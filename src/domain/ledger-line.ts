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

/**
 * One row of the ledger, its numbers as exact decimal text: one object, reused row
 * after row. Its texts from the data are cells `C` (CSV-escaped text, or bytes).
 */
export interface LedgerLine<C = string>
  extends Omit<
      LedgerRow,
      "barrels" | "runningTotal" | "share" | NonNullable<keyof CellsOf<unknown>>
    >,
    CellsOf<C> {
  barrels: string;
  runningTotal: string;
  share: string;
  /**
   * The three numbers as whole thousandths of a barrel and millionths of the cap,
   * for writers of bytes; NaN where Numbers cannot hold them, and the text then
   * says it. The texts above are made only when asked for (ledgerLines).
   */
  barrelsMilli: number;
  runningMilli: number;
  shareMicros: number;
}

/** A row's texts from the data and from the regimes, as cells. */
interface CellsOf<C> {
  date: C;
  file: C;
  key: C;
  product: C;
  quantity: C;
  unit: C;
  rule: C;
  regime: C;
  period: C;
  mark: C;
  source: C | null;
  id: C | null;
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
