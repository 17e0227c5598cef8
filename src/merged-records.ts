// Records of a sort's runs read back together, day by day (src/external-sort.ts):
// the records of each run read back (RunReader), and those still in memory.
import { closeSync, openSync } from "node:fs";
import {
  type ChunkFix,
  type Columns,
  columnsOf,
  RunReader,
  type Shape,
  type SortedRecord,
  type TaggedRun,
} from "./run-file.js";

/** Records in memory, by day: `order` gives their positions in `columns`. */
export interface InMemory {
  readonly columns: Columns;
  readonly order: Uint32Array;
}

/** What an iterator gives at its end. */
const DONE: IteratorResult<SortedRecord> = { done: true, value: undefined };

/**
 * The runs' records and then those in memory on each day, each day's in the order
 * they came, up to the day `until` (not included). An iterator, not a generator: a
 * ledger's lines take one record at a time, and with the lines' own iterator this
 * made a one-thread 1M-line ledger 4 % faster (2.57 -> 2.47 s).
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
