// `check --format svg` (contract §10): a panel per period with the running total
// of the total and of each group as step lines, the cap and threshold lines, the
// over-cap date marked, labelled axes and a legend. Self-contained: no fonts,
// scripts or links; all text from the data escaped.
import type { Changes } from "../domain/baseline.js";
import { monthEnd, monthName, nextMonth, ordinalOfDay } from "../domain/calendar.js";
import { changesSvg } from "./changes-svg.js";
import type { ChartLine, ChartPanel } from "./chart.js";
import { type ChartStyle, chartStyle, LEGEND_KEY, MAX_LINES } from "./chart-style.js";
import { formatCap, formatExactCap, formatTallyPercent, maxOf, xmlText } from "./format.js";
import { NO_PERIOD } from "./model.js";

const HEIGHT = 400;
/** The height of a threshold's label (10 px text and a pixel between). */
const THRESHOLD_LABEL_HEIGHT = 11;
/** Room right of the plot for the cap's label, before the legend. */
const LEGEND_LEFT = 100;
const MARGIN = { left: 96, top: 56, bottom: 64 };
const PLOT_W = 544;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const widthOf = (style: ChartStyle) => MARGIN.left + PLOT_W + LEGEND_LEFT + style.legendWidth;

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
  let highest = period.cap.barrels;
  for (const line of panel.lines) {
    highest = maxOf(
      highest,
      line.points.map((p) => p.barrels),
    );
  }
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
  // Each threshold's label just above its line, the lowest first; one closer than a
  // line of text to the label below it moves up (90 % and 95 % of a cap are a few
  // pixels apart when the total runs far past the cap).
  const keys = Object.keys(period.total.reached).sort((a, b) => Number(a) - Number(b));
  let below = Number.POSITIVE_INFINITY;
  for (const key of keys) {
    const y = scale.y((cap * Number(key)) / 100);
    const labelY = Math.min(y - 3, below - THRESHOLD_LABEL_HEIGHT);
    below = labelY;
    out.push(
      `<line class="threshold" x1="${MARGIN.left}" y1="${n(y)}" x2="${right}" y2="${n(y)}" stroke="#b08900" stroke-dasharray="4 4"/>`,
      `<text x="${MARGIN.left + 4}" y="${n(labelY)}" font-size="10" fill="#8a6d00">${key}%</text>`,
    );
  }
  const y = n(scale.y(cap));
  out.push(
    `<line class="cap" x1="${MARGIN.left}" y1="${y}" x2="${right}" y2="${y}" stroke="#c00" stroke-width="2"/>`,
    `<text x="${right + 6}" y="${y}" dominant-baseline="middle" fill="#c00" font-weight="bold">cap ${formatCap(cap)}</text>`,
  );
  // Where the running total reached each threshold: a dot on its line, one label per day.
  const byDay = new Map<string, string[]>();
  for (const [key, date] of Object.entries(period.total.reached)) {
    if (date !== null) byDay.set(date, [...(byDay.get(date) ?? []), key]);
  }
  for (const [date, keys] of byDay) {
    const x = n(scale.x(monthEnd(date)));
    for (const key of keys) {
      out.push(
        `<circle class="crossing" data-threshold="${key}" cx="${x}" cy="${n(scale.y((cap * Number(key)) / 100))}" r="3.5" fill="#b08900"/>`,
      );
    }
    const top = n(scale.y((cap * Number(keys.at(-1))) / 100) - 8);
    out.push(
      `<text x="${n(Number(x) - 6)}" y="${top}" text-anchor="end" font-size="10" fill="#8a6d00">${keys.map((k) => `${k}%`).join(" ")} ${date}</text>`,
    );
  }
  // With scenarios, each one that went over is marked and named: the first one's
  // total alone would leave a line over the cap unmarked. Labels alternate between
  // two rows so that close dates stay readable.
  overCaps(panel).forEach(({ date, name }, i) => {
    // A monthly record (`YYYY-MM`) counts on its month's last day.
    const x = n(scale.x(monthEnd(date)));
    const label = name === undefined ? `over cap ${date}` : `over cap ${date} (${name})`;
    out.push(
      `<line class="over-cap" x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + PLOT_H}" stroke="#c00" stroke-dasharray="6 3"/>`,
      `<text x="${x}" y="${MARGIN.top - 6 - (i % 2) * 14}" text-anchor="middle" fill="#c00" font-weight="bold">${xmlText(label)}</text>`,
    );
  });
  return out;
}

