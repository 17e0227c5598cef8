// CI features of contract §14: several outputs in one run, GitHub workflow
// commands (on stdout with --format github, on stderr under GITHUB_ACTIONS=true),
// and reports that still say "invalid" when records are.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../src/report/github.js";
import { BIN, capcheck, EXAMPLE, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-ci-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD = "date,exporter,barrels\n2024-01-05,A,100\n2024-13-01,B,5\nxx,C,abc\n";

describe("workflow commands", () => {
  it("escape as the runner unescapes", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("--format github: an ::error for each exceeded period and group", () => {
    const run = capcheck(["check", "--format", "github", ...EXAMPLE]);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      "::error title=Cap exceeded%3A UNSCR 2397 (2017) refined petroleum products 2018::total: ≥ 828,737.000 bbl, ≥ 165.75%25 of the 500,000 bbl cap, over the cap on 2018-05-30",
      "::error title=Cap exceeded%3A UNSCR 2397 (2017) refined petroleum products 2018 (Unknown (tanker deliveries))::Unknown (tanker deliveries): ≥ 759,793.000 bbl, ≥ 151.96%25 of the 500,000 bbl cap, over the cap on 2018-05-30",
    ]);
  });

  it("a ::warning for a notice", () => {
    const input = "date,exporter,barrels\n2024-02-01,X,400000\n";
    const run = capcheck(["check", "--format", "github", "-", "--input-format", "csv"], { input });
    expect(run.stdout).toMatch(/^::warning title=Cap notice%3A .*::total: 400,000\.000 bbl/m);
  });

  it("an ::error with file and line on each invalid record, on stderr under GitHub Actions", () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, BAD);
    const run = capcheck(["check", file], { env: { GITHUB_ACTIONS: "true" } });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const commands = run.stderr.split("\n").filter((l) => l.startsWith("::"));
    expect(commands).toEqual([
      `::error file=${escapeProperty(file)},line=3,title=capcheck%3A invalid date::date: no such month: 13, got "2024-13-01"`,
      `::error file=${escapeProperty(file)},line=4,title=capcheck%3A invalid date::date: expected YYYY-MM-DD, YYYY-MM, Jan 2018, January 2018 or an ISO interval (2018-01/2018-06, 2018-01-15/2018-02-14), got "xx"`,
    ]);
    // Outside GitHub Actions, none.
    expect(capcheck(["check", file]).stderr).not.toContain("::");
  });

  it("come from validate and ledger too: each invalid record, each warning", () => {
    const file = join(dir, "bad-validate.csv");
    writeFileSync(file, BAD);
    const annotations = (args: string[]) =>
      capcheck(args, { env: { GITHUB_ACTIONS: "true" } })
        .stderr.split("\n")
        .filter((l) => l.startsWith("::"));
    for (const command of ["validate", "ledger"]) {
      const commands = annotations([command, file]);
      expect(commands).toHaveLength(2);
      expect(commands[0]).toMatch(
        new RegExp(`^::error file=${escapeProperty(file)},line=3,title=capcheck%3A invalid date::`),
      );
      expect(capcheck([command, file]).stderr).not.toContain("::");
    }
    const uncapped = join(dir, "uncapped.csv");
    writeFileSync(uncapped, "date,exporter,barrels\n2024-01-05,A,100\n2016-01-01,B,5\n");
    expect(annotations(["ledger", "-q", uncapped])).toEqual([
      `::warning file=${escapeProperty(uncapped)},line=3,title=capcheck%3A uncapped::date: 1 record falls in no selected regime's period and counts against no cap`,
    ]);
    expect(annotations(["validate", uncapped])).toEqual([]);
  });

  it("name standard input in the message, not as a file to annotate", () => {
    const run = capcheck(["check", "-", "--input-format", "csv"], {
      input: BAD,
      env: { GITHUB_ACTIONS: "true" },
    });
    const commands = run.stderr.split("\n").filter((l) => l.startsWith("::"));
    expect(commands[0]).toBe(
      `::error title=capcheck%3A invalid date::<stdin>:3: date: no such month: 13, got "2024-13-01"`,
    );
    expect(commands).toHaveLength(2);
  });

  it("are not printed twice when stdout has them already", () => {
    const run = capcheck(["check", "--format", "github", ...EXAMPLE], {
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(run.stdout).toContain("::error");
    expect(run.stderr).not.toContain("::");
  });

  it("cannot be ended early or forged by the data", () => {
    const input = 'date,exporter,barrels\n2024-02-01,"Evil%0A,x:\n::error::forged",600000\n';
    const run = capcheck(["check", "--format", "github", "-", "--input-format", "csv"], { input });
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^::error title=Cap exceeded/);
    // In a property, `%`, `,` and `:` are escaped; the line break is gone already.
    expect(run.stdout).toContain("(Evil%250A%2Cx%3A %3A%3Aerror%3A%3Aforged)::");
  });
});

