// Conversion to barrels in the 1718 Committee's order (contract §3): barrels as
// given; else a volume converted exactly; else a mass by its product's factor.
import { exactTimes, mul, type Ratio, smallRatio, toNano } from "./decimal.js";
import type { QuantityValue, ShipmentFields } from "./record.js";
import {
  DEFAULT_FACTORS,
  type Factor,
  factor,
  type Product,
  productOf,
  VOLUME_TO_BARRELS,
} from "./units.js";

export type Factors = Readonly<Record<Product, Factor>>;

/** Nano-barrels: an exact safe-integer Number where one fits, else a BigInt. */
export type Nano = number | bigint;

export interface Converted {
  readonly nano: Nano;
  /** Which rule gave them: `barrels`, `volume` or `mass:<product>@<factor>`. */
  readonly rule: string;
}

const VOLUME_SMALL = Object.fromEntries(
  Object.entries(VOLUME_TO_BARRELS).map(([unit, ratio]) => [unit, smallRatio(ratio)]),
) as Record<keyof typeof VOLUME_TO_BARRELS, ReturnType<typeof smallRatio>>;

/** quantity × ratio in nano-barrels: in Numbers when exact, else in BigInt with rounding. */
function times(quantity: QuantityValue, ratio: Ratio, small: ReturnType<typeof smallRatio>): Nano {
  if (quantity.scaled !== undefined && small !== undefined) {
    const exact = exactTimes(quantity.scaled, small.num, small.den);
    if (exact !== undefined) return exact;
  }
  return toNano(mul(quantity.value, ratio));
}

export function toBarrels(fields: ShipmentFields, factors: Factors): Converted {
  const { barrels } = fields;
  if (barrels !== undefined)
    return { nano: barrels.scaled ?? toNano(barrels.value), rule: "barrels" };
  // validateRecord guarantees a quantity and a unit when barrels are absent.
  const quantity = fields.quantity as QuantityValue;
  const unit = fields.unit as NonNullable<ShipmentFields["unit"]>;
  if (unit !== "t") {
    return { nano: times(quantity, VOLUME_TO_BARRELS[unit], VOLUME_SMALL[unit]), rule: "volume" };
  }
  const factor = factors[fields.product];
  return { nano: times(quantity, factor.barrelsPerTon, factor.small), rule: factor.rule };
}

/** The built-in factors with a file's overrides laid over them. */
export function factorsWith(overrides: Record<string, Ratio>, source: string): Factors {
  const factors: Record<Product, Factor> = { ...DEFAULT_FACTORS };
  for (const [name, barrelsPerTon] of Object.entries(overrides)) {
    const product = productOf(name) as Product;
    factors[product] = factor(product, barrelsPerTon, source);
  }
  return factors;
}

export { DEFAULT_FACTORS };
