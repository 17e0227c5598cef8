// A long ledger's lines (CSV, NDJSON, JSON) made on two threads (contract §15, issue
// 16). Its days are cut in two where about half the lines lie before; this thread
// makes the lines of the first span and writes them out while a worker thread (the
// one that read the file's second part, when there was one) makes
// those of the second into a temporary file, which is then copied out after them.
// The second span starts from each period's total before its first day, which the
// aggregator knows; a period's lines passed before it are those that total passes
// (totals only grow). Both are checked once the spans are made: the first span must
// end on the totals the second started from, the second on the aggregator's whole
// totals. A worker that fails or disagrees leaves its span to this thread, which
// makes it then, as one thread would have: the output is the one-thread output
// either way.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Aggregator } from "./domain/aggregate.js";
import { type ExactSum, equalSums } from "./domain/exact-sum.js";
import { ENTRY_SHAPE, type LedgerEntries } from "./domain/ledger.js";
import {
  LEDGER_DAYS,
  ledgerDayOrdinal,
  type Renumbering,
  renumbering,
} from "./domain/ledger-columns.js";
import { type GroupKeyOf, type LedgerBook, ledgerLines } from "./domain/ledger-lines.js";
import { type DaySort, readRuns, type TaggedRun } from "./external-sort.js";
import { ROW_FORMATS, type RowFormat } from "./report/ledger.js";
import { type Started, startWorker } from "./worker-threads.js";

export type SpanFormat = keyof typeof ROW_FORMATS;

/** A worker's span: every day from `from` on. */
export interface SpanJob {
  readonly format: SpanFormat;
  readonly book: LedgerBook;
  readonly runs: readonly TaggedRun<Renumbering>[];
  readonly from: number;
  /** Each period's total before `from`. */
  readonly starts: readonly ExactSum[];
  /** Each period's group values and their keys (Aggregator.groupKeys). */
  readonly keys: readonly (readonly [string | undefined, string][])[];
  /** The file the span's lines are written to. */
  readonly out: string;
}

