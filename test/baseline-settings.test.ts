// --baseline made otherwise than this run (contract §14, §11): a scenario report
// and a plain one are refused; load factors, periods and groups the two did not
// both look at are not compared; other settings and caps that differ are said,
// once on stderr, in every format's changes heading and in the JSON changes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { type Baseline, compareWithBaseline, nothingComparable } from "../src/domain/baseline.js";
import { checkRecords } from "../src/domain/check.js";
import type { CheckOptions } from "../src/index.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { resolveCheckOptions } from "../src/options.js";
import { baselineNotes } from "../src/report/changes.js";
import { capcheck, fixture } from "./helpers.js";

// Refined: 2018 within the cap, 2019 over it. Crude: over the cap in the period
// of 2018-12-22/2019-12-21, which overlaps both years.
const ROWS = [
  { date: "2018-03-01", exporter: "Russian Federation", barrels: 300000 },
  { date: "2019-02-01", exporter: "Russia", barrels: 600000 },
  { date: "2019-03-01", exporter: "China", barrels: 4500000, product: "crude" },
];
const tanker = (date: string) => ({
  date,
  exporter: "A",
  capacity: 100000,
  capacity_unit: "bbl",
  basis: "estimated",
});
// 600,000 bbl of capacity: over the cap at load factor 0.9, not at 0.5.
const TANKERS = ["01", "02", "03", "04", "05", "06"].map((m) => tanker(`2018-${m}-05`));

async function reportOf(rows: Record<string, unknown>[], options: CheckOptions = {}) {
  return checkRecords(recordsFromObjects(rows), await resolveCheckOptions(options));
}

describe("a report records its settings", () => {
  it("regimes, year, basis, load factor and name folding", async () => {
    expect((await reportOf(ROWS)).settings).toEqual({
      regimes: ["unscr2375-refined-2017", "unscr2397-refined", "unscr2397-crude"],
      year: null,
      basis: "all",
      loadFactor: null,
      foldNames: true,
      factors: {},
    });
    const options = {
      regimes: ["unscr2397-refined"],
      year: 2019,
      basis: "reported" as const,
      loadFactor: "1/2",
      foldNames: false,
    };
    expect((await reportOf(ROWS, options)).settings).toEqual({
      regimes: ["unscr2397-refined"],
      year: 2019,
      basis: "reported",
      loadFactor: 0.5,
      foldNames: false,
      factors: {},
    });
  });
});

