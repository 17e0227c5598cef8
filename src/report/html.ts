// `check --format html` (contract §10): one self-contained page, with the report
// tables and the charts inline, for readers who never open a terminal. No
// network requests: no external styles, fonts, scripts or images.
import type { Report } from "../domain/report.js";
import { baselineNotes, changeLines } from "./changes.js";
import type { ChartPanel } from "./chart.js";
import { type ChartStyle, chartStyle } from "./chart-style.js";
import { capitalise, xmlText } from "./format.js";
import { type Block, type Column, NO_PERIOD, type Row, viewOf } from "./model.js";
import type { Overview } from "./overview.js";
import { panelSvg } from "./svg.js";

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 2rem auto; max-width: 920px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2.5rem; }
.verdict { font-size: 1.1rem; padding: .5rem .75rem; border-left: 6px solid; }
.verdict.exceeded { border-color: #c00; } .verdict.notice { border-color: #b08900; } .verdict.ok { border-color: #2a7a2a; }
.exceeded { color: #a00; } .notice { color: #7a5b00; } .ok { color: #145214; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num, th.num { text-align: right; }
td + td { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #333; }
.status { font-weight: bold; }
.overview td.empty { color: #999; }
.official { font-weight: bold; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 3rem; color: #555; font-size: .85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { break-inside: avoid; page-break-inside: avoid; }
  .verdict { border-left-width: 4px; }
}
`;

function cell(row: Row, column: Column): string {
  if (column.id === "name") return `<td>${xmlText(row.cells.name)}</td>`;
  if (column.id === "status")
    return `<td class="status ${row.tally.status}">${row.tally.status}</td>`;
  return `<td${column.numeric ? ' class="num"' : ""}>${row.cells[column.id]}</td>`;
}

function section(block: Block, columns: readonly Column[], style: ChartStyle): string {
  const { period } = block;
  const head = columns
    .map((c) => `<th${c.numeric ? ' class="num"' : ""}>${xmlText(c.heading)}</th>`)
    .join("");
  const rows = block.rows.map(
    (row) =>
      `<tr${row.emphasis ? ' class="total"' : ""}>${columns.map((c) => cell(row, c)).join("")}</tr>`,
  );
  return [
    "<section>",
    `<h2>${xmlText(period.title)} — ${period.label}</h2>`,
    `<p>${block.dates}, cap ${block.cap} barrels.</p>`,
    `<table><thead><tr>${head}</tr></thead><tbody>`,
    ...rows,
    "</tbody></table>",
    ...block.thresholds.map((t) => `<p>Thresholds: ${xmlText(t)}</p>`),
    ...(block.official === undefined
      ? []
      : [`<p class="official">${xmlText(capitalise(block.official))}</p>`]),
    ...block.afterNotice.map((line) => `<p class="after-notice">${xmlText(capitalise(line))}</p>`),
    ...block.gaps.map(
      (gap) => `<p class="gap">Reporting gap: ${xmlText(gap.key)}: ${gap.months}</p>`,
    ),
    ...(block.gapsLeftOut === undefined
      ? []
      : [`<p class="gap">${xmlText(capitalise(block.gapsLeftOut))}</p>`]),
    block.panel ? panelSvg(block.panel, false, style) : "",
    "</section>",
  ].join("\n");
}

function overviewSection(overview: Overview): string {
  const head = [overview.heading, ...overview.columns].map((h) => `<th>${xmlText(h)}</th>`);
  const rows = overview.rows.map((row) => {
    const cells = row.cells.map(
      (text, i) => `<td class="${row.statuses[i] ?? "empty"}">${xmlText(text)}</td>`,
    );
    return `<tr${row.emphasis ? ' class="total"' : ""}><td>${xmlText(row.name)}</td>${cells.join("")}</tr>`;
  });
  return [
    '<section class="overview">',
    `<h2>Overview — ${xmlText(overview.title)}</h2>`,
    `<table><thead><tr>${head.join("")}</tr></thead><tbody>`,
    ...rows,
    "</tbody></table>",
    "</section>",
  ].join("\n");
}

/** Where a page's figures come from (contract §13): its input files and the run's date. */
export interface Provenance {
  readonly inputs: readonly string[];
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

export function renderHtml(
  report: Report,
  panels: readonly ChartPanel[],
  by: string,
  provenance: Provenance,
): string {
  const view = viewOf(report, by, panels);
  const style = chartStyle(panels);
  const sections = [
    ...view.overviews.map(overviewSection),
    ...view.blocks.map((b) => section(b, view.columns, style)),
  ];
  if (sections.length === 0) sections.push(`<p>${NO_PERIOD}</p>`);
  if (report.changes) {
    const [head, ...items] = changeLines(report.changes, baselineNotes(report));
    const list = items.map((line) => `<li>${xmlText(line.trim())}</li>`).join("\n");
    sections.push(`<section>\n<h2>${xmlText(head ?? "")}</h2>\n<ul>\n${list}\n</ul>\n</section>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>capcheck report: ${view.verdict}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Cap compliance report</h1>
<p class="verdict ${view.verdict}">Verdict: <strong>${view.verdict}</strong>${view.verdictScenario === undefined ? "" : ` (${view.verdictScenario})`}${view.officialVerdict === undefined ? "" : ` · ${view.officialVerdict}`} · ${view.records}</p>
${view.factors === undefined ? "" : `<p class="factors">${xmlText(capitalise(view.factors))}</p>\n`}${sections.join("\n")}
<footer>Made by ${xmlText(report.generator)} on ${provenance.date} from ${provenance.inputs.map((i) => `<code>${xmlText(i)}</code>`).join(", ")}. Barrels are exact sums rounded to 3 decimals; shares to 6.</footer>
</body>
</html>
`;
}
