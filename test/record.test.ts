import { describe, expect, it } from "vitest";
import type { FieldValues } from "../src/domain/fields.js";
import { imoCheckDigitValid } from "../src/domain/imo.js";
import { isProblem } from "../src/domain/rules.js";
import { type ShipmentFields, validateRecord } from "../src/domain/validate.js";
import { fieldsOfHeader } from "../src/ingest/csv-row.js";
import { fieldOf, valuesFromObject } from "../src/ingest/keys.js";

const base = { date: "2024-03-01", exporter: "China", barrels: "10" };

function ok(values: FieldValues): ShipmentFields {
  const result = validateRecord(values);
  if (isProblem(result)) throw new Error(`unexpected problem: ${result.field}: ${result.message}`);
  return result;
}

function problem(values: FieldValues) {
  const result = validateRecord(values);
  if (!isProblem(result)) throw new Error("expected a problem");
  return result;
}

describe("field names", () => {
  it("match aliases case-insensitively, spaces and hyphens as _", () => {
    expect(fieldOf(" Shipment Date ")).toBe("date");
    expect(fieldOf("SUPPLYING-STATE")).toBe("exporter");
    expect(fieldOf("Port of Loading")).toBe("origin");
    expect(fieldOf("notes")).toBe("note");
    expect(fieldOf("whatever")).toBeUndefined();
  });
  it("refuse a header that names one field twice", () => {
    const result = fieldsOfHeader(["date", "exporter", "month"]);
    expect(isProblem(result) && result.code).toBe("duplicate_column");
  });
  it("refuse an object that gives one field under two keys", () => {
    const result = valuesFromObject({ date: "2024-01-01", Month: "2024-01" });
    expect(isProblem(result) && result.code).toBe("duplicate_field");
  });
  it("read an empty value or null as missing", () => {
    expect(valuesFromObject({ date: "2024-01-01", month: "", period: null })).toEqual({
      date: "2024-01-01",
    });
  });
});

describe("dates", () => {
  it("reads YYYY-MM-DD", () => {
    expect(ok(base).date).toEqual({
      day: "2024-03-01",
      ordinal: 19783,
      monthly: false,
      first: "2024-03-01",
    });
  });
  it("counts a YYYY-MM record on its month's last day", () => {
    expect(ok({ ...base, date: "2024-02" }).date).toMatchObject({
      day: "2024-02-29",
      monthly: true,
      first: "2024-02-01",
    });
    expect(ok({ ...base, date: "2023-02" }).date.day).toBe("2023-02-28");
  });
  it("reads a date-time as the date written in it, whatever its offset", () => {
    expect(ok({ ...base, date: "2024-01-01T00:30:00+09:00" }).date.day).toBe("2024-01-01");
    expect(ok({ ...base, date: "2024-12-31T23:59:59-11:00" }).date.day).toBe("2024-12-31");
    expect(ok({ ...base, date: "2024-06-01T12:00Z" }).date.day).toBe("2024-06-01");
  });
  it.each(["2024-02-30", "2024-13-01", "2024-00-10", "12/03/2024", "2024-1-5", "2024-03-01T25:00"])(
    "rejects %s",
    (date) => {
      expect(problem({ ...base, date }).code).toBe("invalid_date");
    },
  );
  it("reads a month name and year as that month (contract §12)", () => {
    for (const date of ["January 2018", "Jan 2018", "Jan. 2018"]) {
      expect(ok({ ...base, date }).date).toEqual({
        day: "2018-01-31",
        ordinal: 17562,
        monthly: true,
        first: "2018-01-01",
      });
    }
  });
  it("reads an ISO interval as a span that counts on its last day", () => {
    expect(ok({ ...base, date: "2020-01/2020-06" }).date).toMatchObject({
      first: "2020-01-01",
      day: "2020-06-30",
      monthly: true,
    });
    expect(ok({ ...base, date: "2018-01-15/2018-02-14" }).date).toMatchObject({
      first: "2018-01-15",
      day: "2018-02-14",
      monthly: false,
    });
  });
  it.each([
    ["Jan 18", /expected YYYY-MM-DD, YYYY-MM, Jan 2018, January 2018 or an ISO interval/],
    ["2018-1-5", /or an ISO interval \(2018-01\/2018-06, 2018-01-15\/2018-02-14\), got/],
    ["2018-06/2018-01", /^the interval ends before it starts, got/],
    ["2018-01/2018-02-14", /both ends as months/],
  ])("refuses the near miss %s and lists the accepted forms", (date, message) => {
    const p = problem({ ...base, date });
    expect(p.code).toBe("invalid_date");
    expect(p.message).toMatch(message);
  });
  // Of the right shape, but no date: the accepted forms alone would puzzle.
  it.each([
    ["2024-02-30", 'no such day: February 2024 has 29 days, got "2024-02-30"'],
    ["2023-02-29", 'no such day: February 2023 has 28 days, got "2023-02-29"'],
    ["2024/4/31", 'no such day: April 2024 has 30 days, got "2024/4/31"'],
    ["2024-13-01", 'no such month: 13, got "2024-13-01"'],
    ["2024-00", 'no such month: 00, got "2024-00"'],
    [
      "2024-01-15/2024-02-30",
      'no such day: February 2024 has 29 days, got "2024-01-15/2024-02-30"',
    ],
    ["2024-03-01T25:00", 'no such time of day: 25:00, got "2024-03-01T25:00"'],
    [
      "24/03/2024",
      'a day or month written first could be either (03/04/2024: 3 April or 4 March): write the year first, YYYY-MM-DD, got "24/03/2024"',
    ],
    ["01.02.2018", /^a day or month written first could be either .*, got "01.02.2018"$/],
    ["15-01-18", /^a day or month written first/],
  ])("says why %s is no date", (date, message) => {
    const p = problem({ ...base, date });
    expect(p.code).toBe("invalid_date");
    expect(p.message).toMatch(message);
  });
  it("keeps years to 1900-2100", () => {
    expect(problem({ ...base, date: "2101-01-01" }).message).toMatch(/1900 to 2100/);
    expect(ok({ ...base, date: "1900-01-01" }).date.day).toBe("1900-01-01");
  });
});

