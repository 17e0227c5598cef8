// A sort's run in a temporary file (src/external-sort.ts): records as columns
// (numbers and texts), written in binary chunks ordered by day and read back chunk
// by chunk, and runs read back together, day by day (merged, readRuns).
import { closeSync, openSync, readSync, writeSync } from "node:fs";
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
const HEADER = 16;
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

/** Whether every number is 0. */
function allZero(numbers: Uint32Array): boolean {
  for (let k = 0; k < numbers.length; k++) if (numbers[k] !== 0) return false;
  return true;
}
/** A chunk's text column with nothing in it (read only). */
const EMPTY_TEXTS: string[] = new Array<string>(CHUNK).fill("");

/** Where a chunk's sections start, in bytes: each stays aligned for its typed array. */
function layout(count: number, shape: Shape) {
  // Counted in 8-byte steps: an even number of 4-byte values.
  const even = count + (count & 1);
  const ints = HEADER + even * 4;
  const lengths = ints + shape.ints * even * 4;
  const numbers = lengths + shape.texts * even * 4;
  const texts = numbers + shape.numbers * count * 8;
  return { even, ints, lengths, numbers, texts };
}

/**
 * A run's records in chunks: a header (count, text bytes, text encoding), days,
 * integers, text lengths, numbers, each column by column, then the texts as one string.
 */
/** A buffer of at least `size` bytes: `buffer` when it is large enough, else a new one. */
function room(buffer: Buffer, size: number): Buffer {
  return buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(Math.max(size, buffer.length * 2));
}

