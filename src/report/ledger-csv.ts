// The ledger's CSV rows as bytes (contract §9, issue 16). A 1M-row ledger is some
// 150 MB of CSV: built as strings, each row was a chain of pieces that V8 copied
// flat again to encode it, and garbage to collect. Here each distinct text of the
// data is encoded once (its cell's UTF-8 bytes), and each row's bytes are copied
// into one buffer, its numbers written digit by digit from their units
// (LedgerLine); a number too large for those is written from its text.
import type { LedgerLine } from "../domain/ledger-line.js";
import type { LineForm } from "../domain/ledger-lines.js";
import { csvCell } from "./csv.js";

const encoder = new TextEncoder();

/** Lines whose texts are their CSV cells' bytes, their numbers units where they can be. */
export const CSV_BYTES: LineForm<Uint8Array> = {
  cell: (text) => encoder.encode(csvCell(text)),
  numberTexts: false,
};

/** Rows are gathered into pieces of about this many bytes. */
const PIECE = 1 << 16;
/** More than the bytes of a row's numbers, commas and words: digits of 2^53, fixed points. */
const ROW_BOUND = 160;

const COMMA = 44;
const POINT = 46;
const ZERO = 48;
const NEWLINE = 10;

const encoded = (text: string) => encoder.encode(text);
const BASIS = { reported: encoded("reported"), estimated: encoded("estimated") };
const TRUE = encoded("true");
const FALSE = encoded("false");

/** The powers of ten a safe integer's digits are counted against. */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Copies `bytes` to `at`, then a comma; returns where the next byte goes. */
function putCell(buffer: Uint8Array, at: number, bytes: Uint8Array): number {
  const length = bytes.length;
  for (let k = 0; k < length; k++) buffer[at + k] = bytes[k] as number;
  buffer[at + length] = COMMA;
  return at + length + 1;
}

/** Writes the last `count` digits of 0 ≤ n < 2^53 ending before `end`. */
function putDigits(buffer: Uint8Array, end: number, n: number, count: number): void {
  let rest = n;
  for (let k = end - 1; k >= end - count; k--) {
    const quotient = Math.floor(rest / 10);
    buffer[k] = ZERO + rest - quotient * 10;
    rest = quotient;
  }
}

/** A whole number 0 ≤ n < 2^53 as decimal digits (integerText's bytes). */
function putInteger(buffer: Uint8Array, at: number, n: number): number {
  let count = 1;
  while (count < POWERS.length && n >= (POWERS[count] as number)) count++;
  putDigits(buffer, at + count, n, count);
  return at + count;
}

/** `units` thousandths or millionths as decimal text (fixedDecimal's bytes), then a comma. */
function putFixed(buffer: Uint8Array, at: number, units: number, places: 3 | 6): number {
  const scale = places === 3 ? 1000 : 1_000_000;
  const whole = Math.floor(units / scale);
  let end = putInteger(buffer, at, whole);
  buffer[end++] = POINT;
  putDigits(buffer, end + places, units - whole * scale, places);
  buffer[end + places] = COMMA;
  return end + places + 1;
}

/** A number's text (digits and a point: ASCII), then a comma. */
function putText(buffer: Uint8Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) buffer[at + k] = text.charCodeAt(k);
  buffer[at + text.length] = COMMA;
  return at + text.length + 1;
}

/** A number from its units, or from its text where the units are NaN. */
function putNumber(
  buffer: Uint8Array,
  at: number,
  units: number,
  text: string,
  places: 3 | 6,
): number {
  return Number.isNaN(units) ? putText(buffer, at, text) : putFixed(buffer, at, units, places);
}

/** At least the bytes of the row of `r`. */
function rowBound(r: LedgerLine<Uint8Array>): number {
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
export function* ledgerCsvBytes(lines: Iterable<LedgerLine<Uint8Array>>): Generator<Uint8Array> {
  let buffer = new Uint8Array(2 * PIECE);
  let at = 0;
  for (const r of lines) {
    const bound = rowBound(r);
    if (at + bound > buffer.length) {
      if (at > 0) yield buffer.subarray(0, at);
      at = 0;
      if (bound > buffer.length) buffer = new Uint8Array(bound);
    }
    at = putCell(buffer, at, r.date);
    at = putCell(buffer, at, r.file);
    if (r.line !== null) at = putInteger(buffer, at, r.line);
    buffer[at++] = COMMA;
    at = putCell(buffer, at, r.key);
    at = putCell(buffer, at, r.product);
    at = putCell(buffer, at, r.quantity);
    at = putCell(buffer, at, r.unit);
    at = putNumber(buffer, at, r.barrelsMilli, r.barrels, 3);
    at = putCell(buffer, at, r.rule);
    at = putCell(buffer, at, r.regime);
    at = putCell(buffer, at, r.period);
    at = putNumber(buffer, at, r.runningMilli, r.runningTotal, 3);
    at = putNumber(buffer, at, r.shareMicros, r.share, 6);
    at = putCell(buffer, at, r.mark);
    at = putCell(buffer, at, BASIS[r.basis]);
    at = putCell(buffer, at, r.atLeast ? TRUE : FALSE);
    if (r.source !== null) at = putCell(buffer, at, r.source);
    else buffer[at++] = COMMA;
    if (r.id !== null) at = putCell(buffer, at, r.id);
    else buffer[at++] = COMMA;
    // The last cell has no comma after it.
    buffer[at - 1] = NEWLINE;
    if (at >= PIECE) {
      yield buffer.subarray(0, at);
      at = 0;
    }
  }
  if (at > 0) yield buffer.subarray(0, at);
}