describe("compareWithBaseline, made otherwise", () => {
  it("compares the load factors of both alone, and lists the others", async () => {
    const baseline = await reportOf(TANKERS, { scenarios: ["0.1", "0.5"] });
    const run = await reportOf(TANKERS, { scenarios: [0.9, 0.5] });
    expect(run.scenarios?.[0]?.verdict).toBe("exceeded");
    const changes = compareWithBaseline(baseline, run);
    expect(changes.loadFactorsNotCompared).toEqual({ onlyInBaseline: [0.1], onlyInRun: [0.9] });
    // Load factor 0.9, over the cap, is no "none → exceeded (worse)".
    expect(changes.periods).toEqual([]);
    expect(changes.worse).toBe(0);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "load factors not compared: 0.9 (not in b.json), 0.1 (not in this run)",
    ]);
  });

  it("finds nothing comparable between a scenario report and a plain one", async () => {
    const scenarios = await reportOf(TANKERS, { scenarios: ["0.1", "0.5"] });
    const plain = await reportOf(TANKERS, { loadFactor: 0.5 });
    expect(nothingComparable(scenarios, undefined)).toBe(
      "a report of --scenarios 0.1,0.5, and this run has no scenarios: nothing to compare; run with --scenarios 0.1,0.5, or make the baseline without --scenarios",
    );
    expect(nothingComparable(plain, [0.1, 0.5])).toBe(
      "a report without --scenarios, and this run has --scenarios 0.1,0.5: nothing to compare; run without --scenarios, or make the baseline with --scenarios 0.1,0.5",
    );
    expect(nothingComparable(scenarios, [0.9])).toMatch(/^a report of --scenarios 0\.1,0\.5, none/);
    expect(nothingComparable(scenarios, [0.9, 0.5])).toBeUndefined();
    expect(nothingComparable(plain, undefined)).toBeUndefined();
    // A baseline of invalid records counted nothing, in neither kind.
    const invalid: Baseline = { generator: "capcheck 0.1.0", verdict: "invalid", periods: [] };
    expect(nothingComparable(invalid, [0.5])).toBeUndefined();
    // Against it, every tally of every load factor is new, as in a plain run.
    const changes = compareWithBaseline(invalid, scenarios);
    expect(changes.loadFactorsNotCompared).toEqual({ onlyInBaseline: [], onlyInRun: [] });
    expect(changes.periods.map((p) => [p.loadFactor, p.total.before])).toEqual([
      [0.1, null],
      [0.5, null],
    ]);
  });

  it("does not compare periods in one report alone when the year differs", async () => {
    const baseline = await reportOf(ROWS, { year: 2018 });
    const changes = compareWithBaseline(baseline, await reportOf(ROWS));
    expect(changes.settingsDiffer).toEqual(["year"]);
    // The crude period overlaps 2018: in both, and compared (unchanged).
    expect(changes.periodsNotCompared.map((p) => [p.regime, p.label, p.onlyIn])).toEqual([
      ["unscr2397-refined", "2019", "run"],
    ]);
    // Refined 2019, over the cap, which the baseline did not look at: not worse.
    expect(changes.worse).toBe(0);
    expect(changes.periods).toEqual([]);
    // The other way round, the periods of the baseline alone are named too.
    const back = compareWithBaseline(await reportOf(ROWS), await reportOf(ROWS, { year: 2018 }));
    expect(back.periodsNotCompared.map((p) => p.onlyIn)).toEqual(["baseline"]);
  });

  it("compares a period common to both even when the regimes differ", async () => {
    const more = [...ROWS, { date: "2018-04-01", exporter: "China", barrels: 100000 }];
    const baseline = await reportOf(ROWS, { regimes: ["unscr2397-refined"] });
    const changes = compareWithBaseline(baseline, await reportOf(more));
    expect(changes.settingsDiffer).toEqual(["regimes"]);
    expect(changes.periodsNotCompared.map((p) => p.regime)).toEqual(["unscr2397-crude"]);
    expect(changes.periods.map((p) => [p.label, p.total.before?.barrels])).toEqual([
      ["2018", 300000],
    ]);
    expect(baselineNotes({ ...(await reportOf(more)), changes }, "b.json")).toEqual([
      "b.json was made with regimes unscr2397-refined, this run with regimes unscr2375-refined-2017,unscr2397-refined,unscr2397-crude: 1 period in one report alone not compared",
    ]);
  });

  it("lists each period whose cap differs once, scenarios or not", async () => {
    const baseline = await reportOf(TANKERS, { scenarios: ["0.1", "0.5"] });
    const run = await reportOf(TANKERS, { scenarios: ["0.1", "0.5"], cap: 100000 });
    const changes = compareWithBaseline(baseline, run);
    expect(changes.capsDiffer).toEqual([
      {
        regime: "unscr2397-refined",
        label: "2018",
        start: "2018-01-01",
        before: 500000,
        after: 100000,
      },
    ]);
    // Still compared, and counted: the note says why.
    expect(changes.worse).toBe(2);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "caps differ from b.json: unscr2397-refined 2018 500,000 → 100,000 bbl: statuses measure different caps",
    ]);
    const same = compareWithBaseline(baseline, await reportOf(TANKERS, { scenarios: ["0.1"] }));
    expect(same.capsDiffer).toEqual([]);
  });

  it("says which basis and load factor each was made with, and compares on", async () => {
    const rows = [...ROWS, ...TANKERS];
    const baseline = await reportOf(rows, { basis: "reported", loadFactor: "0.5" });
    const run = await reportOf(rows, { loadFactor: "0.9" });
    const changes = compareWithBaseline(baseline, run);
    expect(changes.settingsDiffer).toEqual(["basis", "loadFactor"]);
    expect(changes.periods[0]?.total.after?.barrels).toBe(840000);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "b.json was made with --basis reported, this run with --basis all: the totals count different records",
      "b.json was made with --load-factor 0.5, this run with --load-factor 0.9: estimated barrels differ",
    ]);
  });

  it("compares no exporter groups whose names were folded otherwise", async () => {
    const baseline = await reportOf(ROWS);
    const run = await reportOf(ROWS, { foldNames: false });
    const changes = compareWithBaseline(baseline, run);
    expect(changes.settingsDiffer).toEqual(["foldNames"]);
    expect(changes.groupsCompared).toBe(false);
    // Not "Russia: none → 600,000 (worse)" and "Russian Federation: 600,000 → none".
    expect(changes.periods).toEqual([]);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "b.json was made folding exporter names, this run with --no-fold-names: groups not compared",
    ]);
    // Groups keyed by origin are no exporter names: folding changes nothing there.
    const byOrigin = compareWithBaseline(
      await reportOf(ROWS, { by: "origin" }),
      await reportOf(ROWS, { by: "origin", foldNames: false }),
    );
    expect(byOrigin.settingsDiffer).toEqual([]);
    expect(byOrigin.groupsCompared).toBe(true);
  });

  it("takes the settings of a baseline that does not record them as this run's", async () => {
    const { settings: _, ...earlier } = await reportOf(ROWS, { year: 2018 });
    const run = await reportOf(ROWS);
    const changes = compareWithBaseline(earlier as Baseline, run);
    expect(changes.baseline.settings).toBeNull();
    expect(changes.settingsDiffer).toEqual([]);
    expect(changes.periodsNotCompared).toEqual([]);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "b.json does not record its settings (an earlier capcheck's report): its regimes, --year, --basis, --load-factor, name folding and factors taken as this run's",
    ]);
  });
});

