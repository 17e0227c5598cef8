import { describe, expect, it } from "vitest";
import { closestName, didYouMean, editDistance } from "../src/domain/did-you-mean.js";
import { labelKey, NameTable } from "../src/domain/labels.js";

describe("label keys", () => {
  it("drop case, punctuation, a parenthesised abbreviation and plurals", () => {
    expect(labelKey("Liquified petroleum gas (LPG)")).toBe(labelKey("liquified petroleum gas"));
    expect(labelKey("Gas oil/diesel")).toBe("gas oil diesel");
    expect(labelKey("bbls")).toBe("bbl");
    expect(labelKey("bbl.")).toBe("bbl");
    expect(labelKey("barrels (bbl)")).toBe("barrel");
    expect(labelKey("metric tonne(s)")).toBe("metric tonne");
    expect(labelKey("m³")).toBe("m3");
    expect(labelKey("Kilograms")).toBe("kilogram");
    expect(labelKey("(bbl)")).toBe("bbl");
  });
  it("keep short words and double s as they are", () => {
    expect(labelKey("gas")).toBe("gas");
    expect(labelKey("mass")).toBe("mass");
  });
});

describe("name tables", () => {
  const table = new NameTable({ diesel: ["gas oil", "gasoil/diesel"], lpg: ["propane"] });
  it("look names up by key", () => {
    expect(table.lookup("GASOIL / DIESEL")).toBe("diesel");
    expect(table.lookup("Propanes")).toBe("lpg");
    expect(table.lookup("kerosene")).toBeUndefined();
  });
  it("refuse a name given to two keys", () => {
    expect(() => new NameTable({ a: ["x"], b: ["X."] })).toThrow(/both a and b/);
  });
  it("suggest the closest name for a slip, nothing for a stranger", () => {
    expect(table.closest("dieseel")).toBe("diesel");
    expect(table.closest("propan")).toBe("propane");
    expect(table.closest("kerosene")).toBeUndefined();
  });
});

describe("did you mean", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("deisel", "diesel")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("allows one edit in short names and a third of a long one", () => {
    expect(closestName("bbk", ["bbl", "t"])).toBe("bbl");
    expect(closestName("xy", ["bbl", "t"])).toBeUndefined();
    expect(closestName("unscr2397-refind", ["unscr2397-refined", "unscr2397-crude"])).toBe(
      "unscr2397-refined",
    );
  });
  it("reads as a clause of a message", () => {
    expect(didYouMean("diesel")).toBe('; did you mean "diesel"?');
    expect(didYouMean(undefined)).toBe("");
  });
});
