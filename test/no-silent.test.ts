// Contract §11, no silent wrong answers: what a run left out is counted and said,
// and an empty or partial run can fail the check.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckCore, checkRecords } from "../src/domain/check.js";
import { failingConditions, parseFailOn } from "../src/domain/fail-on.js";
import { uncappedWarning } from "../src/domain/issues.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { type CheckOptions, resolveCheckOptions } from "../src/options.js";
import { capcheck, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-no-silent-"));
let count = 0;
function file(text: string, extension = "csv"): string {
  const path = join(dir, `t${count++}.${extension}`);
  writeFileSync(path, text);
  return path;
}

type Row = Record<string, unknown>;

async function coreOf(rows: Row[], options: CheckOptions = {}): Promise<CheckCore> {
  const core = new CheckCore(await resolveCheckOptions({ allowEmpty: true, ...options }));
  for (const raw of recordsFromObjects(rows)) core.add(raw);
  return core;
}

const crude = (date: string, exporter: string, tons: string): Row => ({
  date,
  exporter,
  product: "crude",
  quantity: tons,
  unit: "t",
});

describe("--fail-on as a list", () => {
  it("reads a comma list, repeated or not, and never alone", () => {
    expect(parseFailOn([])).toEqual(["exceeded"]);
    expect(parseFailOn(["exceeded,invalid", "uncapped"])).toEqual([
      "exceeded",
      "invalid",
      "uncapped",
    ]);
    expect(parseFailOn(["never"])).toEqual([]);
    expect(() => parseFailOn(["never,notice"])).toThrow("--fail-on never stands alone");
    expect(() => parseFailOn(["exceded"])).toThrow(/comma list of .*got "exceded"/);
  });
  it("fails on each listed condition that holds, and no other", () => {
    const facts = { verdict: "notice" as const, invalid: 1, uncapped: 0, straddles: 2 };
    expect(failingConditions(facts, ["exceeded"])).toEqual([]);
    expect(failingConditions(facts, ["notice"])).toEqual(["notice"]);
    expect(failingConditions(facts, ["exceeded", "invalid"])).toEqual(["invalid"]);
    expect(failingConditions(facts, ["uncapped"])).toEqual([]);
    expect(failingConditions(facts, ["straddle"])).toEqual(["straddle"]);
    expect(failingConditions({ ...facts, verdict: "exceeded" }, ["notice"])).toEqual(["notice"]);
  });
  it("says how many records count against no cap, in good English for one", () => {
    const one = uncappedWarning({ source: "a.csv", count: 1, first: 3 });
    expect(one.message).toBe(
      "1 record falls in no selected regime's period and counts against no cap",
    );
    const two = uncappedWarning({ source: "a.csv", count: 2, first: 3 });
    expect(two.message).toBe(
      "2 records (the first on this line) fall in no selected regime's period and count against no cap",
    );
  });
  it("makes the exit status 1 on the command line", () => {
    const path = file("date,exporter,barrels\n2024-01-01,A,10\n2024-02-30,B,5\n1990-01-01,C,1\n");
    const base = ["check", path, "--skip-invalid", "-q"];
    expect(capcheck(base).status).toBe(0);
    expect(capcheck([...base, "--fail-on", "exceeded,invalid"]).status).toBe(1);
    expect(capcheck([...base, "--fail-on", "uncapped"]).status).toBe(1);
    expect(capcheck([...base, "--fail-on", "notice"]).status).toBe(0);
    expect(capcheck([...base, "--fail-on", "never"]).status).toBe(0);
    const bad = capcheck([...base, "--fail-on", "sometimes"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on takes a comma list/);
  });
});

describe("nothing to check", () => {
  it.each([
    ["date,exporter,barrels\n", "the input holds no records"],
    [
      "date,exporter,barrels\n2024-02-30,A,1\n2024-01-01,,1\n",
      "2 records read, none counted: 2 invalid and skipped",
    ],
    [
      "date,exporter,barrels\n1990-01-01,A,1\n",
      "1 record read, none counted: 1 in no period of the selected regimes (uncapped)",
    ],
    // Counts are grouped as barrels are.
    [
      `date,exporter,barrels\n${"1990-01-01,A,1\n".repeat(1500)}`,
      "1,500 records read, none counted: 1,500 in no period of the selected regimes (uncapped)",
    ],
  ])("exits 2 and says why (%#)", (csv, why) => {
    const run = capcheck(["check", file(csv), "--skip-invalid", "--json"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `capcheck: nothing to check: ${why} (--allow-empty reports it anyway)\n`,
    );
    const allowed = capcheck(["check", file(csv), "--skip-invalid", "--json", "--allow-empty"]);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).records.counted).toBe(0);
  });
  it("annotates the skipped records under GitHub Actions, though nothing was counted", () => {
    const csv = file("date,exporter,barrels\n2024-02-30,A,1\n");
    const run = capcheck(["check", csv, "--skip-invalid"], { env: { GITHUB_ACTIONS: "true" } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("nothing to check");
    expect(run.stderr).toMatch(/^::warning file=.*,line=2,title=capcheck%3A invalid date::date: /m);
  });
  it.each(["csv", "json"])("the ledger too: exits 2 and says why, not an empty %s", (format) => {
    const why = "1 record read, none counted: 1 left out by --basis";
    const csv = file("date,exporter,barrels\n2024-01-05,A,1\n");
    const run = capcheck(["ledger", csv, "--basis", "estimated", "--format", format]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: nothing to check: ${why} (--allow-empty reports it anyway)\n`,
    );
    const allowed = capcheck([
      "ledger",
      csv,
      "--basis",
      "estimated",
      "--format",
      format,
      "--allow-empty",
    ]);
    expect(allowed.status).toBe(0);
    // An empty ledger: no entries, the CSV header alone.
    expect(allowed.stdout.trim().split("\n")).toHaveLength(1);
    expect(allowed.stdout).toMatch(format === "json" ? /^\[\]\n$/ : /^date,file,line,/);
  });
  it("names what --year, --basis and --regime left out", async () => {
    const rows = [
      { date: "2023-05-01", exporter: "A", barrels: "1" },
      { date: "2024-05-01", exporter: "A", barrels: "1", basis: "estimated", load_factor: "1" },
      crude("2024-05-01", "B", "1"),
    ];
    const core = await coreOf(rows, {
      year: 2024,
      basis: "reported",
      regimes: ["unscr2397-refined"],
    });
    expect(core.nothingToCheck()).toBe(
      "3 records read, none counted: 1 in periods that --year leaves out, 1 in regimes that --regime leaves out, 1 left out by --basis",
    );
    expect(core.report().records).toEqual({
      read: 3,
      valid: 3,
      invalid: 0,
      uncapped: 0,
      excluded: 3,
      counted: 0,
    });
  });
  it("is nothing to say when one record counts", async () => {
    const core = await coreOf([{ date: "2024-05-01", exporter: "A", barrels: "1" }]);
    expect(core.nothingToCheck()).toBeUndefined();
  });
});

describe("records.excluded and records.counted", () => {
  it("keep valid = counted + uncapped + excluded, and the summary line shows each non-zero count", () => {
    const csv =
      "date,exporter,barrels,basis,capacity,load_factor\n2024-01-01,A,5,,,\n2023-01-01,A,5,,,\n1990-01-01,A,5,,,\n2024-01-02,B,,estimated,10,1\nbad,A,1,,,\n";
    const path = file(csv);
    const run = capcheck(["check", path, "--json", "--skip-invalid", "--year", "2024"]);
    expect(JSON.parse(run.stdout).records).toEqual({
      read: 5,
      valid: 4,
      invalid: 1,
      uncapped: 1,
      excluded: 1,
      counted: 2,
    });
    const args = ["--skip-invalid", "--year", "2024", "--basis", "reported"];
    const table = capcheck(["check", path, ...args]).stdout;
    expect(table).toContain(
      "records: 5 read, 4 valid, 1 invalid, 1 uncapped, 2 excluded, 1 counted",
    );
    const markdown = capcheck(["check", path, ...args, "--format", "markdown"]).stdout;
    expect(markdown).toContain("records: 5 read, 4 valid, 1 invalid, 1 uncapped, 2 excluded");
    const plain = capcheck(["check", file("date,exporter,barrels\n2024-01-01,A,5\n")]).stdout;
    expect(plain).toContain("records: 1 read, 1 valid, 1 counted\n");
  });
});

describe("--year keeps the periods that overlap the year", () => {
  it("keeps both crude periods that overlap 2018, and June 2018 with them", async () => {
    const rows = [
      crude("2018-06-01", "A", "1000"),
      crude("2018-12-25", "B", "1000"),
      crude("2019-12-25", "C", "1000"),
    ];
    const report = checkRecords(
      recordsFromObjects(rows),
      await resolveCheckOptions({ year: 2018, regimes: ["unscr2397-crude"] }),
    );
    expect(report.periods?.map((p) => p.label)).toEqual([
      "2017-12-22/2018-12-21",
      "2018-12-22/2019-12-21",
    ]);
    expect(report.records).toMatchObject({ excluded: 1, uncapped: 0, counted: 2 });
  });

  it("and --help and the man page say so (not: periods that start in that year)", () => {
    for (const command of ["check", "ledger"]) {
      expect(capcheck([command, "--help"]).stdout).toMatch(
        /--year <yyyy> +only periods that overlap that calendar year\n/,
      );
    }
    const page = readFileSync(`${ROOT}dist/man/capcheck.1`, "utf8");
    expect(page).toContain("only periods that overlap that calendar year");
    expect(page).not.toContain("start in that year");
  });
});

describe("straddles", () => {
  it("warns of a month across a period boundary, naming the record and both periods", async () => {
    const core = await coreOf([crude("2018-12", "Acme", "500"), crude("2018-11", "Acme", "1")]);
    const report = core.report();
    expect(report.periods?.map((p) => [p.label, p.total.records])).toEqual([
      ["2017-12-22/2018-12-21", 1],
      ["2018-12-22/2019-12-21", 1],
    ]);
    const straddles = report.issues.filter((i) => i.code === "straddles_period");
    expect(straddles).toEqual([
      {
        severity: "warning",
        source: "<memory>",
        line: null,
        index: 0,
        field: "date",
        code: "straddles_period",
        message:
          "Acme's record covers the month 2018-12, across two periods of unscr2397-crude 2017-12-22/2018-12-21 and 2018-12-22/2019-12-21; it counts on 2018-12-31, in 2018-12-22/2019-12-21",
      },
    ]);
    expect(core.facts(report).straddles).toBe(1);
  });
  it("counts the periods a longer span crosses", async () => {
    const core = await coreOf([
      crude("2099-12/2100-12", "Acme", "5"),
      crude("2018-01/2024-12", "B", "5"),
    ]);
    const messages = core
      .report()
      .issues.filter((i) => i.code === "straddles_period")
      .map((i) => i.message);
    expect(messages).toEqual([
      "Acme's record covers 2099-12-01 to 2100-12-31, across three periods of unscr2397-crude 2098-12-22/2099-12-21 to 2100-12-22/2101-12-21; it counts on 2100-12-31, in 2100-12-22/2101-12-21",
      "B's record covers 2018-01-01 to 2024-12-31, across 8 periods of unscr2397-crude 2017-12-22/2018-12-21 to 2024-12-22/2025-12-21; it counts on 2024-12-31, in 2024-12-22/2025-12-21",
    ]);
  });
  it("names the edge of a regime's periods a span reaches past, never counting it a period", async () => {
    const core = await coreOf([
      { date: "2017-11/2018-02", exporter: "A", barrels: "5" },
      { date: "2017-09/2018-01", exporter: "B", barrels: "5" },
    ]);
    const messages = core
      .report()
      .issues.filter((i) => i.code === "straddles_period")
      .map((i) => i.message);
    expect(messages).toEqual([
      "A's record covers 2017-11-01 to 2018-02-28, across the end of unscr2375-refined-2017, from 2017-10-01/2017-12-31 to after its last period; the start of unscr2397-refined, from before its first period to 2018; it counts on 2018-02-28, in 2018",
      "B's record covers 2017-09-01 to 2018-01-31, across the whole of unscr2375-refined-2017, from before its first period to after its last; the start of unscr2397-refined, from before its first period to 2018; it counts on 2018-01-31, in 2018",
    ]);
  });
  it("says nothing of a month inside one period, nor of another commodity's boundary", async () => {
    const core = await coreOf([
      { date: "2018-12", exporter: "A", barrels: "5" },
      crude("2019-06", "B", "5"),
    ]);
    expect(core.report().issues).toEqual([]);
    expect(core.facts(core.report()).straddles).toBe(0);
  });
  it("fails the check with --fail-on straddle", () => {
    const path = file("date,exporter,product,quantity,unit\n2018-12,A,crude,5,t\n");
    expect(capcheck(["check", path, "-q"]).status).toBe(0);
    const run = capcheck(["check", path, "-q", "--fail-on", "straddle"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^capcheck: warning: .*:2: date: A's record covers the month/);
  });
});

describe("group keys", () => {
  it("fold Unicode to NFC and curly apostrophes and quotes to straight ones", async () => {
    const report = checkRecords(
      recordsFromObjects([
        { date: "2024-01-01", exporter: "Côte d'Ivoire", barrels: "1" },
        { date: "2024-01-01", exporter: "Côte d'Ivoire", barrels: "1" },
        { date: "2024-01-02", exporter: "Co\u0302te d\u2019Ivoire", barrels: "1" },
        { date: "2024-01-03", exporter: "CÔTE D’IVOIRE", barrels: "1" },
        { date: "2024-01-04", exporter: "\u201CX\u201D Ltd", barrels: "1" },
        { date: "2024-01-05", exporter: '"x" ltd', barrels: "1" },
      ]),
      await resolveCheckOptions({}),
    );
    expect(report.periods?.[0]?.groups.map((g) => [g.key, g.records])).toEqual([
      ["Côte d'Ivoire", 4],
      ['"x" ltd', 2],
    ]);
  });
});

describe("caps", () => {
  it("refuse a cap below 0.001 bbl, on the command line and in a --caps file", async () => {
    const path = file("date,exporter,barrels\n2024-01-01,A,5\n");
    const run = capcheck(["check", path, "--cap", "0.0009"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--cap takes a number of barrels from 0.001 to 10^15");
    expect(capcheck(["check", path, "--cap", "0.001", "-q"]).status).toBe(1);
    // A cap is held to the nano-barrel: a finer one is refused, not rounded.
    expect(capcheck(["check", path, "--cap", "1000.0000000001"]).status).toBe(2);
    const caps = file(
      JSON.stringify([
        {
          id: "tiny",
          title: "t",
          commodity: "refined",
          capBarrels: "0.0001",
          start: "2024-01-01",
        },
      ]),
      "json",
    );
    await expect(resolveCheckOptions({ capsFile: caps })).rejects.toThrow(
      /capBarrels: expected a number of barrels from 0\.001 to 10\^15, with at most 9 decimals, got "0\.0001"/,
    );
  });
});

describe("the ledger's invalid records with --skip-invalid", () => {
  it("counts the ones past the issue list's 1,000 and ends with check's summary line", () => {
    const bad = "2024-13-01,A,1\n".repeat(1200);
    const csv = file(`date,exporter,barrels\n${bad}2024-01-01,A,1\n`);
    for (const command of ["check", "ledger"]) {
      const run = capcheck([command, csv, "--skip-invalid", "-q"]);
      expect(run.status).toBe(0);
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(102);
      expect(lines.slice(-2)).toEqual([
        "capcheck: ... and 1,100 more warnings",
        "capcheck: 1,200 of 1,201 records invalid and not counted",
      ]);
    }
  });
});

describe("an empty input in a run stopped by invalid records", () => {
  it("is named, and past the issue list's 1,000 counted, not lost (check and ledger)", () => {
    const many = file(`date,exporter,barrels\n${"2024-13-01,A,1\n".repeat(1200)}`);
    const empty = file("");
    const summary = {
      check:
        "1,200 of 1,200 records invalid; nothing was counted (--skip-invalid counts the valid ones)",
      ledger: "1,200 of 1,200 records invalid",
    };
    for (const command of ["check", "ledger"] as const) {
      const few = capcheck([command, file("date,exporter,barrels\n2024-13-01,A,1\n"), empty]);
      expect(few.stderr).toContain(`capcheck: warning: ${empty}: holds no records\n`);
      const run = capcheck([command, many, empty]);
      expect(run.status).toBe(2);
      expect(run.stderr.trimEnd().split("\n").slice(-3)).toEqual([
        "capcheck: ... and 1,100 more invalid records",
        "capcheck: 1 warning not listed (past the first 1,000 issues)",
        `capcheck: ${summary[command]}`,
      ]);
    }
  });
});

describe("an unreadable input after 1,000 warnings and an invalid record", () => {
  it("counts the invalid record as such, not among the warnings (check, ledger, validate)", () => {
    // 1,001 files with a column no field takes fill the issue list with warnings: the
    // invalid record after them is only counted, past the list.
    const wide = Array.from({ length: 1001 }, () =>
      file("date,exporter,barrels,extra\n2024-01-01,A,1,x\n"),
    );
    const invalid = file("date,exporter,barrels\n2024-13-01,A,1\n");
    const malformed = file('date,exporter,barrels\n2024-01-02,"A,1\n');
    for (const command of ["check", "ledger", "validate"]) {
      const run = capcheck([command, ...wide, invalid, malformed]);
      expect(run.status).toBe(2);
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(103);
      expect(lines[0]).toBe("capcheck: 1 invalid record not listed (past the first 1,000 issues)");
      expect(lines[1]).toBe(`capcheck: warning: ${wide[0]}:1: ignored columns: extra`);
      expect(lines.slice(-2)).toEqual([
        "capcheck: ... and 901 more warnings",
        `capcheck: ${malformed}:2: malformed CSV: a quoted field is never closed`,
      ]);
      // With --skip-invalid the invalid record is one of the warnings.
      if (command === "validate") continue;
      const skipped = capcheck([command, "--skip-invalid", ...wide, invalid, malformed]);
      expect(skipped.stderr.trimEnd().split("\n").slice(-2)).toEqual([
        "capcheck: ... and 902 more warnings",
        `capcheck: ${malformed}:2: malformed CSV: a quoted field is never closed`,
      ]);
    }
  });
});

describe("a note past the issue list's 1,000", () => {
  it("is counted as a note, not among the warnings (check, ledger and JSON)", () => {
    const wide = Array.from({ length: 1001 }, () =>
      file("date,exporter,barrels,extra\n2024-01-01,A,1,x\n"),
    );
    // Russia folds to the Russian Federation: a note, met after 1,001 warnings.
    const folded = file("date,exporter,barrels\n2024-01-02,Russia,1\n");
    for (const command of ["check", "ledger"]) {
      const run = capcheck([command, "-q", ...wide, folded]);
      expect(run.status).toBe(0);
      expect(run.stderr.trimEnd().split("\n").slice(-2)).toEqual([
        "capcheck: ... and 901 more warnings",
        "capcheck: 1 note not listed (past the first 1,000 issues)",
      ]);
    }
    const report = JSON.parse(capcheck(["check", "--json", ...wide, folded]).stdout);
    expect(report.issues.at(-1)).toMatchObject({
      code: "truncated",
      message: "2 more issues not listed (1 warning, 1 note)",
    });
  });
});
