// The run layer: reads the sources into the pure core (src/domain/check.ts). The
// check and ledger commands and the library's check() all come through runCheck.
import { CheckCore, type PlacementListener, type ResolvedCheckOptions } from "./domain/check.js";
import type { Report } from "./domain/report.js";
import { NothingToCheckError, UsageError } from "./errors.js";
import {
  csvOnlyOptionOf,
  type InputSource,
  type ReadOptions,
  sourcesFrom,
} from "./ingest/index.js";
import { recordOf } from "./ingest/raw-records.js";
import { filesOf } from "./option-values.js";
import {
  type CheckOptions,
  type ParallelOptions,
  parallelOf,
  readOptionsOf,
  refuseUnknownOptionKeys,
  resolveCheckOptions,
} from "./options.js";
import { type LedgerSplit, SplitFile } from "./parallel.js";
import { feed } from "./pipeline.js";

/**
 * Reads every source in order into a check and returns it, finished reading:
 * its report(), its series() for the charts, its first aggregator for the ledger.
 */
export async function runCheck(
  sources: readonly InputSource[],
  read: ReadOptions,
  options: ResolvedCheckOptions,
  onPlacement?: PlacementListener,
  parallel?: ParallelOptions,
  ledger?: LedgerSplit,
): Promise<CheckCore> {
  const core = new CheckCore(options, onPlacement);
  // A placement listener hears of the main part's records only: the ledger's workers
  // sort their own parts' entries (ledger), handed over as the parts are merged.
  const split =
    parallel === undefined || (onPlacement !== undefined && ledger === undefined)
      ? undefined
      : (source: InputSource, index: number) =>
          SplitFile.open(source, read, core, options, parallel, ledger, index);
  await feed(sources, read, core, split);
  return core;
}

/** What check() reads: file names (`-` is standard input), or records as objects. */
export type CheckInput = readonly string[] | Iterable<object> | AsyncIterable<object>;

/** How messages name records handed over in memory: `<records>:[3]: date: ...`. */
export const MEMORY_SOURCE = "<records>";

/** File names: an array of strings (or, from JavaScript, one string; filesOf says what is wrong). */
function isFileList(input: CheckInput): input is readonly string[] {
  if (typeof input === "string") return true;
  return Array.isArray(input) && input.every((item) => typeof item === "string");
}

/** Records in memory: anything `for await` can walk (an array, a Set, a generator, a stream). */
function isRecordSource(input: unknown): input is Iterable<object> | AsyncIterable<object> {
  return (
    typeof input === "object" &&
    input !== null &&
    (Symbol.iterator in input || Symbol.asyncIterator in input)
  );
}

/** What a JavaScript caller passed in place of the input, for the one-line refusal. */
function kindOf(input: unknown): string {
  if (input === null) return "null";
  if (typeof input === "object")
    return "an object that is not iterable (one record? wrap it in [ ])";
  return typeof input === "undefined" ? "undefined" : `a ${typeof input}`;
}

/**
 * Records in memory are read as a JSON file's records are: an input format and the
 * options only CSV takes are refused for them, never dropped without a word.
 */
function refuseReadingOptions(read: ReadOptions): void {
  if (read.inputFormat !== undefined) {
    throw new UsageError(
      "inputFormat applies to files and standard input, not to records in memory",
    );
  }
  const csvOnly = csvOnlyOptionOf(read, (key) => key);
  if (csvOnly !== undefined) {
    throw new UsageError(`${csvOnly} applies to CSV input only, not to records in memory`);
  }
}

/** Objects held in memory, one by one into the check, named by their index. */
async function addRecords(
  core: CheckCore,
  records: Iterable<object> | AsyncIterable<object>,
): Promise<void> {
  let index = 0;
  for await (const value of records) core.add(recordOf(MEMORY_SOURCE, null, value, index++), 0);
  core.endSource(MEMORY_SOURCE);
}

/**
 * The library API: checks files (`-` is standard input), or records given as
 * objects (an array or an async iterable, keys as in a JSON file), and returns the
 * Report that `capcheck check --json` prints. Throws InvalidRecordsError when a
 * record is invalid and `skipInvalid` is not set, InputError when an input cannot
 * be read, and NothingToCheckError when no record was counted and `allowEmpty` is
 * not set.
 */
export async function check(input: CheckInput, options: CheckOptions = {}): Promise<Report> {
  if (typeof options === "object" && options !== null) refuseUnknownOptionKeys(options);
  const resolved = await resolveCheckOptions(options);
  const parallel = parallelOf(options);
  const read = readOptionsOf(options);
  let core: CheckCore;
  if (isFileList(input)) {
    const sources = sourcesFrom(filesOf(input), () => false) ?? [];
    core = await runCheck(sources, read, resolved, undefined, parallel);
  } else if (isRecordSource(input)) {
    refuseReadingOptions(read);
    core = new CheckCore(resolved);
    await addRecords(core, input);
  } else {
    throw new UsageError(
      `check() takes file names or records (an array or async iterable of objects), got ${kindOf(input)}`,
    );
  }
  const report = core.report();
  const empty = core.nothingToCheck();
  if (empty !== undefined && options.allowEmpty !== true) throw new NothingToCheckError(empty);
  return report;
}
