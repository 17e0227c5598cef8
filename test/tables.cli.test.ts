// Contract §12 through the command line: the tables analysts actually have.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, UsageError } from "../src/index.js";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-tables-"));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CSV = "date,exporter,barrels\n2024-01-05,Türkiye,100\n";
const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, "utf16le")]);

describe("encodings", () => {
  it("reads UTF-16 LE and BE with a BOM, from a file or stdin", () => {
    const be = Buffer.from(utf16le);
    be.swap16();
    for (const args of [[file("le.csv", utf16le)], [file("be.txt", be)], ["-"]]) {
      const run = capcheck(["validate", ...args], { input: utf16le });
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^1 record valid/);
      expect(run.status).toBe(0);
    }
  });
  it("refuses UTF-16 without a BOM as binary data, and a broken UTF-16 text", () => {
    const noBom = capcheck(["validate", file("nobom.csv", utf16le.subarray(2))]);
    expect(noBom.status).toBe(2);
    expect(noBom.stderr).toMatch(
      /nobom\.csv: holds NUL bytes: it looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8\n$/,
    );
    const be = Buffer.from(utf16le.subarray(2));
    be.swap16();
    expect(capcheck(["validate", file("nobom-be.csv", be)]).stderr).toMatch(/looks like UTF-16/);
    const binary = capcheck([
      "validate",
      file("binary.csv", Buffer.from([1, 0, 0, 0, 7, 0, 0, 0])),
    ]);
    expect(binary.stderr).toMatch(/holds binary data \(a NUL byte\)/);
    const broken = Buffer.concat([utf16le, Buffer.from([0x00, 0xd8, 0x0a, 0x00])]);
    const run = capcheck(["validate", file("broken.csv", broken)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /broken\.csv:3: not valid UTF-16LE text \(an unpaired surrogate\); save the file as UTF-8\n$/,
    );
  });
  it("refuses a workbook in one line that says to save it as CSV UTF-8", () => {
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("[Content_Types].xml"),
    ]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
    ]);
    for (const [name, bytes, label] of [
      ["book.xlsx", xlsx, "XLSX"],
      ["book.xls", xls, "XLS"],
      ["book.ods", ods, "ODS"],
    ] as const) {
      const run = capcheck(["check", file(name, bytes)]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(`${name}: is an `);
      expect(run.stderr).toContain(`(${label})`);
      expect(run.stderr).toContain('save it as "CSV UTF-8');
    }
  });
});

describe("did you mean", () => {
  it("names the closest regime id, product and unit", () => {
    const data = file("d.csv", "date,exporter,barrels\n2024-01-05,China,100\n");
    const regime = capcheck(["check", "--regime", "unscr2397-refind", data]);
    expect(regime.status).toBe(2);
    expect(regime.stderr).toMatch(
      /unknown regime unscr2397-refind; did you mean "unscr2397-refined"\?; known: /,
    );
    const far = capcheck(["check", "--regime", "nope", data]);
    expect(far.stderr).not.toMatch(/did you mean/);
    const slips = file(
      "slips.csv",
      "date,exporter,product,quantity,unit\n2024-01-05,China,dieseel,5,t\n2024-01-06,China,diesel,5,bbbl\n",
    );
    const run = capcheck(["validate", slips]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /slips\.csv:2: product: unknown product "dieseel"; did you mean "diesel"\?/,
    );
    expect(run.stderr).toMatch(/slips\.csv:3: unit: unknown unit "bbbl"; did you mean "bbl"\?/);
  });
});

/** A check's groups as [key, barrels] pairs, from the JSON report of a CSV. */
function groups(csv: string, ...args: string[]): [string, number][] {
  const run = capcheck(["check", "--json", ...args, file("g.csv", csv)]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout).periods.flatMap(
    (p: { groups: { key: string; barrels: number }[] }) => p.groups.map((g) => [g.key, g.barrels]),
  );
}

