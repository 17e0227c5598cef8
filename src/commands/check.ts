// capcheck check [files...]: add the records up per cap period and per group,
// compare them with the caps, print a report, and answer in the exit status.
//
//   capcheck check shipments.csv                       # table; exit 1 if a cap is exceeded
//   capcheck check --json data/*.ndjson | jq .verdict  # the Report for scripts
//   capcheck check --format markdown --fail-on notice data.csv >> "$GITHUB_STEP_SUMMARY"
//   capcheck check --format html data.csv > report.html     # tables and charts, one file
import { type CheckOptions, checkSources, checkWithSeries, InvalidRecordsError } from "../check.js";
import { formatIssue, type Issue, issueTotal } from "../domain/issues.js";
import { failsOn, type PeriodSeries, type Report } from "../domain/report.js";
import type { InputSource } from "../ingest/index.js";
import type { ChartPanel } from "../report/chart.js";
import { renderCsv } from "../report/csv.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { type CommandOutput, STDERR_ISSUE_LIMIT } from "./output.js";

export type ReportFormat = "table" | "json" | "csv" | "markdown" | "svg" | "html";

export interface CheckCommandOptions extends CheckOptions {
  readonly format: ReportFormat;
  readonly failOn: "exceeded" | "notice" | "never";
  readonly quiet: boolean;
  readonly color: boolean;
  /** With --chart: the width the terminal chart fits. */
  readonly chartWidth?: number;
}

/** Up to 100 issue lines, then a count of the rest (contract §7). */
export function issueLines(issues: readonly Issue[], total: number, prefix: string): string[] {
  const listed = issues.filter((i) => i.code !== "truncated").slice(0, STDERR_ISSUE_LIMIT);
  const lines = listed.map((issue) => prefix + formatIssue(issue));
  if (total > listed.length) lines.push(`... and ${total - listed.length} more`);
  return lines;
}

export async function check(
  sources: readonly InputSource[],
  options: CheckCommandOptions,
): Promise<CommandOutput> {
  const charted =
    options.chartWidth !== undefined || options.format === "svg" || options.format === "html";
  let report: Report;
  let series: PeriodSeries[][] = [];
  try {
    if (charted) ({ report, series } = await checkWithSeries(sources, options));
    else report = await checkSources(sources, options);
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
  const warnings = report.issues.filter((i) => i.severity === "warning" && i.code !== "truncated");
  const stderr = issueLines(warnings, issueTotal(report.issues), "warning: ");
  if (report.records.invalid > 0)
    stderr.push(
      `${report.records.invalid} of ${report.records.read} records invalid and not counted`,
    );
  let stdout = "";
  if (!options.quiet) {
    const by = options.by ?? "exporter";
    if (options.format === "json") stdout = renderJson(report);
    else if (options.format === "csv") stdout = renderCsv(report);
    else if (options.format === "markdown") stdout = renderMarkdown(report, by);
    else {
      // Charts and the table (with chalk) load only when asked for: start-up stays short.
      const panels = async (): Promise<ChartPanel[]> =>
        (await import("../report/chart.js")).panelsOf(report, series);
      if (options.format === "svg") {
        const { renderSvg } = await import("../report/svg.js");
        stdout = renderSvg(await panels(), { standalone: true });
      } else if (options.format === "html") {
        const { renderHtml } = await import("../report/html.js");
        stdout = renderHtml(report, await panels(), by);
      } else {
        const { renderTable } = await import("../report/table.js");
        const charts =
          options.chartWidth === undefined
            ? undefined
            : { panels: await panels(), width: options.chartWidth };
        stdout = renderTable(report, { color: options.color, by, ...(charts ? { charts } : {}) });
      }
    }
  }
  return { stdout, stderr, exitCode: failsOn(report.verdict, options.failOn) ? 1 : 0 };
}
