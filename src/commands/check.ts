// capcheck check [files...]: add the records up per cap period and per group,
// compare them with the caps, print a report, and answer in the exit status.
//
//   capcheck check shipments.csv                       # table; exit 1 if a cap is exceeded
//   capcheck check --json data/*.ndjson | jq .verdict  # the Report for scripts
//   capcheck check --format markdown --fail-on notice data.csv >> "$GITHUB_STEP_SUMMARY"
//   capcheck check --format html data.csv > report.html     # tables and charts, one file
import type { GroupField } from "../domain/aggregate.js";
import { issueTotal } from "../domain/issues.js";
import { failsOn, type PeriodSeries, type Report } from "../domain/report.js";
import { InvalidRecordsError } from "../errors.js";
import { readOptionsOf, resolveCheckOptions } from "../options.js";
import type { ChartPanel } from "../report/chart.js";
import { renderCsv } from "../report/csv.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { outputWidth } from "../report/width.js";
import { runCheck } from "../run.js";
import {
  type CommandSpec,
  checkOptionsOf,
  FLAG_SPELLING,
  formatOption,
  JSON_FLAG,
  SELECTION_OPTIONS,
  type SelectionFlags,
  sourcesOf,
  type Terminal,
} from "./options.js";
import { issueLines } from "./output.js";

type ReportFormat = "table" | "json" | "csv" | "markdown" | "svg" | "html";
type FailOn = "exceeded" | "notice" | "never";

interface CheckFlags extends SelectionFlags {
  format: ReportFormat;
  chart?: boolean;
  scenarios?: string;
  failOn: FailOn;
  color: boolean;
}

/** Colour when asked for and the terminal takes it; NO_COLOR and FORCE_COLOR as usual. */
function useColor(flag: boolean, terminal: Terminal): boolean {
  if (!flag) return false;
  const { FORCE_COLOR, NO_COLOR } = terminal.env;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== "0";
  if (NO_COLOR) return false;
  return terminal.stdoutIsTerminal;
}

export const check: CommandSpec<CheckFlags> = {
  name: "check",
  summary: "aggregate, compare with the caps, print a report (main job)",
  description:
    "Adds the records up per cap period and per group, compares them with the caps, prints a report, and answers in the exit status: 0 within the caps, 1 when the verdict meets --fail-on, 2 for bad input.",
  readsFiles: true,
  options: [
    ...SELECTION_OPTIONS,
    formatOption(["table", "json", "csv", "markdown", "svg", "html"]),
    JSON_FLAG,
    { flags: "--scenarios <list>", description: "run once per load factor, e.g. 0.33,0.5,0.9" },
    { flags: "--chart", description: "draw each period's running total under its table" },
    {
      flags: "--fail-on <verdict>",
      description: "which verdict makes the exit status 1",
      choices: ["exceeded", "notice", "never"],
      default: "exceeded",
    },
    {
      flags: "--no-color",
      description: "no colour (NO_COLOR and FORCE_COLOR are honoured too)",
    },
  ],
  examples: [
    "capcheck check shipments.csv",
    "capcheck check --year 2024 --by origin reports/*.csv",
    "cat exports.ndjson | capcheck check --json - | jq .verdict",
    "capcheck check --cap 400000 --fail-on notice data.csv   # what-if",
    'capcheck check --format markdown data.csv >> "$GITHUB_STEP_SUMMARY"',
    "capcheck check --chart data.csv                           # a chart in the terminal",
    "capcheck check --format html data.csv > report.html       # tables and charts, one file",
  ],
  run: async ({ files, flags, terminal }) => {
    const sources = sourcesOf(files, terminal);
    const options = {
      ...checkOptionsOf(flags),
      ...(flags.scenarios !== undefined ? { scenarios: flags.scenarios.split(",") } : {}),
    };
    const resolved = await resolveCheckOptions(options, FLAG_SPELLING);
    const format = flags.json ? "json" : flags.format;
    // The table and chart fit COLUMNS, the terminal, or 80 columns off a terminal.
    const width = outputWidth(
      terminal.env,
      terminal.stdoutIsTerminal ? terminal.columns : undefined,
    );
    let report: Report;
    let series: PeriodSeries[][] = [];
    try {
      const core = await runCheck(sources, readOptionsOf(options), resolved);
      report = core.report();
      if (flags.chart || format === "svg" || format === "html") series = core.series();
    } catch (error) {
      if (!(error instanceof InvalidRecordsError)) throw error;
      const errors = error.issues.filter((i) => i.severity === "error");
      return {
        stdout: "",
        stderr: [
          ...issueLines(errors, error.invalid, ""),
          `${error.invalid} of ${error.read} records invalid; nothing was counted (--skip-invalid counts the valid ones)`,
        ],
        exitCode: 2,
      };
    }
    const warnings = report.issues.filter(
      (i) => i.severity === "warning" && i.code !== "truncated",
    );
    const stderr = issueLines(warnings, issueTotal(report.issues), "warning: ");
    if (report.records.invalid > 0)
      stderr.push(
        `${report.records.invalid} of ${report.records.read} records invalid and not counted`,
      );
    const stdout =
      flags.quiet === true
        ? ""
        : await render(report, series, format, {
            by: resolved.by,
            color: useColor(flags.color, terminal),
            chart: flags.chart === true,
            width,
          });
    return { stdout, stderr, exitCode: failsOn(report.verdict, flags.failOn) ? 1 : 0 };
  },
};

async function render(
  report: Report,
  series: PeriodSeries[][],
  format: ReportFormat,
  options: { by: GroupField; color: boolean; chart: boolean; width: number },
): Promise<string> {
  const { by } = options;
  if (format === "json") return renderJson(report);
  if (format === "csv") return renderCsv(report);
  if (format === "markdown") return renderMarkdown(report, by);
  // Charts and the table (with chalk) load only when asked for: start-up stays short.
  const panels = async (): Promise<ChartPanel[]> =>
    (await import("../report/chart.js")).panelsOf(report, series);
  if (format === "svg") {
    const { renderSvg } = await import("../report/svg.js");
    return renderSvg(await panels(), { standalone: true });
  }
  if (format === "html") {
    const { renderHtml } = await import("../report/html.js");
    return renderHtml(report, await panels(), by);
  }
  const { renderTable } = await import("../report/table.js");
  const charts = options.chart ? { panels: await panels() } : undefined;
  return renderTable(report, {
    color: options.color,
    by,
    width: options.width,
    ...(charts ? { charts } : {}),
  });
}
