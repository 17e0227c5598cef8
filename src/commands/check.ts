// capcheck check [files...]: add the records up per cap period and per group,
// compare them with the caps, print a report, and answer in the exit status.
//
//   capcheck check shipments.csv                       # table; exit 1 if a cap is exceeded
//   capcheck check --json data/*.ndjson | jq .verdict  # the Report for scripts
//   capcheck check --format markdown --fail-on notice data.csv >> "$GITHUB_STEP_SUMMARY"
//   capcheck check --format html data.csv > report.html     # tables and charts, one file

import { loadBaseline } from "../baseline-file.js";
import { compareWithBaseline, nothingComparable } from "../domain/baseline.js";
import { settingsOf } from "../domain/check.js";
import { formatRatio } from "../domain/decimal.js";
import {
  DEFAULT_FAIL_ON,
  FAIL_ON_CONDITIONS,
  failingConditions,
  parseFailOn,
} from "../domain/fail-on.js";
import { invalidOfRead } from "../domain/issues.js";
import { invalidReport, type PeriodSeries, type Report } from "../domain/report.js";
import { InputError, InvalidRecordsError, UsageError } from "../errors.js";
import { fileNameOf } from "../option-values.js";
import { readOptionsOf, resolveCheckOptions } from "../options.js";
import { progressFor, withProgress } from "../progress.js";
import { baselineNotes } from "../report/changes.js";
import { renderGithub } from "../report/github.js";
import { outputWidth } from "../report/width.js";
import { runCheck } from "../run.js";
import { VERSION } from "../version.js";
import {
  checkOptionsOf,
  FLAG_SPELLING,
  parallelOfFlags,
  type SelectionFlags,
  sourcesOf,
} from "./flags.js";
import {
  ALLOW_EMPTY_OPTION,
  type ColorFlag,
  type CommandSpec,
  colorOf,
  formatOption,
  JSON_FLAG,
  SELECTION_OPTIONS,
  THREADS_OPTION,
} from "./options.js";
import { annotationsOf, issueLines } from "./output.js";
import { outputsOf, REPORT_FORMATS, type ReportFormat, render } from "./report-output.js";

interface CheckFlags extends SelectionFlags {
  format: ReportFormat;
  output?: string[];
  baseline?: string;
  chart?: boolean;
  scenarios?: string;
  failOn?: string[];
  allowEmpty?: boolean;
  threads?: string;
  color: ColorFlag;
}