describe("header names with a report table's marks", () => {
  it.each([
    ["Date*", "Member State¹", "Barrels a/"],
    ["Date (YYYY-MM-DD)", "Supplier (Member State)", "Barrels"],
    ["Month", "Member State(s)", "Quantity (bbl)"],
  ])("reads %s, %s, %s as the fields they name", (date, exporter, barrels) => {
    expect(groups(`"${date}","${exporter}","${barrels}"\n2024-01-15,China,100\n`)).toEqual([
      ["China", 100],
    ]);
  });
  it("drops no remark from a figure's header: its brackets hold a unit or stay unread", () => {
    const estimated = capcheck([
      "validate",
      file("remark.csv", "date,exporter,Barrels (est.)\n2024-01-15,China,100\n"),
    ]);
    expect(estimated.status).toBe(2);
    expect(estimated.stderr).toMatch(
      /^capcheck: \S*remark\.csv:1: header: column 3 \("Barrels \(est\.\)"\) names no unit capcheck reads \("est\."\): [^\n]*\n$/,
    );
  });
});

describe("units in headers", () => {
  it.each([
    ["Amount (tons)", "diesel", 75],
    ["Quantity [bbl]", "diesel", 10],
    ["Volume in kl", "refined", 62.898],
    ["Weight, t", "gasoline", 85],
    ["Tons", "lpg", 116],
    ["Kg", "diesel", 0.075],
  ])("%s reads as a quantity in that unit", (header, product, barrels) => {
    const csv = `date,exporter,product,${header.includes(",") ? `"${header}"` : header}\n2024-01-05,China,${product},10\n`;
    expect(groups(csv)).toEqual([["China", barrels]]);
  });
  it("a barrels column wins over another unit's column on the same row", () => {
    const csv =
      "date,exporter,Amount (tons),Quantity (barrels)\n2024-01-05,China,100,700\n2024-01-06,Mongolia,100,\n";
    expect(groups(csv)).toEqual([
      ["Mongolia", 800],
      ["China", 700],
    ]);
  });
  it("a near miss is named as an ignored column, so the record's failure explains itself", () => {
    const run = capcheck([
      "check",
      "--skip-invalid",
      file("near.csv", "date,exporter,barrels,Amount (cases),Page\n2024-01-05,China,,10,3\n"),
    ]);
    expect(run.stderr).toContain("near.csv:1: ignored columns: Amount (cases), Page");
    expect(run.stderr).toContain("near.csv:2: barrels: a record needs barrels");
  });
  it("the ignored columns are named also when the invalid record stops the run", () => {
    const near = file("near2.csv", "date,exporter,barrels,Amount (tns)\n2024-01-05,China,,10\n");
    for (const command of ["check", "ledger", "validate"]) {
      const run = capcheck([command, near]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("near2.csv:2: barrels: a record needs barrels");
      expect(run.stderr).toContain("capcheck: warning: ");
      expect(run.stderr).toMatch(/warning: \S*near2\.csv:1: ignored columns: Amount \(tns\)\n/);
    }
  });
  it("two columns for one field are refused, naming both", () => {
    const run = capcheck([
      "check",
      file("two.csv", "date,exporter,Amount (tons),Volume (kl)\n2024-01-05,China,1,2\n"),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /columns 3 \("Amount \(tons\)"\) and 4 \("Volume \(kl\)"\) both give quantity/,
    );
  });
});

describe("a figure in a unit capcheck does not read (scaled: kt, 000, thousand tonnes)", () => {
  it.each([
    ["Quantity (kt)", 4, '"kt"'],
    ["Quantity (thousand tonnes)", 4, '"thousand tonnes"'],
    ["Barrels (000)", 4, '"000"'],
    ["Tonnes ('000)", 4, `"'000"`],
    ["kt", 4, '"kt"'],
  ])(
    "%s refuses the file in one line, naming it, its header line and the cell",
    (cell, column, unit) => {
      const csv = `date,exporter,product,${cell},unit\n2018-01-05,China,diesel,10,t\n2018-02-05,China,diesel,20,t\n2018-03-05,China,diesel,20,t\n`;
      const path = file("scaled.csv", csv);
      for (const args of [
        ["check", path],
        ["ledger", path],
        ["validate", path],
        ["check", "--skip-invalid", path],
        ["validate", "-"],
      ]) {
        const run = capcheck(args, { input: csv });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        const where = args.includes("-") ? "<stdin>" : path;
        expect(run.stderr).toBe(
          `capcheck: ${where}:1: header: column ${column} (${JSON.stringify(cell)}) is in a scaled unit (${unit}), which capcheck does not read: give its figures in bbl, t, kg, kl, l or gal, with that unit in the header ("Quantity (t)") or in a unit column\n`,
        );
      }
    },
  );
  it("names a header line below a title, and the one --header-line gives", () => {
    const path = file(
      "scaled-title.csv",
      "Deliveries\n\ndate,exporter,Barrels in thousands\n2018-01-05,China,10\n",
    );
    expect(capcheck(["check", path]).stderr).toMatch(/pass --header-line 3\n$/);
    const run = capcheck(["check", "--header-line", "3", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^capcheck: \S*scaled-title\.csv:3: header: column 3 \("Barrels in thousands"\) is in a scaled unit \("thousands"\)[^\n]*\n$/,
    );
  });
  it("beside a column that gives barrels or a quantity, is ignored and named once", () => {
    const run = capcheck([
      "check",
      "--json",
      file("beside.csv", "date,exporter,barrels,Quantity (kt)\n2018-01-05,China,700,1\n"),
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^capcheck: warning: \S*beside\.csv:1: ignored columns: Quantity \(kt\)\n$/,
    );
    expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(700);
  });
  it("a header with no barrels, quantity or capacity column is refused in one line", () => {
    const run = capcheck([
      "check",
      file(
        "nofigure.csv",
        "date,exporter,product\n2018-01-05,China,diesel\n2018-02-05,China,diesel\n",
      ),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^capcheck: \S*nofigure\.csv:1: line 1 names no barrels, quantity or capacity column \(barrels, bbl, [^\n]*\): every row would lack it\n$/,
    );
  });
});

describe("title lines", () => {
  const titled = "Shipments of 2024\n\ndate;exporter;barrels\n2024-01-05;China;5\n";
  it("--header-line N takes the header from line N, line numbers staying the file's", () => {
    expect(groups(titled, "--header-line", "3")).toEqual([["China", 5]]);
    const run = capcheck([
      "validate",
      "--header-line",
      "3",
      file("t.csv", `${titled}2024-02-30;China;5\n`),
    ]);
    expect(run.stderr).toMatch(/t\.csv:5: date: no such day: February 2024 has 29 days/);
  });
  it("without it, the hint names the header line (the delimiter found past the title)", () => {
    const run = capcheck(["check", file("t.csv", titled)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /t\.csv:1: line 1 names none of the fields; line 3 looks like the header .*pass --header-line 3\n$/,
    );
  });
  it("hints at the header line when the title holds another delimiter than the header", () => {
    for (const [title, header] of [
      ["Deliveries to the DPRK; refined products", "date,exporter,barrels"],
      ["Deliveries to the DPRK, 2024", "date;exporter;barrels"],
      ["Deliveries to the DPRK, 2024", "date\texporter\tbarrels"],
    ] as const) {
      const row = header.replace(/[a-z]+/g, (name) =>
        name === "date" ? "2024-01-15" : name === "exporter" ? "China" : "100",
      );
      const path = file("title-delimiter.csv", `${title}\n${header}\n${row}\n`);
      const run = capcheck(["check", path]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /title-delimiter\.csv:1: line 1 names none of the fields; line 2 looks like the header .*pass --header-line 2\n$/,
      );
      expect(groups(`${title}\n${header}\n${row}\n`, "--header-line", "2")).toEqual([
        ["China", 100],
      ]);
    }
  });
  it("refuses a file whose line 1 names no field in one line, even with --skip-invalid", () => {
    const headerless = file("nohdr.csv", "2024-01-15,China,100\n2024-02-15,China,100\n");
    const run = capcheck(["check", "--skip-invalid", headerless]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: ${headerless}:1: line 1 names none of the fields ("2024-01-15", "China", "100"): the header must name date, exporter, and barrels or quantity (capcheck schema lists every name)\n`,
    );
    const german = file("de.csv", "Datum;Lieferland;Menge\n2024-01-15;China;100\n");
    expect(capcheck(["validate", german]).stderr).toMatch(
      /de\.csv:1: line 1 names none of the fields \("Datum", "Lieferland", "Menge"\)/,
    );
  });
  it("refuses a header short of a required field in one line that names the accepted names", () => {
    const path = file(
      "country.csv",
      "date,Country,barrels\n2024-01-15,China,100\n2024-02-15,China,5\n",
    );
    const run = capcheck(["check", "--skip-invalid", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `capcheck: ${path}:1: line 1 names no exporter column (exporter, supplier, supplying_state, member_state, origin_country): every row would lack it\n`,
    );
  });
  it("refuses a header line that is blank, past the end, or not a line number", () => {
    expect(capcheck(["check", "--header-line", "2", file("t.csv", titled)]).stderr).toMatch(
      /t\.csv:2: --header-line 2 is a blank line/,
    );
    expect(capcheck(["check", "--header-line", "9", file("t.csv", titled)]).stderr).toMatch(
      /--header-line 9: the file ends before it/,
    );
    const zero = capcheck(["check", "--header-line", "0", file("t.csv", titled)]);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--header-line takes a line number from 1/);
  });
  const USAGE = "capcheck: (run with --help for usage)\n";
  const NDJSON = '{"date":"2024-01-05","exporter":"China","barrels":5}\n';
  it("is refused for JSON and NDJSON input, never dropped", async () => {
    const ndjson = capcheck(["check", "--header-line", "3", file("n.ndjson", NDJSON)]);
    expect(ndjson.status).toBe(2);
    expect(ndjson.stdout).toBe("");
    expect(ndjson.stderr).toBe(
      `capcheck: --header-line applies to CSV input only: ${dir}/n.ndjson reads as NDJSON (by its extension)\n${USAGE}`,
    );
    const given = capcheck(["validate", "--input-format", "json", "--header-line", "3", "-"]);
    expect(given.stderr).toBe(
      `capcheck: --header-line applies to CSV input only, not --input-format json\n${USAGE}`,
    );
    const error = await check([file("j.json", `[${NDJSON}]`)], { headerLine: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /^--header-line applies to CSV input only: .*j\.json reads as JSON/,
    );
  });
  it("with several files, refuses them all before any is read when one is not CSV", () => {
    // An invalid record in the CSV read first would be named: nothing is read.
    const csv = file("bad.csv", `${titled}2024-02-30;China;5\n`);
    const run = capcheck(["ledger", "--header-line", "3", csv, file("n.ndjson", NDJSON)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `capcheck: --header-line applies to CSV input only: ${dir}/n.ndjson reads as NDJSON (by its extension)\n${USAGE}`,
    );
  });
  it("refuses standard input (or an unknown extension) sniffed as JSON, pointing to --input-format", () => {
    const sniffed = capcheck(["check", "--header-line", "1", "-"], { input: NDJSON });
    expect(sniffed.status).toBe(2);
    expect(sniffed.stderr).toBe(
      `capcheck: --header-line applies to CSV input only: <stdin> reads as NDJSON (sniffed from its first bytes; --input-format csv reads it as CSV)\n${USAGE}`,
    );
    const bracketed = `[draft] ${titled}`;
    expect(capcheck(["check", "--header-line", "3", file("t.txt", bracketed)]).stderr).toMatch(
      /t\.txt reads as JSON \(sniffed from its first bytes/,
    );
    const named = capcheck([
      "check",
      "-q",
      "--header-line",
      "3",
      "--input-format",
      "csv",
      file("t.txt", bracketed),
    ]);
    expect(named.stderr).toBe("");
    expect(named.status).toBe(0);
    const csv = capcheck(["check", "--json", "--header-line", "3", "-"], { input: titled });
    expect(csv.status).toBe(0);
  });
});

describe("the other CSV-only options: --delimiter, --number-format comma", () => {
  const USAGE = "capcheck: (run with --help for usage)\n";
  // Number text in a JSON string: it reads as point whatever --number-format says.
  const QUOTED = '{"date":"2024-01-05","exporter":"China","barrels":"1,234.5"}\n';
  const EUROPEAN = "date;exporter;barrels\n2024-01-05;China;1.234,5\n";
  it("are refused for JSON and NDJSON input, never dropped", async () => {
    const ndjson = file("q.ndjson", QUOTED);
    const both = capcheck(["check", ndjson, "--delimiter", ";", "--number-format", "comma"]);
    expect(both.status).toBe(2);
    expect(both.stdout).toBe("");
    expect(both.stderr).toBe(
      `capcheck: --delimiter applies to CSV input only: ${dir}/q.ndjson reads as NDJSON (by its extension)\n${USAGE}`,
    );
    const comma = capcheck(["validate", ndjson, "--number-format", "comma"]);
    expect(comma.status).toBe(2);
    expect(comma.stderr).toBe(
      `capcheck: --number-format comma applies to CSV input only: ${dir}/q.ndjson reads as NDJSON (by its extension)\n${USAGE}`,
    );
    const given = capcheck(["validate", "--input-format", "json", "--delimiter", "tab", "-"]);
    expect(given.stderr).toBe(
      `capcheck: --delimiter applies to CSV input only, not --input-format json\n${USAGE}`,
    );
    const named = capcheck(["check", "--input-format", "ndjson", "--number-format", "comma", "-"]);
    expect(named.stderr).toBe(
      `capcheck: --number-format comma applies to CSV input only, not --input-format ndjson\n${USAGE}`,
    );
    const json = file("q.json", `[${QUOTED}]`);
    const error = await check([json], { delimiter: ";" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /^--delimiter applies to CSV input only: .*q\.json reads as JSON \(by its extension\)$/,
    );
    await expect(check([json], { inputFormat: "json", numberFormat: "comma" })).rejects.toThrow(
      /^numberFormat comma applies to CSV input only, not inputFormat json$/,
    );
  });
  it("--number-format point and auto are what a JSON string reads as: accepted", async () => {
    for (const format of ["point", "auto"]) {
      const run = capcheck([
        "check",
        "--json",
        "--number-format",
        format,
        file("q.ndjson", QUOTED),
      ]);
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(1234.5);
    }
    const report = await check([file("q.json", `[${QUOTED}]`)], { numberFormat: "point" });
    expect(report.periods?.[0]?.total.barrels).toBe(1234.5);
  });
  it("with several files, refuse them all before any is read when one is not CSV", () => {
    // The CSV read first would be read (and its figure refused under auto): nothing is read.
    const csv = file("eu.csv", `${EUROPEAN}2024-02-30;China;5\n`);
    const run = capcheck(["ledger", "--number-format", "comma", csv, file("q.ndjson", QUOTED)]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: --number-format comma applies to CSV input only: ${dir}/q.ndjson reads as NDJSON (by its extension)\n${USAGE}`,
    );
  });
  it("refuse standard input sniffed as JSON, and read CSV from it", () => {
    const sniffed = capcheck(["check", "--delimiter", ",", "-"], { input: QUOTED });
    expect(sniffed.status).toBe(2);
    expect(sniffed.stderr).toBe(
      `capcheck: --delimiter applies to CSV input only: <stdin> reads as NDJSON (sniffed from its first bytes; --input-format csv reads it as CSV)\n${USAGE}`,
    );
    const odd = file("q.txt", `[${QUOTED}]`);
    expect(capcheck(["check", "--number-format", "comma", odd]).stderr).toMatch(
      /q\.txt reads as JSON \(sniffed from its first bytes/,
    );
    const csv = capcheck(["check", "--json", "--delimiter", ";", "--number-format", "comma", "-"], {
      input: EUROPEAN,
    });
    expect(csv.stderr).toBe("");
    expect(JSON.parse(csv.stdout).periods[0].total.barrels).toBe(1234.5);
  });
});

describe("dates", () => {
  it("reads month names and intervals, counting on the last day", () => {
    const csv =
      "date,exporter,barrels\nJan 2019,China,1\nJanuary. 2019,China,2\n2018-11/2019-01,China,4\n";
    const run = capcheck(["check", "--json", "--skip-invalid", file("d.csv", csv)]);
    const report = JSON.parse(run.stdout);
    expect(report.periods[0]).toMatchObject({ label: "2019", total: { barrels: 5 } });
    expect(run.stderr).toMatch(
      /d\.csv:3: date: expected YYYY-MM-DD, YYYY-MM, Jan 2018, January 2018 or an ISO interval/,
    );
  });
});

describe("intervals and the §11 straddle rule", () => {
  it("an interval across a period boundary counts on its last day, with a warning", () => {
    const csv = "date,exporter,barrels\n2018-11-15/2019-01-14,China,10\n2019-01/2019-06,China,5\n";
    const run = capcheck(["check", "--json", file("iv.csv", csv)]);
    const report = JSON.parse(run.stdout);
    expect(report.periods[0]).toMatchObject({ label: "2019", total: { barrels: 15 } });
    const straddles = report.issues.filter((i: { code: string }) => i.code === "straddles_period");
    expect(straddles.map((i: { line: number }) => i.line)).toEqual([2]);
    expect(run.stderr).toMatch(/iv\.csv:2: date: .*covers 2018-11-15 to 2019-01-14/);
  });
});
