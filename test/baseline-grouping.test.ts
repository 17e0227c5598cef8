// --baseline and grouping (contract §14, §11): groups are compared only when the
// baseline was grouped by the same field as this run; otherwise the totals alone,
// said once on stderr and in every format's changes section.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Baseline, compareWithBaseline } from "../src/domain/baseline.js";
import { checkRecords } from "../src/domain/check.js";
import type { CheckOptions } from "../src/index.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { resolveCheckOptions } from "../src/options.js";
import { groupingNote } from "../src/report/changes.js";
import { capcheck, fixture } from "./helpers.js";

// Exporter A ships from port "B" and exporter B from port "A": the keys coincide,
// the tallies do not.
const OLD = [
  { date: "2024-01-05", exporter: "A", origin: "B", barrels: 300000 },
  { date: "2024-02-01", exporter: "B", origin: "A", barrels: 10000 },
];
const NEW = [...OLD, { date: "2024-03-01", exporter: "A", origin: "B", barrels: 100000 }];

async function reportOf(rows: Record<string, unknown>[], options: CheckOptions) {
  return checkRecords(recordsFromObjects(rows), await resolveCheckOptions(options));
}

describe("compareWithBaseline and the grouping", () => {
  it("records the grouping in the report", async () => {
    expect((await reportOf(OLD, {})).by).toBe("exporter");
    expect((await reportOf(OLD, { by: "origin" })).by).toBe("origin");
  });

  it("compares groups keyed alike when grouped alike", async () => {
    const changes = compareWithBaseline(await reportOf(OLD, {}), await reportOf(NEW, {}));
    expect(changes.baseline.by).toBe("exporter");
    expect(changes.groupsCompared).toBe(true);
    expect(changes.periods[0]?.groups.map((g) => g.key)).toEqual(["A"]);
    expect(changes.worse).toBe(2);
  });

  it("compares the totals alone when the baseline was grouped by another field", async () => {
    const baseline = await reportOf(OLD, { by: "origin" });
    const changes = compareWithBaseline(baseline, await reportOf(NEW, {}));
    expect(changes.baseline.by).toBe("origin");
    expect(changes.groupsCompared).toBe(false);
    // Not "A: 10,000 → 400,000, worse", which is port A against exporter A.
    expect(changes.periods[0]?.groups).toEqual([]);
    expect(changes.periods[0]?.total.before).toEqual({ barrels: 310000, status: "ok" });
    expect(changes.periods[0]?.total.after).toEqual({ barrels: 410000, status: "notice" });
    expect(changes.worse).toBe(1);
  });

  it("compares groups of a baseline that does not record its grouping, and says so", async () => {
    const { by: _, ...earlier } = await reportOf(OLD, {});
    const changes = compareWithBaseline(earlier as Baseline, await reportOf(NEW, {}));
    expect(changes.baseline.by).toBeNull();
    expect(changes.groupsCompared).toBe(true);
    expect(changes.periods[0]?.groups.map((g) => g.key)).toEqual(["A"]);
    expect(groupingNote(changes, "exporter", "old.json")).toBe(
      "old.json does not record its grouping (an earlier capcheck's report): groups compared as if by exporter, as this run",
    );
  });

  it("does the same for each scenario", async () => {
    const tanker = (date: string, exporter: string, origin: string) => ({
      date,
      exporter,
      origin,
      capacity: 100000,
      capacity_unit: "bbl",
      basis: "estimated",
    });
    const rows = [tanker("2024-01-05", "A", "B"), tanker("2024-02-01", "B", "A")];
    const more = [...rows, tanker("2024-03-01", "A", "B")];
    const scenarios = ["0.5", "0.9"];
    const baseline = await reportOf(rows, { scenarios, by: "origin" });
    const changes = compareWithBaseline(baseline, await reportOf(more, { scenarios }));
    expect(changes.groupsCompared).toBe(false);
    expect(changes.periods.map((p) => [p.loadFactor, p.groups.length])).toEqual([
      [0.5, 0],
      [0.9, 0],
    ]);
    expect(changes.periods.map((p) => p.total.after?.barrels)).toEqual([150000, 270000]);
  });

  it("has no note when grouped alike, and names both groupings when not", async () => {
    const alike = compareWithBaseline(await reportOf(OLD, {}), await reportOf(NEW, {}));
    expect(groupingNote(alike, "exporter", "b.json")).toBeUndefined();
    const other = compareWithBaseline(
      await reportOf(OLD, { by: "origin" }),
      await reportOf(NEW, {}),
    );
    expect(groupingNote(other, "exporter", "b.json")).toBe(
      "b.json was grouped by origin, this run by exporter: groups not compared",
    );
  });
});

