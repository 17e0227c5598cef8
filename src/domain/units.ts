// Products, units and the tons-to-barrels factors of contract §2 and §3.
import { formatRatio, type Ratio } from "./decimal.js";
import { type AmountRatio, amountRatio } from "./exact-sum.js";

export const PRODUCTS = [
  "lpg",
  "gasoline",
  "kerosene",
  "diesel",
  "fuel_oil",
  "refined",
  "crude",
] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_NAMES: Record<Product, readonly string[]> = {
  lpg: ["lpg", "liquefied petroleum gas", "propane", "butane"],
  gasoline: ["gasoline", "petrol", "motor gasoline", "mogas"],
  kerosene: ["kerosene", "jet fuel", "jet", "aviation fuel", "avtur"],
  diesel: ["diesel", "gas oil", "gasoil", "diesel oil"],
  fuel_oil: ["fuel oil", "residual fuel oil", "heavy fuel oil", "hfo", "mazut"],
  refined: ["refined", "refined petroleum", "petroleum products", "other", "unspecified"],
  crude: ["crude", "crude oil"],
};

export const UNITS = ["bbl", "t", "kl", "l", "gal"] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_NAMES: Record<Unit, readonly string[]> = {
  bbl: ["bbl", "barrel", "barrels"],
  t: ["t", "tonne", "tonnes", "ton", "tons", "mt", "metric ton", "metric tons"],
  kl: [
    "kl",
    "kilolitre",
    "kilolitres",
    "kiloliter",
    "kiloliters",
    "m3",
    "cubic metre",
    "cubic metres",
  ],
  l: ["l", "litre", "litres", "liter", "liters"],
  gal: ["gal", "gallon", "gallons", "us gal"],
};

/** Lower-cases and folds white space, hyphens and underscores to one space. */
function foldName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

function lookup<K extends string>(names: Record<K, readonly string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [key, list] of Object.entries(names) as [K, readonly string[]][]) {
    map.set(foldName(key), key);
    for (const name of list) map.set(foldName(name), key);
  }
  return map;
}

const productByName = lookup(PRODUCT_NAMES);
const unitByName = lookup(UNIT_NAMES);

export function productOf(text: string): Product | undefined {
  return productByName.get(foldName(text));
}

export function unitOf(text: string): Unit | undefined {
  return unitByName.get(foldName(text));
}

export function acceptedNames(names: Record<string, readonly string[]>): string {
  return Object.values(names).flat().join(", ");
}

/** Litres in one barrel: 42 US gallons of 3.785411784 L, exactly. */
const LITRES_PER_BARREL = 158_987_294_928n; // x 10^-9

/** Barrels per unit of each volume unit, exactly. */
export const VOLUME_TO_BARRELS: Record<Exclude<Unit, "t">, Ratio> = {
  bbl: { num: 1n, den: 1n },
  gal: { num: 1n, den: 42n },
  l: { num: 1_000_000_000n, den: LITRES_PER_BARREL },
  kl: { num: 1_000_000_000_000n, den: LITRES_PER_BARREL },
};

export interface Factor {
  readonly barrelsPerTon: Ratio;
  readonly source: string;
  /** The ledger's rule string, `mass:<product>@<factor>`, made once. */
  readonly rule: string;
  /** The factor prepared for converting quantities to exact amounts. */
  readonly perTon: AmountRatio;
}

export function factor(product: Product, barrelsPerTon: Ratio, source: string): Factor {
  return {
    barrelsPerTon,
    source,
    rule: `mass:${product}@${formatRatio(barrelsPerTon)}`,
    perTon: amountRatio(barrelsPerTon),
  };
}

const CHART = "1718 Committee conversion chart (BP Statistical Review approximate factors)";

/** The built-in tons-to-barrels factors, contract §2. */
export const DEFAULT_FACTORS: Record<Product, Factor> = {
  lpg: factor("lpg", { num: 116n, den: 10n }, CHART),
  gasoline: factor("gasoline", { num: 85n, den: 10n }, CHART),
  kerosene: factor("kerosene", { num: 78n, den: 10n }, CHART),
  diesel: factor("diesel", { num: 75n, den: 10n }, CHART),
  fuel_oil: factor("fuel_oil", { num: 67n, den: 10n }, CHART),
  refined: factor("refined", { num: 8n, den: 1n }, `${CHART}, product basket`),
  crude: factor(
    "crude",
    { num: 4_000_000n, den: 525_000n },
    "UNSCR 2397 (2017) para. 4: 4,000,000 barrels = 525,000 tons",
  ),
};
