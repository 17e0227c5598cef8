// A check's report in each format it is asked for: on stdout (`--format`), in
// files (`--output FORMAT:FILE`, repeatable) and, under GitHub Actions, as
// workflow commands on stderr (contract §14).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { GroupField } from "../domain/aggregate.js";
import type { PeriodSeries, Report } from "../domain/report.js";
import { UsageError } from "../errors.js";
import { regularFileId } from "../ingest/index.js";
import { baselineNotes } from "../report/changes.js";
import type { ChartPanel } from "../report/chart.js";
import { renderCsv } from "../report/csv.js";
import { renderGithub } from "../report/github.js";
import type { Provenance } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";

export const REPORT_FORMATS = [
  "table",
  "json",
  "csv",
  "markdown",
  "github",
  "svg",
  "html",
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The formats that still print a report when records were invalid (contract §14). */
const SAY_INVALID: ReadonlySet<ReportFormat> = new Set(["json", "markdown", "github"]);

export interface Output {
  readonly format: ReportFormat;
  readonly file: string;
}

/** `markdown:summary.md` → format and file; the file may hold colons of its own. */
function outputOf(value: string): Output {
  const colon = value.indexOf(":");
  const format = value.slice(0, colon) as ReportFormat;
  const file = value.slice(colon + 1);
  if (colon <= 0 || file === "" || !REPORT_FORMATS.includes(format)) {
    throw new UsageError(
      `--output takes FORMAT:FILE with FORMAT one of ${REPORT_FORMATS.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  if (file === "-") {
    // Not a file named "-", as it would be: standard output is --format's (and -q's).
    throw new UsageError(
      `--output ${value} writes no standard output: give --format ${format} for that`,
    );
  }
  return { format, file };
}

/**
 * The `--output` files, refused when two name one file (the second would replace the
 * first in silence) or one names an input (the report would replace the records), or
 * a file of options (`{ "--factors": "factors.json" }`: the report would replace it).
 * Files are told by their resolved path, and an existing one by device and inode;
 * what is no regular file (/dev/null, a pipe) replaces nothing and is let be.
 */
export function outputsOf(
  values: readonly string[],
  inputs: readonly string[],
  optionFiles: Readonly<Record<string, string | undefined>> = {},
): Output[] {
  const outputs = values.map(outputOf);
  // A file not there yet is told by its path.
  const identity = (file: string): string | undefined =>
    regularFileId(file) ?? (existsSync(file) ? undefined : resolve(file));
  const taken = new Map<string, string>();
  for (const input of inputs) {
    const id = identity(input);
    if (id !== undefined) taken.set(id, `the input ${input}`);
  }
  for (const [flag, file] of Object.entries(optionFiles)) {
    const id = file === undefined ? undefined : identity(file);
    if (id !== undefined) taken.set(id, `the ${flag} file ${file}`);
  }
  for (const { format, file } of outputs) {
    const id = identity(file);
    if (id === undefined) continue;
    const before = taken.get(id);
    if (before !== undefined) {
      throw new UsageError(`--output ${format}:${file} names the same file as ${before}`);
    }
    taken.set(id, `--output ${format}:${file}`);
  }
  return outputs;
}

export interface RenderOptions {
  readonly by: GroupField;
  readonly color: boolean;
  readonly chart: boolean;
  readonly width: number;
  /** The inputs and the run's date, for the HTML footer (contract §13). */
  readonly provenance: Provenance;
}

/** The report in one format; empty for the formats that print none of an invalid run. */
export async function render(
  report: Report,
  series: PeriodSeries[][],
  format: ReportFormat,
  options: RenderOptions,
): Promise<string> {
  const { by } = options;
  if (report.verdict === "invalid" && !SAY_INVALID.has(format)) return "";
  if (format === "json") return renderJson(report);
  if (format === "csv") return renderCsv(report);
  if (format === "markdown") return renderMarkdown(report, by);
  if (format === "github") return renderGithub(report);
  // Charts and the table (with chalk) load only when asked for: start-up stays short.
  const panels = async (): Promise<ChartPanel[]> =>
    (await import("../report/chart.js")).panelsOf(report, series);
  if (format === "svg") {
    const { renderSvg } = await import("../report/svg.js");
    return renderSvg(await panels(), {
      standalone: true,
      changes: report.changes,
      notes: baselineNotes(report),
    });
  }
  if (format === "html") {
    const { renderHtml } = await import("../report/html.js");
    return renderHtml(report, await panels(), by, options.provenance);
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