describe("numbers", () => {
  it("accept thousands separators and exponents", () => {
    expect(ok({ ...base, barrels: "165,000.5" }).barrels?.value).toEqual({
      num: 1650005n,
      den: 10n,
    });
    expect(ok({ ...base, barrels: 1.65e5 }).barrels?.value).toEqual({ num: 165000n, den: 1n });
  });
  it.each([
    ["1.234,5", "invalid_number"],
    ["12abc", "invalid_number"],
    ["NaN", "invalid_number"],
    ["Infinity", "invalid_number"],
    ["-5", "negative_number"],
    ["1000000000001", "number_too_large"],
    // Past an exponent of 400 too: too large, not "expected a decimal".
    ["1e401", "number_too_large"],
    ["2.5E99999999999999999999", "number_too_large"],
  ])("reject %s as %s", (barrels, code) => {
    expect(problem({ ...base, barrels }).code).toBe(code);
  });
  it("read zero with any exponent as zero", () => {
    expect(ok({ ...base, barrels: "0e500" }).barrels?.value).toEqual({ num: 0n, den: 1n });
    expect(ok({ ...base, barrels: "0.0e-999" }).barrels?.value).toEqual({ num: 0n, den: 1n });
  });
  it("reject negative JSON numbers", () => {
    expect(problem({ ...base, barrels: -1 }).code).toBe("negative_number");
  });
  it.each(["-0", "-0.0", "-.0", "-0e5", " - 0 ", "-0.000e-999"])(
    "read %j as zero: a minus sign on zero changes nothing",
    (barrels) => {
      expect(Number(ok({ ...base, barrels }).barrels?.value.num)).toBe(0);
      expect(
        Number(
          ok({ ...base, quantity: barrels, unit: "t", barrels: undefined }).quantity?.value.num,
        ),
      ).toBe(0);
    },
  );
  it.each(["-1", "-0.5", "-0e5x", "--0", "-1e-401"])(
    "still refuse %j as not a quantity",
    (barrels) => {
      expect(isProblem(validateRecord({ ...base, barrels }))).toBe(true);
    },
  );
  it("refuse a value below 10^-400 however it is written, and say so", () => {
    for (const barrels of [
      "1e-401",
      `0.${"0".repeat(400)}1`,
      "9.9e-401",
      "1e-99999999999999999999",
    ]) {
      const p = problem({ ...base, barrels });
      expect(p.code).toBe("number_too_small");
      expect(p.message).toMatch(
        /^is below 10\^-400, the smallest quantity read other than 0, got "/,
      );
    }
    // 10^-400 itself, and anything above it, is read exactly.
    expect(ok({ ...base, barrels: "1e-400" }).barrels?.value).toEqual({
      num: 1n,
      den: 10n ** 400n,
    });
    expect(ok({ ...base, barrels: "1.5e-400" }).barrels?.value).toEqual({
      num: 15n,
      den: 10n ** 401n,
    });
    expect(ok({ ...base, barrels: `0.${"0".repeat(399)}1` }).barrels?.value).toEqual({
      num: 1n,
      den: 10n ** 400n,
    });
    expect(ok({ ...base, barrels: "0.0000000000001" }).barrels?.value).toEqual({
      num: 1n,
      den: 10n ** 13n,
    });
  });
  it("refuse a load factor below 10^-400 as that, not as no number", () => {
    const estimate = { date: "2024-03-01", exporter: "X", basis: "estimated", capacity: "1000" };
    expect(problem({ ...estimate, load_factor: "1e-401" }).message).toBe(
      'is below 10^-400, the smallest number read other than 0, got "1e-401"',
    );
  });
});

