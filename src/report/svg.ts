// `check --format svg` (contract §10): a panel per period with the running total
// of the total and of each group as step lines, the cap and threshold lines, the
// over-cap date marked, labelled axes and a legend. Self-contained: no fonts,
// scripts or links; all text from the data escaped.
import { monthEnd, monthName, nextMonth, ordinalOfDay } from "../domain/calendar.js";
import { safeText } from "../domain/sanitize.js";
import type { ChartPanel } from "./chart.js";
import { formatCap, formatPercent } from "./format.js";
import { NO_PERIOD } from "./model.js";

const WIDTH = 880;
const HEIGHT = 400;
const MARGIN = { left: 96, right: 240, top: 56, bottom: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const PALETTE = [
  "#1f77b4",
  "#2ca02c",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
  "#7f7f7f",
];
const MAX_LINES = 9;

/** Text for XML: control characters gone, markup characters escaped. */
export function xmlText(text: string): string {
  return safeText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most six ticks to `value`. */
function niceStep(value: number): number {
  const rough = Math.max(value, 1) / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const step of [1, 2, 2.5, 5]) if (step * power >= rough) return step * power;
  return 10 * power;
}

const n = (value: number) => value.toFixed(1);

interface Scale {
  x(day: string): number;
  y(barrels: number): number;
}

function scaleOf(panel: ChartPanel): Scale & { top: number; step: number } {
  const { period } = panel;
  const first = ordinalOfDay(period.start);
  const span = ordinalOfDay(period.end) + 1 - first;
  const highest = Math.max(
    period.cap.barrels,
    ...panel.lines.flatMap((l) => l.points.map((p) => p.barrels)),
  );
  const step = niceStep(highest * 1.05);
  const top = Math.ceil((highest * 1.05) / step) * step;
  return {
    top,
    step,
    x: (day) => MARGIN.left + ((ordinalOfDay(day) - first) / span) * PLOT_W,
    y: (barrels) => MARGIN.top + PLOT_H - (barrels / top) * PLOT_H,
  };
}

function axes(panel: ChartPanel, scale: Scale & { top: number; step: number }): string[] {
  const { period } = panel;
  const out: string[] = [];
  const bottom = MARGIN.top + PLOT_H;
  for (let value = 0; value <= scale.top; value += scale.step) {
    const y = n(scale.y(value));
    out.push(
      `<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + PLOT_W}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatCap(Math.round(value))}</text>`,
    );
  }
  let month = period.start.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const day = i === 0 ? period.start : `${month}-01`;
    if (day > period.end) break;
    const x = n(scale.x(day));
    out.push(
      `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 5}" stroke="#333"/>`,
      `<text x="${x}" y="${bottom + 18}" text-anchor="start">${monthName(month)}</text>`,
    );
    // The year under the first month of the period and under each January.
    if (i === 0 || month.endsWith("-01")) {
      out.push(
        `<text x="${x}" y="${bottom + 32}" text-anchor="start" fill="#555">${month.slice(0, 4)}</text>`,
      );
    }
    month = nextMonth(month);
  }
  out.push(
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + PLOT_W}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 8}" text-anchor="middle">date</text>`,
    `<text transform="translate(18 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">running total, barrels</text>`,
  );
  return out;
}

function limits(panel: ChartPanel, scale: Scale): string[] {
  const { period } = panel;
  const cap = period.cap.barrels;
  const right = MARGIN.left + PLOT_W;
  const out: string[] = [];
  for (const key of Object.keys(period.total.reached)) {
    const y = n(scale.y((cap * Number(key)) / 100));
    out.push(
      `<line class="threshold" x1="${MARGIN.left}" y1="${y}" x2="${right}" y2="${y}" stroke="#b08900" stroke-dasharray="4 4"/>`,
      `<text x="${MARGIN.left + 4}" y="${n(Number(y) - 3)}" font-size="10" fill="#8a6d00">${key}%</text>`,
    );
  }
  const y = n(scale.y(cap));
  out.push(
    `<line class="cap" x1="${MARGIN.left}" y1="${y}" x2="${right}" y2="${y}" stroke="#c00" stroke-width="2"/>`,
    `<text x="${right + 6}" y="${y}" dominant-baseline="middle" fill="#c00" font-weight="bold">cap ${formatCap(cap)}</text>`,
  );
  const over = period.total.exceededOn;
  if (over !== null) {
    // A monthly record (`YYYY-MM`) counts on its month's last day.
    const x = n(scale.x(monthEnd(over)));
    out.push(
      `<line class="over-cap" x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + PLOT_H}" stroke="#c00" stroke-dasharray="6 3"/>`,
      `<text x="${x}" y="${MARGIN.top - 6}" text-anchor="middle" fill="#c00" font-weight="bold">over cap ${over}</text>`,
    );
  }
  return out;
}

