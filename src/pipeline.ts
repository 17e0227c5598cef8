// Read → validate, shared by every command that reads records: each source in
// order, each record handed to a sink that validates and counts it.
import type { Issue } from "./domain/issues.js";
import type { RawRecord } from "./domain/validate.js";
import { type InputSource, type ReadOptions, readRecords } from "./ingest/index.js";

/** What takes the records: a RecordScan, or a check's core. */
export interface RecordSink {
  add(raw: RawRecord, sourceIndex: number): void;
  /** Called after the last record of each source. */
  endSource(name: string): void;
  /** A warning about a source rather than a record (the columns no field took). */
  warn(issue: Issue): void;
}

/** Reads every record of every source, in order, into `sink`. */
export async function feed(
  sources: readonly InputSource[],
  read: ReadOptions,
  sink: RecordSink,
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
    for await (const batch of readRecords([source], options)) {
      for (const raw of batch) sink.add(raw, index);
      records += batch.length;
      progress?.(records, bytes, source.name);
    }
    sink.endSource(source.name);
  }
}
