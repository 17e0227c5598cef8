// The Committee-style monthly table of fixtures/tables (contract §12): a title line,
// tons and barrels columns, month names, a half-year row, a "not reported" month
// and a totals row, read as an analyst would get it.
import { describe, expect, it } from "vitest";
import { capcheck, fixture } from "./helpers.js";

const TABLE = fixture("tables/committee-2019.csv");

describe("a Committee-style monthly table", () => {
  it("without --header-line, is refused with the hint that names the header line", () => {
    const run = capcheck(["check", TABLE]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `capcheck: ${TABLE}:1: line 1 names none of the fields; line 2 looks like the header (a title line above it?): pass --header-line 2\n`,
    );
  });

  it("with --header-line 2, names its two invalid rows and counts nothing", () => {
    const run = capcheck(["check", "--header-line", "2", TABLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${TABLE}:6: barrels: a record needs barrels, a quantity with a unit`,
    );
    expect(run.stderr).toContain(`${TABLE}:11: exporter: "Total" is a totals row`);
    expect(run.stderr).toMatch(/2 of 9 records invalid; nothing was counted/);
  });

  it("with --skip-invalid, gives the expected report", () => {
    const run = capcheck(["check", "--header-line", "2", "--skip-invalid", "--json", TABLE]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.records).toMatchObject({ read: 9, valid: 7, invalid: 2, uncapped: 0 });
    expect(report.periods).toHaveLength(1);
    const [period] = report.periods;
    expect(period).toMatchObject({ regime: "unscr2397-refined", label: "2019" });
    // China: 1,000 t diesel × 7.5 + 800 t gasoline × 8.5 + 500 t LPG × 11.6.
    // Russian Federation: 50,000 bbl for January–June, 2,612 t and 2,136 t of diesel
    // × 7.5, and 700 bbl (barrels win over the 100 t beside them).
    expect(period.groups.map((g: { key: string; barrels: number }) => [g.key, g.barrels])).toEqual([
      ["Russian Federation", 86_310],
      ["China", 20_100],
    ]);
    expect(period.total).toMatchObject({ barrels: 106_410, share: 0.21282, status: "ok" });
    expect(report.issues.map((i: { code: string; line: number }) => [i.code, i.line])).toEqual([
      ["ignored_columns", 2],
      ["missing_quantity", 6],
      ["totals_row", 11],
      ["folded_name", 4],
      ["folded_name", 5],
      ["folded_name", 7],
    ]);
    expect(run.stderr).toContain(`warning: ${TABLE}:2: ignored columns: Remarks`);
    expect(run.stderr).toContain(
      `note: ${TABLE}:7: exporter: "Russia" read as "Russian Federation", the UN short name`,
    );
  });

  it("with --no-fold-names, keeps each spelling as its own group", () => {
    const run = capcheck([
      "check",
      "--header-line",
      "2",
      "--skip-invalid",
      "--no-fold-names",
      "--json",
      TABLE,
    ]);
    const keys = JSON.parse(run.stdout).periods[0].groups.map((g: { key: string }) => g.key);
    expect(keys.sort()).toEqual([
      "China",
      "PRC",
      "People's Republic of China",
      "Russia",
      "Russian Federation",
    ]);
    expect(run.stderr).not.toMatch(/note:/);
  });
});
