import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { check } from "../src/index.js";
import { capcheck, EXAMPLE, fixture, SYNTHETIC } from "./helpers.js";

const MIXED_EXPECTED = [
  'fixtures/bad/mixed.csv:3: date: no such day: February 2024 has 29 days, got "2024-02-30"',
  'fixtures/bad/mixed.csv:4: date: no such month: 13, got "2024-13-01"',
  "fixtures/bad/mixed.csv:5: barrels: must not be negative",
  'fixtures/bad/mixed.csv:6: product: unknown product "unobtainium"; accepted: lpg,',
  'fixtures/bad/mixed.csv:7: unit: unknown unit "furlongs"',
  "fixtures/bad/mixed.csv:8: imo: check digit does not match",
  "fixtures/bad/mixed.csv:9: barrels: expected a non-negative decimal",
  "fixtures/bad/mixed.csv:10: exporter: is required",
  // Line 11 starts a valid record whose note runs over two lines; the next starts on 13.
  'fixtures/bad/mixed.csv:13: barrels: expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got "NaN"',
  "fixtures/bad/mixed.csv:14: record: expected 9 fields as in the header, got 10",
  "fixtures/bad/mixed.csv:15: record: expected 9 fields as in the header, got 4",
  "fixtures/bad/mixed.csv:16: unit: a quantity needs a unit",
  "fixtures/bad/mixed.csv:17: barrels: a record needs barrels, a quantity with a unit, or (when estimated) a capacity",
  "fixtures/bad/mixed.csv:18: basis: expected reported or estimated",
  "fixtures/bad/mixed.csv:19: date: year must be 1900 to 2100",
  "fixtures/bad/mixed.csv:20: barrels: is more than 10^12",
];

