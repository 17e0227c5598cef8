// Numbers and plain-text columns as every format prints them, stated once so that
// a change of precision, separator or alignment lands in one place.
import { displayWidth, padEnd, padStart } from "./width.js";

/** 1234567.5 → "1,234,567.500". */
export function formatBarrels(barrels: number): string {
  const [whole, fraction] = barrels.toFixed(3).split(".");
  return `${(whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

/** Whole barrels with separators, for caps. */
export function formatCap(barrels: number): string {
  return formatBarrels(barrels).replace(/\.000$/, "");
}

/** A share as a percentage: 1.224801 → "122.48%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** Barrels for machines (CSV): 3 decimals, no separators. */
export function exactBarrels(barrels: number): string {
  return barrels.toFixed(3);
}

/** A share for machines (CSV): a fraction of the cap to 6 decimals. */
export function exactShare(share: number): string {
  return share.toFixed(6);
}

/** Each column's width in terminal columns: its widest cell, heading included. */
export function columnWidths(
  heading: readonly string[],
  rows: Iterable<readonly string[]>,
): number[] {
  const widths = heading.map(displayWidth);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) {
      widths[i] = Math.max(widths[i] as number, displayWidth(row[i] as string));
    }
  }
  return widths;
}

/** One line of a plain-text table, the columns in `rightAligned` padded on the left. */
export function alignedLine(
  values: readonly string[],
  widths: readonly number[],
  rightAligned: ReadonlySet<number>,
): string {
  return values
    .map((v, i) =>
      rightAligned.has(i) ? padStart(v, widths[i] as number) : padEnd(v, widths[i] as number),
    )
    .join("  ")
    .trimEnd();
}

/**
 * Lays out a plain-text table: each column as wide as its widest cell (in terminal
 * columns), the columns in `rightAligned` padded on the left; one line per row.
 */
export function alignColumns(
  heading: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number>,
): { heading: string; rows: string[] } {
  const widths = columnWidths(heading, rows);
  const line = (values: readonly string[]) => alignedLine(values, widths, rightAligned);
  return { heading: line(heading), rows: rows.map(line) };
}

/** A scenario's name in every table: `load factor 0.33`. */
export function scenarioName(loadFactor: number): string {
  return `load factor ${loadFactor}`;
}

/** A line's first letter in upper case, for the formats that write sentences. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A figure that is a lower bound (contract §13) printed with `≥`. */
export function bounded(text: string, atLeast: boolean): string {
  return atLeast ? `≥ ${text}` : text;
}
