// Number formats (contract §11): --number-format auto|point|comma, and the
// ambiguous_number rule for ;-separated files.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatCount,
  groupThousands,
  numberReadingOf,
  pointText,
} from "../src/domain/number-format.js";
import { check } from "../src/index.js";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-numbers-"));
let count = 0;
function file(text: string): string {
  const path = join(dir, `t${count++}.csv`);
  writeFileSync(path, text);
  return path;
}

describe("writing numbers for people", () => {
  it("groups digits in threes by a comma", () => {
    expect(groupThousands("1234567")).toBe("1,234,567");
    expect(groupThousands("999")).toBe("999");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(1_000_000)).toBe("1,000,000");
  });
});

describe("reading number cells", () => {
  it("auto is point, except in a ;-separated file", () => {
    expect(numberReadingOf("auto", ",")).toBe("point-hinting");
    expect(numberReadingOf("auto", "\t")).toBe("point-hinting");
    expect(numberReadingOf("point", "\t")).toBe("point");
    expect(numberReadingOf("auto", ";")).toBe("point-refusing-ambiguous");
    expect(numberReadingOf("comma", ",")).toBe("comma");
    // Excel's "Unicode text": tab-separated UTF-16, written with the sheet's own marks.
    expect(numberReadingOf("auto", "\t", true)).toBe("point-refusing-ambiguous-unicode-text");
    expect(numberReadingOf("auto", ",", true)).toBe("point-hinting");
    expect(numberReadingOf("point", "\t", true)).toBe("point");
  });
  it.each([
    ["1.234,5", "1234.5"],
    ["1 234,5", "1234.5"],
    ["1\u00A0234\u00A0567,25", "1234567.25"],
    ["1'234", "1234"],
    ["2.612", "2612"],
    ["12.345.678", "12345678"],
    ["0,5", "0.5"],
    ["165000", "165000"],
    // Zero with a minus sign is zero, as in point (the quantity rules read -0.0 as 0).
    ["-0,0", "-0.0"],
    ["- 0", "-0"],
  ])("comma reads %s as %s", (text, expected) => {
    expect(pointText(text, "comma", "quantity")).toBe(expected);
  });
  it.each(["1.234.5", "1,234,5", "12.34", "1.234 567", "1e5", "-1", "-0,5", "1,2,3"])(
    "comma refuses %s",
    (text) => {
      expect(pointText(text, "comma", "quantity")).toMatchObject({ code: "invalid_number" });
    },
  );
  it("refuses 2.612 and 12.345.678 in a ;-separated file, naming the readings and the option", () => {
    const found = pointText("2.612", "point-refusing-ambiguous", "quantity");
    expect(found).toMatchObject({ field: "quantity", code: "ambiguous_number" });
    const { message } = found as { message: string };
    expect(message).toContain("could be 2612 (--number-format comma");
    expect(message).toContain("or 2.612 (--number-format point");
    // Two points: no decimal point reads it, so only the comma reading is named.
    expect(pointText("12.345.678", "point-refusing-ambiguous", "quantity")).toEqual({
      field: "quantity",
      code: "ambiguous_number",
      message:
        '"12.345.678" in a ;-separated file reads only as 12345678, with "." separating thousands (--number-format comma); pass --number-format comma to read the file so',
    });
    expect(pointText("2.61", "point-refusing-ambiguous", "quantity")).toBe("2.61");
    // A comma and three digits reads as a thousand or as one with a decimal comma.
    const comma = pointText("1,000", "point-refusing-ambiguous", "quantity");
    expect(comma).toMatchObject({ field: "quantity", code: "ambiguous_number" });
    expect((comma as { message: string }).message).toBe(
      '"1,000" in a ;-separated file could be 1000 (--number-format point: "," separates thousands) or 1.000 (--number-format comma: "," is the decimal mark); pass --number-format to say which',
    );
    // Unambiguous: two groups (no decimal comma reads them), a point, other digits.
    for (const text of ["12,345,678", "1,000.5", "1,00", "10000"])
      expect(pointText(text, "point-refusing-ambiguous", "quantity")).toBe(text);
    expect(pointText("2612", "point-refusing-ambiguous", "quantity")).toBe("2612");
  });
});