describe("products and units", () => {
  it("read every accepted name", () => {
    expect(ok({ ...base, product: "Heavy Fuel Oil" }).product).toBe("fuel_oil");
    expect(ok({ ...base, product: "MOGAS" }).product).toBe("gasoline");
    expect(ok({ ...base, product: "crude oil" }).product).toBe("crude");
    expect(ok(base).product).toBe("refined");
    const q = { date: "2024-01-01", exporter: "X", quantity: "1" };
    expect(ok({ ...q, unit: "Metric Tons" }).unit).toBe("t");
    expect(ok({ ...q, unit: "m3" }).unit).toBe("kl");
    expect(ok({ ...q, unit: "US gal" }).unit).toBe("gal");
    expect(ok({ ...q, unit: "Litres" }).unit).toBe("l");
  });
  it("reject unknown names with the accepted list", () => {
    const p = problem({ ...base, product: "whale oil" });
    expect(p.code).toBe("unknown_product");
    expect(p.message).toContain("mazut");
    const u = problem({ date: "2024-01-01", exporter: "X", quantity: "1", unit: "furlong" });
    expect(u.code).toBe("unknown_unit");
    expect(u.message).toContain("kilolitre");
  });
  it("name the closest accepted name for a slip (contract §12)", () => {
    expect(problem({ ...base, product: "dieseel" }).message).toMatch(
      /^unknown product "dieseel"; did you mean "diesel"\?; accepted: /,
    );
    const q = { date: "2024-01-01", exporter: "X", quantity: "1" };
    expect(problem({ ...q, unit: "tonnnes" }).message).toMatch(/did you mean "tonne"\?/);
    expect(problem({ ...base, product: "whale oil" }).message).not.toMatch(/did you mean/);
    // LNG is another product, not a slip for LPG.
    expect(problem({ ...base, product: "LNG" }).message).not.toMatch(/did you mean/);
  });
  it.each([
    "kt",
    "ml",
    "ML",
    "hl",
    "Gg",
    "lts",
    "m^3",
    "kbbl",
    "Mgal",
    "kilotonnes",
    "millilitres",
    "gram",
  ])(
    "never offer another unit for %s: a scale prefix or a letter of an abbreviation is no slip",
    (unit) => {
      const found = problem({ date: "2024-01-01", exporter: "X", quantity: "1", unit });
      expect(found.code).toBe("unknown_unit");
      expect(found.message).not.toMatch(/did you mean/);
    },
  );
  it.each([
    ["barels", "barrel"],
    ["bbbl", "bbl"],
    ["kilogramms", "kilogram"],
    ["metirc-tons", "metric ton"],
  ])("still name the unit for the slip %s", (unit, closest) => {
    const found = problem({ date: "2024-01-01", exporter: "X", quantity: "1", unit });
    expect(found.message).toContain(`did you mean "${closest}"?`);
  });
});

