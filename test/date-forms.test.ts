import { describe, expect, it } from "vitest";
import { intervalSpan, monthNameSpan, slashDaySpan } from "../src/domain/date-forms.js";

describe("month names", () => {
  it("read a full or abbreviated month name and a four-digit year as that month", () => {
    for (const text of [
      "January 2018",
      "Jan 2018",
      "Jan. 2018",
      "JAN 2018",
      " january  2018 ",
      "Jan-2018",
      "January-2018",
    ]) {
      expect(monthNameSpan(text)).toEqual({
        first: { year: 2018, month: 1, day: 1 },
        last: { year: 2018, month: 1, day: 31 },
        monthly: true,
      });
    }
    expect(monthNameSpan("Sept. 2020")?.last).toEqual({ year: 2020, month: 9, day: 30 });
    expect(monthNameSpan("February 2024")?.last.day).toBe(29);
  });
  it("refuse two-digit years, misspellings and years out of range", () => {
    for (const text of [
      "Jan 18",
      "Jan-18",
      "Janury 2018",
      "January. 2018",
      "Jan.-2018",
      "Jan 1899",
      "2018 January",
      "2018-Jan",
    ]) {
      expect(monthNameSpan(text)).toBeUndefined();
    }
  });
});

describe("year-first days with slashes", () => {
  it("read 2018/1/15 and 2018/01/15 as that day: the year leads, so nothing is in doubt", () => {
    for (const text of ["2018/1/15", "2018/01/15", " 2018/1/5 "]) {
      expect(slashDaySpan(text)?.last.month).toBe(1);
    }
    expect(slashDaySpan("2024/2/29")?.last).toEqual({ year: 2024, month: 2, day: 29 });
    expect(slashDaySpan("2018/1/15")?.monthly).toBe(false);
  });
  it("refuse day-first or month-first forms, impossible days and months alone", () => {
    for (const text of ["15/1/2018", "1/15/2018", "2018/2/30", "2018/13/1", "2018/01", "18/1/15"]) {
      expect(slashDaySpan(text)).toBeUndefined();
    }
  });
});

describe("intervals", () => {
  it("read months to months and days to days, counting on the last day", () => {
    expect(intervalSpan("2020-01/2020-06")).toEqual({
      first: { year: 2020, month: 1, day: 1 },
      last: { year: 2020, month: 6, day: 30 },
      monthly: true,
    });
    expect(intervalSpan("2018-01-15/2018-02-14")).toEqual({
      first: { year: 2018, month: 1, day: 15 },
      last: { year: 2018, month: 2, day: 14 },
      monthly: false,
    });
  });
  it("refuse a reversed or mixed interval with a reason", () => {
    expect(intervalSpan("2018-06/2018-01")).toBe("the interval ends before it starts");
    expect(intervalSpan("2018-01/2018-02-14")).toMatch(/both ends as months .* or both as days/);
  });
  it("leave other text to the date rule", () => {
    for (const text of ["15/01/2018", "01/02/2018", "2018-13/2018-14", "2018-02-30/2018-03-01"]) {
      expect(intervalSpan(text)).toBeUndefined();
    }
  });
});
