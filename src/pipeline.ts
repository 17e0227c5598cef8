// Read → validate, shared by every command that reads records: each source in
// order, each record handed to a sink that validates and counts it.
import type { Issue } from "./domain/issues.js";
import type { RecordScan } from "./domain/scan.js";
import type { RawRecord } from "./domain/validate.js";
import { InputError } from "./errors.js";
import {
  type InputSource,
  type ReadOptions,
  readRecords,
  refuseOptionsOfFormats,
} from "./ingest/index.js";
import type { FilePart } from "./ingest/types.js";

/** What takes the records: a RecordScan, or a check's core. */
export interface RecordSink {
  /** What counts the records taken: an input that stops the run names its invalid ones. */
  readonly scan: RecordScan;
  /** Takes a group of records of source number `sourceIndex`, in order (the array is reused). */
  addAll(raws: readonly RawRecord[], sourceIndex: number): void;
  /** Called after the last record of each source. */
  endSource(name: string): void;
  /** A warning about a source rather than a record (the columns no field took). */
  warn(issue: Issue): void;
}

/** A source read in parts on several threads (src/parallel.ts). */
export interface Split {
  /** The part this thread reads. */
  readonly part: FilePart;
  /** Adds the other threads' parts to the sink, once this part is read. */
  merge(): void;
  /** Stops the other threads, if still running. */
  close(): void;
  /** What the other threads have read so far (all of it once merged), for the progress line. */
  progress(): { readonly records: number; readonly bytes: number };
}

/**
 * Reads every record of every source, in order, into `sink`; `split` may read a
 * source in parts. An input that cannot be read stops it with an InputError that
 * carries the invalid records met before (src/cli.ts lists them before the error).
 */
export async function feed(
  sources: readonly InputSource[],
  read: ReadOptions,
  sink: RecordSink,
  split?: (source: InputSource, index: number) => Split | undefined,
): Promise<void> {
  refuseOptionsOfFormats(sources, read);
  try {
    await feedAll(sources, read, sink, split);
  } catch (error) {
    const { scan } = sink;
    if (error instanceof InputError && scan.invalid > 0) {
      error.invalidBefore ??= { issues: scan.issues.toArray(), invalid: scan.invalid };
    }
    throw error;
  }
}

async function feedAll(
  sources: readonly InputSource[],
  read: ReadOptions,
  sink: RecordSink,
  split?: (source: InputSource, index: number) => Split | undefined,
): Promise<void> {
  const progress = read.onProgress;
  let records = 0;
  let bytes = 0;
  for (const [index, source] of sources.entries()) {
    const options = {
      ...read,
      onWarning: (issue: Issue) => sink.warn(issue),
      ...(progress ? { onBytes: (n: number) => (bytes += n) } : {}),
    };
    const parts = split?.(source, index);
    try {
      const take = (raws: readonly RawRecord[]) => sink.addAll(raws, index);
      for await (const count of readRecords([source], options, take, parts?.part)) {
        records += count;
        const others = parts?.progress();
        progress?.(records + (others?.records ?? 0), bytes + (others?.bytes ?? 0), source.name);
      }
      if (parts !== undefined) {
        parts.merge();
        const others = parts.progress();
        records += others.records;
        bytes += others.bytes;
        if (others.records > 0) progress?.(records, bytes, source.name);
      }
    } finally {
      parts?.close();
    }
    sink.endSource(source.name);
  }
}
