// One large CSV or NDJSON file read on several cores (contract §15). The file is
// cut at line feeds into parts; the main thread reads the first part as usual, a
// worker thread (parallel-worker.ts) each later one with the same reader and the
// same check core, and the workers' states are merged into the main core exactly
// (CheckCore.absorb: sums add, issues follow in file order, lines moved on). A cut
// is a record boundary only when no quote (CSV: a quoted field may hold a line
// feed) and no lone carriage return (a line break the line count would miss) came
// before it; when one did, or a worker could not finish its part, the main thread
// reads on from its part's end itself. Either way the answer is the one-thread one.
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { GroupField } from "./domain/aggregate.js";
import type { CheckCore, CoreState, ResolvedCheckOptions } from "./domain/check.js";
import type { LedgerPart } from "./domain/ledger-columns.js";
import type { RunFile } from "./external-sort.js";
import { spreadsheetFormat, utf16Bom } from "./ingest/encoding.js";
import { HEADER_SEARCH_LINES } from "./ingest/header-line.js";
import { formatFromExtension, noFacts } from "./ingest/text.js";
import type { FilePart, InputSource, PartFacts, ReadOptions } from "./ingest/types.js";
import { PARALLEL_MIN_LINES, type ParallelOptions } from "./options.js";
import type { Split } from "./pipeline.js";
import { type Started, startWorker } from "./worker-threads.js";

/**
 * The command line's default: the cores, at most two. Each thread holds its own
 * heap (a check's worker some 25 MiB, a ledger's some 48): at two, a check stays
 * under 150 MiB and a ledger under 200 on any machine; more is `--threads N`.
 */
export const defaultThreads = (): number => Math.min(availableParallelism(), 2);

/** What a worker is given: its part, and everything the main thread's reading knows. */
export interface WorkerJob {
  readonly source: InputSource;
  readonly format: "csv" | "ndjson";
  /** ReadOptions without its callbacks. */
  readonly read: Omit<ReadOptions, "onWarning" | "onBytes" | "onProgress">;
  readonly options: ResolvedCheckOptions;
  /** CSV: the file's first lines, read again for its header and delimiter; their count. */
  readonly head: { readonly end: number; readonly lines: number } | undefined;
  readonly start: number;
  readonly end: number;
  /** For the ledger: the part's entries are sorted by the worker, into runs in `dir`. */
  readonly ledger?: LedgerJob;
  /** Post what was read so far now and then, for the progress line. */
  readonly progress: boolean;
}

/** What a part's thread has read so far. */
export interface PartProgress {
  readonly records: number;
  readonly bytes: number;
}

/** How a worker sorts its part's ledger entries (src/commands/ledger.ts). */
export interface LedgerJob {
  readonly by: GroupField;
  readonly dir: string;
  /** Names the worker's run files apart from the other threads'. */
  readonly prefix: string;
  readonly runSize: number;
}

/** A worker's sorted ledger entries: its runs, and their numbering. */
export interface LedgerResult {
  readonly runs: readonly RunFile[];
  readonly part: LedgerPart;
}

/** The ledger's side of a split: what each worker is told, and how its entries are taken in. */
export interface LedgerSplit {
  job(worker: number): LedgerJob;
  /** Takes in a worker's part; the worker then waits for a span of the ledger's lines. */
  absorb(
    result: LedgerResult,
    sourceIndex: number,
    lineShift: number,
    worker: Started<WorkerResult>,
  ): void;
}

/** A worker's answer: its core's state and what passed through its part, or why not. */
export type WorkerResult =
  | {
      readonly ok: true;
      readonly state: CoreState;
      readonly facts: PartFacts;
      readonly ledger?: LedgerResult;
    }
  | { readonly ok: false; readonly reason: string };

const BLOCK = 1 << 16;

/** The offset just past the `count`-th line feed at or after `from`, or undefined before `limit`. */
function afterLineFeeds(
  fd: number,
  from: number,
  count: number,
  limit: number,
): number | undefined {
  const block = Buffer.alloc(BLOCK);
  let left = count;
  for (let at = from; at < limit; at += BLOCK) {
    const length = readSync(fd, block, 0, Math.min(BLOCK, limit - at), at);
    if (length === 0) return undefined;
    for (let i = block.indexOf(10); i >= 0 && i < length; i = block.indexOf(10, i + 1)) {
      if (--left === 0) return at + i + 1;
    }
  }
  return undefined;
}