describe("capcheck validate", () => {
  it("names exactly the bad lines of the mixed file, once each, and exits 2", () => {
    const run = capcheck(["validate", fixture("bad/mixed.csv")]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(MIXED_EXPECTED.length + 1);
    MIXED_EXPECTED.forEach((expected, i) => {
      expect(lines[i]?.startsWith(`capcheck: ${expected}`), `${lines[i]} ~ ${expected}`).toBe(true);
    });
    expect(lines.at(-1)).toBe("capcheck: 16 of 18 records invalid");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names records of a minified JSON array by line and index, and one valid record in the singular", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-minified-"));
    const path = join(dir, "min.json");
    const record = (date: string, product: string) =>
      JSON.stringify({ date, exporter: "China", product, barrels: 5 });
    writeFileSync(
      path,
      `[${record("2018-01-01", "diesel")},${record("2018-13-01", "diesel")},${record("2018-01-01", "dieselx")}]`,
    );
    const run = capcheck(["validate", path]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^capcheck: .*min\.json:1:\[1\]: date: /);
    expect(lines[1]).toMatch(/^capcheck: .*min\.json:1:\[2\]: product: unknown product "dieselx"/);
    writeFileSync(path, `[\n${record("2018-01-01", "diesel")}\n]`);
    expect(capcheck(["validate", path]).stdout).toBe("1 record valid\n");
  });

  it("gives the same answer from stdin as from the path", () => {
    const byPath = capcheck(["validate", "--json", fixture("bad/mixed.csv")]);
    const byPipe = capcheck(["validate", "--json", "-"], {
      input: readFileSync(fixture("bad/mixed.csv")),
    });
    const piped = JSON.parse(byPipe.stdout);
    for (const issue of piped.issues) issue.source = "fixtures/bad/mixed.csv";
    expect(piped).toEqual(JSON.parse(byPath.stdout));
    expect(byPipe.status).toBe(2);
    const noArgs = capcheck(["validate"], {
      input: readFileSync(fixture("valid/mixed-units.csv")),
    });
    expect(noArgs.stdout).toBe("4 records valid\n");
  });

  it("exits 0 on valid files of every format", () => {
    const run = capcheck([
      "validate",
      ...SYNTHETIC,
      ...EXAMPLE,
      fixture("valid/mixed-units.csv"),
      fixture("valid/bom-crlf.csv"),
      fixture("valid/records.json"),
      fixture("valid/tabs.tsv"),
    ]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("34 records valid\n");
    expect(run.status).toBe(0);
  });

  it("prints counts and issues as JSON", () => {
    const run = capcheck(["validate", "--format", "json", fixture("bad/mixed.ndjson")]);
    const out = JSON.parse(run.stdout);
    expect(out.records).toEqual({ read: 5, valid: 1, invalid: 4 });
    expect(out.issues[0]).toEqual({
      severity: "error",
      source: "fixtures/bad/mixed.ndjson",
      line: 3,
      field: "barrels",
      code: "invalid_number",
      message: 'expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got "ten"',
    });
  });

  it("reads -0 as 0 and names the smallest quantity it reads, in CSV and JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-zero-"));
    const csv = join(dir, "zero.csv");
    writeFileSync(
      csv,
      "date,exporter,barrels\n2024-01-01,X,-0\n2024-01-02,X,-0.0\n2024-01-03,X,1e-401\n2024-01-04,X,-5\n",
    );
    const run = capcheck(["validate", csv]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      [
        `capcheck: ${csv}:4: barrels: is below 10^-400, the smallest quantity read other than 0, got "1e-401"`,
        `capcheck: ${csv}:5: barrels: must not be negative, got "-5"`,
        "capcheck: 2 of 4 records invalid",
        "",
      ].join("\n"),
    );
    const json = join(dir, "zero.json");
    writeFileSync(
      json,
      '[{"date":"2024-01-01","exporter":"X","barrels":-0},\n{"date":"2024-01-02","exporter":"X","quantity":-0.0,"unit":"t"}]',
    );
    const fromJson = capcheck(["validate", json]);
    expect([fromJson.stderr, fromJson.stdout, fromJson.status]).toEqual([
      "",
      "2 records valid\n",
      0,
    ]);
  });

  it("names JSON array elements by the line they start on", () => {
    const run = capcheck(["validate", fixture("bad/elements.json")]);
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      'capcheck: fixtures/bad/elements.json:3: barrels: must not be negative, got "-1"',
      "capcheck: fixtures/bad/elements.json:4: record: expected a JSON object",
      "capcheck: fixtures/bad/elements.json:5: exporter: expected text or a number, got a boolean",
    ]);
  });

  it("past the issue list's 1,000 too: the count, never a second line about the truncation", () => {
    const rows = "2024-13-01,X,1\n".repeat(1200);
    const run = capcheck(["validate", "-"], { input: `date,exporter,barrels\n${rows}` });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(102);
    expect(lines.slice(-2)).toEqual([
      "capcheck: ... and 1,100 more invalid records",
      "capcheck: 1,200 of 1,200 records invalid",
    ]);
    // A warning past the list (an empty second file) is counted, not dropped.
    const dir = mkdtempSync(join(tmpdir(), "capcheck-validate-"));
    const many = join(dir, "many.csv");
    const empty = join(dir, "empty.csv");
    writeFileSync(many, `date,exporter,barrels\n${rows}`);
    writeFileSync(empty, "");
    const both = capcheck(["validate", many, empty]).stderr.trimEnd().split("\n");
    expect(both.slice(-3)).toEqual([
      "capcheck: ... and 1,100 more invalid records",
      "capcheck: 1 warning not listed (past the first 1,000 issues)",
      "capcheck: 1,200 of 1,200 records invalid",
    ]);
  });

  it("groups a count of valid records as barrels are", () => {
    const rows = "2024-01-01,X,1\n".repeat(1200);
    const run = capcheck(["validate", "-"], { input: `date,exporter,barrels\n${rows}` });
    expect(run.stdout).toBe("1,200 records valid\n");
  });

  it("lists the first 100 record errors, then a count", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `2024-13-${i},X,1`).join("\n");
    const run = capcheck(["validate", "-"], { input: `date,exporter,barrels\n${rows}\n` });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(102);
    expect(lines[100]).toBe("capcheck: ... and 50 more invalid records");
    expect(lines[101]).toBe("capcheck: 150 of 150 records invalid");
  });

  describe("names the invalid records before a malformed line that stops the file", () => {
    const bad = (line: number) =>
      `capcheck: FILE:${line}: barrels: expected a non-negative decimal such as 165000, 1.5e5 or 165,000.5, got "x"`;
    const stop = (line: number) =>
      `capcheck: FILE:${line}: malformed CSV: a quoted field is never closed`;
    const quoteInside = (line: number) =>
      `capcheck: FILE:${line}: malformed CSV: a quote inside an unquoted field (quote the whole field)`;
    /**
     * A CSV file whose barrels are "x" on the given lines, then a quote never closed
     * (found at the end of the file), or with `more` a quote inside a field (found at
     * once) and more rows after it.
     */
    const file = (rows: number, invalid: readonly number[], more = 0) => {
      const lines = ["date,exporter,product,barrels"];
      for (let line = 2; line <= rows + 1; line++)
        lines.push(`2018-01-01,China,diesel,${invalid.includes(line) ? "x" : "10"}`);
      if (more === 0) lines.push('2018-01-02,"China,diesel,10');
      else
        lines.push(
          '2018-01-02,Chi"na,diesel,10',
          ...Array(more).fill("2018-01-03,China,diesel,10"),
        );
      const path = join(mkdtempSync(join(tmpdir(), "capcheck-stop-")), "stop.csv");
      writeFileSync(path, `${lines.join("\n")}\n`);
      return path;
    };
    const run = (args: string[], path: string, env: Record<string, string> = {}) => {
      const result = capcheck([...args, path], { env });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      return result.stderr.replaceAll(path, "FILE").trimEnd().split("\n");
    };

    it("among the rows the header is chosen from, and past them", () => {
      const short = file(2, [2]);
      for (const command of ["validate", "check", "ledger"]) {
        expect(run([command], short)).toEqual([bad(2), stop(4)]);
      }
      const long = file(600, [7, 402]);
      for (const command of ["validate", "check", "ledger"]) {
        expect(run([command], long)).toEqual([bad(7), bad(402), stop(602)]);
      }
      // Rows after the malformed one: it is found as it is read, the rows before it still held.
      const early = file(600, [7, 590], 50);
      for (const command of ["validate", "check", "ledger"]) {
        expect(run([command], early)).toEqual([bad(7), bad(590), quoteInside(602)]);
      }
      // The quote inside found among the rows the header is chosen from, rows after it.
      const first = file(2, [2], 10);
      for (const command of ["validate", "check", "ledger"]) {
        expect(run([command], first)).toEqual([bad(2), quoteInside(4)]);
      }
      const warnings = run(["check", "--skip-invalid"], long);
      expect(warnings).toEqual([
        bad(7).replace("capcheck: ", "capcheck: warning: "),
        bad(402).replace("capcheck: ", "capcheck: warning: "),
        stop(602),
      ]);
    });

    it("on two threads, the stop in the second part", () => {
      const path = file(600, [7, 402, 590]);
      const env = { CAPCHECK_PARALLEL_MIN_BYTES: "0" };
      for (const command of ["check", "ledger"]) {
        expect(run([command, "--threads", "2"], path, env)).toEqual([
          bad(7),
          bad(402),
          bad(590),
          stop(602),
        ]);
      }
    });

    it("and the library's InputError carries them", async () => {
      const path = file(600, [7]);
      const error = await check([path]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).invalidBefore).toEqual({
        issues: [expect.objectContaining({ line: 7, field: "barrels", code: "invalid_number" })],
        invalid: 1,
      });
    });
  });

  it("refuses an unreadable path and a directory in one line", () => {
    const missing = capcheck(["validate", "no/such/file.csv"]);
    expect(missing).toMatchObject({
      status: 2,
      stderr: "capcheck: no/such/file.csv: no such file\n",
    });
    const directory = capcheck(["validate", "fixtures"]);
    expect(directory).toMatchObject({
      status: 2,
      stderr: "capcheck: fixtures: is a directory, not a file\n",
    });
  });
});

