// A report made with other tons-to-barrels factors than the 1718 Committee's says
// so (contract §3, §14): `settings.factors` holds the overrides, every human format
// prints one line naming them, and --baseline names `factors` among the settings
// that differ.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { type Baseline, compareWithBaseline } from "../src/domain/baseline.js";
import { checkRecords } from "../src/domain/check.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { resolveCheckOptions } from "../src/options.js";
import { baselineNotes } from "../src/report/changes.js";
import { renderJson } from "../src/report/json.js";
import { capcheck, fixture } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-factors-recorded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// Diesel, gasoline and fuel oil in tons: 515,300 bbl (exceeded) by the Committee's
// factors, 497,300 bbl (notice) at 7 bbl/t of diesel.
const TONS = fixture("synthetic/state-a-2024.csv");
const DIESEL_7 = file("diesel-7.json", '{ "diesel": 7.0 }');
// The Committee's own values, under other names and spellings: no override.
const SAME = file("same.json", '{ "gas oil": 7.50, "lpg": "11.6", "crude": 7.619047619 }');
const LINE = "factors: diesel 7 bbl/t (--factors), not the 1718 Committee's 7.5";

const ROWS = [{ date: "2024-02-01", exporter: "A", product: "diesel", quantity: 1000, unit: "t" }];
async function reportOf(factorsFile?: string) {
  const options = await resolveCheckOptions(factorsFile === undefined ? {} : { factorsFile });
  return checkRecords(recordsFromObjects(ROWS), options);
}

describe("settings.factors", () => {
  it("is {} with the built-in factors, and with a file of their own values alone", async () => {
    expect((await reportOf()).settings.factors).toEqual({});
    // crude's 7.619047619 is not 4,000,000/525,000: an override.
    expect((await reportOf(SAME)).settings.factors).toEqual({ crude: 7.619047619 });
    const same = file("same-only.json", '{ "gas oil": 7.50, "lpg": "11.6" }');
    expect((await reportOf(same)).settings.factors).toEqual({});
  });

  it("holds each override by product, in product order, as an exact decimal", async () => {
    const many = file("many.json", '{ "crude": 7.3, "Gas Oil": "7.0", "lpg": 11 }');
    const report = await reportOf(many);
    expect(report.settings.factors).toEqual({ lpg: 11, diesel: 7, crude: 7.3 });
    expect(Object.keys(report.settings.factors)).toEqual(["lpg", "diesel", "crude"]);
    // Digits a Number would lose are printed as given.
    const fine = file("fine.json", '{ "diesel": "7.4600000000000000001" }');
    expect(renderJson(await reportOf(fine))).toContain(
      '"factors": {\n      "diesel": 7.4600000000000000001\n    }',
    );
  });

  it("on the command line: --factors, and a config file's factors", () => {
    const settings = (args: string[]) =>
      JSON.parse(capcheck(["check", "--json", ...args, TONS]).stdout).settings;
    expect(settings([]).factors).toEqual({});
    expect(settings(["--factors", DIESEL_7]).factors).toEqual({ diesel: 7 });
    expect(settings(["--factors", SAME]).factors).toEqual({ crude: 7.619047619 });
    // Paths in a config file are relative to it.
    const config = file("capcheck.config.json", '{ "factors": "diesel-7.json" }');
    const run = capcheck(["check", "--json", "--config", config, TONS]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).settings.factors).toEqual({ diesel: 7 });
    expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(497300);
  });

  it("a bad factors file is refused in one line, nothing printed", () => {
    const bad = file("bad.json", '{ "diesel": 7, "gas oil": 7.2 }');
    const run = capcheck(["check", "--json", "--factors", bad, TONS]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: ${bad}: gas oil: "diesel" gives diesel too: give each product once\n`,
    );
  });
});

describe("capcheck schema --report and factors", () => {
  const schema = JSON.parse(capcheck(["schema", "--report"]).stdout);
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  const report = JSON.parse(capcheck(["check", "--json", "--factors", DIESEL_7, TONS]).stdout);

  it("describes a report made with other factors", () => {
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it("requires factors, by product names alone", () => {
    const { factors: _, ...without } = report.settings;
    expect(validate({ ...report, settings: without })).toBe(false);
    const odd = { ...report, settings: { ...report.settings, factors: { petrol: 9 } } };
    expect(validate(odd)).toBe(false);
  });
});

describe("--baseline made with other factors", () => {
  it("names factors among the settings that differ, and says how", async () => {
    const baseline = await reportOf();
    const run = await reportOf(DIESEL_7);
    const changes = compareWithBaseline(baseline, run);
    expect(changes.settingsDiffer).toEqual(["factors"]);
    expect(changes.baseline.settings?.factors).toEqual({});
    expect(changes.periods[0]?.total.after?.barrels).toBe(7000);
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "b.json was made with the built-in factors, this run with --factors diesel 7: barrels converted from tons differ",
    ]);
    // Factors are compared by product, whatever order a file lists them in.
    const two = file("two.json", '{ "lpg": 11, "diesel": 7 }');
    const listed = { ...(await reportOf(two)) };
    listed.settings = { ...listed.settings, factors: { diesel: 7, lpg: 11 } };
    expect(compareWithBaseline(listed, await reportOf(two)).settingsDiffer).toEqual([]);
  });

  it("takes the factors of a baseline that does not record them as this run's", async () => {
    const old = await reportOf();
    const { factors: _, ...settings } = old.settings;
    const earlier: Baseline = { ...old, settings };
    const run = await reportOf(DIESEL_7);
    const changes = compareWithBaseline(earlier, run);
    expect(changes.settingsDiffer).toEqual([]);
    expect(changes.baseline.settings?.factors).toBeNull();
    expect(baselineNotes({ ...run, changes }, "b.json")).toEqual([
      "b.json does not record its factors (an earlier capcheck's report): taken as this run's, with --factors diesel 7",
    ]);
  });

  const official = file("official.json", capcheck(["check", "--json", TONS]).stdout);
  const report = JSON.parse(capcheck(["check", "--json", TONS]).stdout);
  delete report.settings.factors;
  const earlier = file("earlier.json", JSON.stringify(report));

  it("on the command line: a warning, the JSON changes, the changes heading", () => {
    const run = capcheck(["check", "--json", "--factors", DIESEL_7, "--baseline", official, TONS]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `capcheck: warning: ${official} was made with the built-in factors, this run with --factors diesel 7: barrels converted from tons differ\n`,
    );
    const { changes } = JSON.parse(run.stdout);
    expect(changes.settingsDiffer).toEqual(["factors"]);
    expect(changes.baseline.settings.factors).toEqual({});
    const text = capcheck(["check", "--factors", DIESEL_7, "--baseline", official, TONS]);
    expect(text.stdout.replace(/\n {4}/g, " ")).toContain(
      "; the baseline was made with the built-in factors, this run with --factors diesel 7: barrels converted from tons differ:",
    );
  });

  it("loads a baseline written before factors were recorded, and says so", () => {
    const run = capcheck(["check", "--json", "--factors", DIESEL_7, "--baseline", earlier, TONS]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `capcheck: warning: ${earlier} does not record its factors (an earlier capcheck's report): taken as this run's, with --factors diesel 7\n`,
    );
    const { changes } = JSON.parse(run.stdout);
    expect(changes.settingsDiffer).toEqual([]);
    expect(changes.baseline.settings.factors).toBeNull();
  });

  it("refuses a baseline whose factors name no product, in one line", () => {
    const odd = file(
      "odd.json",
      JSON.stringify({ ...report, settings: { ...report.settings, factors: { "\u001b[31m": 7 } } }),
    );
    const run = capcheck(["check", "--baseline", odd, TONS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^capcheck: ${odd}: not a capcheck --json report: \\$\\.settings\\.factors`),
    );
    expect(run.stderr.split("\n")).toHaveLength(2);
  });

  it("validates against the schema, either baseline", () => {
    const schema = JSON.parse(capcheck(["schema", "--report"]).stdout);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const baseline of [official, earlier]) {
      const args = ["check", "--json", "--factors", DIESEL_7, "--baseline", baseline, TONS];
      const out = JSON.parse(capcheck(args).stdout);
      expect(validate(out) ? [] : validate.errors).toEqual([]);
    }
  });
});

