// Contract §9: estimated deliveries from tanker capacities, load-factor scenarios,
// reported and estimated barrels, and the audit ledger. Expectations by hand.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CheckOptions, check, UsageError } from "../src/index.js";
import { capcheck, EXAMPLE, SYNTHETIC } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-estimates-"));
let count = 0;
const half = { num: 1n, den: 2n };

async function checkCsv(csv: string, options: CheckOptions = {}) {
  const path = join(dir, `e${count++}.csv`);
  writeFileSync(path, csv);
  return check([path], options);
}

const ESTIMATES = ["fixtures/estimates/reported-2018.csv", "fixtures/estimates/tankers-2018.csv"];
const HEAD = "date,exporter,product,basis,barrels,capacity,capacity_unit,load_factor\n";

describe("capacity records", () => {
  it("count capacity × load factor, by the product factor when in tons", async () => {
    // 4,000 t × 0.5 × 7.5 bbl/t = 15,000 bbl; 30,000 bbl × 0.5 = 15,000 bbl.
    const report = await checkCsv(
      `${HEAD}2018-03-01,A,diesel,estimated,,4000,t,\n2018-03-02,B,diesel,estimated,,30000,bbl,\n`,
      { loadFactor: half },
    );
    expect(
      report.periods?.[0]?.groups.map((g) => [g.key, g.barrels, g.estimated, g.reported]),
    ).toEqual([
      ["A", 15000, 15000, 0],
      ["B", 15000, 15000, 0],
    ]);
  });
  it("take their own load factor over --load-factor", async () => {
    // 1,000 t × 0.9 × 8 = 7,200 bbl, not 1,000 × 0.5 × 8 = 4,000.
    const report = await checkCsv(`${HEAD}2018-03-01,A,,estimated,,1000,,0.9\n`, {
      loadFactor: half,
    });
    expect(report.periods?.[0]?.total.barrels).toBe(7200);
  });
  it("are invalid without a load factor, and on a reported record", () => {
    const missing = capcheck(["validate", "-"], {
      input: `${HEAD}2018-03-01,A,,estimated,,1000,t,\n`,
    });
    expect(missing.stderr).toMatch(
      /<stdin>:2: load_factor: a capacity needs a load factor: give load_factor, or pass --load-factor/,
    );
    const given = capcheck(["validate", "--load-factor", "0.5", "-"], {
      input: `${HEAD}2018-03-01,A,,estimated,,1000,t,\n`,
    });
    expect(given.status).toBe(0);
    const reported = capcheck(["validate", "--load-factor", "0.5", "-"], {
      input: `${HEAD}2018-03-01,A,,,,1000,t,\n`,
    });
    expect(reported.stderr).toMatch(
      /<stdin>:2: capacity: a capacity counts only on a record with basis estimated/,
    );
    const bad = capcheck(["validate", "-"], {
      input: `${HEAD}2018-03-01,A,,estimated,,1000,t,1.5\n`,
    });
    expect(bad.stderr).toMatch(/load_factor: expected a number above 0 and at most 1/);
  });
});

