// The tons-to-barrels factors a report was made with, in words (contract §3): the
// overrides its settings record, each beside the built-in one, so that a report
// made with other factors never reads as an official one.
import { DEFAULT_FACTORS, type FactorOverrides } from "../domain/convert.js";
import { formatRatio, parseDecimal } from "../domain/decimal.js";
import { digitsOf } from "../domain/exact-digits.js";
import type { ReportSettings } from "../domain/report.js";
import { PRODUCTS, type Product } from "../domain/units.js";

/** The products overridden, in product order, each with its exact digits. */
function overrides(factors: FactorOverrides): [Product, string][] {
  return PRODUCTS.flatMap((product): [Product, string][] => {
    const value = factors[product];
    if (value === undefined) return [];
    return [[product, digitsOf(factors, product) ?? String(value)]];
  });
}

/** A built-in factor: exact, or `≈7.619047619` where its decimals never end (crude). */
function builtIn(product: Product): string {
  const ratio = DEFAULT_FACTORS[product].barrelsPerTon;
  const text = formatRatio(ratio);
  const back = parseDecimal(text);
  const exact = back !== undefined && back.num * ratio.den === ratio.num * back.den;
  return exact ? text : `≈${text}`;
}

/** Whose the built-in factor is: the Committee's chart's, or crude's, the resolution's own. */
function whose(product: Product): string {
  return product === "crude" ? "UNSCR 2397's" : "the 1718 Committee's";
}

/** `diesel 7, lpg 11`: the overrides, as a `--factors` file gives them. */
export function factorsGiven(factors: FactorOverrides): string {
  return overrides(factors)
    .map(([product, value]) => `${product} ${value}`)
    .join(", ");
}

/**
 * `factors: diesel 7 bbl/t (--factors), not the 1718 Committee's 7.5`, one part per
 * product overridden; undefined when the report converted by the built-in factors.
 */
export function factorsLine(settings: ReportSettings): string | undefined {
  const parts = overrides(settings.factors).map(
    ([product, value]) =>
      `${product} ${value} bbl/t (--factors), not ${whose(product)} ${builtIn(product)}`,
  );
  return parts.length === 0 ? undefined : `factors: ${parts.join("; ")}`;
}
