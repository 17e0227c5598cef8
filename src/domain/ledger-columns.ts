// The ledger's entries as columns of numbers (src/domain/ledger.ts), as a sort by
// day keeps them (src/external-sort.ts), and the renumbering of another part's
// entries (a worker's, src/parallel.ts) into this thread's numbering.
import { dayOrdinal, FIRST_YEAR, LAST_YEAR } from "./calendar.js";
import type { Period } from "./regimes.js";

/** Days are counted from the first a record may have, so that they index arrays. */
const FIRST_DAY = dayOrdinal(FIRST_YEAR, 1, 1);
/** How many days a ledger may have. */
export const LEDGER_DAYS = dayOrdinal(LAST_YEAR, 12, 31) - FIRST_DAY + 1;

/** The day ordinal (calendar.ts) of a ledger day. */
export const ledgerDayOrdinal = (day: number): number => day + FIRST_DAY;

/** The ledger day of a day ordinal. */
export const ledgerDayOf = (ordinal: number): number => ordinal - FIRST_DAY;

/** Records' columns, as a sort by day keeps them (src/external-sort.ts). */
export interface LedgerColumns {
  readonly days: Int32Array;
  readonly ints: readonly Int32Array[];
  readonly numbers: readonly Float64Array[];
  readonly texts: readonly string[][];
}

/** Where entries go: add(day) makes room for one and says where in `columns`. */
export interface EntrySink {
  readonly columns: LedgerColumns;
  add(day: number): number;
}

/** What a worker's entries of its part of a file (src/parallel.ts) leave beside their sorted runs. */
export interface LedgerPart {
  readonly periods: readonly Period[];
  readonly file: string | undefined;
  readonly dayCounts: readonly Int32Array[];
  readonly texts: readonly string[];
  readonly lastPosition: number;
}

/** A record as the sort gives it back: the one at `at` of `columns`. */
export interface SortedEntry {
  readonly columns: LedgerColumns;
  readonly at: number;
}

// An entry's integer columns.
export const SOURCE = 0;
export const PERIOD = 1;
export const FLAGS = 2;
export const ESTIMATED = 1;
export const AT_LEAST = 2;
/** Where the texts' numbers start: -1 when the table was full, the text then in the text column. */
export const TEXT_IDS = 3;
// An entry's number columns.
export const LINE = 0; // NaN: no line
export const NANO = 1; // NaN: the amount is not a safe integer; its text is in EXACT
// The texts, as their number's column after TEXT_IDS and their text column.
// Empty text is no value (contract §2).
export const GROUP = 0;
export const PRODUCT = 1;
export const QUANTITY = 2;
export const UNIT = 3;
export const RULE = 4;
export const CITATION = 5;
export const ID = 6;
export const TEXTS = 7;
export const EXACT = TEXTS;

/** How many columns of each kind an entry takes. */
export const ENTRY_SHAPE = { ints: TEXT_IDS + TEXTS, numbers: 2, texts: TEXTS + 1 } as const;

/** How a later part's entries are numbered here: its source, lines, periods and texts. */
export interface Renumbering {
  readonly sourceIndex: number;
  readonly lineShift: number;
  /** This thread's number of each of the part's periods. */
  readonly periodOf: readonly number[];
  /** This thread's number of each of the part's texts (-1: carried by the entry). */
  readonly textOf: readonly number[];
  /** The part's texts, by its numbers. */
  readonly texts: readonly string[];
}

/** What puts a chunk of the part's entries into this numbering, in place. */
export function renumbering(from: Renumbering): (columns: LedgerColumns) => void {
  const { sourceIndex, lineShift, periodOf, textOf } = from;
  return ({ ints, numbers, texts }) => {
    const lines = numbers[LINE] as Float64Array;
    const count = lines.length;
    (ints[SOURCE] as Int32Array).fill(sourceIndex);
    const period = ints[PERIOD] as Int32Array;
    for (let at = 0; at < count; at++) {
      period[at] = periodOf[period[at] as number] as number;
      lines[at] = (lines[at] as number) + lineShift;
    }
    for (let field = 0; field < TEXTS; field++) {
      const ids = ints[TEXT_IDS + field] as Int32Array;
      for (let at = 0; at < count; at++) {
        const id = ids[at] as number;
        if (id < 0) continue;
        const ours = textOf[id] as number;
        ids[at] = ours;
        // This table is full: the text goes with the entry.
        if (ours < 0) (texts[field] as string[])[at] = from.texts[id] as string;
      }
    }
  };
}
