// A worker thread's part of a file (parallel.ts): the file's first lines again (a
// CSV's header and delimiter are chosen from them, as the main thread chose them),
// then its own part, through the same reader and check core as the main thread.
// Records and warnings from those first lines are the main thread's and are left
// out. Posts the core's state and what passed through the part, or why it stopped:
// then the main thread reads the part itself. For the ledger, the part's entries are
// sorted here too, into runs in the main thread's temporary directory; then, for a
// long ledger, the worker may be given the lines of a span of its days
// (src/ledger-split.ts), or started for them alone.
import { parentPort, workerData } from "node:worker_threads";
import { CheckCore, type PlacementListener } from "./domain/check.js";
import { ENTRY_SHAPE, LedgerEntries } from "./domain/ledger.js";
import { DaySort } from "./external-sort.js";
import { readParts } from "./ingest/index.js";
import { noFacts } from "./ingest/text.js";
import type { FilePart, RawRecord } from "./ingest/types.js";
import { makeSpan, type SpanJob, type SpanResult } from "./ledger-split.js";
import type { LedgerJob, LedgerResult, WorkerJob, WorkerResult } from "./parallel.js";
import type { NextJob } from "./worker-threads.js";

/** The part's ledger entries, sorted by day as they are placed. */
function ledgerOf(job: LedgerJob) {
  const sort = new DaySort(ENTRY_SHAPE, job.runSize, { dir: job.dir, prefix: job.prefix });
  const entries = new LedgerEntries(sort, job.by);
  return {
    sort,
    onPlacement: ((shipment, sourceIndex, placement) =>
      entries.add(shipment, sourceIndex, placement)) satisfies PlacementListener,
    result: (): LedgerResult => ({ runs: sort.handOver(), part: entries.part() }),
  };
}

async function readPart(job: WorkerJob): Promise<WorkerResult> {
  const ledger = job.ledger === undefined ? undefined : ledgerOf(job.ledger);
  const core = new CheckCore(job.options, ledger?.onPlacement);
  const facts = noFacts();
  const headLines = job.head?.lines ?? 0;
  const parts: FilePart[] = [{ start: job.start, end: job.end, facts }];
  if (job.head !== undefined) parts.unshift({ start: 0, end: job.head.end, facts: noFacts() });
  const ours = (place: { readonly line: number | null }) => (place.line ?? 0) > headLines;
  let records = 0;
  let bytes = 0;
  let posted = Date.now();
  const read = {
    ...job.read,
    onWarning: (issue: Parameters<CheckCore["warn"]>[0]) => {
      if (ours(issue)) core.warn(issue);
    },
    onBytes: (n: number) => {
      bytes += n;
    },
  };
  try {
    const take = (raws: readonly RawRecord[]) => {
      const mine = raws.filter(ours);
      core.addAll(mine);
      records += mine.length;
    };
    for await (const _ of readParts(job.source, job.format, read, parts, take)) {
      // For the progress line: a post a tenth of a second at most.
      if (job.progress && Date.now() - posted >= 100) {
        posted = Date.now();
        parentPort?.postMessage({ progress: { records, bytes } });
      }
    }
    const sorted = ledger?.result();
    return { ok: true, state: core.state(), facts, ...(sorted ? { ledger: sorted } : {}) };
  } catch (error) {
    ledger?.sort.close();
    return { ok: false, reason: String(error) };
  }
}

/** A ledger's span of days (src/ledger-split.ts), or why it could not be made. */
function spanOf(job: SpanJob): SpanResult {
  try {
    return makeSpan(job);
  } catch (error) {
    return { ok: false, reason: String(error) };
  }
}

const job = workerData as WorkerJob | NextJob;
if ("span" in job) parentPort?.postMessage(spanOf(job.span));
else
  readPart(job).then((result) => {
    parentPort?.postMessage(result);
    // A ledger's reader may be given a span of its lines next (Started.next), or ended.
    if (job.ledger !== undefined && result.ok)
      parentPort?.once("message", (next: NextJob) => parentPort?.postMessage(spanOf(next.span)));
  });
