import { describe, expect, it } from "vitest";
import { unitColumn, unreadFigure } from "../src/ingest/header-units.js";

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

describe("figures in a unit capcheck does not read", () => {
  it("name a scaled unit, in brackets, after `in` or a comma, or alone", () => {
    for (const [header, unit] of [
      ["Quantity (kt)", '"kt"'],
      ["Quantity ('000 t)", `"'000 t"`],
      ["Weight, kilotonnes", '"kilotonnes"'],
      ["Barrels in thousands", '"thousands"'],
      ["Volume (Mbbl)", '"Mbbl"'],
      ["Barrels (000)", '"000"'],
      ["Tonnes ('000)", `"'000"`],
      ["Thousand barrels", '"Thousand barrels"'],
      ["kt", '"kt"'],
    ]) {
      expect(unreadFigure(header as string)).toBe(
        `is in a scaled unit (${unit}), which capcheck does not read`,
      );
    }
  });
  it("name a remark or unknown unit, and barrels in another unit", () => {
    expect(unreadFigure("Barrels (est.)")).toBe('names no unit capcheck reads ("est.")');
    expect(unreadFigure("Amount (cases)")).toBe('names no unit capcheck reads ("cases")');
    expect(unreadFigure("Barrels (t)")).toBe('names barrels in another unit ("t")');
  });
  it("say nothing of a header read, or of one that names no figure", () => {
    for (const header of [
      "Amount (tons)",
      "Quantity [bbl]",
      "MT",
      "kl",
      "Kg",
      "Remarks (kt)",
      "Date (YYYY-MM-DD)",
      "Page",
      "T",
    ]) {
      expect(unreadFigure(header)).toBeUndefined();
    }
  });
});
