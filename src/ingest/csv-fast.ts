// The CSV fast path: lines without a quote (the common case) split at newlines
// and fields at the delimiter straight from the bytes, with none of csv-parse's
// per-character state machine. From the first line that holds a quote (or is
// longer than a record may be) on, the bytes go to csv-parse, which stays the
// reference reader and the general case; test/csv-fast.test.ts proves the two
// read every file alike.

import type { CellRule } from "./csv-row.js";
import { SlotValues, ValueStrings } from "./value-strings.js";

const NEWLINE = 10;
const QUOTE = 34;

/** Once the header is known: each column's values, and where a line's values go. */
interface ValueReading {
  /** None for a column no field takes. */
  readonly columns: readonly (SlotValues | undefined)[];
  readonly onValues: (values: unknown[], line: number) => void;
}

/**
 * Feeds on byte chunks whose line endings are already `\n` and calls `onRow` for
 * every complete line, with its 1-based line number; an empty line is skipped as
 * csv-parse's skip_empty_lines does. Each cell is decoded on its own (a repeated
 * short one made once), so a cell kept for long (a group's name) holds no more
 * than itself in memory.
 */
export class QuoteFreeLines {
  /** Lines consumed so far, empty ones included. */
  line = 0;
  private carry: Buffer | undefined;
  /** Set when a complete line was too long to take. */
  private tooLong = false;
  /** The cells' strings, each repeated one made once (value-strings.ts). */
  private readonly strings = new ValueStrings();
  /** The delimiter's byte when it is ASCII; else lines are decoded whole and split. */
  private readonly delimiterByte: number;
  private reading: ValueReading | undefined;

  constructor(
    private readonly delimiter: string,
    /** Longer lines go to csv-parse, whose record limit then decides. */
    private readonly maxLineBytes: number,
    private readonly onRow: (cells: string[], line: number) => void,
  ) {
    const code = delimiter.charCodeAt(0);
    this.delimiterByte = delimiter.length === 1 && code < 0x80 ? code : -1;
  }

  /**
   * From now on, hands each line on as its columns' values (`rules`, one per column,
   * none for a column no field takes) rather than its texts: a value is worked out
   * once for each distinct text of its column, which most cells repeat (dates,
   * names, units, amounts), so the rules run once for it, not once a record. A line
   * of empty cells still goes to `onRow`, as a blank line. Only for an ASCII
   * delimiter, whose cells are split on bytes.
   */
  readValues(
    rules: readonly (CellRule | undefined)[],
    onValues: (values: unknown[], line: number) => void,
  ): void {
    if (this.delimiterByte < 0) return;
    const columns = rules.map((rule) => (rule === undefined ? undefined : new SlotValues(rule)));
    this.reading = { columns, onValues };
  }

  /**
   * Consumes the chunk's complete lines up to the first one it leaves to
   * csv-parse. Returns the bytes from that line on (the rest of this chunk
   * included), which the caller hands to csv-parse with everything after them;
   * undefined when the chunk was taken whole (an unfinished last line waits).
   */
  write(chunk: Buffer): Buffer | undefined {
    const bytes = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    const quote = bytes.indexOf(QUOTE);
    // A line whose newline ends the chunk waits for more, as csv-parse's does, so
    // that a problem after it (invalid UTF-8, say) is found in the same order.
    const end = quote < 0 ? bytes.length - 1 : bytes.lastIndexOf(NEWLINE, quote) + 1;
    const rest = this.lines(bytes, end);
    if (this.tooLong || quote >= 0 || bytes.length - rest > this.maxLineBytes) {
      return bytes.subarray(rest);
    }
    if (rest < bytes.length) this.carry = bytes.subarray(rest);
    return undefined;
  }

  /**
   * At the end of the input: the last line held back (with or without its
   * newline) as a row; or returned, when it is too long, for csv-parse.
   */
  end(): Buffer | undefined {
    const last = this.carry;
    this.carry = undefined;
    if (last === undefined || last.length === 0) return undefined;
    const content = last[last.length - 1] === NEWLINE ? last.subarray(0, -1) : last;
    if (content.length > this.maxLineBytes) return last;
    this.line++;
    if (content.length > 0) this.row(content, 0, content.length);
    return undefined;
  }

  /**
   * Splits the complete lines of bytes[0, end), stopping before a line that is
   * too long; returns where the first line not taken starts.
   */
  private lines(bytes: Buffer, end: number): number {
    let start = 0;
    for (let newline = bytes.indexOf(NEWLINE); newline >= 0 && newline < end; ) {
      if (newline - start > this.maxLineBytes) {
        this.tooLong = true;
        return start;
      }
      this.line++;
      if (newline > start) this.row(bytes, start, newline);
      start = newline + 1;
      newline = bytes.indexOf(NEWLINE, start);
    }
    return start;
  }

  /** Hands on the line `bytes[start, end)`, as its values once readValues was called. */
  private row(bytes: Buffer, start: number, end: number): void {
    const { reading } = this;
    const values = reading === undefined ? undefined : this.values(reading, bytes, start, end);
    if (values === undefined) this.onRow(this.cells(bytes, start, end), this.line);
    else reading?.onValues(values, this.line);
  }

  /**
   * The values of the line `bytes[start, end)`; undefined for a line of empty
   * cells, which is no record.
   */
  private values(
    reading: ValueReading,
    bytes: Buffer,
    start: number,
    end: number,
  ): unknown[] | undefined {
    const { strings } = this;
    const { columns } = reading;
    const delimiter = this.delimiterByte;
    const values: unknown[] = [];
    // A line of empty cells is blank: csv.ts skips it, so it goes on as text.
    if (isEmptyLine(bytes, start, end, delimiter)) return undefined;
    let from = start;
    for (let i = start; i <= end; i++) {
      if (i < end && bytes[i] !== delimiter) continue;
      const column = columns[values.length];
      values.push(
        column === undefined ? undefined : column.of(strings, strings.of(bytes, from, i)),
      );
      from = i + 1;
    }
    return values;
  }

  /** The cells of the line `bytes[start, end)`: the line's text split at the delimiter. */
  private cells(bytes: Buffer, start: number, end: number): string[] {
    const delimiter = this.delimiterByte;
    if (delimiter < 0) return bytes.toString("utf8", start, end).split(this.delimiter);
    // An ASCII byte is never part of a multi-byte character: splitting the bytes
    // there and decoding each cell gives the texts that decoding and splitting would.
    const cells: string[] = [];
    let from = start;
    for (let i = start; i < end; i++) {
      if (bytes[i] === delimiter) {
        cells.push(this.strings.of(bytes, from, i));
        from = i + 1;
      }
    }
    cells.push(this.strings.of(bytes, from, end));
    return cells;
  }
}

/**
 * A line of white space and delimiters alone, every cell empty (csv.ts takes it as a
 * blank line, not a record). Most lines show a character at once; only one that
 * starts past ASCII (maybe a no-break space) is decoded to tell.
 */
function isEmptyLine(bytes: Buffer, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === delimiter || byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue;
    return (
      byte >= 0x80 &&
      bytes
        .toString("utf8", start, end)
        .split(String.fromCharCode(delimiter))
        .every((cell) => cell.trim() === "")
    );
  }
  return true;
}
