// Lower bounds, fractions (contract §13) and reporting gaps, as pure functions.
import { describe, expect, it } from "vitest";
import { lastGapMonth, monthIndex, ReportedMonths } from "../src/domain/gaps.js";
import { parseFraction, splitLowerBound } from "../src/domain/number-forms.js";

describe("lower bounds", () => {
  it.each([
    [">165000", "165000"],
    ["> 165000", "165000"],
    [">= 165000", "165000"],
    ["≥165000", "165000"],
    ["≥ 165,000", "165,000"],
    ["at least 165000", "165000"],
    ["At Least  165000", "165000"],
    ["more than 165000", "165000"],
    ["over 165000", "165000"],
  ])("%s counts as the bound", (text, number) => {
    expect(splitLowerBound(text)).toEqual({ number, atLeast: true });
  });

  it.each(["165000", "<165000", "over165000", "atleast 165000", "about 165000", "165000+"])(
    "%s is not a lower bound",
    (text) => {
      expect(splitLowerBound(text)).toEqual({ number: text, atLeast: false });
    },
  );
});

describe("fractions", () => {
  it("reads 1/3 exactly", () => {
    expect(parseFraction("1/3")).toEqual({ num: 1n, den: 3n });
    expect(parseFraction(" 2 / 3 ")).toEqual({ num: 2n, den: 3n });
  });
  it.each(["1/0", "1/3/4", "0.5/2", "1/", "/3", "-1/3", "one/three"])("refuses %s", (text) => {
    expect(parseFraction(text)).toBeUndefined();
  });
});

describe("reporting gaps", () => {
  it("lists the months after the first report without one, up to the last month", () => {
    const months = new ReportedMonths((name) => name.toLowerCase());
    months.add("Russian Federation", monthIndex("2024-01-31"), monthIndex("2024-01-31"));
    months.add("China", monthIndex("2024-01-01"), monthIndex("2024-08-31"));
    months.add("china", monthIndex("2024-11-30"), monthIndex("2024-11-30"));
    months.add("China", monthIndex("2024-11-02"), monthIndex("2024-11-02"));
    expect(months.gaps(monthIndex("2024-12-31"))).toEqual([
      { key: "China", months: ["2024-09", "2024-10", "2024-12"] },
      {
        key: "Russian Federation",
        months: [
          "2024-02",
          "2024-03",
          "2024-04",
          "2024-05",
          "2024-06",
          "2024-07",
          "2024-08",
        ].concat(["2024-09", "2024-10", "2024-11", "2024-12"]),
      },
    ]);
  });

  it("names no exporter without gaps", () => {
    const months = new ReportedMonths((name) => name.toLowerCase());
    months.add("China", monthIndex("2019-01-01"), monthIndex("2019-12-31"));
    expect(months.gaps(monthIndex("2019-12-31"))).toEqual([]);
  });

  it("stops a running period at the last month already over", () => {
    expect(lastGapMonth("2026-12-31", "2026-11-27")).toBe(monthIndex("2026-10-01"));
    expect(lastGapMonth("2024-12-31", "2026-11-27")).toBe(monthIndex("2024-12-01"));
    expect(lastGapMonth("2026-12-31", "2027-01-01")).toBe(monthIndex("2026-12-01"));
  });
});
