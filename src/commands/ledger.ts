// capcheck ledger [files...]: every counted record in date order, with the rule
// that made its barrels and its period's running total, so that each figure of a
// report can be traced to the records behind it.
//
//   capcheck ledger shipments.csv
//   capcheck ledger --format csv --regime unscr2397-refined data/*.csv > ledger.csv
import { type Issue, invalidOfRead } from "../domain/issues.js";
import { ENTRY_SHAPE, LedgerEntries } from "../domain/ledger.js";
import { type Renumbering, renumbering } from "../domain/ledger-columns.js";
import { TEXT_LINES } from "../domain/ledger-lines.js";
import { InvalidRecordsError } from "../errors.js";
import { DaySort } from "../external-sort.js";
import { readOptionsOf, resolveCheckOptions } from "../options.js";
import type { LedgerSplit } from "../parallel.js";
import { progressFor, withProgress } from "../progress.js";
import { outputWidth } from "../report/width.js";
import { runCheck } from "../run.js";
import type { Started } from "../worker-threads.js";
import {
  checkOptionsOf,
  FLAG_SPELLING,
  parallelOfFlags,
  type SelectionFlags,
  sourcesOf,
} from "./flags.js";
import {
  ALLOW_EMPTY_OPTION,
  type CommandSpec,
  formatOption,
  JSON_FLAG,
  SELECTION_OPTIONS,
  THREADS_OPTION,
} from "./options.js";
import { annotationsOf, issueLines } from "./output.js";

type LedgerFormat = "table" | "json" | "csv" | "ndjson";

interface LedgerFlags extends SelectionFlags {
  format: LedgerFormat;
  threads?: string;
  allowEmpty?: boolean;
}

/** Records a sort holds in memory; tests make it small (CAPCHECK_LEDGER_RUN_SIZE) to spill runs. */
const RUN_SIZE = 1 << 17;

export const ledger: CommandSpec<LedgerFlags> = {
  name: "ledger",
  summary: "every counted record in date order, with its rule and running total",
  description:
    "Lists every valid, capped record in date order (ties by file, then line) with the rule that made its barrels, its period's running total and share after it, and a mark on the day a threshold or the cap was first crossed.",
  readsFiles: true,
  options: [
    ...SELECTION_OPTIONS,
    formatOption(["table", "json", "csv", "ndjson"]),
    JSON_FLAG,
    ALLOW_EMPTY_OPTION,
    THREADS_OPTION,
  ],
  examples: [
    "capcheck ledger shipments.csv",
    "capcheck ledger --format csv --regime unscr2397-refined data.csv > ledger.csv",
    "capcheck ledger --format ndjson data.csv | jq 'select(.mark != \"\")'",
  ],
  run: async ({ files, flags, terminal }) => {
    const sources = sourcesOf(files, terminal);
    const options = checkOptionsOf(flags);
    const resolved = await resolveCheckOptions(options, FLAG_SPELLING);
    // Each placed record is written down as columns and sorted by day outside
    // memory (contract §15), so the ledger holds only groups and days in memory.
    const runSize = Number(terminal.env.CAPCHECK_LEDGER_RUN_SIZE ?? RUN_SIZE);
    const sort = new DaySort<Renumbering>(ENTRY_SHAPE, runSize);
    const entries = new LedgerEntries(sort, resolved.by);
    // A file read on several threads: each worker sorts its part's entries into runs
    // beside this sort's, which reads them back after its own (file and line order).
    // Each job's runs are named apart: a later file's worker must not overwrite runs
    // already adopted from an earlier file's.
    let jobs = 0;
    // The last reading worker merged, kept to make a span of the lines (ledger-split.ts).
    let spare: Started<unknown> | undefined;
    const split: LedgerSplit = {
      job: () => ({ by: resolved.by, dir: sort.directory(), prefix: `p${++jobs}-`, runSize }),
      absorb: ({ runs, part }, sourceIndex, lineShift, worker) => {
        const numbering = entries.absorb(part, sourceIndex, lineShift);
        sort.adopt(runs, renumbering(numbering), numbering);
        void spare?.worker.terminate();
        spare = worker;
      },
    };
    const close = () => {
      sort.close();
      void spare?.worker.terminate();
    };
    const parallel = parallelOfFlags(flags, terminal.env);
    const progress = progressFor(terminal.stderr, terminal.env, flags.quiet === true);
    const core = await runCheck(
      sources,
      withProgress(readOptionsOf(options), progress),
      resolved,
      (shipment, sourceIndex, placement) => entries.add(shipment, sourceIndex, placement),
      parallel,
      split,
    )
      .catch((error: unknown) => {
        close();
        throw error;
      })
      .finally(() => progress?.clear());
    let issues: Issue[];
    try {
      issues = core.issues();
    } catch (error) {
      close();
      if (!(error instanceof InvalidRecordsError)) throw error;
      return {
        stdout: "",
        stderr: [...issueLines(error.issues), error.message],
        exitCode: 2,
        ...(await annotationsOf(terminal.env, error.issues)),
      };
    }
    const stderr = issueLines(issues);
    const { read, invalid } = core.counts();
    if (invalid > 0) stderr.push(`${invalidOfRead(invalid, read)} and not counted`);
    const annotated = await annotationsOf(terminal.env, issues);
    // An empty ledger with exit 0 would hide why nothing counted: the same rule as check's.
    const empty = core.nothingToCheck();
    if (empty !== undefined && flags.allowEmpty !== true) {
      close();
      return {
        stdout: "",
        stderr: [...stderr, `nothing to check: ${empty} (--allow-empty reports it anyway)`],
        exitCode: 2,
        ...annotated,
      };
    }
    if (flags.quiet) {
      close();
      return { stdout: "", stderr, exitCode: 0, ...annotated };
    }
    // The renderers load only when asked for: start-up stays short.
    const render = await import("../report/ledger.js");
    const lines = () => entries.lines(sort.sorted(), core.first, TEXT_LINES);
    const format = flags.json ? "json" : flags.format;
    // A long ledger in a format of rows that stand alone is made on two threads (ledger-split.ts).
    const spans =
      format !== "table" && parallel !== undefined
        ? (await import("../ledger-split.js")).splitLedger(
            entries,
            sort,
            core.first,
            format,
            terminal.env.CAPCHECK_LEDGER_SPLIT_MIN === undefined
              ? undefined
              : Number(terminal.env.CAPCHECK_LEDGER_SPLIT_MIN),
            spare,
          )
        : undefined;
    // A reading worker no span took would keep its heap (idle, it never collects) to the end.
    if (spans === undefined) void spare?.worker.terminate();
    const pieces = {
      table: () =>
        render.renderLedgerTable(
          lines,
          resolved.by,
          resolved.regimes,
          // Fits COLUMNS, the terminal, or 80 columns off a terminal, as check's table does.
          outputWidth(terminal.env, terminal.stdoutIsTerminal ? terminal.columns : undefined),
        ),
      json: () => render.renderLedgerJson(lines()),
      csv: () => render.renderLedgerCsv((form) => entries.lines(sort.sorted(), core.first, form)),
      ndjson: () => render.renderLedgerNdjson(lines()),
    }[format];
    const stdout = (async function* () {
      try {
        yield* spans ?? pieces();
      } finally {
        close();
      }
    })();
    return { stdout, stderr, exitCode: 0, ...annotated };
  },
};
