// No misleading percentages (contract §11): an exceeded share never reads at or
// under 100 %, a notice never under its lowest threshold.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPercent, formatTallyPercent, percentFormatter } from "../src/report/format.js";
import { capcheck } from "./helpers.js";

/** A width at which the ledger's table keeps every column (it fits COLUMNS). */
const EVERY_COLUMN = { COLUMNS: "250" };

describe("formatPercent", () => {
  it("prints two decimals where they do not mislead", () => {
    expect(formatPercent(1.224801, "exceeded")).toBe("122.48%");
    expect(formatPercent(0.5, "ok")).toBe("50.00%");
    expect(formatPercent(0.75, "notice")).toBe("75.00%");
    expect(formatPercent(1, "notice")).toBe("100.00%");
    expect(formatPercent(0.123456)).toBe("12.35%");
  });
  it("adds decimals until an exceeded share reads over 100 %", () => {
    expect(formatPercent(1.00001, "exceeded")).toBe("100.001%");
    expect(formatPercent(1.000005, "exceeded")).toBe("100.001%");
    expect(formatPercent(1.000004, "exceeded")).toBe("100.0004%");
    expect(formatPercent(1.000001, "exceeded")).toBe("100.0001%");
    expect(formatPercent(1.00004, "exceeded")).toBe("100.004%");
    expect(formatPercent(1, "exceeded")).toBe(">100.0000%");
  });
  it("never reads a notice under its lowest threshold", () => {
    expect(formatPercent(0.755, "notice", [0.755])).toBe("75.50%");
    expect(formatPercent(0.754999, "ok", [0.755])).toBe("75.4999%");
    expect(formatTallyPercent({ share: 0.6, status: "notice", reached: { "60": "x" } })).toBe(
      "60.00%",
    );
  });
});

describe("on the command line", () => {
  it("500,002.5 bbl does not print 100.00 %", () => {
    const run = capcheck(["check", "-"], {
      input: "date,exporter,barrels\n2024-01-01,A,500002.5\n",
    });
    expect(run.stdout).toContain("500,002.500  100.001%");
    expect(run.stdout).not.toContain("100.00%");
  });
  it("nor does the ledger's running total past the cap, even by a nano-barrel", () => {
    const rows = ["2024-01-01,A,500000.000000001", "2024-01-02,A,2.5", "2024-01-03,A,1000000"];
    const run = capcheck(["ledger", "-"], {
      input: `date,exporter,barrels\n${rows.join("\n")}\n`,
      env: EVERY_COLUMN,
    });
    const shares = run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => /\s(\S+%)(\s|$)/.exec(line)?.[1]);
    // 100.00000000002 % reads as the next millionth up, as the share does in CSV and JSON.
    expect(shares).toEqual(["100.0001%", "100.001%", "300.00%"]);
    // Under the cap by as little, it reads 100.00 %, as check's table does for a notice.
    const under = capcheck(["ledger", "-"], {
      input: "date,exporter,barrels\n2024-01-01,A,499999.9999999\n",
    });
    expect(under.stdout).toMatch(/\s100\.00%\s/);
  });
});

describe("a total just short of a threshold", () => {
  // 74.99998 % of the 500,000 bbl cap: rounded to the nearest it would read 75 %.
  const input = "date,exporter,barrels\n2024-03-01,A,374999.9\n";
  const run = (args: string[]) => capcheck(args, { input });

  it("reads under 75 % in every format, beside a status of ok", () => {
    const table = run(["check", "-"]).stdout;
    expect(table).toContain("374,999.900  74.9999%");
    expect(table).toContain("75% not reached");
    expect(table).not.toContain("75.00%");
    const report = JSON.parse(run(["check", "--json", "-"]).stdout);
    expect(report.periods[0].total).toMatchObject({ share: 0.749999, status: "ok" });
    expect(report.periods[0].total.official.share).toBe(0.749999);
    const csv = run(["check", "--format", "csv", "-"]).stdout.trim().split("\n");
    expect(csv.at(-1)?.split(",")[9]).toBe("0.749999");
    expect(run(["check", "--format", "markdown", "-"]).stdout).toContain("| 74.9999% |");
    const ledger = run(["ledger", "--format", "csv", "-"]).stdout.trim().split("\n");
    expect(ledger.at(-1)?.split(",")[12]).toBe("0.749999");
    expect(run(["ledger", "-"]).stdout).toMatch(/\s74\.9999%/);
  });

  it("reads 75 % from exactly 75 % on", () => {
    const at = capcheck(["check", "--json", "-"], {
      input: "date,exporter,barrels\n2024-03-01,A,375000\n",
    });
    expect(JSON.parse(at.stdout).periods[0].total).toMatchObject({
      share: 0.75,
      status: "notice",
    });
  });
});