describe("reported and estimated", () => {
  it("add up to barrels on every tally", async () => {
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      exporter: fc.constantFrom("A", "B"),
      estimated: fc.boolean(),
      barrels: fc.integer({ min: 0, max: 9_000_000 }),
      milli: fc.integer({ min: 0, max: 999 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        const csv = rows
          .map(
            (r) =>
              `2019-01-${String(r.day).padStart(2, "0")},${r.exporter},,${r.estimated ? "estimated" : ""},${r.barrels}.${String(r.milli).padStart(3, "0")},,,`,
          )
          .join("\n");
        const report = await checkCsv(`${HEAD}${csv}\n`);
        for (const p of report.periods ?? []) {
          for (const t of [p.total, ...p.groups]) {
            expect(Math.round((t.reported + t.estimated) * 1000)).toBe(
              Math.round(t.barrels * 1000),
            );
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
  it("--basis chooses which records count", async () => {
    const csv = `${HEAD}2018-03-01,A,,,100,,,\n2018-03-02,A,,estimated,,1000,bbl,0.5\n`;
    expect((await checkCsv(csv, { basis: "reported" })).periods?.[0]?.total.barrels).toBe(100);
    expect((await checkCsv(csv, { basis: "estimated" })).periods?.[0]?.total.barrels).toBe(500);
    expect((await checkCsv(csv, { basis: "all" })).periods?.[0]?.total).toMatchObject({
      barrels: 600,
      reported: 100,
      estimated: 500,
    });
  });
});

describe("scenarios", () => {
  it("give one report per load factor: ok, notice, exceeded for the 2018 tanker method", async () => {
    // Reported: 20,000.5 bbl. Tankers: 2 of 40 at their own 0.9 (4,200 + 5,600 t), the
    // other 38 at the scenario's factor; all refined, 8 bbl/t.
    const report = await check(ESTIMATES, {
      scenarios: [0.1, 0.25, 0.33].map((x) => ({ num: BigInt(x * 100), den: 100n })),
    });
    expect(report.periods).toBeUndefined();
    expect(
      report.scenarios?.map((s) => [s.loadFactor, s.verdict, s.periods[0]?.total.barrels]),
    ).toEqual([
      [0.1, "ok", 235200.5],
      [0.25, "notice", 443520.5],
      [0.33, "exceeded", 554624.5],
    ]);
    expect(report.verdict).toBe("ok");
  });
  it("print in every format", () => {
    const args = ["check", ...ESTIMATES, "--scenarios", "0.1,0.25,0.33"];
    // Wide enough for the reported and estimated columns (80 drops them).
    const table = capcheck(args, { env: { COLUMNS: "120" } }).stdout;
    expect(table).toMatch(
      /load factor 0\.25\s+443,520\.500\s+20,000\.500\s+423,520\.000\s+88\.70%.*notice/,
    );
    expect(table).toMatch(/load factor 0\.33 .*exceeded\s+2018-05-08/);
    const csv = capcheck([...args, "--format", "csv"])
      .stdout.trim()
      .split("\n");
    expect(csv[0]).toBe(
      "scenario,regime,period,start,end,scope,key,barrels,reported,estimated,share,status,records,exceeded_on,at_least",
    );
    expect(csv.filter((l) => l.includes(",total,"))).toEqual([
      "0.1,unscr2397-refined,2018,2018-01-01,2018-12-31,total,,235200.500,20000.500,215200.000,0.470401,ok,50,,false",
      "0.25,unscr2397-refined,2018,2018-01-01,2018-12-31,total,,443520.500,20000.500,423520.000,0.887041,notice,50,,false",
      "0.33,unscr2397-refined,2018,2018-01-01,2018-12-31,total,,554624.500,20000.500,534624.000,1.109249,exceeded,50,2018-05-08,false",
    ]);
    expect(capcheck([...args, "--format", "markdown"]).stdout).toMatch(
      /\| load factor 0\.33 \| 554,624\.500 \| 20,000\.500 \| 534,624\.000 \| 110\.92% \| ❌ \*\*exceeded\*\* \| 2018-05-08 \|/,
    );
    const json = JSON.parse(capcheck([...args, "--json"]).stdout);
    expect(Object.keys(json)).toEqual([
      "schemaVersion",
      "generator",
      "verdict",
      "officialVerdict",
      "records",
      "by",
      "settings",
      "scenarios",
      "issues",
    ]);
  });
  it("refuse a load factor outside (0, 1]", () => {
    expect(capcheck(["check", ...ESTIMATES, "--scenarios", "0.5,1.2"]).stderr).toMatch(
      /--scenarios takes numbers above 0 and at most 1/,
    );
    expect(capcheck(["check", ...ESTIMATES, "--load-factor", "0"]).status).toBe(2);
  });
  it("cannot be used with --load-factor: neither is dropped for the other", async () => {
    const run = capcheck(["check", ...ESTIMATES, "--load-factor", "0.5", "--scenarios", "0.1,0.2"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "capcheck: --load-factor cannot be used with --scenarios: each scenario is a run's load factor; list it in --scenarios instead\n" +
        "capcheck: (run with --help for usage)\n",
    );
    const error = await check(ESTIMATES, { loadFactor: 0.5, scenarios: [0.1] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^loadFactor cannot be used with scenarios: /);
  });
  it("refuse a load factor named twice, however written, and an empty list", async () => {
    for (const [list, message] of [
      ["0.1,0.1", 'the load factor "0.1" twice'],
      ["0.5,0.3,1/2", 'the load factor "0.5" twice (as "1/2")'],
    ]) {
      const run = capcheck(["check", ...ESTIMATES, "--scenarios", list as string]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `capcheck: --scenarios names ${message}: list each scenario once\ncapcheck: (run with --help for usage)\n`,
      );
    }
    for (const [scenarios, message] of [
      [
        [0.25, { num: 1n, den: 4n }],
        "scenarios names the load factor 0.25 twice (as 1/4): list each scenario once",
      ],
      [[], "scenarios takes at least one load factor, got none"],
    ] as const) {
      const error = await check(ESTIMATES, { scenarios }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    }
    const config = join(dir, "empty-scenarios.json");
    writeFileSync(config, '{ "scenarios": [] }');
    const run = capcheck(["check", "--config", config, ...ESTIMATES]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^capcheck: \S*empty-scenarios\.json: \$\.scenarios: [^\n]*\n$/);
  });
});

describe("capcheck ledger", () => {
  const ledgerOf = (args: string[]) => JSON.parse(capcheck(["ledger", "--json", ...args]).stdout);
  const reportOf = (args: string[]) => JSON.parse(capcheck(["check", "--json", ...args]).stdout);

  it.each([
    ["the example", EXAMPLE],
    ["the estimates", [...ESTIMATES, "--load-factor", "0.33"]],
  ])(
    "ends each period on the check total, its marks on the days of reached and exceededOn (%s)",
    (_, args) => {
      const rows = ledgerOf(args);
      const report = reportOf(args);
      for (const period of report.periods) {
        const own = rows.filter(
          (r: { regime: string; period: string }) =>
            r.regime === period.regime && r.period === period.label,
        );
        expect(own.length).toBe(period.total.records);
        expect(own.at(-1).runningTotal).toBe(period.total.barrels);
        expect(own.at(-1).share).toBe(period.total.share);
        const marked = new Map<string, string>();
        for (const r of own)
          for (const m of r.mark.split(" ").filter(Boolean)) marked.set(m, r.date);
        const expected = new Map<string, string>();
        for (const [key, date] of Object.entries(period.total.reached))
          if (date) expected.set(key, date as string);
        if (period.total.exceededOn) expected.set("exceeded", period.total.exceededOn);
        // reached dates of monthly records print as YYYY-MM: compare by prefix.
        expect([...marked.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, date] of expected) expect(marked.get(key)?.startsWith(date)).toBe(true);
      }
    },
  );

  it("lists records in date order with their rules", () => {
    const rows = ledgerOf(SYNTHETIC);
    const dates = rows.map((r: { date: string }) => r.date);
    expect(dates).toEqual([...dates].sort());
    expect(rows[0]).toEqual({
      date: "2024-01-12",
      file: "fixtures/synthetic/state-a-2024.csv",
      line: 2,
      key: "State A (synthetic)",
      product: "diesel",
      quantity: "6000",
      unit: "t",
      barrels: 45000,
      rule: "mass:diesel@7.5",
      regime: "unscr2397-refined",
      period: "2024",
      runningTotal: 45000,
      share: 0.09,
      mark: "",
      basis: "reported",
      atLeast: false,
      source: "synthetic",
      id: null,
    });
    const rules = new Set(rows.map((r: { rule: string }) => r.rule.split(":")[0]));
    expect(rules).toEqual(new Set(["mass", "barrels", "volume"]));
    const capacity = ledgerOf([...ESTIMATES, "--load-factor", "0.33"]);
    expect(capacity.find((r: { rule: string }) => r.rule === "capacity:0.9")).toBeDefined();
    expect(capacity.find((r: { rule: string }) => r.rule === "capacity:0.33")).toMatchObject({
      unit: "t",
    });
  });

  it("prints csv, ndjson and a table", () => {
    const csv = capcheck(["ledger", "--format", "csv", ...SYNTHETIC]).stdout.split("\n");
    expect(csv[0]).toBe(
      "date,file,line,key,product,quantity,unit,barrels,rule,regime,period,runningTotal,share,mark,basis,atLeast,source,id",
    );
    expect(csv).toHaveLength(21);
    const ndjson = capcheck(["ledger", "--format", "ndjson", ...SYNTHETIC])
      .stdout.trim()
      .split("\n");
    expect(ndjson.map((l) => JSON.parse(l).date)).toHaveLength(19);
    // Wide enough for every column (at 80 some give way: test/ledger-width.test.ts).
    const table = capcheck(["ledger", ...SYNTHETIC], { env: { COLUMNS: "250" } }).stdout;
    expect(table).toMatch(
      /2024-06-14\s+fixtures\/synthetic\/state-a-2024\.csv:13\s+State A \(synthetic\) .* 95 exceeded/,
    );
  });

  it("honours --regime, --year and --by", () => {
    // Nothing left to list is "nothing to check" (exit 2) unless --allow-empty, as for check.
    expect(ledgerOf([...SYNTHETIC, "--regime", "unscr2397-crude", "--allow-empty"])).toEqual([]);
    expect(ledgerOf([...SYNTHETIC, "--year", "2023", "--allow-empty"])).toEqual([]);
    expect(capcheck(["ledger", "--json", ...SYNTHETIC, "--year", "2023"]).status).toBe(2);
    const byOrigin = ledgerOf([...SYNTHETIC, "--by", "origin"]);
    expect(new Set(byOrigin.map((r: { key: string }) => r.key))).toEqual(
      new Set(["Port A", "Port B", "(none)"]),
    );
  });
});
