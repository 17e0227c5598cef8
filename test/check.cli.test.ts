import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE, fixture } from "./helpers.js";

const golden = (format: string) => readFileSync(`test/golden/example.${format}`, "utf8");

describe("capcheck check on the bundled example", () => {
  it.each(["table", "json", "csv", "markdown"])("prints the golden %s report", (format) => {
    const run = capcheck(["check", ...EXAMPLE, "--format", format]);
    expect(run.stdout).toBe(golden(format));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("says exceeded, with the date, in the table", () => {
    const out = capcheck(["check", ...EXAMPLE], { env: { COLUMNS: "200" } }).stdout;
    expect(out).toMatch(
      /Unknown \(tanker deliveries\)\s+≥ 759,793\.000\s.*≥ 151\.96%.*exceeded\s+2018-05-30/,
    );
    expect(out).toMatch(/^verdict: exceeded/m);
  });

  it("is the same JSON whatever the file order", () => {
    const a = JSON.parse(capcheck(["check", "--json", ...EXAMPLE]).stdout);
    const b = JSON.parse(capcheck(["check", "--json", ...[...EXAMPLE].reverse()]).stdout);
    expect(b.periods).toEqual(a.periods);
  });

  it("colours only when asked and never needs colour to be read", () => {
    const plain = capcheck(["check", ...EXAMPLE, "--no-color"], { env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const coloured = capcheck(["check", ...EXAMPLE], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toMatch(/\u001b\[31m/);
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toBe(golden("table"));
  });
});

describe("exit status (contract §7)", () => {
  const within = ["check", "-", "--input-format", "csv"];
  const csv = (barrels: number) => ({ input: `date,exporter,barrels\n2024-05-01,X,${barrels}\n` });
  it.each([
    ["exceeded", 100, 0],
    ["exceeded", 400000, 0],
    ["exceeded", 500001, 1],
    ["notice", 100, 0],
    ["notice", 400000, 1],
    ["notice", 500001, 1],
    ["never", 500001, 0],
  ])("--fail-on %s with %d bbl exits %d", (failOn, barrels, status) => {
    expect(capcheck([...within, "--fail-on", failOn], csv(barrels)).status).toBe(status);
  });

  it("exits 2 on any invalid record, with no table (JSON says invalid, contract §14)", () => {
    const run = capcheck(["check", fixture("bad/mixed.csv")]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(JSON.parse(capcheck(["check", "--json", fixture("bad/mixed.csv")]).stdout).verdict).toBe(
      "invalid",
    );
    expect(run.stderr).toMatch(/^capcheck: fixtures\/bad\/mixed\.csv:3: date: /);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
      "capcheck: 16 of 18 records invalid; nothing was counted (--skip-invalid counts the valid ones)",
    );
  });

  it("counts the valid records with --skip-invalid and warns of the rest", () => {
    const run = capcheck(["check", "--json", "--skip-invalid", fixture("bad/mixed.csv")]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.records).toEqual({
      read: 18,
      valid: 2,
      invalid: 16,
      uncapped: 0,
      excluded: 0,
      counted: 2,
    });
    expect(report.issues).toHaveLength(16);
    expect(run.stderr).toMatch(/^capcheck: warning: fixtures\/bad\/mixed\.csv:3: date: /);
  });

  it("prints nothing with -q and answers in the status", () => {
    const run = capcheck(["check", "-q", ...EXAMPLE]);
    expect(run).toMatchObject({ status: 1, stdout: "" });
  });

  it("leaves the verdict to check: ledger and validate exit 0 on an exceeded cap, 2 on bad input", () => {
    for (const command of ["ledger", "validate"]) {
      expect(capcheck([command, "-q", ...EXAMPLE])).toMatchObject({ status: 0, stdout: "" });
      expect(capcheck([command, "-q", fixture("bad/mixed.csv")]).status).toBe(2);
    }
  });

  it("treats a bad option, an unknown regime and no input as usage errors", () => {
    expect(capcheck(["check", "--format", "xml", ...EXAMPLE]).status).toBe(2);
    const regime = capcheck(["check", "--regime", "nope", ...EXAMPLE]);
    expect(regime.status).toBe(2);
    expect(regime.stderr).toMatch(/unknown regime nope; known: unscr2375-refined-2017/);
    expect(capcheck(["check", "--year", "24", ...EXAMPLE]).status).toBe(2);
    expect(capcheck(["check", "--cap", "-5", ...EXAMPLE]).status).toBe(2);
    expect(capcheck(["frobnicate"]).status).toBe(2);
  });
});

describe("time zones", () => {
  // 2024-01-01T00:30:00+09:00 is 2023-12-31 in UTC; it must count in 2024 anywhere.
  const input =
    "date,exporter,barrels\n2024-01-01T00:30:00+09:00,X,10\n2023-12-31T23:30:00-11:00,Y,20\n";
  it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])(
    "reads dates as written under TZ=%s",
    (tz) => {
      const run = capcheck(["check", "--json", "-"], { input, env: { TZ: tz } });
      const periods = JSON.parse(run.stdout).periods;
      expect(
        periods.map((p: { label: string; total: { barrels: number } }) => [
          p.label,
          p.total.barrels,
        ]),
      ).toEqual([
        ["2023", 20],
        ["2024", 10],
      ]);
    },
  );
});

describe("the other commands", () => {
  it("lists the regimes", () => {
    const run = capcheck(["regimes"]);
    expect(run.stdout).toContain(
      "unscr2397-crude\n  UNSCR 2397 (2017) crude oil\n  crude, cap 4,000,000 bbl",
    );
    const json = JSON.parse(capcheck(["regimes", "--json"]).stdout);
    expect(json.map((r: { id: string }) => r.id)).toEqual([
      "unscr2375-refined-2017",
      "unscr2397-refined",
      "unscr2397-crude",
    ]);
  });
  it("reads back its own regimes --json as a --caps file (end: null is open-ended)", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-caps-"));
    const caps = join(dir, "caps.json");
    const listed = capcheck(["regimes", "--json"]).stdout;
    expect(JSON.parse(listed)[1]).toMatchObject({ id: "unscr2397-refined", end: null });
    writeFileSync(caps, listed);
    const again = capcheck(["regimes", "--json", "--caps", caps]);
    expect([again.stderr, again.status]).toEqual(["", 0]);
    expect(again.stdout).toBe(listed);
    const builtIn = capcheck(["check", "--json", ...EXAMPLE]).stdout;
    expect(capcheck(["check", "--json", "--caps", caps, ...EXAMPLE]).stdout).toBe(builtIn);
    rmSync(dir, { recursive: true, force: true });
  });
  it("lists and reads back a cap past 2^53 thousandths with every digit", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-caps-"));
    const caps = join(dir, "big-caps.json");
    const [refined] = JSON.parse(capcheck(["regimes", "--json"]).stdout).slice(1, 2);
    writeFileSync(caps, JSON.stringify([{ ...refined, capBarrels: "999999999999999.999" }]));
    expect(capcheck(["regimes", "--caps", caps]).stdout).toContain(
      "cap 999,999,999,999,999.999 bbl",
    );
    const listed = capcheck(["regimes", "--json", "--caps", caps]).stdout;
    expect(listed).toContain('"capBarrels": 999999999999999.999,');
    writeFileSync(caps, listed);
    expect(capcheck(["regimes", "--json", "--caps", caps]).stdout).toBe(listed);
    rmSync(dir, { recursive: true, force: true });
  });
  it("lists the factors with their sources", () => {
    const run = capcheck(["factors"]);
    expect(run.stdout).toMatch(/crude\s+t\s+7\.619047619\s+UNSCR 2397/);
    expect(run.stdout).toMatch(/gal\s+0\.023809524\s+exact/);
    const json = JSON.parse(capcheck(["factors", "--json"]).stdout);
    expect(json.find((f: { product: string }) => f.product === "diesel").barrelsPerUnit).toBe(
      "7.5",
    );
  });
  it.each(["factors", "regimes"])("%s fits 80 columns, or as many as COLUMNS says", (command) => {
    const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));
    const narrow = capcheck([command]).stdout;
    expect(widest(narrow)).toBeLessThanOrEqual(80);
    expect(widest(capcheck([command], { env: { COLUMNS: "50" } }).stdout)).toBeLessThanOrEqual(50);
    // Wide enough, nothing wraps: the same words, on fewer lines, none broken in two.
    const wide = capcheck([command], { env: { COLUMNS: "200" } }).stdout;
    expect(widest(wide)).toBeGreaterThan(80);
    const words = (text: string) => text.split(/\s+/).filter((word) => word !== "");
    expect(words(narrow)).toEqual(words(wide));
    expect(narrow.split("\n").length).toBeGreaterThan(wide.split("\n").length);
  });
  it("prints the version of package.json", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(capcheck(["--version"]).stdout.trim()).toBe(pkg.version);
  });
  it("names every command in the help, and suggests one for a misspelt name", () => {
    // Only the command named is built for a run (src/cli.ts); help and errors get all.
    const help = capcheck(["--help"]).stdout;
    for (const name of [
      "check",
      "validate",
      "ledger",
      "regimes",
      "factors",
      "schema",
      "completion",
    ]) {
      expect(help).toMatch(new RegExp(`^ {2}${name} `, "m"));
    }
    const misspelt = capcheck(["ledgr", "x.csv"]);
    expect([misspelt.status, misspelt.stderr.split("\n")[0]]).toEqual([
      2,
      "capcheck: unknown command 'ledgr' (Did you mean ledger?)",
    ]);
    expect(capcheck(["help", "ledger"]).stdout).toMatch(/^Usage: capcheck ledger /);
  });
  it.each(["check", "validate", "ledger", "regimes", "factors", "schema", ""])(
    "shows help with examples for %j",
    (command) => {
      const run = capcheck([command, "--help"].filter(Boolean));
      expect(run.status).toBe(0);
      expect(run.stdout.match(/^ {2}capcheck /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    },
  );
});

describe("the JSON report", () => {
  it("keeps the contract's key order", () => {
    const report = JSON.parse(capcheck(["check", "--json", ...EXAMPLE]).stdout);
    expect(Object.keys(report)).toEqual([
      "schemaVersion",
      "generator",
      "verdict",
      "officialVerdict",
      "records",
      "by",
      "settings",
      "periods",
      "issues",
    ]);
    expect(Object.keys(report.periods[0])).toEqual([
      "regime",
      "title",
      "commodity",
      "label",
      "start",
      "end",
      "cap",
      "total",
      "groups",
      "gaps",
    ]);
    expect(Object.keys(report.periods[0].groups[0])).toEqual([
      "key",
      "barrels",
      "reported",
      "estimated",
      "share",
      "status",
      "records",
      "reached",
      "exceededOn",
      "atLeast",
      "official",
      "afterNotice",
    ]);
    expect(Object.keys(report.periods[0].total.official)).toEqual([
      "barrels",
      "share",
      "status",
      "exceededOn",
      "atLeast",
    ]);
  });
});
