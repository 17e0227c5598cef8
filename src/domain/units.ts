// Products, units and the tons-to-barrels factors of contract §2 and §3.
import { formatRatio, type Ratio } from "./decimal.js";
import { type AmountRatio, amountRatio } from "./exact-sum.js";
import { labelKey, NameTable } from "./labels.js";
import { PRODUCT_KEYS, UNIT_KEYS } from "./name-keys.js";

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

// The conversion chart's own labels ("Gas oil/diesel", "Product basket") are names
// too; a name matches after the folding of labels.ts (case, punctuation, plurals
// and a parenthesised abbreviation do not matter).
export const PRODUCT_NAMES: Record<Product, readonly string[]> = {
  lpg: [
    "lpg",
    "liquefied petroleum gas",
    "liquified petroleum gas",
    "liquefied/liquified petroleum gas",
    "propane",
    "butane",
  ],
  gasoline: ["gasoline", "petrol", "motor gasoline", "mogas"],
  kerosene: ["kerosene", "jet fuel", "jet", "aviation fuel", "avtur", "kerosene/jet fuel"],
  diesel: ["diesel", "gas oil", "gasoil", "diesel oil", "gas oil/diesel", "gasoil/diesel"],
  fuel_oil: ["fuel oil", "residual fuel oil", "heavy fuel oil", "hfo", "mazut"],
  refined: [
    "refined",
    "refined petroleum",
    "refined petroleum products",
    "petroleum products",
    "product basket",
    "other",
    "unspecified",
  ],
  crude: ["crude", "crude oil"],
};

export const UNITS = ["bbl", "t", "kg", "kl", "l", "gal"] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_NAMES: Record<Unit, readonly string[]> = {
  bbl: ["bbl", "bbls", "barrel", "barrels"],
  t: [
    "t",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "mt",
    "mts",
    "m/t",
    "metric ton",
    "metric tons",
    "metric tonne",
    "metric tonnes",
  ],
  kg: ["kg", "kgs", "kilogram", "kilograms"],
  kl: [
    "kl",
    "kilolitre",
    "kilolitres",
    "kiloliter",
    "kiloliters",
    "m3",
    "m³",
    "cbm",
    "cu m",
    "cubic metre",
    "cubic metres",
    "cubic meter",
    "cubic meters",
  ],
  l: ["l", "litre", "litres", "liter", "liters"],
  gal: ["gal", "gallon", "gallons", "us gal", "us gallons"],
};

/** How every name is matched, said once for messages and the schema. */
export const NAME_MATCHING = "case, dots, plurals and a parenthesised abbreviation do not matter";

/** Two abbreviations a letter apart are two products (`LNG` is not `LPG`), never a slip. */
function productSuggestible(wanted: string, name: string): boolean {
  return wanted.length > 3 || name.length > 3;
}

export const PRODUCT_TABLE = new NameTable(PRODUCT_NAMES, PRODUCT_KEYS, productSuggestible);
/** Scale prefixes (after labels.ts folding: lower case, spaces kept). */
const SCALE_PREFIX =
  /^(?:k|m|mm|g|h|da|c|d|u|\u00B5|\u03BC|kilo|mega|giga|milli|hecto|deca|deka|centi|thousand ?|million ?|'?000 ?)$/;

/**
 * Which unit a did-you-mean may offer (keys of labels.ts). A unit is mostly an
 * abbreviation, and one a letter away from an accepted one is most often another
 * unit, not a slip: `kt` is not `t`, `ml` not `mt`, `kbbl` not `bbl`, `hl` not `kl`.
 * Offered, it would scale a figure a thousandfold or turn a volume into a mass; so
 * two short abbreviations are never offered for each other, nor a name that differs
 * from the unknown one by a scale prefix (`kilotonne` and `tonne`, `gram` and
 * `kilogram`, `millilitre` and `kilolitre`).
 */
function unitSuggestible(wanted: string, name: string): boolean {
  if (wanted.length <= 3 && name.length <= 3) return false;
  // A scale prefix added, dropped or swapped: `kilotonne`, `millilitre` for `kilolitre`.
  const scaled = (prefix: string) => prefix === "" || SCALE_PREFIX.test(prefix);
  for (let tail = 1; tail <= Math.min(wanted.length, name.length); tail++) {
    if (wanted[wanted.length - tail] !== name[name.length - tail]) break;
    const a = wanted.slice(0, wanted.length - tail);
    const b = name.slice(0, name.length - tail);
    if (a !== b && scaled(a) && scaled(b)) return false;
  }
  return true;
}

export const UNIT_TABLE = new NameTable(UNIT_NAMES, UNIT_KEYS, unitSuggestible);

/** A scale alone, as a table's header gives one (keys of labels.ts): `(000)`, `in thousands`. */
const SCALE_WORDS = /^(?:000|thousand|million|billion|mn|mln|bn|k|m|mm)$/;

/**
 * Whether `text` is a unit scaled by a prefix (`kt`, `'000 t`, `thousand barrels`,
 * `Mbbl`, `millilitres`) or a scale alone (`000`, `thousands`). No such unit is read:
 * `M` is a thousand in `Mbbl` and a million in `Ml`, and one table's `000` is
 * another's footnote, so a figure in one is refused rather than read on a guess.
 */
export function isScaledUnit(text: string): boolean {
  const key = labelKey(text).replace(/^(thousand|million) of /, "$1 ");
  if (SCALE_WORDS.test(key)) return true;
  if (UNIT_TABLE.lookup(text) !== undefined) return false;
  for (let cut = 1; cut < key.length; cut++) {
    if (SCALE_PREFIX.test(key.slice(0, cut)) && unitOf(key.slice(cut)) !== undefined) return true;
  }
  return false;
}

export function productOf(text: string): Product | undefined {
  return PRODUCT_TABLE.lookup(text);
}

export function unitOf(text: string): Unit | undefined {
  return UNIT_TABLE.lookup(text);
}

export function acceptedNames(names: Record<string, readonly string[]>): string {
  return Object.values(names).flat().join(", ");
}

/** Mass units in tons; a mass converts to barrels by its product's factor. */
export const MASS_IN_TONS: Partial<Record<Unit, Ratio>> = {
  t: { num: 1n, den: 1n },
  kg: { num: 1n, den: 1000n },
};

/** Litres in one barrel: 42 US gallons of 3.785411784 L, exactly. */
const LITRES_PER_BARREL = 158_987_294_928n; // x 10^-9

/** Barrels per unit of each volume unit, exactly. */
export const VOLUME_TO_BARRELS: Record<Exclude<Unit, "t" | "kg">, Ratio> = {
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