const dir = mkdtempSync(join(tmpdir(), "capcheck-baseline-by-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INPUTS = [fixture("synthetic/state-a-2024.csv"), fixture("synthetic/state-b-2024.ndjson")];
const byOrigin = join(dir, "by-origin.json");
writeFileSync(byOrigin, capcheck(["check", "--json", "--by", "origin", ...INPUTS]).stdout);
// One more State B report: the total and State B change, State A does not.
const MORE = [...INPUTS, fixture("synthetic/monthly-2024.csv")];
const run = (baseline: string, args: string[]) =>
  capcheck(["check", ...MORE, "--baseline", baseline, ...args]);
const WARNING = `capcheck: warning: ${byOrigin} was grouped by origin, this run by exporter: groups not compared`;

describe("check --baseline made --by origin, run by exporter", () => {
  it("warns once on stderr and compares the totals alone", () => {
    const json = run(byOrigin, ["--json"]);
    expect(json.stderr.split("\n").filter((l) => l.includes("grouped by"))).toEqual([WARNING]);
    const { by, changes } = JSON.parse(json.stdout);
    expect(by).toBe("exporter");
    expect(changes.baseline.by).toBe("origin");
    expect(changes.groupsCompared).toBe(false);
    expect(changes.periods).toHaveLength(1);
    expect(changes.periods[0].groups).toEqual([]);
    expect(changes.periods[0].total.before.barrels).toBe(547175.82);
    expect(changes.periods[0].total.after.barrels).toBeGreaterThan(547175.82);
  });

  it("--fail-on worse counts the totals alone: the exporters are not new groups", () => {
    // State A (synthetic) is exceeded; compared with the ports it would be a new, worse group.
    expect(run(byOrigin, ["--fail-on", "worse"]).status).toBe(0);
    expect(JSON.parse(run(byOrigin, ["--json"]).stdout).changes.worse).toBe(0);
  });

  it("says so in the table, Markdown, HTML, SVG and GitHub formats", () => {
    const note = "; the baseline was grouped by origin, this run by exporter: groups not compared";
    const text = run(byOrigin, []).stdout.replace(/\n {4}/g, " ");
    expect(text).toContain(
      `changes since the baseline (capcheck 0.1.0, verdict exceeded): 0 worse${note}:`,
    );
    expect(text).not.toMatch(/· State [AB] \(synthetic\): /);
    const markdown = run(byOrigin, ["--format", "markdown"]).stdout;
    expect(markdown).toContain(`): 0 worse${note}\n`);
    expect(markdown).not.toMatch(/^\| unscr2397\\-refined 2024 \| State/m);
    const html = run(byOrigin, ["--format", "html"]).stdout;
    expect(html).toContain(`0 worse${note}:</h2>`);
    expect(run(byOrigin, ["--format", "svg"]).stdout).toContain(`>${note.slice(2)}</text>`);
    expect(run(byOrigin, ["--format", "github"]).stdout).toContain(
      "::warning title=capcheck%3A baseline::the baseline was grouped by origin, this run by exporter: groups not compared",
    );
  });

  it("leaves the group rows' baseline cells of the CSV empty, never their own figures", () => {
    const rows = run(byOrigin, ["--format", "csv"]).stdout.trim().split("\n");
    const groups = rows.filter((r) => r.includes(",group,"));
    expect(groups.length).toBeGreaterThan(0);
    for (const row of groups) expect(row).toMatch(/,,$/);
    expect(rows.find((r) => r.includes(",total,"))).toMatch(/,547175\.820,exceeded$/);
  });

  it("compares nothing but totals in a scenario run either", () => {
    const tankers = fixture("estimates/tankers-2018.csv");
    const scenarios = ["--scenarios", "0.1,0.5"];
    const base = join(dir, "scenarios-by-source.json");
    writeFileSync(
      base,
      capcheck(["check", "--json", "--by", "source", ...scenarios, tankers]).stdout,
    );
    const both = capcheck([
      "check",
      "--json",
      ...scenarios,
      tankers,
      fixture("estimates/reported-2018.csv"),
      "--baseline",
      base,
    ]);
    expect(both.stderr).toContain(`${base} was grouped by source, this run by exporter`);
    const { changes } = JSON.parse(both.stdout);
    expect(changes.groupsCompared).toBe(false);
    expect(changes.periods.map((p: { loadFactor: number }) => p.loadFactor)).toEqual([0.1, 0.5]);
    for (const period of changes.periods) {
      expect(period.groups).toEqual([]);
      expect(period.total.after.barrels - period.total.before.barrels).toBeCloseTo(20000.5, 3);
    }
  });

  it.each([
    // What it got is shown escaped: no escape sequence reaches the terminal.
    ["by", "\u001b[31mred", 'expected a field name such as exporter, got "\\u001b[31mred"'],
    [
      "generator",
      "capcheck \u001b[31m**x** <b>",
      'expected capcheck and its version, got "capcheck \\u001b[31m**x** <b>"',
    ],
  ])("refuses a baseline whose %s is free text, in one line: it is printed", (key, value, why) => {
    const report = JSON.parse(capcheck(["check", "--json", ...INPUTS]).stdout);
    const odd = join(dir, "odd.json");
    writeFileSync(odd, JSON.stringify({ ...report, [key]: value }));
    const refused = run(odd, []);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `capcheck: ${odd}: not a capcheck --json report: $.${key}: ${why}\n`,
    );
  });
});

describe("check --baseline of an earlier capcheck, which does not record its grouping", () => {
  const earlier = fixture("baselines/synthetic-2024-no-grouping.json");

  it("compares the groups as this run's, and says so once", () => {
    const json = run(earlier, ["--json"]);
    expect(json.stderr.split("\n").filter((l) => l.includes("does not record"))).toEqual([
      `capcheck: warning: ${earlier} does not record its grouping or settings (an earlier capcheck's report): compared as if made as this run, by exporter`,
    ]);
    const { changes } = JSON.parse(json.stdout);
    expect(changes.baseline.by).toBeNull();
    expect(changes.groupsCompared).toBe(true);
    expect(changes.periods[0].groups.map((g: { key: string }) => g.key)).toEqual([
      "State B (synthetic)",
    ]);
    expect(run(earlier, ["--format", "markdown"]).stdout).toContain(
      "; the baseline does not record its grouping or settings (an earlier capcheck's report): compared as if made as this run, by exporter\n",
    );
  });
});