describe("totals rows (contract §11)", () => {
  it.each([
    "Total",
    "TOTAL:",
    "Grand total",
    "sub-total",
    "Sum",
    "All",
    "overall",
    "Total*",
    "Total¹",
    "Total (all states)",
    "Grand total [2018]",
    "Total 2024",
    "Total 2024:",
    "Sub total",
    "Grand-total",
    "GRAND TOTAL:",
    "Total, all states",
    "Subtotal Asia",
    "China total",
    "China (total)",
    "Russia - subtotal",
    "Running total",
    "Cumulative total*",
    "Total for 2024",
    "Total reported",
    "World",
    "All countries",
    "All member states",
    "Σ",
    "合计",
    "합계",
    "Итого:",
    "Total a/",
    "China total b/",
  ])("refuses %s as an exporter", (exporter) => {
    expect(problem({ ...base, exporter })).toMatchObject({
      field: "exporter",
      code: "totals_row",
    });
  });
  it.each(["Total:", "GRAND TOTAL", "Total a/", "Sub total"])(
    "refuses %s in the date column as a totals row, not as a date of another form",
    (date) => {
      expect(problem({ ...base, date, exporter: "China" })).toMatchObject({
        field: "date",
        code: "totals_row",
        message: `"${date}" is a totals row, not a date: a table's own sums are not counted`,
      });
    },
  );
  it("keeps a supplier whose name only starts like one", () => {
    expect(ok({ ...base, exporter: "TotalEnergies" }).exporter).toBe("TotalEnergies");
    expect(ok({ ...base, exporter: "Total Trading" }).exporter).toBe("Total Trading");
    expect(ok({ ...base, exporter: "Total Trading (Asia)" }).exporter).toBe("Total Trading (Asia)");
    expect(ok({ ...base, exporter: "Total 2024 Ltd" }).exporter).toBe("Total 2024 Ltd");
    expect(ok({ ...base, exporter: "Total China" }).exporter).toBe("Total China");
    expect(ok({ ...base, exporter: "World Fuel Services" }).exporter).toBe("World Fuel Services");
    expect(ok({ ...base, exporter: "All others" }).exporter).toBe("All others");
    expect(ok({ ...base, exporter: "Totalfina" }).exporter).toBe("Totalfina");
  });
});

describe("record rules (contract §3)", () => {
  it("need barrels, or a quantity with a unit", () => {
    expect(problem({ date: "2024-01-01", exporter: "X" }).code).toBe("missing_quantity");
    expect(problem({ date: "2024-01-01", exporter: "X", quantity: "5" }).code).toBe("missing_unit");
  });
  it("refuse barrels beside a unit other than bbl and no quantity: the figure's unit is in doubt", () => {
    expect(problem({ ...base, barrels: "100", unit: "t" })).toMatchObject({
      field: "unit",
      code: "unit_without_quantity",
      message:
        "unit t given with barrels and no quantity: give the figure as quantity in its unit, or leave unit empty",
    });
    expect(ok({ ...base, barrels: "100", unit: "bbls" }).barrels).toBeDefined();
    expect(ok({ ...base, barrels: "100", quantity: "99", unit: "t" }).barrels).toBeDefined();
  });
  it("need a date and an exporter", () => {
    expect(problem({ exporter: "X", barrels: "1" }).field).toBe("date");
    expect(problem({ date: "2024-01-01", exporter: "   ", barrels: "1" }).field).toBe("exporter");
  });
  it("fold the white space of text fields", () => {
    expect(ok({ ...base, exporter: "  Russian \t Federation " }).exporter).toBe(
      "Russian Federation",
    );
  });
  it("check the IMO check digit", () => {
    expect(imoCheckDigitValid("9074729")).toBe(true);
    expect(imoCheckDigitValid("9074728")).toBe(false);
    expect(ok({ ...base, imo: "IMO 9074729" }).imo).toBe("9074729");
    expect(problem({ ...base, imo: "907472" }).code).toBe("invalid_imo");
    expect(problem({ ...base, imo: "9074728" }).code).toBe("invalid_imo");
  });
  it("read basis, reported by default", () => {
    expect(ok(base).basis).toBe("reported");
    expect(ok({ ...base, basis: "Estimated" }).basis).toBe("estimated");
    expect(problem({ ...base, basis: "guess" }).code).toBe("invalid_basis");
  });
  it("refuse objects where text belongs", () => {
    expect(problem({ ...base, exporter: { a: 1 } }).code).toBe("invalid_type");
  });
});
