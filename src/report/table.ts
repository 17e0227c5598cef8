// The terminal table (contract §6): a block per period, a row per group, the total
// with its threshold dates. Colour repeats what the words say; it never adds to it.
import { Chalk, type ChalkInstance } from "chalk";
import type { Report, Status } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import type { ChartPanel } from "./chart.js";
import { alignColumns } from "./format.js";
import { type Block, type Column, NO_PERIOD, viewOf } from "./model.js";
import { renderChart } from "./terminal-chart.js";

export interface TableOptions {
  readonly color: boolean;
  /** The `--by` field, the first column's heading. */
  readonly by: string;
  /** With --chart: the panels to draw under each period, and the width to fit. */
  readonly charts?: { readonly panels: readonly ChartPanel[]; readonly width: number };
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

function paint(chalk: ChalkInstance, status: Status, text: string): string {
  if (status === "exceeded") return chalk.red.bold(text);
  if (status === "notice") return chalk.yellow(text);
  return chalk.green(text);
}

function shorten(text: string): string {
  const safe = safeText(text);
  return safe.length > MAX_KEY_WIDTH ? `${safe.slice(0, MAX_KEY_WIDTH - 1)}…` : safe;
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

function renderBlock(
  block: Block,
  columns: readonly TableColumn[],
  chalk: ChalkInstance,
  width: number | undefined,
): string {
  const { period } = block;
  const laid = alignColumns(
    columns.map((c) => c.heading),
    block.rows.map((row) =>
      columns.map((c) => {
        if (c.id === "bar") return bar(row.tally.share);
        return c.id === "name" ? shorten(row.cells.name) : row.cells[c.id];
      }),
    ),
    new Set(columns.flatMap((c, i) => (c.numeric ? [i] : []))),
  );
  const title = `${safeText(period.title)} · ${period.label} (${block.dates}) · cap ${block.cap} bbl`;
  const out = [chalk.bold(title), chalk.dim(laid.heading)];
  block.rows.forEach((row, i) => {
    const text = paint(chalk, row.tally.status, laid.rows[i] as string);
    out.push(row.emphasis ? chalk.bold(text) : text);
  });
  for (const t of block.thresholds) out.push(`thresholds: ${t}`);
  if (block.panel && width !== undefined) out.push("", renderChart(block.panel, width));
  return out.join("\n");
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const view = viewOf(report, options.by, options.charts?.panels);
  const columns = tableColumns(view.columns);
  const text = view.blocks.map((b) => renderBlock(b, columns, chalk, options.charts?.width));
  if (text.length === 0) text.push(NO_PERIOD);
  const summary = `verdict: ${paint(chalk, view.verdict, view.verdict)} · ${view.records}`;
  return `${text.join("\n\n")}\n\n${summary}\n`;
}