/** What a worker's span ended on: each period's total, or why it did not. */
export type SpanResult =
  | { readonly ok: true; readonly ends: readonly ExactSum[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The fewest lines a ledger is split for: by the worker that read the file's second
 * part (warmed up), or by one started for the span. A worker started afresh must
 * start, compile and warm up the lines' code while the two cores slow each other:
 * from standard input its span made a 1M-line CSV ledger no faster (1.58 against
 * 1.59 s), a 2M-line one slower (3.11 against 3.03 s), a 4M-line one faster (5.5
 * against 6.2 s).
 */
const SPLIT_MIN_LINES = { reader: 300_000, fresh: 3_000_000 };
/** The bytes copied out at a time from the worker's file. */
const COPY_BYTES = 1 << 20;

/**
 * The share of the lines this thread makes. The worker that read the file's second
 * part makes the second span, so both start together; 46, 50 and 54 % ran alike
 * (1M lines, alternating runs).
 */
const FIRST_SHARE = 0.5;

/** The day that about FIRST_SHARE of the lines (and at least `min` in all) lie before, if any. */
function cutDay(book: LedgerBook, min: number): number | undefined {
  const lines = new Float64Array(LEDGER_DAYS);
  let total = 0;
  for (const [p, counts] of book.dayCounts.entries()) {
    const first = book.firstDays[p] as number;
    for (let slot = 0; slot < counts.length; slot++) {
      lines[first + slot] = (lines[first + slot] as number) + (counts[slot] as number);
      total += counts[slot] as number;
    }
  }
  if (total < Math.max(min, 2)) return undefined;
  let before = 0;
  for (let day = 0; day < lines.length; day++) {
    if (before > 0 && before >= total * FIRST_SHARE) return before < total ? day : undefined;
    before += lines[day] as number;
  }
  return undefined;
}

/** Makes the lines of days `from` on, written as `format` rows into the file `out` (a worker's). */
export function makeSpan(job: SpanJob): SpanResult {
  const keys = new Map(job.book.periods.map((period, p) => [period, new Map(job.keys[p])]));
  const groupKey: GroupKeyOf = (period, value) => {
    const key = keys.get(period)?.get(value);
    if (key === undefined) throw new Error(`no group key for ${JSON.stringify(value)}`);
    return key;
  };
  const format: RowFormat<unknown> = ROW_FORMATS[job.format];
  const ends: ExactSum[] = [];
  const sorted = readRuns(job.runs, ENTRY_SHAPE, job.from, renumbering);
  const span = { starts: job.starts, ends };
  const lines = ledgerLines(job.book, sorted, groupKey, format.form, span);
  const fd = openSync(job.out, "w");
  try {
    // One buffer reused for every piece (see src/stdio.ts for why).
    let scratch = Buffer.allocUnsafeSlow(COPY_BYTES);
    for (const piece of format.rows(lines, false)) {
      let bytes: Uint8Array = piece as Uint8Array;
      if (typeof piece === "string") {
        if (piece.length * 3 > scratch.length) scratch = Buffer.allocUnsafeSlow(piece.length * 3);
        bytes = scratch.subarray(0, scratch.write(piece));
      }
      for (let done = 0; done < bytes.length; ) {
        done += writeSync(fd, bytes, done, bytes.length - done);
      }
    }
  } finally {
    closeSync(fd);
  }
  return { ok: true, ends };
}

/**
 * The bytes of a file, a chunk at a time, in one buffer reused: a piece holds until
 * the next is asked for, as ledgerCsvBytes's do (the writer copies what it keeps).
 * A fresh buffer a chunk was garbage outside the heap, which V8 let pile up to the
 * run's peak memory while the worker's span was copied out (10M lines: some 750
 * MB of it).
 */
function* fileChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  const chunk = Buffer.allocUnsafeSlow(COPY_BYTES);
  try {
    for (;;) {
      const length = readSync(fd, chunk, 0, COPY_BYTES, null);
      if (length === 0) return;
      yield chunk.subarray(0, length);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The ledger's output in `format`, made on two threads when it is long enough
 * (`min` lines, CAPCHECK_LEDGER_SPLIT_MIN in tests; else SPLIT_MIN_LINES), else undefined. The sort's
 * records are all written out first, for the worker to read: `spare`, a reading
 * worker done with its part, or else one started for the span.
 */
export function splitLedger(
  entries: LedgerEntries,
  sort: DaySort<Renumbering>,
  aggregator: Aggregator,
  format: SpanFormat,
  min?: number,
  spare?: Started<unknown>,
): AsyncGenerator<string | Uint8Array> | undefined {
  const book = entries.book();
  const from = cutDay(book, min ?? SPLIT_MIN_LINES[spare === undefined ? "fresh" : "reader"]);
  if (from === undefined) return undefined;
  sort.flush();
  const ordinal = ledgerDayOrdinal(from);
  const starts = book.periods.map((period) => aggregator.totalBefore(period, ordinal));
  const keys = book.periods.map((period) => aggregator.groupKeys(period));
  const out = join(sort.directory(), "span-2");
  const job: SpanJob = { format, book, runs: sort.runs(), from, starts, keys, out };
  const worker = spare?.next<SpanResult>({ span: job }) ?? startWorker<SpanResult>({ span: job });
  return (async function* () {
    try {
      const rows: RowFormat<unknown> = ROW_FORMATS[format];
      if (rows.header !== "") yield rows.header;
      const ends: ExactSum[] = [];
      const first = sort.sorted(undefined, from);
      yield* rows.rows(entries.lines(first, aggregator, rows.form, { ends }), true);
      const result = await worker.result();
      const whole = book.periods.map((period) => aggregator.totalBefore(period, Infinity));
      if (result.ok && equalSums(ends, starts) && equalSums(result.ends, whole)) {
        yield* fileChunks(out);
      } else {
        const rest = sort.sorted(from);
        yield* rows.rows(entries.lines(rest, aggregator, rows.form, { starts: ends }), false);
      }
      if (rows.end !== "") yield rows.end;
    } finally {
      void worker.worker.terminate();
    }
  })();
}
