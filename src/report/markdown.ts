// GitHub-flavoured Markdown: the table report, fit for a CI step summary.
import type { Report, Tally } from "../domain/report.js";
import {
  type Block,
  blocksOf,
  formatBarrels,
  formatCap,
  formatPercent,
  hasEstimates,
  safeText,
} from "./text.js";

/** Data text that cannot break the table or inject markup. */
function markdownText(text: string): string {
  return safeText(text).replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

const STATUS_MARK = { ok: "ok", notice: "⚠️ notice", exceeded: "❌ **exceeded**" } as const;

function row(name: string, tally: Tally, split: boolean): string {
  const parts = split
    ? ` ${formatBarrels(tally.reported)} | ${formatBarrels(tally.estimated)} |`
    : "";
  return `| ${name} | ${formatBarrels(tally.barrels)} |${parts} ${formatPercent(tally.share)} | ${STATUS_MARK[tally.status]} | ${tally.exceededOn ?? ""} |`;
}

function renderBlock(block: Block, split: boolean): string {
  const { period } = block;
  return [
    `### ${markdownText(period.title)} — ${period.label}`,
    "",
    `${period.start} to ${period.end}, cap ${formatCap(period.cap.barrels)} bbl`,
    "",
    `| ${block.heading} | barrels |${split ? " reported | estimated |" : ""} % of cap | status | over cap |`,
    `| --- | ---: |${split ? " ---: | ---: |" : ""} ---: | --- | --- |`,
    ...block.rows.map((r) =>
      row(r.emphasis ? `**${r.name}**` : markdownText(r.name), r.tally, split),
    ),
    "",
    ...block.thresholds.map((t) => `Thresholds: ${t}  `),
  ]
    .join("\n")
    .trimEnd();
}

export function renderMarkdown(report: Report, by: string): string {
  const r = report.records;
  const head = [
    "## capcheck report",
    "",
    `**Verdict: ${report.verdict}** · records: ${r.read} read, ${r.valid} valid, ${r.invalid} invalid, ${r.uncapped} uncapped`,
  ];
  const blocks = blocksOf(report, by);
  const split = hasEstimates(blocks);
  const text = blocks.map((b) => renderBlock(b, split));
  if (text.length === 0) text.push("No record falls in a period of the selected regimes.");
  return `${[...head, "", ...text.flatMap((b) => [b, ""])].join("\n").trimEnd()}\n`;
}
