// GitHub-flavoured Markdown: the table report, fit for a CI step summary.
import type { PeriodReport, Report, Tally } from "../domain/report.js";
import { formatBarrels, formatCap, formatPercent, safeText, thresholdLine } from "./text.js";

/** Data text that cannot break the table or inject markup. */
export function markdownText(text: string): string {
  return safeText(text).replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}

const STATUS_MARK = { ok: "ok", notice: "⚠️ notice", exceeded: "❌ **exceeded**" } as const;

function row(name: string, tally: Tally): string {
  return `| ${name} | ${formatBarrels(tally.barrels)} | ${formatPercent(tally.share)} | ${STATUS_MARK[tally.status]} | ${tally.exceededOn ?? ""} |`;
}

function renderPeriod(period: PeriodReport, by: string): string {
  return [
    `### ${markdownText(period.title)} — ${period.label}`,
    "",
    `${period.start} to ${period.end}, cap ${formatCap(period.cap.barrels)} bbl`,
    "",
    `| ${by} | barrels | % of cap | status | over cap |`,
    "| --- | ---: | ---: | --- | --- |",
    ...period.groups.map((g) => row(markdownText(g.key), g)),
    row("**total**", period.total),
    "",
    `Thresholds: ${thresholdLine(period.total)}`,
  ].join("\n");
}

export function renderMarkdown(report: Report, by: string): string {
  const r = report.records;
  const head = [
    "## capcheck report",
    "",
    `**Verdict: ${report.verdict}** · records: ${r.read} read, ${r.valid} valid, ${r.invalid} invalid, ${r.uncapped} uncapped`,
  ];
  const blocks = report.periods.map((p) => renderPeriod(p, by));
  if (blocks.length === 0) blocks.push("No record falls in a period of the selected regimes.");
  return `${[...head, "", ...blocks.flatMap((b) => [b, ""])].join("\n").trimEnd()}\n`;
}
