// `check --chart`: the running total month by month in Unicode blocks, against the
// cap and the 75/90/95 % marks, fitted to the terminal's width. Every line is
// labelled in words, so the chart reads the same without colour.
import { monthEnds, monthName } from "../domain/calendar.js";
import { safeText } from "../domain/sanitize.js";
import { type ChartPanel, runningAt } from "./chart.js";
import { formatCap, maxOf } from "./format.js";

const HEIGHT = 12;
/** The widest row label: "cap 500,000,000,000,000/95%/90%/75%" for the largest cap. */
const MAX_LABEL_WIDTH = 40;
const EIGHTHS = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"];

export function renderChart(panel: ChartPanel, width: number): string {
  const { period } = panel;
  const line = panel.lines[0];
  if (line === undefined) return "";
  const cap = period.cap.barrels;
  const ends = monthEnds(period.start, period.end);
  // Every month end when they fit the width; for a long period (1900-2100 has
  // 2,412 months) every k-th and the last, so the chart never outgrows the terminal.
  const fits = Math.max(1, width - MAX_LABEL_WIDTH - 2);
  const every = Math.ceil(ends.length / fits);
  const months = ends
    .filter((_, i) => (i + 1) % every === 0 || i === ends.length - 1)
    .map((m) => ({ day: m.day, label: every === 1 ? monthName(m.from) : m.from.slice(0, 4) }));
  const values = months.map((m) => runningAt(line.points, m.day));
  const top = maxOf(cap, values) * 1.05;
  const marks = [
    { value: cap, label: `cap ${formatCap(cap)}`, rule: "━" },
    ...Object.keys(period.total.reached).map((key) => ({
      value: (cap * Number(key)) / 100,
      label: `${key}%`,
      rule: "┄",
    })),
  ];
  // Marks that share a row share its label; the cap's rule wins.
  const rowOf = (value: number) => Math.min(HEIGHT - 1, Math.floor((value / top) * HEIGHT));
  const labels = new Map<number, string>();
  for (const m of [...marks].reverse()) {
    const row = rowOf(m.value);
    labels.set(row, labels.has(row) ? `${m.label}/${labels.get(row)}` : m.label);
  }
  const labelWidth =
    maxOf(
      0,
      [...labels.values()].map((l) => l.length),
    ) + 1;
  const column = Math.max(1, Math.min(6, Math.floor((width - labelWidth - 2) / months.length)));
  const rows: string[] = [];
  for (let r = HEIGHT - 1; r >= 0; r--) {
    const low = (top * r) / HEIGHT;
    const high = (top * (r + 1)) / HEIGHT;
    const mark = marks.find((m) => rowOf(m.value) === r);
    let cells = "";
    for (const value of values) {
      let cell: string;
      if (value >= high) cell = "█";
      else if (value > low) cell = EIGHTHS[Math.floor(((value - low) / (high - low)) * 8)] || "▁";
      else cell = mark ? mark.rule : " ";
      const pad = mark && value < high ? mark.rule : " ";
      cells += column > 1 ? cell.repeat(column - 1) + pad : cell;
    }
    rows.push(`${(labels.get(r) ?? "").padStart(labelWidth)} ┤${cells.trimEnd()}`);
  }
  const axis = `${" ".repeat(labelWidth)} └${"─".repeat(months.length * column)}`;
  const monthLabels = `${" ".repeat(labelWidth + 2)}${months.map((m) => m.label.slice(0, column).padEnd(column)).join("")}`;
  const title = `running ${safeText(line.name)} by month end, ${period.label}`;
  return [title, ...rows, axis, monthLabels.trimEnd()].join("\n");
}