/** Whether the bytes before `end` hold a `"`. */
function quoteBefore(fd: number, end: number): boolean {
  const block = Buffer.alloc(BLOCK);
  for (let at = 0; at < end; at += BLOCK) {
    const length = readSync(fd, block, 0, Math.min(BLOCK, end - at), at);
    if (length === 0) return false;
    if (block.subarray(0, length).includes(34)) return true;
  }
  return false;
}

/**
 * The bytes of `lines` lines like those of `sample` (a file's first block after
 * its head): what PARALLEL_MIN_LINES comes to in a file, whose rows may take 40
 * bytes (CSV) or 110 (NDJSON). Infinity when the sample holds no line feed.
 */
export function bytesOfLines(lines: number, sample: Uint8Array): number {
  let feeds = 0;
  for (let i = sample.indexOf(10); i >= 0; i = sample.indexOf(10, i + 1)) feeds++;
  return feeds === 0 ? Number.POSITIVE_INFINITY : Math.ceil((lines * sample.length) / feeds);
}

/** The smallest file split: `minBytes` when given, else PARALLEL_MIN_LINES lines as the file's start suggests. */
function minBytesOf(fd: number, parallel: ParallelOptions, from: number, size: number): number {
  if (parallel.minBytes !== undefined) return parallel.minBytes;
  const sample = Buffer.alloc(Math.min(BLOCK, size - from));
  return bytesOfLines(
    PARALLEL_MIN_LINES,
    sample.subarray(0, readSync(fd, sample, 0, sample.length, from)),
  );
}

/** Where the parts start: the line after the line feed at or past each even share of the file. */
function cutsOf(fd: number, size: number, threads: number, after: number): number[] {
  const cuts: number[] = [];
  for (let k = 1; k < threads; k++) {
    const from = Math.max(Math.floor((size * k) / threads), after, cuts.at(-1) ?? 0);
    const cut = afterLineFeeds(fd, from, 1, size);
    if (cut === undefined || cut >= size) break;
    if (cut > (cuts.at(-1) ?? 0)) cuts.push(cut);
  }
  return cuts;
}

/** Whether a part (not the last) ends on a record boundary the line count is right at. */
function boundaryHolds(format: WorkerJob["format"], facts: PartFacts): boolean {
  return !facts.loneCr && (format === "ndjson" || !facts.quote);
}

/** A file being read in parts: the main thread's part, and the workers on the others. */
export class SplitFile implements Split {
  readonly part: FilePart;
  /** How many workers' parts were merged. */
  merged = 0;
  private accepted: WorkerResult[] | undefined;
  /** Set once the workers' work is dropped (a quote or lone CR made a cut unsafe, or a worker failed). */
  stopped = false;

  private constructor(
    private readonly core: CheckCore,
    private readonly format: WorkerJob["format"],
    end: number,
    private readonly headLines: number,
    private readonly parts: {
      readonly workers: readonly Started<WorkerResult>[];
      /** What each worker has read so far (its posts), then in all (once merged). */
      readonly seen: PartProgress[];
      readonly sizes: readonly number[];
    },
    private readonly sourceIndex: number,
    private readonly ledger: LedgerSplit | undefined,
  ) {
    this.part = {
      start: 0,
      end,
      facts: noFacts(),
      readOn: (facts) => this.readOn(facts),
      onChunk: (facts) => {
        // The main thread will read on past the first cut: the workers' work is lost.
        if (!this.stopped && !boundaryHolds(this.format, facts)) {
          this.stopped = true;
          this.close();
        }
      },
    };
  }

