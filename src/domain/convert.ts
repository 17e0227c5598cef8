// Conversion to barrels in the 1718 Committee's order (contract §3): barrels as
// given; else a volume converted exactly; else a mass by its product's factor.
import { z } from "zod";
import { formatRatio, mul, parseDecimal, type Ratio, toNano } from "./decimal.js";
import type { ShipmentFields } from "./record.js";
import {
  DEFAULT_FACTORS,
  type Factor,
  PRODUCTS,
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
  const factor = factors[fields.product].barrelsPerTon;
  return {
    nano: toNano(mul(quantity, factor)),
    rule: `mass:${fields.product}@${formatRatio(factor)}`,
  };
}

/** A `--factors` file: `{ "diesel": 7.46, ... }`, keys by any accepted product name. */
export const factorsFileSchema = z.record(
  z.string().refine((key) => productOf(key) !== undefined, {
    message: `unknown product; accepted: ${PRODUCTS.join(", ")}`,
  }),
  z.union([z.number(), z.string()]).transform((value, ctx): Ratio => {
    const ratio = parseDecimal(String(value));
    if (ratio === undefined || ratio.num === 0n || ratio.num > 1000n * ratio.den) {
      ctx.addIssue({
        code: "custom",
        message: `expected barrels per ton above 0 and at most 1000, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return ratio;
  }),
);

/** The built-in factors with a file's overrides laid over them. */
export function factorsWith(overrides: Record<string, Ratio>, source: string): Factors {
  const factors: Record<Product, Factor> = { ...DEFAULT_FACTORS };
  for (const [name, barrelsPerTon] of Object.entries(overrides)) {
    factors[productOf(name) as Product] = { barrelsPerTon, source };
  }
  return factors;
}

export { DEFAULT_FACTORS };
