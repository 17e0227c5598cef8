// GitHub-flavoured Markdown: the table report, fit for a CI step summary.
import type { Report } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { type Block, type Column, NO_PERIOD, type Row, viewOf } from "./model.js";

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
  ]
    .join("\n")
    .trimEnd();
}

export function renderMarkdown(report: Report, by: string): string {
  const view = viewOf(report, by);
  const head = ["## capcheck report", "", `**Verdict: ${view.verdict}** · ${view.records}`];
  const text = view.blocks.map((b) => renderBlock(b, view.columns));
  if (text.length === 0) text.push(NO_PERIOD);
  return `${[...head, "", ...text.flatMap((b) => [b, ""])].join("\n").trimEnd()}\n`;
}
