// `check --chart`: the running total month by month in Unicode blocks, against the
// cap and the 75/90/95 % marks, fitted to the terminal's width. Every line is
// labelled in words, so the chart reads the same without colour.
import { monthEnds, monthName } from "../domain/calendar.js";
import { safeText } from "../domain/sanitize.js";
import { type ChartPanel, runningAt } from "./chart.js";
import { formatCap, maxOf } from "./format.js";

const HEIGHT = 12;
const EIGHTHS = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"];

/**
 * The axis's labels, each at its column's start when it fits after the one before
 * with a space and within `width` (else left out), so that names never run
 * together (`JanFebMar`).
 */
function axisLabels(labels: readonly string[], column: number, width: number): string {
  let text = "";
  labels.forEach((label, i) => {
    const start = i * column;
    if (label === "" || start + label.length > width) return;
    if (text.length > 0 && text.length >= start) return;
    text = text.padEnd(start) + label;
  });
  return text;
}

export function renderChart(panel: ChartPanel, width: number): string {
  const { period } = panel;
  const line = panel.lines[0];
  if (line === undefined) return "";
  const cap = period.cap.barrels;
  const ends = monthEnds(period.start, period.end);
  const marks = [
    { value: cap, label: `cap ${formatCap(cap)}`, rule: "━" },
    ...Object.keys(period.total.reached).map((key) => ({
      value: (cap * Number(key)) / 100,
      label: `${key}%`,
      rule: "┄",
    })),
  ];
  // Every month end when they fit beside the widest the row labels can be (all
  // marks on one row); for a long period (1900-2100 has 2,412 months) every k-th
  // and the last, so the chart never outgrows the terminal.
  const fits = Math.max(1, width - marks.map((m) => m.label).join("/").length - 3);
  const every = Math.ceil(ends.length / fits);
  // Months by name over two years at most; past that, each year named once.
  const byName = ends.length <= 24;
  const months = ends
    .filter((_, i) => (i + 1) % every === 0 || i === ends.length - 1)
    .map((m, i, shown) => {
      const year = m.from.slice(0, 4);
      const label = byName
        ? monthName(m.from)
        : year === shown[i - 1]?.from.slice(0, 4)
          ? ""
          : year;
      return { day: m.day, label };
    });
  const values = months.map((m) => runningAt(line.points, m.day));
  const top = maxOf(cap, values) * 1.05;
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
  const monthLabels = `${" ".repeat(labelWidth + 2)}${axisLabels(
    months.map((m) => m.label),
    column,
    width - labelWidth - 2,
  )}`;
  const title = `running ${safeText(line.name)} by month end, ${period.label}`;
  return [title, ...rows, axis, monthLabels.trimEnd()].join("\n");
}
