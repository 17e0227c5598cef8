// GitHub-flavoured Markdown: the table report, fit for a CI step summary.
import type { Issue } from "../domain/issues.js";
import { invalidOfRead, issueLocation, issueTotal } from "../domain/issues.js";
import { formatCount } from "../domain/number-format.js";
import type { Report } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { baselineNotes, changesMarkdown } from "./changes.js";
import { capitalise } from "./format.js";
import { type Block, type Column, NO_PERIOD, type Row, viewOf } from "./model.js";
import type { Overview } from "./overview.js";

/** Data text that cannot break the table or inject markup. */
function markdownText(text: string): string {
  return safeText(text).replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

const STATUS_MARK = { ok: "ok", notice: "⚠️ notice", exceeded: "❌ **exceeded**" } as const;

const tableLine = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

function cell(row: Row, column: Column): string {
  if (column.id === "name")
    return row.emphasis ? `**${row.cells.name}**` : markdownText(row.cells.name);
  if (column.id === "status") return STATUS_MARK[row.tally.status];
  return row.cells[column.id];
}

function renderBlock(block: Block, columns: readonly Column[]): string {
  const { period } = block;
  return [
    `### ${markdownText(period.title)} — ${period.label}`,
    "",
    `${block.dates}, cap ${block.cap} bbl`,
    "",
    tableLine(columns.map((c) => c.heading)),
    tableLine(columns.map((c) => (c.numeric ? "---:" : "---"))),
    ...block.rows.map((row) => tableLine(columns.map((c) => cell(row, c)))),
    "",
    ...block.thresholds.map((t) => `Thresholds: ${t}  `),
    ...(block.official === undefined ? [] : [`${capitalise(block.official)}  `]),
    ...block.afterNotice.map((line) => `${capitalise(line)}  `),
    ...block.gaps.map((gap) => `Reporting gap: ${markdownText(gap.key)}: ${gap.months}  `),
    ...(block.gapsLeftOut === undefined ? [] : [`${capitalise(block.gapsLeftOut)}  `]),
  ]
    .join("\n")
    .trimEnd();
}

/** How many issues a summary lists (contract §14); the JSON report has up to 1,000. */
const LISTED_ISSUES = 100;

const SEVERITY_LABELS = { error: "❌ invalid", warning: "⚠️ warning", note: "ℹ️ note" };

/** The first 100 issues (invalid records, then warnings, then notes), then how many more there were. */
function renderIssues(issues: readonly Issue[]): string[] {
  const listed = issues.filter((i) => i.code !== "truncated");
  if (listed.length === 0) return [];
  const total = issueTotal(issues);
  const ordered = [
    ...listed.filter((i) => i.severity === "error"),
    ...listed.filter((i) => i.severity === "warning"),
    ...listed.filter((i) => i.severity === "note"),
  ].slice(0, LISTED_ISSUES);
  const where = (i: Issue) => markdownText(issueLocation(i));
  const lines = [
    `### Issues (${formatCount(total)})`,
    "",
    tableLine(["", "where", "field", "problem"]),
    tableLine(["---", "---", "---", "---"]),
    ...ordered.map((i) =>
      tableLine([
        SEVERITY_LABELS[i.severity],
        where(i),
        markdownText(i.field ?? ""),
        markdownText(i.message),
      ]),
    ),
  ];
  if (total > ordered.length) lines.push("", `… and ${formatCount(total - ordered.length)} more.`);
  return lines;
}

function renderOverview(overview: Overview): string {
  return [
    `### Overview — ${markdownText(overview.title)}`,
    "",
    tableLine([markdownText(overview.heading), ...overview.columns]),
    tableLine(["---", ...overview.columns.map(() => "---")]),
    ...overview.rows.map((r) =>
      tableLine([r.emphasis ? `**${r.name}**` : markdownText(r.name), ...r.cells]),
    ),
  ].join("\n");
}

export function renderMarkdown(report: Report, by: string): string {
  const view = viewOf(report, by);
  const official = view.officialVerdict === undefined ? "" : ` · ${view.officialVerdict}`;
  const scenario = view.verdictScenario === undefined ? "" : ` (${view.verdictScenario})`;
  const head = [
    "## capcheck report",
    "",
    `**Verdict: ${view.verdict}**${scenario}${official} · ${view.records}`,
    ...(view.factors === undefined ? [] : ["", capitalise(view.factors)]),
  ];
  const text =
    report.verdict === "invalid"
      ? [
          `${invalidOfRead(report.records.invalid, report.records.read)}; nothing was counted (--skip-invalid counts the valid ones).`,
        ]
      : [
          ...view.overviews.map(renderOverview),
          ...view.blocks.map((b) => renderBlock(b, view.columns)),
        ];
  if (text.length === 0) text.push(NO_PERIOD);
  if (report.changes)
    text.push(changesMarkdown(report.changes, baselineNotes(report), markdownText));
  const issues = renderIssues(report.issues);
  if (issues.length > 0) text.push(issues.join("\n"));
  return `${[...head, "", ...text.flatMap((b) => [b, ""])].join("\n").trimEnd()}\n`;
}