  /**
   * Starts the workers for a file worth splitting; undefined for standard input, a
   * small file, a format other than CSV or NDJSON (or one known only by sniffing),
   * UTF-16, or a file with no line feed to cut at.
   */
  static open(
    source: InputSource,
    read: ReadOptions,
    core: CheckCore,
    options: ResolvedCheckOptions,
    parallel: ParallelOptions,
    ledger?: LedgerSplit,
    sourceIndex = 0,
  ): SplitFile | undefined {
    if (source.path === null || parallel.threads < 2) return undefined;
    const format = read.inputFormat ?? formatFromExtension(source.path);
    if (format !== "csv" && format !== "ndjson") return undefined;
    let fd: number | undefined;
    try {
      // A pipe or device has no parts to seek to. Not even opened: a named pipe
      // opened and closed here would lose its writer before the reader opens it.
      if (!statSync(source.path).isFile()) return undefined;
      fd = openSync(source.path, "r");
      const { size } = fstatSync(fd);
      // No file under 2 MiB is worth a look: PARALLEL_MIN_LINES of it would be 4-byte lines.
      if (size < (parallel.minBytes ?? 2 << 20)) return undefined;
      const first = Buffer.alloc(8);
      readSync(fd, first, 0, 8, 0);
      if (utf16Bom(first) !== undefined || spreadsheetFormat(first) !== undefined) return undefined;
      const headLines = format === "csv" ? Math.max(read.headerLine ?? 1, HEADER_SEARCH_LINES) : 0;
      const headEnd = headLines === 0 ? 0 : afterLineFeeds(fd, 0, headLines, size);
      // A quote in a CSV's first lines makes the main thread read on for certain:
      // workers would only take cores from it (an export that quotes every field).
      if (headEnd === undefined || (headLines > 0 && quoteBefore(fd, headEnd))) return undefined;
      const minBytes = minBytesOf(fd, parallel, headEnd, size);
      if (size < minBytes) return undefined;
      // Parts of at least half the smallest file split: a worker's start must pay off.
      const threads = Math.min(parallel.threads, Math.floor(size / (minBytes / 2)));
      const cuts = cutsOf(fd, size, threads, headEnd);
      if (cuts.length === 0) return undefined;
      const { onWarning, onBytes, onProgress, ...plain } = read;
      const head = headLines === 0 ? undefined : { end: headEnd, lines: headLines };
      const seen: PartProgress[] = cuts.map(() => ({ records: 0, bytes: 0 }));
      const ends = cuts.map((_, i) => cuts[i + 1] ?? size);
      const workers = cuts.map((start, i) => {
        const job: WorkerJob = {
          ...{ source, format, read: plain, options, head, start },
          end: ends[i] as number,
          ...(ledger ? { ledger: ledger.job(i + 1) } : {}),
          progress: onProgress !== undefined,
        };
        return startWorker<WorkerResult>(job, (progress) => {
          seen[i] = progress;
        });
      });
      const main = cuts[0] as number;
      const sizes = cuts.map((start, i) => (ends[i] as number) - start);
      const parts = { workers, seen, sizes };
      return new SplitFile(core, format, main, headLines, parts, sourceIndex, ledger);
    } catch {
      // A file that cannot be opened or read is the ordinary reader's to report.
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** At the end of the main part: true when the main thread must read on itself. */
  private async readOn(facts: PartFacts): Promise<boolean> {
    if (this.stopped) return true;
    const results = await Promise.all(this.parts.workers.map((w) => w.result()));
    const last = results.length - 1;
    const holds =
      boundaryHolds(this.format, facts) &&
      results.every((r, i) => r.ok && (i === last || boundaryHolds(this.format, r.facts)));
    if (!holds) {
      this.stopped = true;
      this.close();
      return true;
    }
    this.accepted = results;
    return false;
  }

  /** Merges the workers' parts into the core, once the main part is read (unless it read on). */
  merge(): void {
    if (this.accepted === undefined) return;
    let lines = this.part.facts.lines;
    for (const [i, result] of this.accepted.entries()) {
      if (!result.ok) throw new Error("merging a part a worker did not finish");
      this.core.absorb(result.state, lines - this.headLines);
      if (this.ledger !== undefined) {
        if (result.ledger === undefined) throw new Error("a worker's part without its ledger");
        const worker = this.parts.workers[i] as Started<WorkerResult>;
        this.ledger.absorb(result.ledger, this.sourceIndex, lines - this.headLines, worker);
      }
      lines += result.facts.lines;
      this.parts.seen[this.merged] = {
        records: result.state.scan.read,
        bytes: this.parts.sizes[this.merged] as number,
      };
      this.merged++;
    }
  }

  /** What the workers have read so far, for the progress line; nothing once their work is dropped. */
  progress(): PartProgress {
    if (this.stopped) return { records: 0, bytes: 0 };
    let records = 0;
    let bytes = 0;
    for (const seen of this.parts.seen) {
      records += seen.records;
      bytes += seen.bytes;
    }
    return { records, bytes };
  }

  /**
   * Stops any worker still running (the main part failed, or reads on), but those
   * merged into a ledger: they are its own now (LedgerSplit.absorb).
   */
  close(): void {
    const kept = this.ledger === undefined ? 0 : this.merged;
    for (const { worker } of this.parts.workers.slice(kept)) void worker.terminate();
  }
}