describe("the human-readable reports", () => {
  const run = (args: string[]) => capcheck(["check", ...args, TONS]).stdout;

  it("name the factors not the Committee's at the foot of the table", () => {
    const table = run(["--factors", DIESEL_7]);
    expect(table.trimEnd().split("\n").at(-1)).toBe(LINE);
    expect(table).toContain("verdict: notice");
    expect(run([])).not.toContain("factors");
    expect(run(["--factors", file("diesel.json", '{ "diesel": 7.5 }')])).not.toContain("factors");
    const crude = run(["--factors", SAME]);
    expect(crude.replace(/\n {2}/g, " ")).toContain(
      // Crude's factor is the resolution's own (4,000,000 bbl = 525,000 t), not the chart's.
      "factors: crude 7.619047619 bbl/t (--factors), not UNSCR 2397's ≈7.619047619\n",
    );
  });

  it("in Markdown and HTML, under the verdict", () => {
    const markdown = run(["--factors", DIESEL_7, "--format", "markdown"]);
    expect(markdown).toContain(
      "· records: 13 read, 13 valid, 13 counted\n\nFactors: diesel 7 bbl/t (--factors), not the 1718 Committee's 7.5\n",
    );
    const html = run(["--factors", DIESEL_7, "--format", "html"]);
    expect(html).toContain(
      '<p class="factors">Factors: diesel 7 bbl/t (--factors), not the 1718 Committee&#39;s 7.5</p>',
    );
    expect(run(["--format", "markdown"])).not.toContain("Factors");
    expect(run(["--format", "html"])).not.toContain("Factors:");
  });
});
