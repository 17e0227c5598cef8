// The pure core: records held in memory in, a Report out, with no file read.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckCore, checkRecords } from "../src/domain/check.js";
import { InvalidRecordsError } from "../src/errors.js";
import { type CheckOptions, check } from "../src/index.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { resolveCheckOptions } from "../src/options.js";

type Row = Record<string, unknown>;

async function checkRows(rows: Row[], options: CheckOptions = {}) {
  return checkRecords(recordsFromObjects(rows), await resolveCheckOptions(options));
}

const barrels = (rows: [string, string, string | number][]): Row[] =>
  rows.map(([date, exporter, value]) => ({ date, exporter, barrels: value }));

describe("checkRecords", () => {
  it("gives the Report that check() gives for the same records read from a file", async () => {
    const path = "fixtures/valid/records.json";
    const objects = (JSON.parse(readFileSync(path, "utf8")) as { records: Row[] }).records;
    const report = await checkRows(objects);
    expect(report.records.valid).toBe(objects.length);
    expect(report).toEqual(await check([path]));
  });
  it("sums records given in memory", async () => {
    const report = await checkRows(
      barrels([
        ["2024-01-01", "A", 1],
        ["2023-12-22", "B", "2.5"],
      ]),
    );
    expect(report.records).toEqual({
      read: 2,
      valid: 2,
      invalid: 0,
      uncapped: 0,
      excluded: 0,
      counted: 2,
    });
    expect(report.periods?.map((p) => [p.label, p.total.barrels])).toEqual([
      ["2023", 2.5],
      ["2024", 1],
    ]);
  });
  it("names an invalid record by its index, and counts nothing unless skipInvalid", async () => {
    const rows = barrels([
      ["2024-01-01", "A", 1],
      ["2024-02-30", "B", 2],
    ]);
    await expect(checkRows(rows)).rejects.toBeInstanceOf(InvalidRecordsError);
    const report = await checkRows(rows, { skipInvalid: true });
    expect(report.records).toEqual({
      read: 2,
      valid: 1,
      invalid: 1,
      uncapped: 0,
      excluded: 0,
      counted: 1,
    });
    expect(report.issues[0]).toMatchObject({ source: "<memory>", line: null, index: 1 });
  });
  it("runs once per scenario", async () => {
    const report = await checkRows(
      [{ date: "2024-01-01", exporter: "A", basis: "estimated", dwt: 1000, capacity_unit: "t" }],
      { scenarios: ["0.5", 1] },
    );
    // 1,000 t of capacity at 8 bbl/t, loaded half or full.
    expect(report.scenarios?.map((s) => [s.loadFactor, s.periods[0]?.total.barrels])).toEqual([
      [0.5, 4000],
      [1, 8000],
    ]);
  });
});

describe("CheckCore.addAll", () => {
  it("gives what add() gives record by record, placements in the same order", async () => {
    const options = await resolveCheckOptions({ skipInvalid: true, scenarios: ["0.5", "1"] });
    const row = fc.record({
      date: fc.constantFrom("2018-03-01", "2018-12-31", "2019-07", "2017-05-05", "2018-02-30"),
      exporter: fc.constantFrom("China", "china ", "Russia", "Total"),
      barrels: fc.constantFrom("1", "2.5", "", "x"),
      capacity: fc.constantFrom("", "100"),
      basis: fc.constantFrom("reported", "estimated"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), fc.nat({ max: 9 }), async (rows, size) => {
        const records = recordsFromObjects(rows);
        const placed =
          (into: string[]) => (shipment: { line: number | null; index?: number }, source: number) =>
            into.push(`${source}:${shipment.index}`);
        const one: string[] = [];
        const single = new CheckCore(options, placed(one));
        for (const raw of records) single.add(raw, 1);
        const grouped: string[] = [];
        const groups = new CheckCore(options, placed(grouped));
        for (let at = 0; at < records.length; at += size + 1) {
          groups.addAll(records.slice(at, at + size + 1), 1);
        }
        expect(grouped).toEqual(one);
        expect(groups.report()).toEqual(single.report());
        expect(groups.series()).toEqual(single.series());
      }),
      { numRuns: 100 },
    );
  });
});

describe("the cap is a ceiling: up to 500,000 is allowed", () => {
  it("166,666.7 + 166,666.6 + 166,666.7 bbl is exactly the cap: notice, not exceeded", async () => {
    const report = await checkRows(
      barrels([
        ["2024-01-01", "A", "166666.7"],
        ["2024-02-01", "B", "166666.6"],
        ["2024-03-01", "C", "166666.7"],
      ]),
    );
    expect(report.periods?.[0]?.total).toMatchObject({
      barrels: 500000,
      share: 1,
      status: "notice",
      exceededOn: null,
    });
    expect(report.verdict).toBe("notice");
  });
  it("one thousandth of a barrel more is exceeded", async () => {
    const report = await checkRows(
      barrels([
        ["2024-01-01", "A", "166666.7"],
        ["2024-02-01", "B", "166666.6"],
        ["2024-03-01", "C", "166666.701"],
      ]),
    );
    expect(report.periods?.[0]?.total).toMatchObject({
      barrels: 500000.001,
      status: "exceeded",
      exceededOn: "2024-03-01",
    });
    expect(report.verdict).toBe("exceeded");
  });
});

describe("sums past 2^53 nano-barrels", () => {
  it("stay exact when one day's Number sum would overflow into BigInt", async () => {
    // 9,999,999.999999999 bbl is 9,999,999,999,999,999 nano-barrels: above 2^53 already
    // on the second record of the day, so the bucket must carry on in BigInt.
    const big = barrels(Array.from({ length: 3 }, () => ["2024-01-01", "X", "9999999.999999999"]));
    const cap = { num: 30_000_000n, den: 1n };
    const report = await checkRows([...big, ...barrels([["2024-01-01", "X", "0.001"]])], { cap });
    // 29,999,999.999999997 + 0.001 = 30,000,000.000999997: over the what-if cap by a hair.
    expect(report.periods?.[0]?.total).toMatchObject({ barrels: 30000000.001, status: "exceeded" });
    const exact = await checkRows([...big, ...barrels([["2024-01-01", "X", "0.000000003"]])], {
      cap,
    });
    // Exactly the cap: a float sum would not land on it.
    expect(exact.periods?.[0]?.total).toMatchObject({
      barrels: 30000000,
      status: "notice",
      exceededOn: null,
    });
  });
});
