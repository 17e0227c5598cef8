// A sort's run in a temporary file (src/external-sort.ts): records as columns
// (numbers and texts), written in binary chunks ordered by day and read back chunk
// by chunk (runs read back together: src/merged-records.ts).
import { readSync, writeSync } from "node:fs";
import type { LedgerColumns } from "./domain/ledger-columns.js";

/** Records' columns: a day, integers (32-bit), numbers (any Number, NaN included) and texts each. */
export type Columns = LedgerColumns;

/** How many columns of each kind a record has. */
export interface Shape {
  readonly ints: number;
  readonly numbers: number;
  readonly texts: number;
}

/** Where a reader stands: the record at `at` of `columns`. Valid until the next record. */
export interface SortedRecord {
  columns: Columns;
  at: number;
}

/**
 * Columns for `size` records. A text column may also hold fewer texts than that, or
 * holes: what it lacks is empty text (a sort's run, see DaySort; writeRun reads
 * them so).
 */
export function columnsOf(size: number, shape: Shape): Columns {
  return {
    days: new Int32Array(size),
    ints: Array.from({ length: shape.ints }, () => new Int32Array(size)),
    numbers: Array.from({ length: shape.numbers }, () => new Float64Array(size)),
    texts: Array.from({ length: shape.texts }, () => new Array<string>(size).fill("")),
  };
}

/** Records per chunk of a run file: what one run's reader holds at a time. */
const CHUNK = 1024;
/** count, text bytes, text encoding, constant integer columns, text columns with text, (spare). */
const HEADER = 24;
// biome-ignore lint/suspicious/noControlCharactersInRegex: any character past Latin-1.
const WIDE = /[^\u0000-\u00ff]/;

/** Whether any of a column's first `count` texts is not empty (plain loops: no call a text). */
function anyText(column: readonly (string | undefined)[], count: number): boolean {
  const end = Math.min(count, column.length);
  for (let k = 0; k < end; k++) {
    const text = column[k];
    if (text !== undefined && text !== "") return true;
  }
  return false;
}

/** A chunk's text column with nothing in it (read only). */
const EMPTY_TEXTS: string[] = new Array<string>(CHUNK).fill("");

/** Whether bit `c` of `mask` is set. */
const has = (mask: number, c: number): boolean => ((mask >>> c) & 1) === 1;

/**
 * Where a chunk's sections start, in bytes, each aligned for its typed array. An
 * integer column of one value (`constants`, a bit a column) takes that value alone,
 * and only the text columns with text in the chunk (`textColumns`) their lengths: a
 * ledger's entries mostly have one file, period and flags, and no citation or id,
 * and writing all of them out made its runs twice the size.
 */
function layout(count: number, shape: Shape, constants: number, textColumns: number) {
  // Counted in 8-byte steps: an even number of 4-byte values.
  const even = count + (count & 1);
  const ints: number[] = [];
  let at = HEADER + even * 4;
  for (let c = 0; c < shape.ints; c++) {
    ints.push(at);
    at += has(constants, c) ? 8 : even * 4;
  }
  const lengths: number[] = [];
  for (let c = 0; c < shape.texts; c++) {
    lengths.push(at);
    if (has(textColumns, c)) at += even * 4;
  }
  const numbers = at;
  const texts = numbers + shape.numbers * count * 8;
  return { even, ints, lengths, numbers, texts };
}

/** Whether every one of `count` records from `from` in `order` has the same value in `column`. */
function constant(column: Int32Array, order: Uint32Array, from: number, count: number): boolean {
  const first = column[order[from] as number];
  for (let k = 1; k < count; k++) if (column[order[from + k] as number] !== first) return false;
  return true;
}

/** A buffer of at least `size` bytes: `buffer` when it is large enough, else a new one. */
function room(buffer: Buffer, size: number): Buffer {
  return buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(Math.max(size, buffer.length * 2));
}

/**
 * A run's records in chunks: a header (count, text bytes, text encoding, the
 * masks of layout()), days, integers, text lengths, numbers, each column by column,
 * then the texts as one string.
 *
 * Writes a run; `scratch` holds each chunk on its way (one buffer reused: buffers
 * made and dropped chunk after chunk live outside the heap until a collection,
 * which would let memory grow with the number of chunks). Returns the run's size
 * in bytes and the scratch buffer, grown if a chunk needed more.
 */
