// The terminal table (contract §6): a block per period, a row per group, the total
// with its threshold dates. Colour repeats what the words say; it never adds to it.
import { Chalk, type ChalkInstance } from "chalk";
import type { Report, Status } from "../domain/report.js";
import type { ChartPanel } from "./chart.js";
import { renderChart } from "./terminal-chart.js";
import {
  alignColumns,
  type Block,
  blocksOf,
  formatBarrels,
  formatCap,
  formatPercent,
  hasEstimates,
  safeText,
} from "./text.js";

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

function renderBlock(block: Block, split: boolean, chalk: ChalkInstance): string {
  const { period } = block;
  const cells = block.rows.map(({ name, tally, emphasis }) => ({
    status: tally.status,
    emphasis,
    values: [
      shorten(name),
      formatBarrels(tally.barrels),
      ...(split ? [formatBarrels(tally.reported), formatBarrels(tally.estimated)] : []),
      formatPercent(tally.share),
      bar(tally.share),
      tally.status,
      tally.exceededOn ?? "",
    ],
  }));
  const heading = [
    block.heading,
    "barrels",
    ...(split ? ["reported", "estimated"] : []),
    "% of cap",
    "cap: 0 to 100%",
    "status",
    "over cap",
  ];
  const laid = alignColumns(
    heading,
    cells.map((c) => c.values),
    new Set(split ? [1, 2, 3, 4] : [1, 2]),
  );
  const title = `${safeText(period.title)} · ${period.label} (${period.start} to ${period.end}) · cap ${formatCap(period.cap.barrels)} bbl`;
  const out = [chalk.bold(title), chalk.dim(laid.heading)];
  cells.forEach((c, i) => {
    const text = laid.rows[i] as string;
    out.push(c.emphasis ? chalk.bold(paint(chalk, c.status, text)) : paint(chalk, c.status, text));
  });
  for (const t of block.thresholds) out.push(`thresholds: ${t}`);
  return out.join("\n");
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = blocksOf(report, options.by);
  const split = hasEstimates(blocks);
  const text = blocks.map((b) => {
    const table = renderBlock(b, split, chalk);
    const panel = options.charts?.panels.find(
      (p) => p.period.regime === b.period.regime && p.period.start === b.period.start,
    );
    return panel && options.charts
      ? `${table}\n\n${renderChart(panel, options.charts.width)}`
      : table;
  });
  if (text.length === 0) text.push("No record falls in a period of the selected regimes.");
  const r = report.records;
  const summary = `verdict: ${paint(chalk, report.verdict, report.verdict)} · records: ${r.read} read, ${r.valid} valid, ${r.invalid} invalid, ${r.uncapped} uncapped`;
  return `${text.join("\n\n")}\n\n${summary}\n`;
}