/**
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
    const at = layout(count, shape);
    const pieces: string[] = [];
    for (let c = 0; c < shape.texts; c++) {
      if (!filled[c]) continue;
      const column = texts[c] as string[];
      for (let k = 0; k < count; k++) {
        const text = column[order[from + k] as number];
        if (text !== undefined && text !== "") pieces.push(text);
      }
    }
    const joined = pieces.join("");
    // Latin-1 when it holds every character, else UTF-16: either keeps any text as it was.
    const wide = WIDE.test(joined);
    const textBytes = wide ? joined.length * 2 : joined.length;
    chunkBytes = room(chunkBytes, at.texts + textBytes);
    chunkBytes.fill(0, 0, at.texts);
    const fixed = chunkBytes.buffer;
    new Uint32Array(fixed, 0, 3).set([count, textBytes, wide ? 1 : 0]);
    const chunkDays = new Int32Array(fixed, HEADER, count);
    for (let k = 0; k < count; k++) chunkDays[k] = days[order[from + k] as number] as number;
    for (let c = 0; c < shape.ints; c++) {
      const column = ints[c] as Int32Array;
      const chunk = new Int32Array(fixed, at.ints + c * at.even * 4, count);
      for (let k = 0; k < count; k++) chunk[k] = column[order[from + k] as number] as number;
    }
    for (let c = 0; c < shape.numbers; c++) {
      const column = numbers[c] as Float64Array;
      const chunk = new Float64Array(fixed, at.numbers + c * count * 8, count);
      for (let k = 0; k < count; k++) chunk[k] = column[order[from + k] as number] as number;
    }
    for (let c = 0; c < shape.texts; c++) {
      if (!filled[c]) continue;
      const column = texts[c] as string[];
      const lengths = new Uint32Array(fixed, at.lengths + c * at.even * 4, count);
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

  constructor(private readonly shape: Shape) {}

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

  /** `from`: the first day read; the chunks before it are passed over unread. */
  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly shape: Shape,
    private readonly fix?: ChunkFix,
    from?: number,
  ) {
    this.record = { columns: columnsOf(0, shape), at: 0 };
    if (fix !== undefined) this.ownTexts = columnsOf(CHUNK, shape).texts as string[][];
    if (from !== undefined) this.passBefore(from);
    this.load();
    if (from !== undefined) while (this.day !== undefined && this.day < from) this.next();
  }

  /** Moves past the whole chunks whose last day is before `day`, reading their days alone. */
  private passBefore(day: number): void {
    while (this.position < this.size) {
      readFully(this.fd, this.headerBytes, this.position);
      const [count = 0, textBytes = 0] = this.header;
      const at = this.position + HEADER + (count - 1) * 4;
      readFully(this.fd, this.lastDayBytes, at);
      if ((this.lastDay[0] as number) >= day) return;
      this.position += layout(count, this.shape).texts + textBytes;
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
    const [count = 0, textBytes = 0, wide] = this.header;
    const { shape } = this;
    const at = layout(count, shape);
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
      const lengths = new Uint32Array(buffer, at.lengths + c * at.even * 4, count);
      // A fix may write texts into any column: it gets this reader's own, reused
      // chunk after chunk (new ones each chunk let the heap grow while reading back).
      const own = this.ownTexts?.[c];
      if (allZero(lengths)) {
        texts.push(own === undefined ? EMPTY_TEXTS : own.fill("", 0, count));
        continue;
      }
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
      ints: Array.from(
        { length: shape.ints },
        (_, c) => new Int32Array(buffer, at.ints + c * at.even * 4, count),
      ),
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

/**
 * The records of runs, by day from `from` on: the runs in order on each day, as
 * DaySort.sorted gives them. `fixOf` puts right the chunks of a run by its tag.
 */
export function readRuns<Tag>(
  runs: readonly TaggedRun<Tag>[],
  shape: Shape,
  from: number,
  fixOf: (tag: Tag) => ChunkFix,
): MergedRecords {
  const fds: number[] = [];
  const close = () => {
    for (const fd of fds) closeSync(fd);
    fds.length = 0;
  };
  try {
    for (const run of runs) fds.push(openSync(run.path, "r"));
    const readers = runs.map((run, n) => {
      const fix = run.tag === undefined ? undefined : fixOf(run.tag);
      return new RunReader(fds[n] as number, run.size, shape, fix, from);
    });
    return new MergedRecords(readers, undefined, undefined, close);
  } catch (error) {
    close();
    throw error;
  }
}

/** Records in memory, by day: `order` gives their positions in `columns`. */
interface InMemory {
  readonly columns: Columns;
  readonly order: Uint32Array;
}

/** What an iterator gives at its end. */
const DONE: IteratorResult<SortedRecord> = { done: true, value: undefined };

/**
 * The runs' records and then those in memory on each day, each day's in the order
 * they came, up to the day `until` (not included). An iterator, not a generator: a
 * ledger's lines take one record at a time, and resuming a generator for each
 * cost more than the rest of finding it.
 */
export class MergedRecords implements IterableIterator<SortedRecord> {
  private readonly inMemory: SortedRecord;
  private readonly order: Uint32Array;
  /** The next of `order` to give. */
  private k = 0;
  /** The day being given (NaN before the first). */
  private day = Number.NaN;
  /** The reader being given from; readers.length: the records in memory. */
  private r: number;
  /** The reader whose record was given last: moved on when the next is asked for. */
  private given: RunReader | undefined;
  private readonly result: { done: false; value: SortedRecord };

  constructor(
    private readonly readers: readonly RunReader[],
    memory?: InMemory,
    private readonly until = Number.POSITIVE_INFINITY,
    /** Called once, at the end or when the records are given up (return()). */
    private close?: () => void,
  ) {
    this.inMemory = {
      columns: memory?.columns ?? columnsOf(0, { ints: 0, numbers: 0, texts: 0 }),
      at: 0,
    };
    this.order = memory?.order ?? new Uint32Array(0);
    this.r = readers.length;
    this.result = { done: false, value: this.inMemory };
  }

  [Symbol.iterator](): this {
    return this;
  }

  return(): IteratorResult<SortedRecord> {
    const close = this.close;
    this.close = undefined;
    close?.();
    return DONE;
  }

  next(): IteratorResult<SortedRecord> {
    const { readers, order, result } = this;
    this.given?.next();
    this.given = undefined;
    for (;;) {
      for (; this.r < readers.length; this.r++) {
        const reader = readers[this.r] as RunReader;
        if (reader.day === this.day) {
          this.given = reader;
          result.value = reader.record;
          return result;
        }
      }
      const days = this.inMemory.columns.days;
      if (this.k < order.length && days[order[this.k] as number] === this.day) {
        this.inMemory.at = order[this.k++] as number;
        result.value = this.inMemory;
        return result;
      }
      // The next day: the least among the runs' current days, the one in memory last.
      let day = this.k < order.length ? days[order[this.k] as number] : undefined;
      for (const reader of readers) {
        const current = reader.day;
        if (current !== undefined && (day === undefined || current < day)) day = current;
      }
      if (day === undefined || day >= this.until) return this.return();
      this.day = day;
      this.r = 0;
    }
  }
}
