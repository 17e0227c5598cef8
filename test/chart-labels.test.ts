import { describe, expect, it } from "vitest";
import { DEFAULT_FACTORS, toBarrels } from "../src/domain/convert.js";
import { isProblem } from "../src/domain/rules.js";
import { PRODUCT_TABLE, productOf, UNIT_TABLE, unitOf } from "../src/domain/units.js";
import { validateRecord } from "../src/domain/validate.js";

describe("the conversion chart's product labels", () => {
  it.each([
    ["Liquefied petroleum gas (LPG)", "lpg"],
    ["Liquified petroleum gas (LPG)", "lpg"],
    ["Liquefied/Liquified petroleum gas (LPG)", "lpg"],
    ["Gas oil/diesel", "diesel"],
    ["Gasoil/diesel", "diesel"],
    ["Motor gasoline", "gasoline"],
    ["Kerosene/jet fuel", "kerosene"],
    ["Residual fuel oil", "fuel_oil"],
    ["Product basket", "refined"],
    ["DIESEL.", "diesel"],
    ["Heavy fuel oil (HFO)", "fuel_oil"],
    ["Diesel (gas oil)", "diesel"],
    ["Refined petroleum products", "refined"],
  ])("%s is %s", (label, product) => {
    expect(productOf(label)).toBe(product);
  });
  it("a near miss is refused and named with the closest product", () => {
    expect(productOf("Gas oil/diesell")).toBeUndefined();
    expect(PRODUCT_TABLE.closest("dieseel")).toBe("diesel");
    expect(PRODUCT_TABLE.closest("Motor gasolin")).toBe("motor gasoline");
  });
});

describe("a part in brackets", () => {
  it.each([
    "Diesel (LPG)",
    "Refined (crude)",
    "Crude (refined)",
    "Fuel oil (crude)",
    "(crude) diesel",
    "Gasoline (95 RON)",
  ])("%s is refused: only another name of the same product is dropped", (label) => {
    expect(productOf(label)).toBeUndefined();
  });
  it.each(["bbl (t)", "tonnes (bbl)", "gal (UK)", "Gallons (imperial)"])(
    "%s is refused: only another name of the same unit or a plural ending is dropped",
    (spelling) => {
      expect(unitOf(spelling)).toBeUndefined();
    },
  );
  it("says which part to drop", () => {
    expect(PRODUCT_TABLE.hint("Diesel (LPG)")).toBe(
      '; "(LPG)" in brackets is not another name of diesel: write "diesel" alone, or a name that says which',
    );
    expect(UNIT_TABLE.hint("gal (UK)")).toMatch(/"\(UK\)" in brackets is not another name of gal/);
    expect(PRODUCT_TABLE.hint("dieseel")).toBe('; did you mean "diesel"?');
  });
});

describe("unit spellings", () => {
  it.each([
    ["bbls", "bbl"],
    ["bbl.", "bbl"],
    ["barrels (bbl)", "bbl"],
    ["metric tonne(s)", "t"],
    ["tonne(s)", "t"],
    ["Metric Tonnes", "t"],
    ["m/t", "t"],
    ["MTs", "t"],
    ["us gallons", "gal"],
    ["US gal.", "gal"],
    ["cbm", "kl"],
    ["cu m", "kl"],
    ["m³", "kl"],
    ["kg", "kg"],
    ["kilograms", "kg"],
  ])("%s is %s", (spelling, unit) => {
    expect(unitOf(spelling)).toBe(unit);
  });
  it("a near miss is refused and named with the closest unit", () => {
    expect(unitOf("bbbl")).toBeUndefined();
    expect(UNIT_TABLE.closest("bbbl")).toBe("bbl");
    expect(unitOf("cubic")).toBeUndefined();
  });
});

describe("kilograms", () => {
  it("convert as a thousandth of a ton, by the product's factor", () => {
    const fields = validateRecord({
      date: "2019-08",
      exporter: "Russia",
      product: "diesel",
      quantity: "2,612,000",
      unit: "kg",
    });
    if (isProblem(fields)) throw new Error(fields.message);
    expect(Number(toBarrels(fields, DEFAULT_FACTORS).nano)).toBe(19_590 * 1e9);
  });
});
