// Worker threads started for a file's parts (src/parallel.ts) and a ledger's span
// of lines (src/ledger-split.ts), all running src/parallel-worker.ts: what stops a
// worker, its result, and a further job for a worker whose result was taken.
import { createRequire } from "node:module";
import type { SpanJob } from "./ledger-split.js";
import type { PartProgress, WorkerJob } from "./parallel.js";

/** node:worker_threads, loaded only when a file is split: a small file's start-up does without it. */
const workerThreads = () =>
  createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/** Why a worker gave no result. */
export interface WorkerFailure {
  readonly ok: false;
  readonly reason: string;
}

/** A further job for a worker whose result was taken: a ledger's span (ledger-split.ts). */
export interface NextJob {
  readonly span: SpanJob;
}

/** A worker thread started: what stops it, and its result, or why it stopped. */
export interface Started<Result> {
  // Not node:worker_threads' Worker: the library's declarations must not need Node's.
  readonly worker: { terminate(): Promise<number> };
  /**
   * Its result, or why it stopped. From this call until the result comes the worker
   * holds the process open: the run waits for it, and an unreferenced worker that
   * fails (runs out of memory) after the main thread's part ended would let the
   * process exit, status 0, with nothing printed, before its error arrived.
   */
  result(): Promise<Result | WorkerFailure>;
  /**
   * Gives the worker, its result taken, a further job. Only a ledger's reading
   * worker waits for one (parallel-worker.ts): it saves starting a thread for the
   * span, some 0.1 s.
   */
  next<Next>(job: NextJob): Started<Next>;
}

/**
 * Starts a worker thread on `job` (a part of a file, or a ledger's span: see
 * parallel-worker.ts); its result is its next message.
 */
export function startWorker<Result extends { readonly ok: boolean }>(
  job: WorkerJob | NextJob,
  onProgress?: (progress: PartProgress) => void,
): Started<Result> {
  const worker = new (workerThreads().Worker)(new URL("./parallel-worker.js", import.meta.url), {
    workerData: job,
    // Not piped to ours: 63 pipes on process.stderr make Node warn of a listener leak
    // when the run then writes there, and a worker has nothing to say but its result.
    stdout: true,
    stderr: true,
    // A part streams: little lives long. A small young generation, and an old one
    // that V8 collects before it grows far, keep a worker's memory small (measured on
    // two threads, 1M rows: CSV peak 145 -> 124 MiB, NDJSON 152 -> 130 MiB, no cost in
    // time). A worker that still runs out stops, and the main thread reads its part.
    // A ledger's worker had 16 MiB for a while: 2 % faster on one machine, 2-6 %
    // slower (3-5 % more CPU) on another, in three sets of alternating runs.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
  });
  // A worker holds the process open only while its result is awaited: an error in
  // the main part ends the run, and a worker left waiting for a further job keeps
  // nothing open.
  worker.unref();
  let failure: WorkerFailure | undefined;
  let settle: (message: unknown) => void = () => {};
  worker.on("message", (message: { progress: PartProgress } | object) => {
    if ("progress" in message) onProgress?.(message.progress);
    else settle(message);
  });
  const fail = (reason: string) => {
    failure ??= { ok: false, reason };
    settle(failure);
  };
  worker.once("error", (error) => fail(String(error)));
  worker.once("exit", (code) => fail(`worker exited (${code})`));
  const answer = <Answer>(): Started<Answer> => {
    const coming = new Promise<Answer | WorkerFailure>((resolve) => {
      settle = resolve as (message: unknown) => void;
      if (failure !== undefined) resolve(failure);
    });
    return {
      worker,
      result: () => {
        worker.ref();
        return coming.finally(() => worker.unref());
      },
      next: <Next>(next: NextJob) => {
        const started = answer<Next>();
        worker.postMessage(next);
        return started;
      },
    };
  };
  return answer<Result>();
}
