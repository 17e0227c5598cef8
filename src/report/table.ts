// The terminal table (contract §6): a block per period, a row per group, the total
// with its threshold dates. Colour repeats what the words say; it never adds to it.
import { Chalk, type ChalkInstance } from "chalk";
import type { Report, Verdict } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { baselineNotes, changeLines } from "./changes.js";
import type { ChartPanel } from "./chart.js";
import { fitColumns, leftOutLine, type Yield } from "./fit.js";
import { alignColumns, maxOf } from "./format.js";
import { type Block, type Column, NO_PERIOD, viewOf } from "./model.js";
import type { Overview } from "./overview.js";
import { renderChart } from "./terminal-chart.js";
import { displayWidth, truncate, wrap } from "./width.js";

export interface TableOptions {
  readonly color: boolean;
  /** The `--by` field, the first column's heading. */
  readonly by: string;
  /** The terminal's width (80 off a terminal): no row is wider, nor any other line. */
  readonly width: number;
  /** With --chart: the panels to draw under each period. */
  readonly charts?: { readonly panels: readonly ChartPanel[] };
}

const BAR_WIDTH = 20;
const MAX_KEY_WIDTH = 40;

/** A bar whose full width is the cap; `+` marks a total beyond it. */
function bar(share: number): string {
  const eighths = Math.round(Math.min(share, 1) * BAR_WIDTH * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8 === 0 ? "" : (" ▏▎▍▌▋▊▉"[eighths % 8] as string);
  return ("█".repeat(full) + partial).padEnd(BAR_WIDTH, "·") + (share > 1 ? "+" : " ");
}

function paint(chalk: ChalkInstance, status: Verdict, text: string): string {
  if (status === "exceeded" || status === "invalid") return chalk.red.bold(text);
  if (status === "notice") return chalk.yellow(text);
  return chalk.green(text);
}

/** The model's columns with the bar after the share: the one column only the terminal draws. */
type TableColumn =
  | Column
  | { readonly id: "bar"; readonly heading: string; readonly numeric: false };

function tableColumns(columns: readonly Column[]): TableColumn[] {
  return columns.flatMap((c): TableColumn[] =>
    c.id === "share" ? [c, { id: "bar", heading: "cap: 0 to 100%", numeric: false }] : [c],
  );
}

function cell(column: TableColumn, row: Block["rows"][number], nameWidth: number): string {
  if (column.id === "bar") return bar(row.tally.share);
  return column.id === "name"
    ? truncate(safeText(row.cells.name), nameWidth)
    : row.cells[column.id];
}

/** The columns that fit `width`, and the width names are cut to. */
interface Fit {
  readonly columns: readonly TableColumn[];
  readonly nameWidth: number;
}

/**
 * What gives way, in order, until every row fits: the bar, then names down to 16
 * columns, the over-cap date (the total's stays in its thresholds line), the
 * official column (the total's stays in its official line), the reported and estimated split, names down to 10, the share. A row is never
 * wrapped (contract §14); --json keeps everything.
 */
const YIELDS: readonly Yield<TableColumn["id"]>[] = [
  { drop: ["bar"] },
  { cut: "name", to: 16 },
  { drop: ["overCap"] },
  { drop: ["official"] },
  { drop: ["reported", "estimated"] },
  { cut: "name", to: 10 },
  { drop: ["share"] },
];

function fitTable(all: readonly TableColumn[], blocks: readonly Block[], width: number): Fit {
  const rows = blocks.flatMap((b) => b.rows);
  const measured = all.map((c) => ({
    id: c.id,
    heading: displayWidth(c.heading),
    width: maxOf(
      displayWidth(c.heading),
      rows.map((r) => displayWidth(cell(c, r, MAX_KEY_WIDTH))),
    ),
  }));
  const fit = fitColumns(measured, YIELDS, width);
  return {
    columns: all.filter((c) => fit.kept.includes(c.id)),
    nameWidth: fit.widths.get("name") ?? MAX_KEY_WIDTH,
  };
}

function renderBlock(block: Block, layout: Fit, chalk: ChalkInstance, width: number): string {
  const { period } = block;
  const { columns, nameWidth } = layout;
  const laid = alignColumns(
    columns.map((c) => c.heading),
    block.rows.map((row) => columns.map((c) => cell(c, row, nameWidth))),
    new Set(columns.flatMap((c, i) => (c.numeric ? [i] : []))),
  );
  const title = `${safeText(period.title)} · ${period.label} (${block.dates}) · cap ${block.cap} bbl`;
  const out = [...wrap(title, width).map((line) => chalk.bold(line)), chalk.dim(laid.heading)];
  block.rows.forEach((row, i) => {
    const text = paint(chalk, row.tally.status, laid.rows[i] as string);
    out.push(row.emphasis ? chalk.bold(text) : text);
  });
  for (const t of block.thresholds) out.push(...wrap(`thresholds: ${t}`, width));
  if (block.official !== undefined) out.push(...wrap(block.official, width));
  for (const line of block.afterNotice) out.push(...wrap(line, width));
  for (const gap of block.gaps)
    out.push(...wrap(`reporting gap: ${safeText(gap.key)}: ${gap.months}`, width));
  if (block.gapsLeftOut !== undefined) out.push(...wrap(block.gapsLeftOut, width));
  if (block.panel) out.push("", renderChart(block.panel, width));
  return out.join("\n");
}

/**
 * The group × period matrix. Names give way down to 16 columns; periods that still
 * do not fit go on to further bands, each repeating the names, so no row is wider
 * than the terminal (as wide matrices print in R).
 */
function renderOverview(overview: Overview, chalk: ChalkInstance, width: number): string {
  const widths = overview.columns.map((label, i) =>
    Math.max(displayWidth(label), ...overview.rows.map((r) => displayWidth(r.cells[i] ?? ""))),
  );
  const names = Math.max(
    displayWidth(overview.heading),
    ...overview.rows.map((r) => displayWidth(safeText(r.name))),
  );
  const all = widths.reduce((sum, w) => sum + 2 + w, 0);
  const nameWidth = Math.max(Math.min(16, names), Math.min(MAX_KEY_WIDTH, names, width - all));
  const bands: number[][] = [];
  let used = width;
  widths.forEach((w, i) => {
    if (used + 2 + w > width || bands.length === 0) {
      bands.push([]);
      used = nameWidth;
    }
    bands.at(-1)?.push(i);
    used += 2 + w;
  });
  const out = wrap(`overview · ${safeText(overview.title)}`, width).map((l) => chalk.bold(l));
  for (const band of bands) {
    const laid = alignColumns(
      [overview.heading, ...band.map((i) => overview.columns[i] as string)],
      overview.rows.map((r) => [
        truncate(safeText(r.name), nameWidth),
        ...band.map((i) => r.cells[i] as string),
      ]),
      new Set(),
    );
    out.push(chalk.dim(laid.heading));
    overview.rows.forEach((row, i) => {
      const text = laid.rows[i] as string;
      out.push(row.emphasis ? chalk.bold(text) : text);
    });
  }
  return out.join("\n");
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const view = viewOf(report, options.by, options.charts?.panels);
  const all = tableColumns(view.columns);
  const layout = fitTable(all, view.blocks, options.width);
  const text = [
    ...view.overviews.map((o) => renderOverview(o, chalk, options.width)),
    ...view.blocks.map((b) => renderBlock(b, layout, chalk, options.width)),
  ];
  if (text.length === 0) text.push(NO_PERIOD);
  if (report.changes) {
    text.push(
      changeLines(report.changes, baselineNotes(report))
        .flatMap((line) => wrap(line, options.width, 4))
        .join("\n"),
    );
  }
  const scenario = view.verdictScenario === undefined ? "" : ` (${view.verdictScenario})`;
  const official = view.officialVerdict === undefined ? "" : ` · ${view.officialVerdict}`;
  const verdictLine = `verdict: ${view.verdict}${scenario}${official} · ${view.records}`;
  const summary = wrap(verdictLine, options.width).map((line) =>
    line.replace(/^verdict: (\w+)/, (_, v: string) => `verdict: ${paint(chalk, view.verdict, v)}`),
  );
  if (view.factors !== undefined) summary.push(...wrap(view.factors, options.width));
  const left = all.filter((c) => c.id !== "bar" && !layout.columns.includes(c));
  if (left.length > 0) {
    const note = leftOutLine(
      left.map((c) => c.heading),
      options.width,
    );
    summary.push(...wrap(note, options.width).map((line) => chalk.dim(line)));
  }
  return `${text.join("\n\n")}\n\n${summary.join("\n")}\n`;
}
