// The ledger's CSV rows as bytes (contract §9, issue 16). A 1M-row ledger is some
// 150 MB of CSV: built as strings, each row was a chain of pieces that V8 copied
// flat again to encode it, and garbage to collect. Here each distinct text of the
// data is encoded once (its cell's UTF-8 bytes), and each row's bytes are copied
// into one buffer four at a time (a byte at a time took twice as long), its numbers
// written from tables of digits (LedgerLine's units); a number too large for those
// is written from its text.
import type { LedgerLine } from "../domain/ledger-line.js";
import type { LineForm } from "../domain/ledger-lines.js";
import { csvCell } from "./csv.js";

/** A cell's bytes, `length` of them, in whole 4-byte words (padded) to be copied four at a time. */
export interface CellBytes {
  readonly length: number;
  readonly words: DataView;
}

const encoder = new TextEncoder();

/** Text as its UTF-8 bytes in words. */
function cellBytes(text: string): CellBytes {
  const bytes = encoder.encode(text);
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  return { length: bytes.length, words: new DataView(padded.buffer) };
}

/** Lines whose texts are their CSV cells' bytes, their numbers units where they can be. */
export const CSV_BYTES: LineForm<CellBytes> = {
  cell: (text) => cellBytes(csvCell(text)),
  numberTexts: false,
};

/** Rows are gathered into pieces of about this many bytes. */
const PIECE = 1 << 16;
/**
 * More than the bytes of a row's numbers, commas and words (digits of 2^53, fixed
 * points), and the up to three bytes a last word writes past its cell.
 */
const ROW_BOUND = 160;

const COMMA = 44;
const ZERO = 48;
const NEWLINE = 10;

const BASIS = { reported: cellBytes("reported"), estimated: cellBytes("estimated") };
const TRUE = cellBytes("true");
const FALSE = cellBytes("false");

/** The powers of ten a safe integer's digits are counted against. */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Four characters as one little-endian word of their (ASCII) bytes. */
const word = (text: string) =>
  (text.charCodeAt(0) |
    (text.charCodeAt(1) << 8) |
    (text.charCodeAt(2) << 16) |
    (text.charCodeAt(3) << 24)) >>>
  0;
const table = (count: number, text: (n: number) => string) =>
  Uint32Array.from({ length: count }, (_, n) => word(text(n)));
/** "0000" to "9999". */
const FOUR_DIGITS = table(10_000, (n) => String(n).padStart(4, "0"));
/** ".000" to ".999": a fraction's point and first three places. */
const POINT_THREE = table(1000, (n) => `.${String(n).padStart(3, "0")}`);
/** "000," to "999,": a fraction's last three places and the comma after. */
const THREE_COMMA = table(1000, (n) => `${String(n).padStart(3, "0")},`);

/** Copies a cell to `at`, then a comma; returns where the next byte goes. */
function putCell(out: DataView, at: number, cell: CellBytes): number {
  const { length, words } = cell;
  for (let k = 0; k < length; k += 4) out.setUint32(at + k, words.getUint32(k, true), true);
  out.setUint8(at + length, COMMA);
  return at + length + 1;
}

/** A whole number 0 ≤ n < 2^53 as decimal digits (integerText's bytes). */
function putInteger(out: DataView, at: number, n: number): number {
  let count = 1;
  while (count < POWERS.length && n >= (POWERS[count] as number)) count++;
  let end = at + count;
  let rest = n;
  // Four digits at a time from the right, then the first one to four one by one.
  while (end - at > 4) {
    const high = Math.floor(rest / 10_000);
    end -= 4;
    out.setUint32(end, FOUR_DIGITS[rest - high * 10_000] as number, true);
    rest = high;
  }
  while (end > at) {
    const high = Math.floor(rest / 10);
    out.setUint8(--end, ZERO + rest - high * 10);
    rest = high;
  }
  return at + count;
}

