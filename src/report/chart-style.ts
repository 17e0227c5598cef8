// One look for every panel of a report (contract §13): each group or scenario keeps
// its colour in every panel, and the legend is as wide as its longest name, so that
// no name is ever cut off.
import type { ChartLine, ChartPanel } from "./chart.js";

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

/** Lines drawn per panel; the rest are named as a count. */
export const MAX_LINES = 9;

/** A generous average advance of a 12 px sans-serif character, so that text fits. */
export const CHAR_WIDTH = 7.5;

export interface ChartStyle {
  colour(line: ChartLine): string;
  /** The legend column's width in pixels. */
  readonly legendWidth: number;
}

/** Words the legend adds to the names when estimates are drawn. */
export const LEGEND_KEY = ["solid: reported", "dashed: with estimates"];

export function chartStyle(panels: readonly ChartPanel[]): ChartStyle {
  const colours = new Map<string, string>();
  let longest = Math.max(...LEGEND_KEY.map((k) => k.length));
  for (const panel of panels) {
    for (const line of panel.lines.slice(0, MAX_LINES)) {
      longest = Math.max(longest, [...line.name].length);
      if (line.kind !== "total" && !colours.has(line.name))
        colours.set(line.name, PALETTE[colours.size % PALETTE.length] as string);
    }
  }
  return {
    colour: (line) => (line.kind === "total" ? "#000" : (colours.get(line.name) ?? "#000")),
    legendWidth: Math.ceil(24 + longest * CHAR_WIDTH + 16),
  };
}
