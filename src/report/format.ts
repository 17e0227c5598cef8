// Numbers and plain-text columns as every format prints them, stated once so that
// a change of precision, separator or alignment lands in one place.

import { digitsOf } from "../domain/exact-digits.js";
import { amountBarrelsText } from "../domain/exact-sum.js";
import { groupThousands } from "../domain/number-format.js";
import { DEFAULT_THRESHOLDS, type Threshold } from "../domain/regimes.js";
import type { Status, Tally } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { displayWidth, padEnd, padStart } from "./width.js";

/**
 * `holder[key]` as 3 decimals with separators (1234567.5 → "1,234,567.500"), with the
 * exact digits where the Number lost some (past 2^53 thousandths): a table prints the
 * sums as exactly as JSON does (§11).
 */
export function formatExactBarrels<K extends string>(holder: Record<K, number>, key: K): string {
  return groupedBarrels(exactBarrels(holder, key));
}

function groupedBarrels(decimal: string): string {
  const [whole, fraction] = decimal.split(".");
  return `${groupThousands(whole as string)}.${fraction}`;
}

/** Whole barrels with separators, for caps. */
export function formatCap(barrels: number): string {
  return capText(barrels.toFixed(3));
}

/** A period's cap as formatCap prints it, with its exact digits (a cap up to 10^15 with decimals). */
export function formatExactCap(cap: { barrels: number }): string {
  return capText(exactBarrels(cap, "barrels"));
}

/** A regime's cap (nano-barrels) as formatCap prints it, every digit. */
export function formatRegimeCap(nano: bigint): string {
  return capText(amountBarrelsText(nano));
}

/** Barrels to 3 decimals, grouped, the decimals left out when they are all zero. */
function capText(decimal: string): string {
  return groupedBarrels(decimal).replace(/\.000$/, "");
}

/** A share (6 decimals) as a percentage with `decimals` places, rounded half up. */
function percentText(millionths: number, decimals: number): string {
  // millionths of the cap = ten-thousandths of a percent.
  const drop = 10 ** (4 - decimals);
  const scaled = Math.floor((millionths + drop / 2) / drop);
  const text = String(scaled).padStart(decimals + 1, "0");
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** A regime's thresholds as shares, what formatPercent reads a share against. */
export function thresholdShares(thresholds: readonly Threshold[]): number[] {
  return thresholds.map((t) => Number(t.share.num) / Number(t.share.den));
}

/** The thresholds of a regime of capcheck's own: what a share is read against without one. */
const DEFAULT_SHARES = thresholdShares(DEFAULT_THRESHOLDS);

/**
 * A share as a percentage: 1.224801 → "122.48%". It never misleads (contract §11):
 * it reads over 100 % exactly when the share does, and at or over each of
 * `thresholds` exactly when the share does; decimals are added until it does (a
 * total of 74.99998 % reads "74.9999%", not "75.00%" beside "75% not reached"). The
 * share is as sumShareText rounds it, on the right side of the cap and of each
 * threshold. An exceeded share of 1 or less (another program's report) reads
 * ">100.0000%".
 */
export function formatPercent(
  share: number,
  status?: Status,
  thresholds: readonly number[] = DEFAULT_SHARES,
): string {
  return percentFormatter(thresholds)(share, status);
}

/** formatPercent against one set of thresholds, for many shares: their lines worked out once. */
export function percentFormatter(
  thresholds: readonly number[],
): (share: number, status?: Status) => string {
  // In millionths of the cap, as the share is read: each threshold, then the cap.
  const lines = [...thresholds.map((t) => Math.round(t * 1_000_000)), 1_000_000];
  return (share, status) => {
    const millionths = Math.round(share * 1_000_000);
    if (status === "exceeded" && millionths <= 1_000_000) return ">100.0000%";
    const misleads = (value: number) =>
      value > 1_000_000 !== millionths > 1_000_000 ||
      lines.some((line) => value >= line !== millionths >= line);
    for (let decimals = 2; decimals <= 4; decimals++) {
      const text = percentText(millionths, decimals);
      if (!misleads(Math.round(Number(text) * 10_000))) return `${text}%`;
    }
    return `${percentText(millionths, 4)}%`;
  };
}

/** A tally's share as formatPercent prints it, against the thresholds it lists in `reached`. */
export function formatTallyPercent(
  tally: Pick<Tally, "share" | "status"> & Partial<Pick<Tally, "reached">>,
): string {
  const keys = Object.keys(tally.reached ?? {}).map((key) => Number(key) / 100);
  return formatPercent(tally.share, tally.status, keys.length > 0 ? keys : DEFAULT_SHARES);
}

/** Barrels for machines (CSV): `holder[key]` to 3 decimals, no separators, every digit (§11). */
export function exactBarrels<K extends string>(holder: Record<K, number>, key: K): string {
  return fixedDigits(holder, key, 3);
}

/** A share for machines (CSV): `holder[key]`, a fraction of the cap, to 6 decimals. */
export function exactShare<K extends string>(holder: Record<K, number>, key: K): string {
  return fixedDigits(holder, key, 6);
}

/** The Number to `places` decimals, or, where it lost digits, the exact text it was made from. */
function fixedDigits<K extends string>(holder: Record<K, number>, key: K, places: number): string {
  const digits = digitsOf(holder, key);
  if (digits === undefined) return holder[key].toFixed(places);
  const [whole, fraction = ""] = digits.split(".");
  return `${whole}.${fraction.padEnd(places, "0")}`;
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

/** What stands between two columns of a plain-text table. */
export const COLUMN_GAP = "  ";

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
    .join(COLUMN_GAP)
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

/**
 * A figure that is a lower bound (contract §13) printed with `≥`; a share already
 * printed as over a bound (`>100.0000%`) stays so: at least a share over 100 % is
 * over 100 %, and `≥ >` reads as nothing.
 */
export function bounded(text: string, atLeast: boolean): string {
  return atLeast && !text.startsWith(">") ? `≥ ${text}` : text;
}

/**
 * The largest of `floor` and `values`, by a loop: Math.max(...values) overflows
 * the stack past about 125,000 values (groups, or days of a long period).
 */
export function maxOf(floor: number, values: Iterable<number>): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** Text for XML (SVG, HTML): control characters gone, markup characters escaped. */
export function xmlText(text: string): string {
  return safeText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
