// The peers of `npm run bench`, each doing the work `capcheck check` does on the
// generated data: tons converted to barrels by the product's factor (barrels as
// given otherwise), then summed by year and exporter. Each prints its sums so the
// bench can check that all three reached the same totals.
import { spawnSync } from "node:child_process";

/** The tons-to-barrels factors of the generated products (contract §2). */
export const FACTORS = { diesel: 7.5, gasoline: 8.5, "fuel oil": 6.7, lpg: 11.6, kerosene: 7.8 };

export function hasMiller() {
  return spawnSync("mlr", ["--version"]).status === 0;
}

/** Miller 6: `put` with a factor map, then `stats1` sums by year and exporter. */
export function millerArgs(csv) {
  const map = Object.entries(FACTORS)
    .map(([product, factor]) => `"${product}": ${factor}`)
    .join(", ");
  const convert = [
    `begin { @f = {${map}} }`,
    "$year = substr0($date, 0, 3);",
    "$bbl = is_empty($barrels) ? $quantity * @f[$product] : $barrels",
  ].join(" ");
  return ["--icsv", "--ojson", "put", convert, "then", "stats1", "-a", "sum", "-f", "bbl"].concat([
    "-g",
    "year,exporter",
    csv,
  ]);
}

/** Miller's JSON output: the grand total of its sums. */
export function millerTotal(stdout) {
  return JSON.parse(stdout).reduce((sum, row) => sum + Number(row.bbl_sum), 0);
}

/**
 * DuckDB's SQL for the same work. Quantities are read as DECIMAL so that DuckDB,
 * like capcheck, sums exactly (Miller has no exact decimals: it sums in floats).
 */
export function duckdbSql(csv) {
  const cases = Object.entries(FACTORS)
    .map(([product, factor]) => `WHEN '${product}' THEN ${factor}`)
    .join(" ");
  return [
    "SELECT year(date) AS year, exporter,",
    `  sum(coalesce(barrels, quantity * CASE product ${cases} END)) AS barrels`,
    `FROM read_csv('${csv.replaceAll("'", "''")}',`,
    "  types = {'quantity': 'DECIMAL(18,3)', 'barrels': 'DECIMAL(18,3)'})",
    "GROUP BY ALL ORDER BY ALL",
  ].join("\n");
}

/** capcheck's JSON report: the grand total of its periods. */
export function capcheckTotal(stdout) {
  return JSON.parse(stdout).periods.reduce((sum, period) => sum + period.total.barrels, 0);
}