describe("reports on invalid records (no --skip-invalid)", () => {
  it("--json prints verdict invalid, no periods and the issues, exit 2", () => {
    const run = capcheck(["check", "--json", "-", "--input-format", "csv"], { input: BAD });
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe("invalid");
    expect(report.periods).toEqual([]);
    expect(report.records).toEqual({
      read: 3,
      valid: 1,
      invalid: 2,
      uncapped: 0,
      excluded: 0,
      counted: 0,
    });
    expect(report.issues.map((i: { line: number }) => i.line)).toEqual([3, 4]);
  });

  it("markdown lists the first 100 invalid records", () => {
    const lines = ["date,exporter,barrels"];
    for (let i = 0; i < 150; i++) lines.push(`2024-02-30,X${i},1`);
    const run = capcheck(["check", "--format", "markdown", "-", "--input-format", "csv"], {
      input: `${lines.join("\n")}\n`,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^\*\*Verdict: invalid\*\*/m);
    expect(run.stdout).toContain("### Issues (150)");
    expect(run.stdout.match(/^\| ❌ invalid \|/gm)).toHaveLength(100);
    expect(run.stdout).toContain("… and 50 more.");
  });

  it("markdown groups its counts as it does barrels", () => {
    const rows = "2024-02-30,X,1\n".repeat(1500);
    const run = capcheck(["check", "--format", "markdown", "-", "--input-format", "csv"], {
      input: `date,exporter,barrels\n${rows}`,
    });
    expect(run.stdout).toContain("records: 1,500 read, 1,500 invalid");
    expect(run.stdout).toContain("1,500 of 1,500 records invalid; nothing was counted");
    expect(run.stdout).toContain("### Issues (1,500)");
    expect(run.stdout).toContain("… and 1,400 more.");
    expect(run.stderr).toContain("capcheck: ... and 1,400 more invalid records\n");
    expect(run.stderr).toContain("capcheck: 1,500 of 1,500 records invalid; nothing was counted");
  });

  it("markdown lists the notes it counts (names folded to the UN's)", () => {
    const run = capcheck(["check", "--format", "markdown", "-", "--input-format", "csv"], {
      input: "date,exporter,barrels\n2024-01-05,Russia,1\n2024-01-06,PRC,2\n",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("### Issues (2)");
    expect(run.stdout).toContain("| ℹ️ note | \\<stdin\\>:2 | exporter |");
    expect(run.stdout).toContain("| ℹ️ note | \\<stdin\\>:3 | exporter |");
    expect(run.stdout).not.toContain("more.");
  });

  it("the table, csv, svg and html stay empty", () => {
    for (const format of ["table", "csv", "svg", "html"]) {
      const run = capcheck(["check", "--format", format, "-", "--input-format", "csv"], {
        input: BAD,
      });
      expect([format, run.stdout, run.status]).toEqual([format, "", 2]);
    }
  });

  it("markdown lists the skipped records with --skip-invalid too", () => {
    const run = capcheck(
      ["check", "--skip-invalid", "--format", "markdown", "-", "--input-format", "csv"],
      { input: BAD },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("### Issues (2)");
    expect(run.stdout).toContain("| ⚠️ warning | \\<stdin\\>:3 | date |");
  });
});

describe("--output FORMAT:FILE", () => {
  it("writes each file and still prints --format on stdout", () => {
    const json = join(dir, "report.json");
    const md = join(dir, "summary.md");
    const run = capcheck([
      "check",
      ...EXAMPLE,
      "--output",
      `json:${json}`,
      "--output",
      `markdown:${md}`,
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^verdict: exceeded/m);
    expect(JSON.parse(readFileSync(json, "utf8")).verdict).toBe("exceeded");
    expect(readFileSync(md, "utf8")).toMatch(/^## capcheck report/);
  });

  it("writes the files with -q, and appends to the step summary", () => {
    const summary = join(dir, "step-summary.md");
    writeFileSync(summary, "earlier step\n");
    const run = capcheck(["check", "-q", ...EXAMPLE, "--output", `markdown:${summary}`], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.stdout).toBe("");
    expect(readFileSync(summary, "utf8")).toMatch(/^earlier step\n## capcheck report/);
  });

  it("writes the invalid report too", () => {
    const json = join(dir, "invalid.json");
    const run = capcheck(["check", "-", "--input-format", "csv", "--output", `json:${json}`], {
      input: BAD,
    });
    expect(run.status).toBe(2);
    expect(JSON.parse(readFileSync(json, "utf8")).verdict).toBe("invalid");
  });

  it("refuses a bad FORMAT:FILE or a file it cannot write, exit 2", () => {
    const bad = capcheck(["check", ...EXAMPLE, "--output", "yaml:x.yaml"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--output takes FORMAT:FILE with FORMAT one of table, json/);
    const nowhere = capcheck(["check", ...EXAMPLE, "--output", `json:${dir}/no/such/dir/r.json`]);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(/r\.json: cannot be written \(ENOENT\)/);
  });

  it("refuses two outputs into one file, or an output into an input, before writing anything", () => {
    const report = join(dir, "same.json");
    const twice = capcheck([
      "check",
      ...EXAMPLE,
      "--output",
      `json:${report}`,
      "--output",
      `markdown:${dir}/../${dir.split("/").at(-1)}/same.json`,
    ]);
    expect(twice.status).toBe(2);
    expect(twice.stdout).toBe("");
    expect(twice.stderr).toMatch(
      /^capcheck: --output markdown:.*same\.json names the same file as --output json:.*same\.json\n/,
    );
    expect(existsSync(report)).toBe(false);
    const data = join(dir, "data.csv");
    writeFileSync(data, "date,exporter,barrels\n2024-01-01,A,1\n");
    const over = capcheck(["check", data, "--output", `csv:${data}`]);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(
      /--output csv:.*data\.csv names the same file as the input .*data\.csv/,
    );
    expect(readFileSync(data, "utf8")).toBe("date,exporter,barrels\n2024-01-01,A,1\n");
    // A device replaces nothing: /dev/null may take several outputs.
    const devNull = ["--output", "json:/dev/null", "--output", "csv:/dev/null"];
    expect(capcheck(["check", "-q", data, ...devNull]).status).toBe(0);
  });

  it("refuses an output into the --factors or --caps file, which it would replace", () => {
    const factors = join(dir, "factors.json");
    writeFileSync(factors, '{ "diesel": 7 }');
    const over = capcheck([
      "check",
      ...EXAMPLE,
      "--factors",
      factors,
      "--output",
      `json:${factors}`,
    ]);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(
      /^capcheck: --output json:.*factors\.json names the same file as the --factors file .*factors\.json\n/,
    );
    expect(readFileSync(factors, "utf8")).toBe('{ "diesel": 7 }');
    const caps = join(dir, "caps.json");
    writeFileSync(caps, capcheck(["regimes", "--json"]).stdout);
    const capsOver = capcheck(["check", ...EXAMPLE, "--caps", caps, "--output", `csv:${caps}`]);
    expect(capsOver.stderr).toMatch(/names the same file as the --caps file .*caps\.json\n/);
  });

  it("refuses - as the FILE: standard output is --format's, not a file named -", () => {
    const run = spawnSync(
      process.execPath,
      [BIN, "check", ...EXAMPLE.map((f) => join(ROOT, f)), "--output", "json:-"],
      { cwd: dir, encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/--output json:- .*--format json/);
    expect(existsSync(join(dir, "-"))).toBe(false);
    const config = join(dir, "stdout-config.json");
    writeFileSync(config, '{ "outputs": ["json:-"] }');
    const configured = capcheck(["check", ...EXAMPLE, "--config", config]);
    expect(configured.status).toBe(2);
    expect(configured.stderr).toContain("stdout-config.json: $.outputs: json:- writes no");
    expect(existsSync(join(dir, "-"))).toBe(false);
  });
});