function writeRun(
  fd: number,
  columns: Columns,
  order: Uint32Array,
  shape: Shape,
  scratch: Buffer,
): { size: number; scratch: Buffer } {
  const { days, ints, numbers, texts } = columns;
  // Most text columns are empty in most runs: one look along each spares gathering them.
  // `order` holds the positions 0 to its length - 1.
  const filled = texts.map((column) => anyText(column, order.length));
  let size = 0;
  let chunkBytes = scratch;
  for (let from = 0; from < order.length; from += CHUNK) {
    const count = Math.min(CHUNK, order.length - from);
    const pieces: string[] = [];
    let textColumns = 0;
    for (let c = 0; c < shape.texts; c++) {
      if (!filled[c]) continue;
      const column = texts[c] as string[];
      const before = pieces.length;
      for (let k = 0; k < count; k++) {
        const text = column[order[from + k] as number];
        if (text !== undefined && text !== "") pieces.push(text);
      }
      if (pieces.length > before) textColumns |= 1 << c;
    }
    let constants = 0;
    for (let c = 0; c < shape.ints; c++) {
      if (constant(ints[c] as Int32Array, order, from, count)) constants |= 1 << c;
    }
    const at = layout(count, shape, constants, textColumns);
    const joined = pieces.join("");
    // Latin-1 when it holds every character, else UTF-16: either keeps any text as it was.
    const wide = WIDE.test(joined);
    const textBytes = wide ? joined.length * 2 : joined.length;
    chunkBytes = room(chunkBytes, at.texts + textBytes);
    chunkBytes.fill(0, 0, at.texts);
    const fixed = chunkBytes.buffer;
    new Uint32Array(fixed, 0, 5).set([count, textBytes, wide ? 1 : 0, constants, textColumns]);
    const chunkDays = new Int32Array(fixed, HEADER, count);
    for (let k = 0; k < count; k++) chunkDays[k] = days[order[from + k] as number] as number;
    for (let c = 0; c < shape.ints; c++) {
      const column = ints[c] as Int32Array;
      const chunk = new Int32Array(fixed, at.ints[c] as number, has(constants, c) ? 1 : count);
      for (let k = 0; k < chunk.length; k++) chunk[k] = column[order[from + k] as number] as number;
    }
    for (let c = 0; c < shape.numbers; c++) {
      const column = numbers[c] as Float64Array;
      const chunk = new Float64Array(fixed, at.numbers + c * count * 8, count);
      for (let k = 0; k < count; k++) chunk[k] = column[order[from + k] as number] as number;
    }
    for (let c = 0; c < shape.texts; c++) {
      if (!has(textColumns, c)) continue;
      const column = texts[c] as string[];
      const lengths = new Uint32Array(fixed, at.lengths[c] as number, count);
      for (let k = 0; k < count; k++) {
        lengths[k] = column[order[from + k] as number]?.length ?? 0;
      }
    }
    chunkBytes.write(joined, at.texts, textBytes, wide ? "utf16le" : "latin1");
    const end = at.texts + textBytes;
    for (let done = 0; done < end; ) done += writeSync(fd, chunkBytes, done, end - done);
    size += end;
  }
  return { size, scratch: chunkBytes };
}

/** Writes runs, one chunk buffer reused for all of them (see writeRun). */
export class RunWriter {
  private scratch: Buffer = Buffer.allocUnsafeSlow(0);

  constructor(private readonly shape: Shape) {
    // A chunk's masks have a bit a column.
    if (shape.ints > 32 || shape.texts > 32) throw new Error("at most 32 columns of a kind");
  }

  /** Writes the records of `columns` in `order` to `fd`; returns the run's size in bytes. */
  write(fd: number, columns: Columns, order: Uint32Array): number {
    const written = writeRun(fd, columns, order, this.shape, this.scratch);
    this.scratch = written.scratch;
    return written.size;
  }
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error("a temporary run file ended early");
    done += read;
  }
}

/** A run written by another sort (a worker's, src/parallel.ts): its file and size in bytes. */
export interface RunFile {
  readonly path: string;
  readonly size: number;
}

/** Puts right a chunk of a run another sort wrote (its numbering is not this one's). */
export type ChunkFix = (columns: Columns) => void;