/** `units` thousandths or millionths as decimal text (fixedDecimal's bytes), then a comma. */
function putFixed(out: DataView, at: number, units: number, places: 3 | 6): number {
  if (places === 3) {
    const whole = Math.floor(units / 1000);
    const end = putInteger(out, at, whole);
    out.setUint32(end, POINT_THREE[units - whole * 1000] as number, true);
    out.setUint8(end + 4, COMMA);
    return end + 5;
  }
  const whole = Math.floor(units / 1_000_000);
  const fraction = units - whole * 1_000_000;
  const high = Math.floor(fraction / 1000);
  const end = putInteger(out, at, whole);
  out.setUint32(end, POINT_THREE[high] as number, true);
  out.setUint32(end + 4, THREE_COMMA[fraction - high * 1000] as number, true);
  return end + 8;
}

/** A number's text (digits and a point: ASCII), then a comma. */
function putText(out: DataView, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) out.setUint8(at + k, text.charCodeAt(k));
  out.setUint8(at + text.length, COMMA);
  return at + text.length + 1;
}

/** A number from its units, or from its text where the units are NaN. */
function putNumber(out: DataView, at: number, units: number, text: string, places: 3 | 6): number {
  return Number.isNaN(units) ? putText(out, at, text) : putFixed(out, at, units, places);
}

/** At least the bytes of the row of `r`, and the three a word may write past its end. */
function rowBound(r: LedgerLine<CellBytes>): number {
  return (
    ROW_BOUND +
    r.date.length +
    r.file.length +
    r.key.length +
    r.product.length +
    r.quantity.length +
    r.unit.length +
    r.rule.length +
    r.regime.length +
    r.period.length +
    r.mark.length +
    (r.source?.length ?? 0) +
    (r.id?.length ?? 0) +
    r.barrels.length +
    r.runningTotal.length +
    r.share.length
  );
}

/**
 * The CSV rows of lines made with CSV_BYTES, without the header, in pieces of
 * about PIECE bytes. A piece is a view of one buffer reused: it holds until the
 * next is asked for.
 */
export function* ledgerCsvBytes(lines: Iterable<LedgerLine<CellBytes>>): Generator<Uint8Array> {
  let buffer = new Uint8Array(2 * PIECE);
  let out = new DataView(buffer.buffer);
  let at = 0;
  for (const r of lines) {
    const bound = rowBound(r);
    if (at + bound > buffer.length) {
      if (at > 0) yield buffer.subarray(0, at);
      at = 0;
      if (bound > buffer.length) {
        buffer = new Uint8Array(bound);
        out = new DataView(buffer.buffer);
      }
    }
    at = putCell(out, at, r.date);
    at = putCell(out, at, r.file);
    if (r.line !== null) at = putInteger(out, at, r.line);
    out.setUint8(at++, COMMA);
    at = putCell(out, at, r.key);
    at = putCell(out, at, r.product);
    at = putCell(out, at, r.quantity);
    at = putCell(out, at, r.unit);
    at = putNumber(out, at, r.barrelsMilli, r.barrels, 3);
    at = putCell(out, at, r.rule);
    at = putCell(out, at, r.regime);
    at = putCell(out, at, r.period);
    at = putNumber(out, at, r.runningMilli, r.runningTotal, 3);
    at = putNumber(out, at, r.shareMicros, r.share, 6);
    at = putCell(out, at, r.mark);
    at = putCell(out, at, BASIS[r.basis]);
    at = putCell(out, at, r.atLeast ? TRUE : FALSE);
    if (r.source !== null) at = putCell(out, at, r.source);
    else out.setUint8(at++, COMMA);
    if (r.id !== null) at = putCell(out, at, r.id);
    else out.setUint8(at++, COMMA);
    // The last cell has no comma after it.
    out.setUint8(at - 1, NEWLINE);
    if (at >= PIECE) {
      yield buffer.subarray(0, at);
      at = 0;
    }
  }
  if (at > 0) yield buffer.subarray(0, at);
}