function stepPath(
  points: ChartPanel["lines"][number]["points"],
  end: string,
  scale: Scale,
): string {
  const zero = n(scale.y(0));
  let d = `M${n(MARGIN.left)} ${zero}`;
  for (const p of points) d += `H${n(scale.x(p.day))}V${n(scale.y(p.barrels))}`;
  return `${d}H${n(scale.x(end) + PLOT_W / 1000)}`;
}

function lines(panel: ChartPanel, scale: Scale): { paths: string[]; legend: string[] } {
  const drawn = panel.lines.slice(0, MAX_LINES);
  const nextDay = panel.period.end;
  const paths: string[] = [];
  const legend: string[] = [];
  drawn.forEach((line, i) => {
    const strong = line.kind === "total" || (line.kind === "scenario" && i === 0);
    const colour =
      line.kind === "total"
        ? "#000"
        : (PALETTE[(i - (panel.lines[0]?.kind === "total" ? 1 : 0)) % PALETTE.length] as string);
    const days = line.points.map((p) => p.day).join(" ");
    const running = line.points.map((p) => p.barrels).join(" ");
    paths.push(
      `<path class="step ${line.kind}" data-name="${xmlText(line.name)}" data-days="${days}" data-running="${running}" d="${stepPath(line.points, nextDay, scale)}" fill="none" stroke="${colour}" stroke-width="${strong ? 2.5 : 1.5}"/>`,
    );
    const y = MARGIN.top + 40 + i * 18;
    const x = MARGIN.left + PLOT_W + 100;
    legend.push(
      `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${colour}" stroke-width="${strong ? 2.5 : 1.5}"/>`,
      `<text x="${x + 24}" y="${y}" dominant-baseline="middle">${xmlText(line.name.length > 20 ? `${line.name.slice(0, 19)}…` : line.name)}</text>`,
    );
  });
  if (panel.lines.length > MAX_LINES) {
    const y = MARGIN.top + 40 + MAX_LINES * 18;
    legend.push(
      `<text x="${MARGIN.left + PLOT_W + 100}" y="${y}">+ ${panel.lines.length - MAX_LINES} more not drawn</text>`,
    );
  }
  return { paths, legend };
}

/** A sentence for screen readers: what the panel shows. */
function description(panel: ChartPanel): string {
  const { period } = panel;
  const t = period.total;
  const crossing =
    t.exceededOn === null
      ? "The running total stays within the cap."
      : `The running total went over the cap on ${t.exceededOn}.`;
  return `Running total of deliveries for ${period.title}, ${period.label}, against a cap of ${formatCap(period.cap.barrels)} barrels: ${formatCap(Math.round(t.barrels))} barrels in all, ${formatPercent(t.share)} of the cap, status ${t.status}. ${crossing}`;
}

/** One panel as an `<svg>` element; `xmlns` only where it stands alone. */
export function panelSvg(panel: ChartPanel, standalone: boolean, offsetY = 0): string {
  const scale = scaleOf(panel);
  const { paths, legend } = lines(panel, scale);
  const { period } = panel;
  const title = `${period.title} · ${period.label} · cap ${formatCap(period.cap.barrels)} bbl`;
  return [
    `<svg ${standalone ? 'xmlns="http://www.w3.org/2000/svg" ' : ""}y="${offsetY}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<title>${xmlText(title)}</title>`,
    `<desc>${xmlText(description(panel))}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${xmlText(title)}</text>`,
    ...axes(panel, scale),
    ...limits(panel, scale),
    ...paths,
    ...legend,
    "</svg>",
  ].join("\n");
}

/** The SVG document: every panel, one under the other. */
export function renderSvg(panels: readonly ChartPanel[], options: { standalone: boolean }): string {
  if (panels.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="60" role="img"><title>capcheck: no period</title><desc>${NO_PERIOD}</desc><text x="10" y="30">${NO_PERIOD}</text></svg>\n`;
  }
  const body = panels.map((p, i) => panelSvg(p, false, i * HEIGHT));
  const summary = panels.map((p) => description(p)).join(" ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT * panels.length}" viewBox="0 0 ${WIDTH} ${HEIGHT * panels.length}" role="img">`,
    "<title>capcheck: running totals against the caps</title>",
    `<desc>${xmlText(summary)}</desc>`,
    ...body,
    "</svg>",
    "",
  ]
    .join("\n")
    .replace(/^/, options.standalone ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "");
}
