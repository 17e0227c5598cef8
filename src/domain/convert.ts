// Conversion to barrels in the 1718 Committee's order (contract §3): barrels as
// given; else a volume converted exactly; else a mass by its product's factor.
import { exactTimes, formatRatio, mul, type Ratio, smallRatio, toNano } from "./decimal.js";
import type { QuantityValue } from "./rules.js";
import {
  DEFAULT_FACTORS,
  type Factor,
  factor,
  type Product,
  productOf,
  VOLUME_TO_BARRELS,
} from "./units.js";
import type { ShipmentFields } from "./validate.js";

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

/**
 * A record's barrels. `loadFactor` (from --load-factor or a scenario) serves a
 * capacity record that has no load_factor of its own; validation made sure that
 * one of the two is there.
 */
export function toBarrels(fields: ShipmentFields, factors: Factors, loadFactor?: Ratio): Converted {
  const { barrels } = fields;
  if (barrels !== undefined) {
    return { nano: barrels.scaled ?? toNano(barrels.value), rule: "barrels" };
  }
  if (fields.quantity === undefined) return fromCapacity(fields, factors, loadFactor);
  // validateRecord guarantees a unit beside a quantity.
  const quantity = fields.quantity;
  const unit = fields.unit as NonNullable<ShipmentFields["unit"]>;
  if (unit !== "t") {
    return { nano: times(quantity, VOLUME_TO_BARRELS[unit], VOLUME_SMALL[unit]), rule: "volume" };
  }
  const factor = factors[fields.product];
  return { nano: times(quantity, factor.barrelsPerTon, factor.small), rule: factor.rule };
}

/** Capacity × load factor, by the product's factor when the capacity is in tons (§9). */
function fromCapacity(
  fields: ShipmentFields,
  factors: Factors,
  loadFactor: Ratio | undefined,
): Converted {
  const factor = (fields.load_factor ?? loadFactor) as Ratio;
  let barrels = mul((fields.capacity as QuantityValue).value, factor);
  if ((fields.capacity_unit ?? "t") === "t")
    barrels = mul(barrels, factors[fields.product].barrelsPerTon);
  return { nano: toNano(barrels), rule: `capacity:${formatRatio(factor)}` };
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
