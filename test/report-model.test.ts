// The view model that the table, Markdown, HTML, SVG and terminal chart lay out.
import { describe, expect, it } from "vitest";
import type { PeriodReport, Report, Tally } from "../src/domain/report.js";
import type { ChartPanel } from "../src/report/chart.js";
import { viewOf } from "../src/report/model.js";

function tally(barrels: number, estimated = 0): Tally {
  const status = (b: number) => (b > 500_000 ? "exceeded" : "ok");
  return {
    barrels,
    reported: barrels - estimated,
    estimated,
    share: barrels / 500_000,
    status: status(barrels),
    records: 1,
    reached: { "75": null },
    exceededOn: barrels > 500_000 ? "2024-08-09" : null,
    atLeast: false,
    official: {
      barrels: barrels - estimated,
      share: (barrels - estimated) / 500_000,
      status: status(barrels - estimated),
      exceededOn: null,
      atLeast: false,
    },
    afterNotice: { barrels: 0, records: 0, atLeast: false },
  };
}

function period(start: string, groups: [string, number, number?][]): PeriodReport {
  const total = groups.reduce((sum, [, b]) => sum + b, 0);
  const estimated = groups.reduce((sum, [, , e]) => sum + (e ?? 0), 0);
  return {
    regime: "r",
    title: "Regime",
    commodity: "refined",
    label: start.slice(0, 4),
    start,
    end: `${start.slice(0, 4)}-12-31`,
    cap: { barrels: 500_000 },
    total: tally(total, estimated),
    groups: groups.map(([key, b, e]) => ({ key, ...tally(b, e) })),
    gaps: [],
  };
}

function report(fields: Partial<Report>): Report {
  return {
    schemaVersion: 1,
    generator: "capcheck test",
    verdict: "ok",
    officialVerdict: "ok",
    records: { read: 3, valid: 2, invalid: 1, uncapped: 0, excluded: 0, counted: 2 },
    by: "exporter",
    settings: {
      regimes: [],
      year: null,
      basis: "all",
      loadFactor: null,
      foldNames: true,
      factors: {},
    },
    issues: [],
    ...fields,
  } as Report;
}

describe("viewOf", () => {
  it("builds a block per period: the groups, then the total in bold, with formatted cells", () => {
    const view = viewOf(
      report({
        periods: [
          period("2024-01-01", [
            ["A", 515_300],
            ["B", 1.5],
          ]),
        ],
      }),
      "origin",
    );
    expect(view.records).toBe("records: 3 read, 2 valid, 1 invalid, 2 counted");
    expect(view.columns.map((c) => c.heading)).toEqual([
      "origin",
      "barrels",
      "% of cap",
      "status",
      "over cap",
    ]);
    const [block] = view.blocks;
    expect(block?.dates).toBe("2024-01-01 to 2024-12-31");
    expect(block?.cap).toBe("500,000");
    expect(block?.rows.map((r) => [r.cells.name, r.cells.barrels, r.emphasis])).toEqual([
      ["A", "515,300.000", false],
      ["B", "1.500", false],
      ["total", "515,301.500", true],
    ]);
    expect(block?.rows[0]?.cells.share).toBe("103.06%");
    expect(block?.rows[0]?.cells.overCap).toBe("2024-08-09");
    expect(block?.thresholds).toEqual(["75% not reached · over cap 2024-08-09"]);
  });

  it("adds the reported and estimated columns only when some barrels were estimated", () => {
    const periods = [period("2023-01-01", [["A", 10]]), period("2024-01-01", [["A", 10, 4]])];
    const ids = viewOf(report({ periods }), "exporter").columns.map((c) => c.id);
    expect(ids).toEqual([
      "name",
      "barrels",
      "reported",
      "estimated",
      "share",
      "status",
      "overCap",
      "official",
    ]);
  });

  it("shows one row per scenario for each period", () => {
    const scenarios = [0.33, 0.9].map((loadFactor) => ({
      loadFactor,
      verdict: "ok" as const,
      periods: [period("2018-01-01", [["A", loadFactor * 1000]])],
    }));
    const view = viewOf(report({ scenarios }), "exporter");
    expect(view.columns[0]?.heading).toBe("scenario");
    expect(view.blocks[0]?.rows.map((r) => r.cells.name)).toEqual([
      "load factor 0.33",
      "load factor 0.9",
    ]);
    expect(view.blocks[0]?.thresholds[1]).toBe("load factor 0.9: 75% not reached · over cap no");
  });

  it("gives each block the chart of its own period, and no block without a period", () => {
    const periods = [period("2023-01-01", [["A", 1]]), period("2024-01-01", [["A", 2]])];
    const panel: ChartPanel = { period: periods[1] as PeriodReport, lines: [] };
    const view = viewOf(report({ periods }), "exporter", [panel]);
    expect(view.blocks.map((b) => b.panel)).toEqual([undefined, panel]);
    expect(viewOf(report({ periods: [] }), "exporter").blocks).toEqual([]);
  });
});