/** One run file read back chunk by chunk, in order. */
export class RunReader {
  readonly record: SortedRecord;
  private position = 0;
  private count = 0;
  private readonly header = new Uint32Array(HEADER / 4);
  private readonly headerBytes = new Uint8Array(this.header.buffer);
  /** A chunk's last day, read alone when the chunk may be passed over. */
  private readonly lastDay = new Int32Array(1);
  private readonly lastDayBytes = new Uint8Array(this.lastDay.buffer);
  private body: Buffer = Buffer.allocUnsafeSlow(0);
  /** With a fix: the text columns every chunk is read into. */
  private readonly ownTexts: string[][] | undefined;
  /** The integer columns a chunk holds one value of, each made whole here (reused). */
  private readonly constantInts: Int32Array[];

  /** `from`: the first day read; the chunks before it are passed over unread. */
  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly shape: Shape,
    private readonly fix?: ChunkFix,
    from?: number,
  ) {
    this.record = { columns: columnsOf(0, shape), at: 0 };
    this.constantInts = Array.from({ length: shape.ints }, () => new Int32Array(CHUNK));
    if (fix !== undefined) this.ownTexts = columnsOf(CHUNK, shape).texts as string[][];
    if (from !== undefined) this.passBefore(from);
    this.load();
    if (from !== undefined) while (this.day !== undefined && this.day < from) this.next();
  }

  /** Moves past the whole chunks whose last day is before `day`, reading their days alone. */
  private passBefore(day: number): void {
    while (this.position < this.size) {
      readFully(this.fd, this.headerBytes, this.position);
      const [count = 0, textBytes = 0, , constants = 0, textColumns = 0] = this.header;
      const at = this.position + HEADER + (count - 1) * 4;
      readFully(this.fd, this.lastDayBytes, at);
      if ((this.lastDay[0] as number) >= day) return;
      this.position += layout(count, this.shape, constants, textColumns).texts + textBytes;
    }
  }

  /** The current record's day, or undefined when the run is read. */
  get day(): number | undefined {
    return this.record.at < this.count ? this.record.columns.days[this.record.at] : undefined;
  }

  next(): void {
    if (++this.record.at >= this.count) this.load();
  }

  private load(): void {
    this.record.at = 0;
    this.count = 0;
    if (this.position >= this.size) return;
    readFully(this.fd, this.headerBytes, this.position);
    const [count = 0, textBytes = 0, wide, constants = 0, textColumns = 0] = this.header;
    const { shape } = this;
    const at = layout(count, shape, constants, textColumns);
    const length = at.texts + textBytes;
    // One buffer for every chunk, for the reason writeRun gives.
    this.body = room(this.body, length);
    const body = this.body;
    readFully(this.fd, body.subarray(HEADER, length), this.position + HEADER);
    this.position += length;
    const buffer = body.buffer;
    const joined = body.toString(wide ? "utf16le" : "latin1", at.texts, length);
    let offset = 0;
    const texts: string[][] = [];
    for (let c = 0; c < shape.texts; c++) {
      // A fix may write texts into any column: it gets this reader's own, reused
      // chunk after chunk (new ones each chunk let the heap grow while reading back).
      const own = this.ownTexts?.[c];
      if (!has(textColumns, c)) {
        texts.push(own === undefined ? EMPTY_TEXTS : own.fill("", 0, count));
        continue;
      }
      const lengths = new Uint32Array(buffer, at.lengths[c] as number, count);
      const column = own ?? new Array<string>(count);
      for (let k = 0; k < count; k++) {
        const end = offset + (lengths[k] as number);
        column[k] = joined.slice(offset, end);
        offset = end;
      }
      texts.push(column);
    }
    this.record.columns = {
      days: new Int32Array(buffer, HEADER, count),
      ints: Array.from({ length: shape.ints }, (_, c) => {
        const start = at.ints[c] as number;
        if (!has(constants, c)) return new Int32Array(buffer, start, count);
        const whole = this.constantInts[c] as Int32Array;
        return whole
          .fill(new Int32Array(buffer, start, 1)[0] as number, 0, count)
          .subarray(0, count);
      }),
      numbers: Array.from(
        { length: shape.numbers },
        (_, c) => new Float64Array(buffer, at.numbers + c * count * 8, count),
      ),
      texts,
    };
    this.fix?.(this.record.columns);
    this.count = count;
  }
}

/** A run file of a sort: what another thread needs to read it too (readRuns), and its tag. */
export interface TaggedRun<Tag> extends RunFile {
  readonly tag: Tag | undefined;
}