describe("a share for machines (CSV, JSON, NDJSON)", () => {
  // A nano-barrel over the cap, and exactly at it, on a day of its own.
  const input = "date,exporter,barrels\n2024-01-01,A,500000.000000001\n2023-01-01,B,500000\n";
  const run = (args: string[]) => capcheck(args, { input }).stdout;

  it("reads more than 1 a nano-barrel over the cap, and 1.000000 exactly at it, in the ledger", () => {
    const csv = run(["ledger", "--format", "csv", "-"]).trim().split("\n").slice(1);
    expect(csv.map((line) => line.split(",")[12])).toEqual(["1.000000", "1.000001"]);
    for (const format of ["json", "ndjson"]) {
      const text = run(["ledger", "--format", format, "-"]);
      const rows =
        format === "json"
          ? JSON.parse(text)
          : text
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l));
      expect(rows.map((r: { share: number }) => r.share)).toEqual([1, 1.000001]);
    }
  });

  it("reads more than 1 over the cap in check's CSV and JSON too, the official share as well", () => {
    const csv = run(["check", "--format", "csv", "-"]).trim().split("\n").slice(1);
    const periodShareStatus = (cells: string[]) => [cells[1], cells[9], cells[10]];
    expect(csv.map((line) => periodShareStatus(line.split(",")))).toEqual([
      ["2023", "1.000000", "notice"],
      ["2023", "1.000000", "notice"],
      ["2024", "1.000001", "exceeded"],
      ["2024", "1.000001", "exceeded"],
    ]);
    const report = JSON.parse(run(["check", "--json", "-"]));
    const totals = report.periods.map(
      (p: { total: { share: number; official: { share: number } } }) => [
        p.total.share,
        p.total.official.share,
      ],
    );
    expect(totals).toEqual([
      [1, 1],
      [1.000001, 1.000001],
    ]);
  });
});

describe("percentFormatter, formatPercent's thresholds worked out once", () => {
  it("reads every share as formatPercent does against the same thresholds", () => {
    const share = fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 1_000_000);
    const status = fc.constantFrom(undefined, "ok", "notice", "exceeded" as const);
    fc.assert(
      fc.property(
        fc.array(share, { maxLength: 4 }),
        fc.array(share),
        status,
        (lines, shares, s) => {
          const format = percentFormatter(lines);
          for (const x of shares) expect(format(x, s)).toBe(formatPercent(x, s, lines));
        },
      ),
    );
  });

  it("gives each of the ledger table's regimes its own thresholds", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-percent-"));
    const caps = join(dir, "caps.json");
    const regime = (id: string, threshold: number) => ({
      id,
      title: id,
      commodity: "refined",
      capBarrels: 1000,
      start: "2024-01-01",
      periodMonths: 12,
      thresholds: [threshold],
    });
    writeFileSync(caps, JSON.stringify([regime("half", 0.5), regime("sixty", 0.6)]));
    const run = capcheck(["ledger", "--caps", caps, "-"], {
      input: "date,exporter,barrels\n2024-03-01,X,499.9999\n",
      env: EVERY_COLUMN,
    });
    const percents = run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => /\s(half|sixty)\s.*\s(\S+%)$/.exec(line)?.slice(1));
    // Just short of half's 50 %, its share reads under it; sixty's has no 50 % to keep under.
    expect(percents).toEqual([
      ["half", "49.9999%"],
      ["sixty", "50.00%"],
    ]);
  });
});