/** The over-cap dates to mark: the total's, or each scenario's with its name. */
function overCaps(panel: ChartPanel): { date: string; name?: string }[] {
  const scenarios = panel.lines.filter((line) => line.kind === "scenario");
  if (scenarios.length === 0) {
    const over = panel.period.total.exceededOn;
    return over === null ? [] : [{ date: over }];
  }
  return scenarios.flatMap((line) => {
    const over = line.total?.exceededOn ?? null;
    return over === null ? [] : [{ date: over, name: line.name }];
  });
}

function stepPath(values: readonly { day: string; value: number }[], end: string, scale: Scale) {
  const zero = n(scale.y(0));
  let d = `M${n(MARGIN.left)} ${zero}`;
  for (const p of values) d += `H${n(scale.x(p.day))}V${n(scale.y(p.value))}`;
  return `${d}H${n(scale.x(end) + PLOT_W / 1000)}`;
}

/** Whether a line holds estimated deliveries: its running total differs from the reported one. */
const hasEstimates = (line: ChartLine) => line.points.some((p) => p.barrels !== p.reported);

/**
 * Each line as a step path; a line with estimated deliveries (contract §13) is drawn
 * dashed with estimates and solid for its reported records alone, in its one colour,
 * unless the reported records were not counted (`--basis estimated`): no solid line
 * at zero then, which would read as the official tally.
 */
function lines(
  panel: ChartPanel,
  scale: Scale,
  style: ChartStyle,
): { paths: string[]; legend: string[] } {
  const drawn = panel.lines.slice(0, MAX_LINES);
  const end = panel.period.end;
  const paths: string[] = [];
  const legend: string[] = [];
  const x = MARGIN.left + PLOT_W + LEGEND_LEFT;
  const official = panel.period.total.official !== null;
  const entry = (y: number, swatch: string, text: string) =>
    legend.push(
      `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" ${swatch}/>`,
      `<text x="${x + 24}" y="${y}" dominant-baseline="middle">${xmlText(text)}</text>`,
    );
  drawn.forEach((line, i) => {
    const strong = line.kind === "total" || (line.kind === "scenario" && i === 0);
    const stroke = `stroke="${style.colour(line)}" stroke-width="${strong ? 2.5 : 1.5}"`;
    const estimated = hasEstimates(line);
    const dash = estimated ? ' stroke-dasharray="6 4"' : "";
    const days = line.points.map((p) => p.day).join(" ");
    const running = line.points.map((p) => p.barrels).join(" ");
    const all = line.points.map((p) => ({ day: p.day, value: p.barrels }));
    paths.push(
      `<path class="step ${line.kind}" data-name="${xmlText(line.name)}" data-days="${days}" data-running="${running}" d="${stepPath(all, end, scale)}" fill="none" ${stroke}${dash}/>`,
    );
    if (estimated && official) {
      const reported = line.points.map((p) => ({ day: p.day, value: p.reported }));
      paths.push(
        `<path class="reported ${line.kind}" data-name="${xmlText(line.name)}" data-running="${reported.map((p) => p.value).join(" ")}" d="${stepPath(reported, end, scale)}" fill="none" ${stroke}/>`,
      );
    }
    entry(MARGIN.top + 40 + i * 18, `${stroke}${dash}`, line.name);
  });
  let y = MARGIN.top + 40 + drawn.length * 18;
  if (panel.lines.length > MAX_LINES) {
    legend.push(
      `<text x="${x}" y="${y}">+ ${panel.lines.length - MAX_LINES} more not drawn</text>`,
    );
    y += 18;
  }
  if (drawn.some(hasEstimates)) {
    if (official) entry(y + 8, 'stroke="#555" stroke-width="1.5"', LEGEND_KEY[0] as string);
    entry(
      y + (official ? 26 : 8),
      'stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"',
      LEGEND_KEY[1] as string,
    );
  }
  return { paths, legend };
}

