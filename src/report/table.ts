// The terminal table (contract §6): a block per period, a row per group, the total
// with its threshold dates. Colour repeats what the words say; it never adds to it.
import { Chalk, type ChalkInstance } from "chalk";
import type { PeriodReport, Report, Status, Tally } from "../domain/report.js";
import { formatBarrels, formatCap, formatPercent, safeText, thresholdLine } from "./text.js";

export interface TableOptions {
  readonly color: boolean;
  /** The `--by` field, the first column's heading. */
  readonly by: string;
}

const BAR_WIDTH = 20;
const MAX_KEY_WIDTH = 40;

/** A bar whose full width is the cap; `+` marks a total beyond it. */
export function bar(share: number): string {
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

function renderPeriod(period: PeriodReport, options: TableOptions, chalk: ChalkInstance): string {
  const rows = [
    ...period.groups.map((g) => ({ name: shorten(g.key), tally: g as Tally, total: false })),
    { name: "total", tally: period.total, total: true },
  ];
  const cells = rows.map(({ name, tally, total }) => ({
    status: tally.status,
    total,
    values: [
      name,
      formatBarrels(tally.barrels),
      formatPercent(tally.share),
      bar(tally.share),
      tally.status,
      tally.exceededOn ?? "",
    ],
  }));
  const heading = [options.by, "barrels", "% of cap", "cap: 0 to 100%", "status", "over cap"];
  const widths = heading.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c.values[i] as string).length)),
  );
  const rightAligned = new Set([1, 2]);
  const line = (values: string[]) =>
    values
      .map((v, i) =>
        rightAligned.has(i) ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number),
      )
      .join("  ")
      .trimEnd();
  const title = `${safeText(period.title)} · ${period.label} (${period.start} to ${period.end}) · cap ${formatCap(period.cap.barrels)} bbl`;
  const out = [chalk.bold(title), chalk.dim(line(heading))];
  for (const c of cells) {
    const text = line(c.values);
    out.push(c.total ? chalk.bold(paint(chalk, c.status, text)) : paint(chalk, c.status, text));
  }
  out.push(`thresholds: ${thresholdLine(period.total)}`);
  return out.join("\n");
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const blocks = report.periods.map((p) => renderPeriod(p, options, chalk));
  if (blocks.length === 0) blocks.push("No record falls in a period of the selected regimes.");
  const r = report.records;
  const summary = `verdict: ${paint(chalk, report.verdict, report.verdict)} · records: ${r.read} read, ${r.valid} valid, ${r.invalid} invalid, ${r.uncapped} uncapped`;
  return `${blocks.join("\n\n")}\n\n${summary}\n`;
}