describe("--number-format on the command line", () => {
  const european =
    "date;exporter;product;quantity;unit\n2024-01-01;A;diesel;2.612;t\n2024-01-02;B;diesel;1.234,5;t\n";

  it("refuses the ambiguous figure by default, and says how to read the comma one", () => {
    const run = capcheck(["check", file(european)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(':2: quantity: "2.612" in a ;-separated file could be 2612');
    expect(run.stderr).toContain(
      ':3: quantity: expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got "1.234,5"; --number-format comma reads it as 1234.5',
    );
  });
  it("reads European figures with --number-format comma", async () => {
    const path = file(european);
    const run = capcheck(["check", path, "--number-format", "comma", "--json"]);
    expect(run.status).toBe(0);
    const groups = JSON.parse(run.stdout).periods[0].groups;
    expect(groups.map((g: { key: string; barrels: number }) => [g.key, g.barrels])).toEqual([
      ["A", 19590],
      ["B", 9258.75],
    ]);
    const report = await check([path], { numberFormat: "comma" });
    expect(report.periods?.[0]?.total.barrels).toBe(28848.75);
  });
  it("reads 2.612 as two and a bit with --number-format point", () => {
    const run = capcheck([
      "check",
      file(european),
      "--number-format",
      "point",
      "--skip-invalid",
      "--json",
    ]);
    expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(19.59);
  });
  it("never reads 0,500 as five hundred: a first group of 0 is a decimal comma", () => {
    const half = file("date;exporter;product;quantity;unit\n2024-01-01;A;diesel;0,500;t\n");
    const run = capcheck(["check", half]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('got "0,500"; --number-format comma reads it as 0.500');
    const comma = capcheck(["check", half, "--number-format", "comma", "--json"]);
    expect(JSON.parse(comma.stdout).periods[0].total.barrels).toBe(3.75);
    const quoted = capcheck(["check", file('date,exporter,barrels\n2024-01-01,A,"0,500"\n')]);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toContain('got "0,500"');
  });
  it("refuses 1,000 in a ;-separated file by default, and reads it as asked", () => {
    const thousand = file("date;exporter;product;quantity;unit\n2024-01-01;A;diesel;1,000;t\n");
    const run = capcheck(["check", thousand]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(':2: quantity: "1,000" in a ;-separated file could be 1000');
    const read = (format: string) =>
      JSON.parse(capcheck(["check", thousand, "--number-format", format, "--json"]).stdout)
        .periods[0].total.barrels;
    expect(read("point")).toBe(7500);
    expect(read("comma")).toBe(7.5);
  });
  it("refuses 2.612 and 1,000 in Excel's Unicode text (tab-separated UTF-16), not in UTF-8", () => {
    const rows =
      "date\texporter\tproduct\tquantity\tunit\r\n2024-01-01\tA\tdiesel\t2.612\tt\r\n2024-01-02\tB\tdiesel\t1,000\tt\r\n";
    const path = join(dir, `unicode-${count++}.txt`);
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, "utf16le")]));
    const run = capcheck(["check", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      ':2: quantity: "2.612" in a tab-separated UTF-16 file (Excel\'s Unicode text) could be 2612 (--number-format comma',
    );
    expect(run.stderr).toContain(':3: quantity: "1,000" in a tab-separated UTF-16 file');
    const read = (format: string) =>
      JSON.parse(capcheck(["check", path, "--number-format", format, "--json"]).stdout).periods[0]
        .total.barrels;
    expect(read("point")).toBe(19.59 + 7500);
    expect(read("comma")).toBe(19590 + 7.5);
    const utf8 = capcheck(["check", file(rows), "--json"]);
    expect(JSON.parse(utf8.stdout).periods[0].total.barrels).toBe(19.59 + 7500);
  });
  it("leaves ,-separated files as they were", () => {
    const run = capcheck(["check", file("date,exporter,barrels\n2024-01-01,A,2.612\n"), "--json"]);
    expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(2.612);
  });
  it("says how --number-format comma reads an invalid figure in a tab- or ,-separated file too", () => {
    const tsv = file("date\texporter\tquantity\tunit\n2024-01-01\tA\t1.234,5\tt\n");
    expect(capcheck(["check", tsv]).stderr).toContain(
      ':2: quantity: expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got "1.234,5"; --number-format comma reads it as 1234.5\n',
    );
    const csv = file('date,exporter,quantity,unit\n2024-01-01,A,"12,5",t\n');
    expect(capcheck(["check", csv]).stderr).toContain(
      'got "12,5"; --number-format comma reads it as 12.5\n',
    );
    // JSON strings read as point, and the option is refused for JSON: no hint there.
    const json = join(dir, "n.ndjson");
    writeFileSync(json, '{"date":"2024-01-01","exporter":"A","quantity":"12,5","unit":"t"}\n');
    expect(capcheck(["check", json]).stderr).not.toContain("--number-format");
  });
  it("refuses an unknown format as a usage error", async () => {
    expect(capcheck(["check", file(european), "--number-format", "euro"]).status).toBe(2);
    await expect(check([file(european)], { numberFormat: "euro" as never })).rejects.toThrow(
      /numberFormat/,
    );
  });
});
