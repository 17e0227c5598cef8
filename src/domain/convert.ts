// Conversion to barrels in the 1718 Committee's order (contract §3): barrels as
// given; else a volume converted exactly; else a mass by its product's factor.
import { formatRatio, mul, type Ratio } from "./decimal.js";
import { withDigits } from "./exact-digits.js";
import {
  type Amount,
  type AmountRatio,
  amountOf,
  amountOfBarrels,
  amountRatio,
  amountTimes,
} from "./exact-sum.js";
import { formatLoadFactor } from "./number-forms.js";
import type { QuantityValue } from "./rules.js";
import {
  DEFAULT_FACTORS,
  type Factor,
  factor,
  MASS_IN_TONS,
  PRODUCTS,
  type Product,
  productOf,
  VOLUME_TO_BARRELS,
} from "./units.js";
import type { ShipmentFields } from "./validate.js";

export type Factors = Readonly<Record<Product, Factor>>;

export interface Converted {
  readonly nano: Amount;
  /** Which rule gave them: `barrels`, `volume` or `mass:<product>@<factor>`. */
  readonly rule: string;
  /** The quantity that counted was a lower bound (contract §13). */
  readonly atLeast: boolean;
}

const VOLUME_RATIOS = Object.fromEntries(
  Object.entries(VOLUME_TO_BARRELS).map(([unit, ratio]) => [unit, amountRatio(ratio)]),
) as Record<keyof typeof VOLUME_TO_BARRELS, AmountRatio>;

/**
 * A record's barrels. `loadFactor` (from --load-factor or a scenario) serves a
 * capacity record that has no load_factor of its own; validation made sure that
 * one of the two is there.
 */
export function toBarrels(fields: ShipmentFields, factors: Factors, loadFactor?: Ratio): Converted {
  const { barrels } = fields;
  if (barrels !== undefined) {
    return { nano: amountOfBarrels(barrels), rule: "barrels", atLeast: barrels.atLeast };
  }
  if (fields.quantity === undefined) return fromCapacity(fields, factors, loadFactor);
  // validateRecord guarantees a unit beside a quantity.
  const quantity = fields.quantity;
  const unit = fields.unit as NonNullable<ShipmentFields["unit"]>;
  const tons = MASS_IN_TONS[unit];
  if (tons === undefined) {
    const volume = unit as keyof typeof VOLUME_RATIOS;
    const nano = amountTimes(quantity, VOLUME_RATIOS[volume]);
    return { nano, rule: "volume", atLeast: quantity.atLeast };
  }
  const massFactor = factors[fields.product];
  if (unit === "t") {
    const nano = amountTimes(quantity, massFactor.perTon);
    return { nano, rule: massFactor.rule, atLeast: quantity.atLeast };
  }
  const fromMass = mul(mul(quantity.value, tons), massFactor.barrelsPerTon);
  return { nano: amountOf(fromMass), rule: massFactor.rule, atLeast: quantity.atLeast };
}

/** Capacity × load factor, by the product's factor when the capacity is in tons (§9). */
function fromCapacity(
  fields: ShipmentFields,
  factors: Factors,
  loadFactor: Ratio | undefined,
): Converted {
  const load = (fields.load_factor ?? loadFactor) as Ratio;
  const capacity = fields.capacity as QuantityValue;
  let barrels = mul(capacity.value, load);
  if ((fields.capacity_unit ?? "t") === "t")
    barrels = mul(barrels, factors[fields.product].barrelsPerTon);
  return {
    nano: amountOf(barrels),
    rule: `capacity:${formatLoadFactor(load)}`,
    atLeast: capacity.atLeast,
  };
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

/** Factors not the built-in ones, by product, as a report records them: `{ "diesel": 7 }`. */
export type FactorOverrides = Partial<Record<Product, number>>;

/**
 * The factors in force whose value is not the built-in one, in product order, each
 * with its exact digits for the JSON report. The one rule of what counts as an
 * override: a file's value equal to the built-in one (`"diesel": 7.50`) converts as
 * the 1718 Committee's does, and is none.
 */
export function factorOverrides(factors: Factors): FactorOverrides {
  const overrides: FactorOverrides = {};
  const digits: Record<string, string> = {};
  for (const product of PRODUCTS) {
    const given = factors[product].barrelsPerTon;
    const builtIn = DEFAULT_FACTORS[product].barrelsPerTon;
    if (given.num * builtIn.den === builtIn.num * given.den) continue;
    digits[product] = formatRatio(given);
    overrides[product] = Number(digits[product]);
  }
  return withDigits(overrides, digits);
}

export { DEFAULT_FACTORS };