/** A sentence for screen readers: what the panel shows, for each scenario when there are several. */
function description(panel: ChartPanel): string {
  const { period } = panel;
  const head = `Running total of deliveries for ${period.title}, ${period.label}, against a cap of ${formatExactCap(period.cap)} barrels`;
  const scenarios = panel.lines.filter((line) => line.kind === "scenario");
  if (scenarios.length > 0) {
    const each = scenarios.map((line) => {
      const t = line.total ?? period.total;
      const crossing = t.exceededOn === null ? "within the cap" : `over the cap on ${t.exceededOn}`;
      return `at ${line.name}, ${formatCap(Math.round(t.barrels))} barrels, ${formatTallyPercent(t)} of the cap, status ${t.status}, ${crossing}`;
    });
    return `${head}, in ${scenarios.length} scenarios: ${each.join("; ")}.`;
  }
  const t = period.total;
  const crossing =
    t.exceededOn === null
      ? "The running total stays within the cap."
      : `The running total went over the cap on ${t.exceededOn}.`;
  return `${head}: ${formatCap(Math.round(t.barrels))} barrels in all, ${formatTallyPercent(t)} of the cap, status ${t.status}. ${crossing}`;
}

/** One panel as an `<svg>` element; `xmlns` only where it stands alone. */
export function panelSvg(
  panel: ChartPanel,
  standalone: boolean,
  style: ChartStyle,
  offsetY = 0,
): string {
  const scale = scaleOf(panel);
  const { paths, legend } = lines(panel, scale, style);
  const width = widthOf(style);
  const { period } = panel;
  const title = `${period.title} · ${period.label} · cap ${formatExactCap(period.cap)} bbl`;
  return [
    `<svg ${standalone ? 'xmlns="http://www.w3.org/2000/svg" ' : ""}y="${offsetY}" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<title>${xmlText(title)}</title>`,
    `<desc>${xmlText(description(panel))}</desc>`,
    `<rect width="${width}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${xmlText(title)}</text>`,
    ...axes(panel, scale),
    ...limits(panel, scale),
    ...paths,
    ...legend,
    "</svg>",
  ].join("\n");
}

/** The SVG document: every panel, one under the other, then the changes since a baseline. */
export function renderSvg(
  panels: readonly ChartPanel[],
  options: { standalone: boolean; changes?: Changes | undefined; notes: readonly string[] },
): string {
  const prolog = options.standalone ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "";
  const style = panels.length === 0 ? undefined : chartStyle(panels);
  const width = style === undefined ? 880 : widthOf(style);
  const body =
    style === undefined
      ? [`<text x="10" y="30">${NO_PERIOD}</text>`]
      : panels.map((p, i) => panelSvg(p, false, style, i * HEIGHT));
  let height = style === undefined ? 60 : HEIGHT * panels.length;
  const summary = style === undefined ? [NO_PERIOD] : panels.map((p) => xmlText(description(p)));
  if (options.changes) {
    const section = changesSvg(options.changes, options.notes, {
      offsetY: height,
      width,
      left: MARGIN.left,
    });
    body.push(section.svg);
    height += section.height;
    summary.push(xmlText(section.summary));
  }
  const title =
    style === undefined ? "capcheck: no period" : "capcheck: running totals against the caps";
  return [
    `${prolog}<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${title}</title>`,
    `<desc>${summary.join(" ")}</desc>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
