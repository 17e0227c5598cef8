// The run layer: reads the sources into the pure core (src/domain/check.ts). The
// check and ledger commands and the library's check() all come through runCheck.
import { CheckCore, type PlacementListener, type ResolvedCheckOptions } from "./domain/check.js";
import type { Report } from "./domain/report.js";
import { NothingToCheckError } from "./errors.js";
import { type InputSource, type ReadOptions, sourcesFrom } from "./ingest/index.js";
import { type CheckOptions, filesOf, readOptionsOf, resolveCheckOptions } from "./options.js";
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
): Promise<CheckCore> {
  const core = new CheckCore(options, onPlacement);
  await feed(sources, read, core);
  return core;
}

/**
 * The library API: checks files (`-` is standard input) and returns the Report
 * that `capcheck check --json` prints. Throws InvalidRecordsError when a record is
 * invalid and `skipInvalid` is not set, InputError when an input cannot be read, and
 * NothingToCheckError when no record was counted and `allowEmpty` is not set.
 */
export async function check(files: readonly string[], options: CheckOptions = {}): Promise<Report> {
  const sources = sourcesFrom(filesOf(files), () => false) ?? [];
  const resolved = await resolveCheckOptions(options);
  const core = await runCheck(sources, readOptionsOf(options), resolved);
  const report = core.report();
  const empty = core.nothingToCheck();
  if (empty !== undefined && options.allowEmpty !== true) throw new NothingToCheckError(empty);
  return report;
}
