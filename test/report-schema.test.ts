// `capcheck schema --report` (contract §14): the JSON Schema of the --json report,
// checked against real reports of every kind; `validate --json` has schemaVersion.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { capcheck, EXAMPLE } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-schema-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESTIMATES = ["fixtures/estimates/reported-2018.csv", "fixtures/estimates/tankers-2018.csv"];
const schema = JSON.parse(capcheck(["schema", "--report"]).stdout);
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const base = join(dir, "base.json");
writeFileSync(base, capcheck(["check", "--json", EXAMPLE[0] as string]).stdout);
const scenarioBase = join(dir, "scenarios.json");
writeFileSync(
  scenarioBase,
  capcheck(["check", "--json", ...ESTIMATES, "--scenarios", "0.1,0.5"]).stdout,
);
const notes = join(dir, "notes.csv");
writeFileSync(notes, "date,exporter,barrels\n2024-01-05,Russia,1\n2024-01-06,PRC,2\n");
const bad = join(dir, "bad.csv");
writeFileSync(bad, "date,exporter,barrels\nxx,A,1\n2024-01-01,B,2\n");

describe("capcheck schema --report", () => {
  it.each([
    ["the example", [...EXAMPLE]],
    ["scenarios", [...ESTIMATES, "--scenarios", "0.1,0.5"]],
    ["estimates by basis", [...ESTIMATES, "--load-factor", "0.5", "--by", "basis"]],
    [
      "estimates alone: no official tally, no gaps",
      [...ESTIMATES, "--load-factor", "0.5", "--basis", "estimated"],
    ],
    ["a baseline", [...EXAMPLE, "--baseline", base]],
    ["a baseline grouped otherwise", [...EXAMPLE, "--by", "origin", "--baseline", base]],
    [
      "a baseline that does not record its grouping",
      [...EXAMPLE, "--baseline", "fixtures/baselines/synthetic-2024-no-grouping.json"],
    ],
    [
      "a baseline of other settings and caps",
      [...EXAMPLE, "--year", "2024", "--basis", "reported", "--cap", "400000", "--baseline", base],
    ],
    [
      "a baseline of other load factors",
      [...ESTIMATES, "--scenarios", "0.5,0.9", "--baseline", scenarioBase],
    ],
    ["names folded to the UN's (notes)", [notes]],
    ["invalid records", [bad]],
    ["skipped invalid records", [bad, "--skip-invalid"]],
  ])("describes a real report: %s", (_, args) => {
    const report = JSON.parse(capcheck(["check", "--json", ...args]).stdout);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it("refuses what is not a report", () => {
    const report = JSON.parse(capcheck(["check", "--json", ...EXAMPLE]).stdout);
    expect(validate({ ...report, surprise: 1 })).toBe(false);
    expect(validate({ ...report, verdict: "fine" })).toBe(false);
    const { records: _, ...withoutRecords } = report;
    expect(validate(withoutRecords)).toBe(false);
    expect(validate({ ...report, by: "port" })).toBe(false);
    const { settings: __, ...withoutSettings } = report;
    expect(validate(withoutSettings)).toBe(false);
    expect(validate({ ...report, settings: { ...report.settings, basis: "some" } })).toBe(false);
  });

  it("validate --json carries schemaVersion", () => {
    const out = JSON.parse(capcheck(["validate", "--json", ...EXAMPLE]).stdout);
    expect(Object.keys(out)[0]).toBe("schemaVersion");
    expect(out.schemaVersion).toBe(1);
  });
});
