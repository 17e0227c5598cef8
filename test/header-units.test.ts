import { describe, expect, it } from "vitest";
import { unitColumn } from "../src/ingest/header-units.js";

const read = unitColumn;

describe("units in headers", () => {
  it("read NAME (UNIT), NAME [UNIT], NAME in UNIT and NAME, UNIT", () => {
    expect(read("Amount (tons)")).toEqual({ field: "quantity", unit: "t" });
    expect(read("Quantity [kl]")).toEqual({ field: "quantity", unit: "kl" });
    expect(read("Volume in litres")).toEqual({ field: "quantity", unit: "l" });
    expect(read("Weight, t")).toEqual({ field: "quantity", unit: "t" });
    expect(read("Mass (tonnes)")).toEqual({ field: "quantity", unit: "t" });
  });
  it("read a barrels unit as the barrels column", () => {
    expect(read("Quantity (barrels)")).toEqual({ field: "barrels" });
    expect(read("Volume [bbl]")).toEqual({ field: "barrels" });
  });
  it("read a unit alone as a quantity in it", () => {
    expect(read("Tons")).toEqual({ field: "quantity", unit: "t" });
    expect(read("MT")).toEqual({ field: "quantity", unit: "t" });
    expect(read("Litres")).toEqual({ field: "quantity", unit: "l" });
    expect(read("m3")).toEqual({ field: "quantity", unit: "kl" });
    expect(read("m³")).toEqual({ field: "quantity", unit: "kl" });
  });
  it("give no reading to near misses", () => {
    expect(read("Remarks (tons)")).toBeUndefined();
    expect(read("Amount (cases)")).toBeUndefined();
    expect(read("Barrels (t)")).toBeUndefined();
    expect(read("T")).toBeUndefined();
    expect(read("L.")).toBeUndefined();
    expect(read("Page")).toBeUndefined();
  });
});