const dir = mkdtempSync(join(tmpdir(), "capcheck-baseline-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const TANKERS_CSV = fixture("estimates/tankers-2018.csv");
const scenarios = file(
  "scenarios.json",
  capcheck(["check", "--json", "--scenarios", "0.1,0.5", TANKERS_CSV]).stdout,
);
const plain = file(
  "plain.json",
  capcheck(["check", "--json", "--load-factor", "0.5", TANKERS_CSV]).stdout,
);

describe("check --baseline of the other kind", () => {
  it("refuses a scenario baseline for a plain run, in one line, before reading", () => {
    const run = capcheck(["check", TANKERS_CSV, "--load-factor", "0.5", "--baseline", scenarios]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: ${scenarios}: a report of --scenarios 0.1,0.5, and this run has no scenarios: nothing to compare; run with --scenarios 0.1,0.5, or make the baseline without --scenarios\n`,
    );
  });

  it("refuses a plain baseline for a scenario run, and one of no common load factor", () => {
    const args = ["check", TANKERS_CSV, "--fail-on", "worse", "--baseline"];
    const run = capcheck([...args, plain, "--scenarios", "0.1,0.5"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `capcheck: ${plain}: a report without --scenarios, and this run has --scenarios 0.1,0.5: nothing to compare; run without --scenarios, or make the baseline with --scenarios 0.1,0.5\n`,
    );
    const none = capcheck([...args, scenarios, "--scenarios", "0.9"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("none of this run's load factors (0.9): nothing to compare");
  });
});

describe("check --baseline of other load factors", () => {
  const run = (extra: string[]) =>
    capcheck(["check", TANKERS_CSV, "--scenarios", "0.5,0.9", "--baseline", scenarios, ...extra]);
  const NOTE = "load factors not compared: 0.9 (not in the baseline), 0.1 (not in this run)";

  it("says once which were not compared, and fails on nothing worse", () => {
    const json = run(["--json", "--fail-on", "worse"]);
    expect(json.status).toBe(0);
    expect(json.stderr).toBe(
      `capcheck: warning: load factors not compared: 0.9 (not in ${scenarios}), 0.1 (not in this run)\n`,
    );
    const { changes } = JSON.parse(json.stdout);
    expect(changes.loadFactorsNotCompared).toEqual({ onlyInBaseline: [0.1], onlyInRun: [0.9] });
    expect(changes.worse).toBe(0);
  });

  it("in the text, Markdown, GitHub and CSV formats", () => {
    expect(run([]).stdout.replace(/\n {4}/g, " ")).toContain(`0 worse; ${NOTE}; nothing changed`);
    expect(run(["--format", "markdown"]).stdout).toContain(
      `: 0 worse; ${NOTE}\n\nNothing changed.`,
    );
    expect(run(["--format", "github"]).stdout).toContain(
      `::warning title=capcheck%3A baseline::${NOTE}`,
    );
    const rows = run(["--format", "csv"]).stdout.trim().split("\n");
    expect(rows.find((r) => r.startsWith("0.9,") && r.includes(",total,"))).toMatch(/,,$/);
    expect(rows.find((r) => r.startsWith("0.5,") && r.includes(",total,"))).toMatch(
      /,770720\.000,exceeded$/,
    );
  });
});

// Refined 2019 over its cap, which a --year 2018 baseline did not look at.
const MIX = file(
  "mix.csv",
  "date,exporter,barrels,product\n2018-03-01,Russian Federation,300000,\n2019-02-01,Russia,600000,\n2019-03-01,China,400000,crude\n",
);
const year2018 = file("2018.json", capcheck(["check", "--json", "--year", "2018", MIX]).stdout);
const all = file("all.json", capcheck(["check", "--json", MIX]).stdout);
const against = (baseline: string, extra: string[]) =>
  capcheck(["check", MIX, "--baseline", baseline, ...extra]);

describe("check --baseline made with other settings", () => {
  it("--year: periods in one report alone are not compared, nor worse", () => {
    const json = against(year2018, ["--json", "--fail-on", "worse"]);
    expect(json.status).toBe(0);
    const warnings = json.stderr.split("\n").filter((l) => l.includes("warning"));
    expect(warnings).toEqual([
      `capcheck: warning: ${year2018} was made with --year 2018, this run without --year: 1 period in one report alone not compared`,
    ]);
    const { changes } = JSON.parse(json.stdout);
    expect(changes.settingsDiffer).toEqual(["year"]);
    expect(changes.baseline.settings.year).toBe(2018);
    expect(changes.periodsNotCompared).toEqual([
      { regime: "unscr2397-refined", label: "2019", start: "2019-01-01", onlyIn: "run" },
    ]);
    expect(changes.worse).toBe(0);
    const csv = against(year2018, ["--format", "csv"]).stdout.split("\n");
    const total = (start: string) =>
      csv.find((r) => r.includes(`,${start},`) && r.includes(",total,"));
    expect(total("2019-01-01")).toMatch(/,,$/);
    expect(total("2018-01-01")).toMatch(/,300000\.000,ok$/);
    expect(against(year2018, ["--format", "markdown"]).stdout).toContain(
      "; the baseline was made with --year 2018, this run without --year: 1 period in one report alone not compared\n",
    );
  });

  it("--regime: the same, for the periods of a regime one of them left out", () => {
    const refined = file(
      "refined.json",
      capcheck(["check", "--json", "--regime", "unscr2397-refined", MIX]).stdout,
    );
    const json = against(refined, ["--json", "--fail-on", "worse"]);
    expect(json.status).toBe(0);
    expect(json.stderr).toContain(
      `warning: ${refined} was made with regimes unscr2397-refined, this run with regimes unscr2375-refined-2017,unscr2397-refined,unscr2397-crude: 1 period in one report alone not compared\n`,
    );
    expect(JSON.parse(json.stdout).changes.periodsNotCompared).toHaveLength(1);
  });

  it("--cap: the periods whose cap differs are named, once, in every format", () => {
    const json = against(all, ["--json", "--cap", "4000000"]);
    const note = `caps differ from ${all}: unscr2397-refined 2018 500,000 → 4,000,000 bbl, unscr2397-refined 2019 500,000 → 4,000,000 bbl: statuses measure different caps`;
    expect(json.stderr.split("\n").filter((l) => l.includes("caps differ"))).toEqual([
      `capcheck: warning: ${note}`,
    ]);
    expect(JSON.parse(json.stdout).changes.capsDiffer).toEqual([
      {
        regime: "unscr2397-refined",
        label: "2018",
        start: "2018-01-01",
        before: 500000,
        after: 4000000,
      },
      {
        regime: "unscr2397-refined",
        label: "2019",
        start: "2019-01-01",
        before: 500000,
        after: 4000000,
      },
    ]);
    const inHeading = note.replace(all, "the baseline");
    expect(against(all, ["--cap", "4000000"]).stdout.replace(/\n {4}/g, " ")).toContain(
      `; ${inHeading}:\n`,
    );
    expect(against(all, ["--cap", "4000000", "--format", "markdown"]).stdout).toContain(
      `; ${inHeading}\n`,
    );
  });

  it("wraps a long note in the SVG to the drawing's width, never cuts it off", () => {
    const svg = against(all, ["--cap", "4000000", "--format", "svg"]).stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)?.[1]);
    const section = svg.slice(svg.lastIndexOf("<svg y="));
    const texts = [...section.matchAll(/<text x="(\d+)"[^>]*>([^<]*)<\/text>/g)];
    // 7.5 px a character is generous for 12 px text: every line ends inside the drawing.
    for (const [, x, text] of texts) {
      expect(Number(x) + (text as string).length * 7.5).toBeLessThanOrEqual(width);
    }
    const joined = texts.map(([, , text]) => text).join(" ");
    expect(joined).toContain(
      "caps differ from the baseline: unscr2397-refined 2018 500,000 → 4,000,000 bbl, unscr2397-refined 2019 500,000 → 4,000,000 bbl: statuses measure different caps",
    );
  });

  it("--basis and --no-fold-names: said, and exporter groups not compared", () => {
    const json = against(all, ["--json", "--basis", "reported", "--no-fold-names"]);
    expect(json.stderr.split("\n").filter((l) => l.includes("warning"))).toEqual([
      `capcheck: warning: ${all} was made with --basis all, this run with --basis reported: the totals count different records`,
      `capcheck: warning: ${all} was made folding exporter names, this run with --no-fold-names: groups not compared`,
    ]);
    const { changes, settings } = JSON.parse(json.stdout);
    expect(settings).toMatchObject({ basis: "reported", foldNames: false });
    expect(changes.settingsDiffer).toEqual(["basis", "foldNames"]);
    expect(changes.groupsCompared).toBe(false);
    // "Russia" is no new group beside a gone "Russian Federation".
    expect(changes.periods).toEqual([]);
  });

  it("refuses a baseline whose regimes are no ids, in one line", () => {
    const report = JSON.parse(capcheck(["check", "--json", MIX]).stdout);
    const odd = file(
      "odd.json",
      JSON.stringify({ ...report, settings: { ...report.settings, regimes: ["\u001b[31m"] } }),
    );
    const refused = against(odd, []);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `capcheck: ${odd}: not a capcheck --json report: $.settings.regimes[0]: expected a regime id, got "\\u001b[31m"\n`,
    );
  });
});
