// Sorting more records than memory should hold (contract §15), by day. Records
// are kept as columns (numbers and texts) in a run of fixed size; a full run is
// ordered by day with a counting sort (stable: a day's records keep the order
// they came in) and written to a temporary file in binary chunks. Reading back
// goes day by day: each run's records of the day, runs in the order they were
// written, so the whole stays stable without comparing records; so do merges of
// runs side by side, which keep the runs read back few. The files are removed by
// close(), and on exit and on Ctrl-C, SIGTERM and SIGHUP (the command line's signal
// handlers exit, which runs the exit handler here).
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "./errors.js";
import { MergedRecords } from "./merged-records.js";
import {
  type ChunkFix,
  type Columns,
  columnsOf,
  type RunFile,
  RunReader,
  RunWriter,
  type Shape,
  type TaggedRun,
} from "./run-file.js";

export { readRuns } from "./merged-records.js";
export type { RunFile, SortedRecord, TaggedRun } from "./run-file.js";

/** Every temporary directory still in use, removed at exit. */
const live = new Set<string>();
let exitHookSet = false;

function removeLive(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  live.clear();
}

/** The first `count` records' positions ordered by day, ties in position order. */
function dayOrder(days: Int32Array, count: number): Uint32Array {
  const order = new Uint32Array(count);
  if (count === 0) return order;
  let min = days[0] as number;
  let max = min;
  for (let i = 1; i < count; i++) {
    const day = days[i] as number;
    if (day < min) min = day;
    else if (day > max) max = day;
  }
  // One slot per day between the first and the last (days of dates: a few tens of thousands).
  const starts = new Uint32Array(max - min + 2);
  for (let i = 0; i < count; i++) (starts[(days[i] as number) - min + 1] as number)++;
  for (let d = 1; d < starts.length; d++) (starts[d] as number) += starts[d - 1] as number;
  for (let i = 0; i < count; i++) order[(starts[(days[i] as number) - min] as number)++] = i;
  return order;
}

/**
 * A run's columns, its texts empty until written. Most of a ledger's text columns
 * stay empty, and filling them in advance touched 8 MiB of fresh memory before the
 * first record: 30-40 ms on this project's VM, before a reading worker was started.
 */
function runColumns(size: number, shape: Shape): Columns {
  const columns = columnsOf(size, { ...shape, texts: 0 });
  return { ...columns, texts: Array.from({ length: shape.texts }, (): string[] => []) };
}

/** Empty texts, at least `count` of them, only read (one array for every run). */
let empties: string[] = [];
function emptyTexts(count: number): string[] {
  if (empties.length < count) empties = new Array<string>(count).fill("");
  return empties;
}

/**
 * Runs of one level merged into one run of the next when this many lie side by side:
 * reading back holds a chunk of every run, so their number must stay small
 * (logarithmic in the records: 10M records make 77 runs, then 17).
 */
const FAN_IN = 16;
/** Records a merge gathers before writing them out. */
const MERGE_BATCH = 8192;

/** A run file of this sort: its level counts the merges that made it. */
interface RunEntry<Tag> {
  fd: number;
  path: string;
  size: number;
  level: number;
  fix?: ChunkFix;
  tag?: Tag;
}

/**
 * Records sorted by day, ties in the order they were added. Holds at most
 * `runSize` records in memory, and one chunk of each run written out; runs of a level
 * are merged FAN_IN at a time.
 */
export class DaySort<Tag = never> {
  private run: Columns;
  private count = 0;
  private readonly files: RunEntry<Tag>[] = [];
  /** Files made so far, which names each new one. */
  private made = 0;
  private dir: string | undefined;
  private readonly writer: RunWriter;
  /** The last run's order, once asked for: it stays in memory. */
  private lastOrder: Uint32Array | undefined;

  /**
   * `place`: another sort's directory to write runs into, their names starting
   * with `prefix` (a worker's sort): that sort removes them, not this one.
   */
  constructor(
    private readonly shape: Shape,
    private readonly runSize = 1 << 17,
    private readonly place?: { readonly dir: string; readonly prefix: string },
    private readonly fanIn = FAN_IN,
  ) {
    this.run = runColumns(runSize, shape);
    this.writer = new RunWriter(shape);
  }

