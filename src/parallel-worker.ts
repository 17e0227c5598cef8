// A worker thread's part of a file (parallel.ts): the file's first lines again (a
// CSV's header and delimiter are chosen from them, as the main thread chose them),
// then its own part, through the same reader and check core as the main thread.
// Records and warnings from those first lines are the main thread's and are left
// out. Posts the core's state and what passed through the part, or why it stopped:
// then the main thread reads the part itself.
import { parentPort, workerData } from "node:worker_threads";
import { CheckCore } from "./domain/check.js";
import { readParts } from "./ingest/index.js";
import { noFacts } from "./ingest/text.js";
import type { FilePart } from "./ingest/types.js";
import type { WorkerJob, WorkerResult } from "./parallel.js";

async function readPart(job: WorkerJob): Promise<WorkerResult> {
  const core = new CheckCore(job.options);
  const facts = noFacts();
  const headLines = job.head?.lines ?? 0;
  const parts: FilePart[] = [{ start: job.start, end: job.end, facts }];
  if (job.head !== undefined) parts.unshift({ start: 0, end: job.head.end, facts: noFacts() });
  const ours = (place: { readonly line: number | null }) => (place.line ?? 0) > headLines;
  const read = {
    ...job.read,
    onWarning: (issue: Parameters<CheckCore["warn"]>[0]) => {
      if (ours(issue)) core.warn(issue);
    },
  };
  try {
    for await (const batch of readParts(job.source, job.format, read, parts)) {
      for (const raw of batch) if (ours(raw)) core.add(raw);
    }
    return { ok: true, state: core.state(), facts };
  } catch (error) {
    return { ok: false, reason: String(error) };
  }
}

readPart(workerData as WorkerJob).then((result) => parentPort?.postMessage(result));
