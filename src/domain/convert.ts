// Conversion to barrels in the 1718 Committee's order (contract §3): barrels as
// given; else a volume converted exactly; else a mass by its product's factor.
import { mul, type Ratio, toNano } from "./decimal.js";
import type { ShipmentFields } from "./record.js";
import {
  DEFAULT_FACTORS,
  type Factor,
  factor,
  type Product,
  productOf,
  VOLUME_TO_BARRELS,
} from "./units.js";

export type Factors = Readonly<Record<Product, Factor>>;

export interface Converted {
  /** Nano-barrels. */
  readonly nano: bigint;
  /** Which rule gave them: `barrels`, `volume` or `mass:<product>@<factor>`. */
  readonly rule: string;
}

export function toBarrels(fields: ShipmentFields, factors: Factors): Converted {
  if (fields.barrels !== undefined) return { nano: toNano(fields.barrels.value), rule: "barrels" };
  // validateRecord guarantees a quantity and a unit when barrels are absent.
  const quantity = (fields.quantity as NonNullable<ShipmentFields["quantity"]>).value;
  const unit = fields.unit as NonNullable<ShipmentFields["unit"]>;
  if (unit !== "t") return { nano: toNano(mul(quantity, VOLUME_TO_BARRELS[unit])), rule: "volume" };
  const factor = factors[fields.product];
  return { nano: toNano(mul(quantity, factor.barrelsPerTon)), rule: factor.rule };
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