export const check: CommandSpec<CheckFlags> = {
  name: "check",
  summary: "aggregate, compare with the caps, print a report (main job)",
  description:
    "Adds the records up per cap period and per group, compares them with the caps, prints a report, and answers in the exit status: 0 within the caps, 1 when the verdict meets --fail-on, 2 for bad input.",
  readsFiles: true,
  options: [
    ...SELECTION_OPTIONS,
    formatOption(REPORT_FORMATS),
    JSON_FLAG,
    {
      flags: "--output <format:file>",
      description: "also write the report in this format to this file (repeatable)",
      repeatable: true,
    },
    {
      flags: "--scenarios <list>",
      description: "run once per load factor, e.g. 0.33,0.5,0.9 (not with --load-factor)",
    },
    { flags: "--chart", description: "draw each period's running total under its table" },
    {
      flags: "--baseline <file>",
      description: "compare with an earlier --json report: a changes section, --fail-on worse",
    },
    {
      flags: "--fail-on <list>",
      description: `what makes the exit status 1: a comma list, or never alone; ${DEFAULT_FAIL_ON.join(",")} when not given`,
      choices: FAIL_ON_CONDITIONS,
      list: true,
    },
    ALLOW_EMPTY_OPTION,
    THREADS_OPTION,
  ],
  examples: [
    "capcheck check shipments.csv",
    "capcheck check --year 2024 --by origin reports/*.csv",
    "cat exports.ndjson | capcheck check --json - | jq .verdict",
    "capcheck check --cap 400000 --fail-on notice data.csv   # what-if",
    "capcheck check --skip-invalid --fail-on exceeded,invalid,uncapped data.csv",
    'capcheck check --format markdown data.csv >> "$GITHUB_STEP_SUMMARY"',
    "capcheck check --chart data.csv                     # a chart in the terminal",
    "capcheck check --format html data.csv > report.html # tables and charts",
    "capcheck check -q --output json:report.json data.csv",
  ],
  run: async ({ files, flags, terminal }) => {
    const failOn = parseFailOn(flags.failOn ?? []);
    if (failOn.includes("worse") && flags.baseline === undefined) {
      throw new UsageError("--fail-on worse compares with a --baseline report; give one");
    }
    // Read before the records, so that a bad baseline stops the run at once.
    const baseline =
      flags.baseline === undefined
        ? undefined
        : await loadBaseline(fileNameOf(flags.baseline, "--baseline"));
    const sources = sourcesOf(files, terminal);
    const options = {
      ...checkOptionsOf(flags),
      ...(flags.scenarios !== undefined ? { scenarios: flags.scenarios.split(",") } : {}),
    };
    const resolved = await resolveCheckOptions(options, FLAG_SPELLING);
    // Before the records too: a scenario report and a plain one share no tally.
    const unlike =
      baseline &&
      nothingComparable(
        baseline,
        resolved.scenarios?.map((x) => Number(formatRatio(x))),
      );
    if (unlike) throw new InputError(flags.baseline as string, null, unlike);
    const parallel = parallelOfFlags(flags, terminal.env);
    const format: ReportFormat = flags.json ? "json" : flags.format;
    const inputs = sources.flatMap((source) => (source.path === null ? [] : [source.path]));
    const outputs = outputsOf(flags.output ?? [], inputs, {
      "--caps": flags.caps,
      "--factors": flags.factors,
    });
    let report: Report;
    let series: PeriodSeries[][] = [];
    let stderr: string[];
    let failing: string[] = [];
    let empty: string | undefined;
    try {
      const progress = progressFor(terminal.stderr, terminal.env, flags.quiet === true);
      const read = withProgress(readOptionsOf(options), progress);
      const core = await runCheck(sources, read, resolved, undefined, parallel).finally(() =>
        progress?.clear(),
      );
      report = core.report();
      if (baseline) report = { ...report, changes: compareWithBaseline(baseline, report) };
      const worse = report.changes?.worse ?? 0;
      failing = failingConditions({ ...core.facts(report), worse }, failOn);
      empty = core.nothingToCheck();
      if (flags.chart || format === "svg" || format === "html") series = core.series();
      // Said once each: how the baseline was compared, where not like with like (contract §11).
      const compared = flags.baseline === undefined ? [] : baselineNotes(report, flags.baseline);
      stderr = [...compared.map((note) => `warning: ${note}`), ...issueLines(report.issues)];
      if (report.records.invalid > 0)
        stderr.push(
          `${invalidOfRead(report.records.invalid, report.records.read)} and not counted`,
        );
    } catch (error) {
      if (!(error instanceof InvalidRecordsError)) throw error;
      // Nothing counted; json, markdown and github still say so (contract §14).
      report = invalidReport(
        `capcheck ${VERSION}`,
        error,
        resolved.by,
        settingsOf(resolved),
        error.issues,
      );
      stderr = [
        ...issueLines(error.issues),
        `${error.message}; nothing was counted (--skip-invalid counts the valid ones)`,
      ];
    }
    if (empty !== undefined && flags.allowEmpty !== true) {
      return {
        stdout: "",
        stderr: [...stderr, `nothing to check: ${empty} (--allow-empty reports it anyway)`],
        exitCode: 2,
        // Under GitHub Actions the records' issues are annotated whatever stops the run (§14).
        ...(await annotationsOf(terminal.env, report.issues)),
      };
    }
    const renderOptions = {
      by: resolved.by,
      color: colorOf(flags.color, terminal),
      chart: flags.chart === true,
      // The table and chart fit COLUMNS, the terminal, or 80 columns off a terminal.
      width: outputWidth(terminal.env, terminal.stdoutIsTerminal ? terminal.columns : undefined),
      provenance: { inputs: sources.map((s) => s.name), date: resolved.today },
    };
    const stdout = flags.quiet ? "" : await render(report, series, format, renderOptions);
    const written = [];
    for (const { format: fileFormat, file } of outputs) {
      // A file is plain text: no colour, and 80 columns like any other non-terminal.
      const text = await render(report, series, fileFormat, {
        ...renderOptions,
        color: false,
        width: outputWidth({}, undefined),
      });
      // The step summary collects every step's Markdown: add to it, as `>>` would.
      written.push({ path: file, text, append: file === terminal.env.GITHUB_STEP_SUMMARY });
    }
    const annotate = terminal.env.GITHUB_ACTIONS === "true" && (flags.quiet || format !== "github");
    const exitCode = report.verdict === "invalid" ? 2 : failing.length > 0 ? 1 : 0;
    return {
      stdout,
      stderr,
      exitCode,
      files: written,
      ...(annotate ? { workflowCommands: renderGithub(report) } : {}),
    };
  },
};
