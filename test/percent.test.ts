// No misleading percentages (contract §11): an exceeded share never reads at or
// under 100 %, a notice never under its lowest threshold.
import { describe, expect, it } from "vitest";
import { formatPercent, formatTallyPercent } from "../src/report/format.js";
import { capcheck } from "./helpers.js";

describe("formatPercent", () => {
  it("prints two decimals where they do not mislead", () => {
    expect(formatPercent(1.224801, "exceeded")).toBe("122.48%");
    expect(formatPercent(0.5, "ok")).toBe("50.00%");
    expect(formatPercent(0.75, "notice")).toBe("75.00%");
    expect(formatPercent(1, "notice")).toBe("100.00%");
    expect(formatPercent(1.000005)).toBe("100.00%");
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
    expect(formatPercent(0.755, "notice", 0.755)).toBe("75.50%");
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
    });
    const shares = run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => /\s(\S+%)(\s|$)/.exec(line)?.[1]);
    expect(shares).toEqual([">100.0000%", "100.001%", "300.00%"]);
    // Under the cap by as little, it reads 100.00 %, as check's table does for a notice.
    const under = capcheck(["ledger", "-"], {
      input: "date,exporter,barrels\n2024-01-01,A,499999.9999999\n",
    });
    expect(under.stdout).toMatch(/\s100\.00%\s/);
  });
});
