// `check --format html` (contract §10): one self-contained page, with the report
// tables and the charts inline, for readers who never open a terminal. No
// network requests: no external styles, fonts, scripts or images.
import type { Report, Tally } from "../domain/report.js";
import type { ChartPanel } from "./chart.js";
import { panelSvg, xmlText } from "./svg.js";
import { blocksOf, formatBarrels, formatCap, formatPercent, hasEstimates } from "./text.js";

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
tr.total td { font-weight: bold; border-top: 2px solid #333; }
.status { font-weight: bold; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 3rem; color: #555; font-size: .85rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { break-inside: avoid; page-break-inside: avoid; }
  .verdict { border-left-width: 4px; }
}
`;

function cells(tally: Tally, split: boolean): string {
  const parts = [
    `<td class="num">${formatBarrels(tally.barrels)}</td>`,
    ...(split
      ? [
          `<td class="num">${formatBarrels(tally.reported)}</td>`,
          `<td class="num">${formatBarrels(tally.estimated)}</td>`,
        ]
      : []),
    `<td class="num">${formatPercent(tally.share)}</td>`,
    `<td class="status ${tally.status}">${tally.status}</td>`,
    `<td>${tally.exceededOn ?? ""}</td>`,
  ];
  return parts.join("");
}

export function renderHtml(report: Report, panels: readonly ChartPanel[], by: string): string {
  const blocks = blocksOf(report, by);
  const split = hasEstimates(blocks);
  const r = report.records;
  const sections = blocks.map((block) => {
    const { period } = block;
    const panel = panels.find(
      (p) => p.period.regime === period.regime && p.period.start === period.start,
    );
    const head = [
      `<th>${xmlText(block.heading)}</th>`,
      '<th class="num">barrels</th>',
      ...(split ? ['<th class="num">reported</th>', '<th class="num">estimated</th>'] : []),
      '<th class="num">% of cap</th><th>status</th><th>over cap</th>',
    ].join("");
    const rows = block.rows.map(
      (row) =>
        `<tr${row.emphasis ? ' class="total"' : ""}><td>${xmlText(row.name)}</td>${cells(row.tally, split)}</tr>`,
    );
    return [
      "<section>",
      `<h2>${xmlText(period.title)} — ${period.label}</h2>`,
      `<p>${period.start} to ${period.end}, cap ${formatCap(period.cap.barrels)} barrels.</p>`,
      `<table><thead><tr>${head}</tr></thead><tbody>`,
      ...rows,
      "</tbody></table>",
      ...block.thresholds.map((t) => `<p>Thresholds: ${xmlText(t)}</p>`),
      panel ? panelSvg(panel, false) : "",
      "</section>",
    ].join("\n");
  });
  if (sections.length === 0)
    sections.push("<p>No record falls in a period of the selected regimes.</p>");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>capcheck report: ${report.verdict}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Cap compliance report</h1>
<p class="verdict ${report.verdict}">Verdict: <strong>${report.verdict}</strong> · records: ${r.read} read, ${r.valid} valid, ${r.invalid} invalid, ${r.uncapped} uncapped</p>
${sections.join("\n")}
<footer>Made by ${xmlText(report.generator)}. Barrels are exact sums rounded to 3 decimals; shares to 6.</footer>
</body>
</html>
`;
}