describe("capcheck schema", () => {
  it("prints a JSON Schema that every record of the example data set satisfies", () => {
    const run = capcheck(["schema"]);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.properties.date.pattern).toBeDefined();
    const validateWith = new Ajv2020({ strict: false }).compile(schema);
    const rows = parse(readFileSync(SYNTHETIC[0] as string), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const present = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ""));
      expect(validateWith(present), JSON.stringify(validateWith.errors)).toBe(true);
    }
    for (const line of readFileSync(SYNTHETIC[1] as string, "utf8")
      .split("\n")
      .filter((l) => l.trim())) {
      const record = JSON.parse(line);
      record.exporter = record.supplier;
      delete record.supplier;
      expect(validateWith(record), JSON.stringify(validateWith.errors)).toBe(true);
    }
  });

  it("rejects what the validator rejects for shape", () => {
    const schema = JSON.parse(capcheck(["schema"]).stdout);
    const validateWith = new Ajv2020({ strict: false }).compile(schema);
    expect(validateWith({ exporter: "X", barrels: 1 })).toBe(false);
    expect(validateWith({ date: "12/03/2024", exporter: "X", barrels: 1 })).toBe(false);
    expect(validateWith({ date: "2024-01-01", exporter: "X", barrels: "1.234,5" })).toBe(false);
  });
});
