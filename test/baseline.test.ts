// --baseline (contract §14): a report compared with an earlier --json report, a
// changes section in every format, and --fail-on worse.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OLD = "date,exporter,barrels\n2024-01-05,A,300000\n2024-02-01,B,10000\n";
const NEW = `${OLD}2024-03-01,A,100000\n2024-03-05,C,5\n`;
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const oldCsv = file("old.csv", OLD);
const newCsv = file("new.csv", NEW);
const base = file("base.json", capcheck(["check", "--json", oldCsv]).stdout);
const check = (args: string[]) => capcheck(["check", newCsv, "--baseline", base, ...args]);

describe("--baseline", () => {
  it("adds changes to the JSON: only what changed, before → after, new dates", () => {
    const { changes } = JSON.parse(check(["--json"]).stdout);
    expect(changes.baseline).toEqual({
      generator: expect.stringMatching(/^capcheck /),
      verdict: "ok",
      by: "exporter",
      settings: {
        regimes: ["unscr2375-refined-2017", "unscr2397-refined", "unscr2397-crude"],
        year: null,
        basis: "all",
        loadFactor: null,
        foldNames: true,
        factors: {},
      },
    });
    expect(changes.groupsCompared).toBe(true);
    expect(changes.worse).toBe(2);
    const [period] = changes.periods;
    expect(period.total).toEqual({
      before: { barrels: 310000, status: "ok" },
      after: { barrels: 410005, status: "notice" },
      newlyReached: { "75": "2024-03-01" },
      newlyExceededOn: null,
      worse: true,
    });
    expect(period.groups.map((g: { key: string }) => g.key)).toEqual(["A", "C"]);
    expect(period.groups[1].before).toBeNull();
  });

  it("has nothing changed against itself", () => {
    const same = JSON.parse(capcheck(["check", oldCsv, "--baseline", base, "--json"]).stdout);
    expect(same.changes).toEqual({
      baseline: same.changes.baseline,
      groupsCompared: true,
      settingsDiffer: [],
      periodsNotCompared: [],
      loadFactorsNotCompared: { onlyInBaseline: [], onlyInRun: [] },
      capsDiffer: [],
      worse: 0,
      periods: [],
    });
  });

  it("shows the changes in the table, Markdown, CSV, HTML and GitHub formats", () => {
    expect(check([]).stdout).toMatch(
      /changes since the baseline \(capcheck .*, verdict ok\): 2 worse:\n {2}unscr2397-refined 2024 · A: 300,000\.000 → 400,000\.000 bbl/,
    );
    expect(check(["--format", "markdown"]).stdout).toContain(
      "| unscr2397\\-refined 2024 | A | 300,000.000 → 400,000.000 | ok → notice **(worse)** | 75% 2024-03-01 |",
    );
    const csv = check(["--format", "csv"]).stdout.split("\n");
    expect(csv[0]).toMatch(/,exceeded_on,at_least,barrels_before,status_before$/);
    expect(csv).toContain(
      "unscr2397-refined,2024,2024-01-01,2024-12-31,group,C,5.000,5.000,0.000,0.000010,ok,1,,false,,",
    );
    expect(check(["--format", "html"]).stdout).toContain("<li>unscr2397-refined 2024 · A:");
    expect(check(["--format", "github"]).stdout).toContain(
      "::warning title=Worse than the baseline%3A unscr2397-refined 2024::A: ok → notice",
    );
  });

  it("shows the changes in the SVG too, under the panels, as well-formed XML", () => {
    const svg = check(["--format", "svg"]).stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/changes since the baseline \(capcheck [^)]*, verdict ok\): 2 worse/);
    expect(svg).toContain(
      ">unscr2397-refined 2024 · A: 300,000.000 → 400,000.000 bbl · ok → notice (worse)<",
    );
    expect(svg).toContain(">new: 75% 2024-03-01<");
    const height = (tag: string) => Number(/height="(\d+)"/.exec(tag)?.[1]);
    const withChanges = height(svg.split("\n")[1] as string);
    const without = height(
      capcheck(["check", newCsv, "--format", "svg"]).stdout.split("\n")[1] as string,
    );
    expect(withChanges).toBeGreaterThan(without);
  });

  it("--fail-on worse fails only when a status got worse", () => {
    expect(check(["--fail-on", "worse"]).status).toBe(1);
    expect(check(["--fail-on", "exceeded"]).status).toBe(0);
    expect(
      capcheck(["check", oldCsv, "--baseline", base, "--fail-on", "exceeded,worse"]).status,
    ).toBe(0);
  });

  it("--fail-on worse without a baseline, or a file that is no report, is an error", () => {
    const without = capcheck(["check", newCsv, "--fail-on", "worse"]);
    expect(without.status).toBe(2);
    expect(without.stderr).toContain("--fail-on worse compares with a --baseline report");
    const bad = check([]).status;
    expect(bad).toBe(0);
    const notReport = capcheck(["check", newCsv, "--baseline", file("x.json", "{}")]);
    expect(notReport.status).toBe(2);
    expect(notReport.stderr).toMatch(/x\.json: not a capcheck --json report: \$\.schemaVersion/);
  });

  it("an invalid run has no changes", () => {
    const bad = file("bad.csv", "date,exporter,barrels\nxx,A,1\n");
    const run = capcheck(["check", bad, "--baseline", base, "--json"]);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).changes).toBeUndefined();
  });
});