  /** The directory of this sort's temporary files, made now if not yet. */
  directory(): string {
    if (this.place !== undefined) return this.place.dir;
    if (this.dir === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), "capcheck-sort-"));
      live.add(this.dir);
      if (!exitHookSet) {
        process.on("exit", removeLive);
        exitHookSet = true;
      }
    }
    return this.dir;
  }

  /** Writes out every record still in memory, and gives up the runs for another sort to adopt. */
  handOver(): RunFile[] {
    if (this.count > 0) this.spill();
    const runs = this.files.map(({ path, size }) => ({ path, size }));
    for (const file of this.files) closeSync(file.fd);
    this.files.length = 0;
    return runs;
  }

  /**
   * Takes another sort's runs, of records that came after all added so far (read
   * back after them on a day), each chunk put right by `fix`, which `tag` names for
   * runs() (another thread's reader makes the fix again from it). Its files are then
   * this sort's to remove: they lie in its directory().
   */
  adopt(runs: readonly RunFile[], fix: ChunkFix, tag?: Tag): void {
    if (this.count > 0) this.spill();
    this.lastOrder = undefined;
    for (const run of runs) {
      const fd = openSync(run.path, "r");
      this.files.push({ fd, path: run.path, size: run.size, level: 0, fix, tag });
    }
    this.compact();
  }

  /** Writes out the records in memory, so that runs() holds every record. */
  flush(): void {
    if (this.count > 0) this.spill();
    this.lastOrder = undefined;
  }

  /** The runs written so far, in order, for readRuns on another thread. */
  runs(): TaggedRun<Tag>[] {
    return this.files.map(({ path, size, tag }) => ({ path, size, tag }));
  }

  /** The columns a record is written into, at the position add() returns. */
  get columns(): Columns {
    return this.run;
  }

  /** Makes room for one more record of `day` and returns its position in `columns`. */
  add(day: number): number {
    if (this.count === this.runSize) this.spill();
    this.lastOrder = undefined;
    this.run.days[this.count] = day;
    return this.count++;
  }

  /**
   * Every record added, by day, from the day `from` up to the day `until` (not
   * included); may be read more than once, until close().
   */
  sorted(from?: number, until?: number): MergedRecords {
    this.lastOrder ??= dayOrder(this.run.days, this.count);
    let order = this.lastOrder;
    if (from !== undefined) {
      let k = 0;
      while (k < order.length && (this.run.days[order[k] as number] as number) < from) k++;
      order = order.subarray(k);
    }
    const readers = this.files.map(
      (file) => new RunReader(file.fd, file.size, this.shape, file.fix, from),
    );
    return new MergedRecords(readers, { columns: this.wholeRun(), order }, until);
  }

  /** Removes the temporary files and lets the records go. */
  close(): void {
    this.run = columnsOf(0, this.shape);
    this.count = 0;
    this.lastOrder = undefined;
    for (const file of this.files) closeSync(file.fd);
    this.files.length = 0;
    if (this.dir === undefined) return;
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 2 });
    live.delete(this.dir);
    this.dir = undefined;
  }

  /** Sorts the run in memory and writes it to a new temporary file. */
  private spill(): void {
    this.writing(() => {
      const { fd, path } = this.newFile("run");
      const order = dayOrder(this.run.days, this.count);
      this.files.push({ fd, path, size: this.writer.write(fd, this.run, order), level: 0 });
    });
    // The texts written out go now, not when the next run overwrites them.
    for (const column of this.run.texts) column.length = 0;
    this.count = 0;
    this.compact();
  }

  /** The run in memory, its texts whole: empty text wherever none was written. */
  private wholeRun(): Columns {
    const texts = this.run.texts.map((column) => {
      if (column.length === 0) return emptyTexts(this.count);
      for (let k = 0; k < this.count; k++) column[k] ??= "";
      return column;
    });
    return { ...this.run, texts };
  }

  /** A new temporary file, named apart from every other of this sort's. */
  private newFile(kind: string): { fd: number; path: string } {
    const path = join(this.directory(), `${this.place?.prefix ?? ""}${kind}-${this.made++}`);
    return { fd: openSync(path, "w+"), path };
  }

  /** Does `work`, which writes temporary files: a failure is the input error users can act on. */
  private writing(work: () => void): void {
    try {
      work();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(
        this.place?.dir ?? this.dir ?? tmpdir(),
        null,
        `cannot write temporary files (${code}); set TMPDIR to a writable directory with room`,
      );
    }
  }

  /** Merges fanIn runs of one level that lie side by side, the last such first, until none do. */
  private compact(): void {
    for (let end = this.files.length; end >= this.fanIn; ) {
      const group = this.files.slice(end - this.fanIn, end);
      const level = (group[0] as RunEntry<Tag>).level;
      if (group.every((file) => file.level === level)) {
        this.merge(end - this.fanIn, group, level + 1);
        end = this.files.length;
      } else end--;
    }
  }

  /**
   * Replaces the runs `group`, from place `at`, by one run of `level`: their records
   * as sorted() reads them (put right by each run's fix), so the order of every
   * later read is the same.
   */
  private merge(at: number, group: readonly RunEntry<Tag>[], level: number): void {
    const readers = group.map((file) => new RunReader(file.fd, file.size, this.shape, file.fix));
    const batch = columnsOf(MERGE_BATCH, this.shape);
    const order = Uint32Array.from({ length: MERGE_BATCH }, (_, k) => k);
    this.writing(() => {
      const { fd, path } = this.newFile("merged");
      let size = 0;
      let count = 0;
      const flush = () => {
        size += this.writer.write(fd, batch, order.subarray(0, count));
        for (const column of batch.texts) column.fill("");
        count = 0;
      };
      const { days, ints, numbers, texts } = batch;
      for (const { columns, at: from } of new MergedRecords(readers)) {
        (days as Int32Array)[count] = columns.days[from] as number;
        for (let c = 0; c < ints.length; c++) {
          (ints[c] as Int32Array)[count] = (columns.ints[c] as Int32Array)[from] as number;
        }
        for (let c = 0; c < numbers.length; c++) {
          (numbers[c] as Float64Array)[count] = (columns.numbers[c] as Float64Array)[
            from
          ] as number;
        }
        for (let c = 0; c < texts.length; c++) {
          (texts[c] as string[])[count] = (columns.texts[c] as string[])[from] as string;
        }
        if (++count === MERGE_BATCH) flush();
      }
      if (count > 0) flush();
      this.files.splice(at, group.length, { fd, path, size, level });
    });
    for (const file of group) {
      closeSync(file.fd);
      rmSync(file.path, { force: true });
    }
  }
}
