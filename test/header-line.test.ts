import { describe, expect, it } from "vitest";
import { chooseHeader, type LineRow } from "../src/ingest/header-line.js";

const FIELDS = new Set(["date", "exporter", "barrels", "month", "member state"]);
const tests = {
  fieldCount: (cells: readonly string[]) =>
    cells.filter((c) => FIELDS.has(c.trim().toLowerCase())).length,
  serves: (cells: readonly string[]) => tests.missing(cells).length === 0,
  missing: (cells: readonly string[]) => {
    const names = cells.map((c) => c.trim().toLowerCase());
    return [
      names.includes("date") || names.includes("month") ? [] : ["date column (date, month)"],
      names.includes("exporter") || names.includes("member state")
        ? []
        : ["exporter column (exporter, member state)"],
    ].flat();
  },
};

const rows = (...lines: [number, string][]): LineRow[] =>
  lines.map(([line, text]) => ({ line, cells: text.split(",") }));

describe("choosing the header line", () => {
  const titled = rows(
    [1, "Supplies to the DPRK, 2019"],
    [3, "Month,Member State,Barrels"],
    [4, "2019-01,China,5"],
  );

  it("takes --header-line N, lines above skipped", () => {
    expect(chooseHeader(titled, 3, tests)).toEqual({ header: 1 });
  });
  it("refuses --header-line on a blank line or past the end", () => {
    expect(chooseHeader(titled, 2, tests)).toEqual({
      line: 2,
      problem: "--header-line 2 is a blank line",
    });
    expect(chooseHeader(titled, 9, tests)).toMatchObject({ problem: /the file ends before it/ });
  });
  it("without the option, hints at the line that would serve when line 1 is a title", () => {
    expect(chooseHeader(titled, undefined, tests)).toEqual({
      line: 1,
      problem:
        "line 1 names none of the fields; line 3 looks like the header (a title line above it?): pass --header-line 3",
    });
    const wide = rows([1, "Date,,,,"], [2, "Month,Member State,Barrels"], [3, "2019-01,China,5"]);
    expect(chooseHeader(wide, undefined, tests)).toMatchObject({
      problem: /^no row has the 5 fields of line 1; line 2 looks like the header/,
    });
    // A title that names a field by chance, as wide as the rows.
    const period = rows(
      [1, "Month,2019,"],
      [2, "Month,Member State,Barrels"],
      [3, "2019-01,China,5"],
    );
    expect(chooseHeader(period, undefined, tests)).toEqual({
      line: 1,
      problem:
        "line 1 lacks a required field; line 2 looks like the header (a title line above it?): pass --header-line 2",
    });
    const oneCell = rows([1, "Title"], [2, "date,exporter,barrels"], [3, "2019-01-01,China,5"]);
    expect(chooseHeader(oneCell, undefined, tests)).toMatchObject({
      problem: /^line 1 names none of the fields; line 2 looks like the header/,
    });
  });
  it("keeps line 1 when it is a header, even when no row has its width", () => {
    const plain = rows([1, "date,exporter,barrels"], [2, "2019-01-01,China,5"]);
    expect(chooseHeader(plain, undefined, tests)).toEqual({ header: 0 });
    const narrow = rows([1, "date,exporter"], [2, "x,y,z"]);
    expect(chooseHeader(narrow, undefined, tests)).toEqual({ header: 0 });
  });
  it("refuses a header short of a required field, naming the names it accepts", () => {
    const noExporter = rows([1, "date,Country,barrels"], [2, "2019-01-01,China,5"]);
    expect(chooseHeader(noExporter, undefined, tests)).toEqual({
      line: 1,
      problem: "line 1 names no exporter column (exporter, member state): every row would lack it",
    });
    const neither = rows([1, "barrels,x"], [2, "5,y"]);
    expect(chooseHeader(neither, undefined, tests)).toMatchObject({
      problem: /^line 1 names no date column \(date, month\) and no exporter column/,
    });
    expect(chooseHeader(rows([1, "t"], [2, "date,barrels"], [3, "x,5"]), 2, tests)).toEqual({
      line: 2,
      problem:
        "--header-line 2 names no exporter column (exporter, member state): every row would lack it",
    });
  });
  it("refuses a line 1 that names no field when no other line would serve: no header at all", () => {
    const headerless = rows([1, "2019-01-01,China,5"], [2, "2019-02-01,China,6"]);
    expect(chooseHeader(headerless, undefined, tests)).toEqual({
      line: 1,
      problem:
        'line 1 names none of the fields ("2019-01-01", "China", "5"): the header must name date, exporter, and barrels or quantity (capcheck schema lists every name)',
    });
    const late = rows([1, "title"], [11, "date,exporter"]);
    expect(chooseHeader(late, undefined, tests)).toMatchObject({
      line: 1,
      problem: /^line 1 names none of the fields \("title"\)/,
    });
    const wide = rows([1, "a,b,c,d,e"], [2, "1,2,3,4,5"]);
    expect(chooseHeader(wide, undefined, tests)).toMatchObject({
      problem: /^line 1 names none of the fields \("a", "b", "c", "d", …\)/,
    });
  });
  it("refuses a --header-line that names no field", () => {
    expect(chooseHeader(titled, 1, tests)).toMatchObject({
      line: 1,
      problem: /^--header-line 1 names none of the fields \("Supplies to the DPRK/,
    });
  });
});
