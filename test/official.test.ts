// Contract §13: the official tally beside the estimates, lower bounds, fractions,
// after-notice sums, reporting gaps, the overview and the pictures — checked on the
// real example against the figures worked out by hand in fixtures/example/expected.md,
// and on a synthetic data set where no source gives the numbers a rule needs.
import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE } from "./helpers.js";

const json = (args: string[], options: Parameters<typeof capcheck>[1] = {}) =>
  JSON.parse(capcheck(["check", "--json", ...args], options).stdout);

const periodOf = (report: { periods: { label: string }[] }, label: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back from the CLI
  report.periods.find((p) => p.label === label) as any;

const groupOf = (period: { groups: { key: string }[] }, key: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back from the CLI
  period.groups.find((g) => g.key === key) as any;

const NO_NOTICE = { barrels: 0, records: 0, atLeast: false };

/** A terminal wide enough that no column gives way (contract §14). */
const WIDE = { env: { COLUMNS: "200" } };
/** Wide enough for every column of the ledger of EXAMPLE (some 240). */
const LEDGER_WIDE = { env: { COLUMNS: "250" } };

describe("the real example, official and with estimates (fixtures/example/expected.md)", () => {
  const report = json(EXAMPLE);

  it("has an official verdict beside the verdict with estimates", () => {
    expect(report.verdict).toBe("exceeded");
    expect(report.officialVerdict).toBe("ok");
  });

  it("2024: the Committee's 168,679 bbl, and at least 333,679 bbl with the US estimate", () => {
    const p = periodOf(report, "2024");
    expect(p.total).toMatchObject({
      barrels: 333679,
      reported: 168679,
      estimated: 165000,
      share: 0.667358,
      status: "ok",
      records: 3,
      reached: { 75: null, 90: null, 95: null },
      exceededOn: null,
      atLeast: true,
      official: {
        barrels: 168679,
        share: 0.337358,
        status: "ok",
        exceededOn: null,
        atLeast: false,
      },
      afterNotice: NO_NOTICE,
    });
    expect(groupOf(p, "Russian Federation")).toMatchObject({
      barrels: 180279,
      share: 0.360558,
      status: "ok",
      atLeast: true,
      official: { barrels: 15279, share: 0.030558, status: "ok", exceededOn: null },
      afterNotice: NO_NOTICE,
    });
    expect(groupOf(p, "China")).toMatchObject({
      barrels: 153400,
      share: 0.3068,
      atLeast: false,
      official: { barrels: 153400, share: 0.3068, status: "ok" },
    });
    const months = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `2024-${String(from + i).padStart(2, "0")}`);
    expect(p.gaps).toEqual([
      { key: "China", months: months(9, 12) },
      { key: "Russian Federation", months: months(2, 12) },
    ]);
  });

  it("2018: 68,944 bbl reported, at least 828,737 bbl with the US tanker estimate at 1/3", () => {
    const p = periodOf(report, "2018");
    expect(p.total).toMatchObject({
      barrels: 828737,
      reported: 68944,
      estimated: 759793,
      share: 1.657474,
      status: "exceeded",
      reached: { 75: "2018-05-30", 90: "2018-05-30", 95: "2018-05-30" },
      exceededOn: "2018-05-30",
      atLeast: true,
      official: { barrels: 68944, share: 0.137888, status: "ok", exceededOn: null, atLeast: false },
      afterNotice: NO_NOTICE,
    });
    expect(groupOf(p, "Unknown (tanker deliveries)")).toMatchObject({
      barrels: 759793,
      share: 1.519586,
      status: "exceeded",
      exceededOn: "2018-05-30",
      atLeast: true,
      official: { barrels: 0, share: 0, status: "ok", exceededOn: null },
    });
    expect(groupOf(p, "China")).toMatchObject({ barrels: 35760, share: 0.07152, atLeast: false });
    expect(groupOf(p, "Russian Federation")).toMatchObject({ barrels: 33184, share: 0.066368 });
    const months = Array.from({ length: 8 }, (_, i) => `2018-${String(5 + i).padStart(2, "0")}`);
    expect(p.gaps).toEqual([
      { key: "China", months },
      { key: "Russian Federation", months },
    ]);
  });

  it("shows both views side by side in the table, Markdown and HTML", () => {
    const table = capcheck(["check", ...EXAMPLE], WIDE).stdout;
    expect(table).toContain("official tally: 33.74% ok · with estimates: ≥ 66.74% ok\n");
    expect(table).toContain("official tally: 13.79% ok · with estimates: ≥ 165.75% exceeded\n");
    expect(table).toMatch(/^verdict: exceeded · official tally: ok · records: 6 read/m);
    expect(table).toMatch(
      /^total +≥ 333,679\.000 +168,679\.000 +165,000\.000 +≥ 66\.74% .* 33\.74% ok$/m,
    );
    expect(table).toContain("reporting gap: Russian Federation: 2024-02 to 2024-12 (11 months)\n");
    const markdown = capcheck(["check", "--format", "markdown", ...EXAMPLE]).stdout;
    expect(markdown).toContain("Official tally: 33.74% ok · with estimates: ≥ 66.74% ok  \n");
    expect(markdown).toContain("| official tally |");
    expect(markdown).toContain("**Verdict: exceeded** · official tally: ok");
    const html = capcheck(["check", "--format", "html", ...EXAMPLE]).stdout;
    expect(html).toContain(
      '<p class="official">Official tally: 13.79% ok · with estimates: ≥ 165.75% exceeded</p>',
    );
    expect(html).toContain("<th>official tally</th>");
  });

  it("opens with an overview: a row per group, a column per year, the empty years too", () => {
    const table = capcheck(["check", ...EXAMPLE], WIDE).stdout;
    const lines = table.split("\n");
    expect(lines[0]).toBe("overview · UNSCR 2397 (2017) refined petroleum products");
    expect(lines[1]).toMatch(/^exporter +2018 +2019 +2020 +2021 +2022 +2023 +2024$/);
    expect(lines[5]).toMatch(/^total +≥ 165\.75% exceeded +– +– +– +– +– +≥ 66\.74% ok$/);
    const markdown = capcheck(["check", "--format", "markdown", ...EXAMPLE]).stdout;
    expect(markdown).toContain(
      "| exporter | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 | 2024 |\n| --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    const html = capcheck(["check", "--format", "html", ...EXAMPLE]).stdout;
    expect(html).toMatch(/<section class="overview">\n<h2>Overview — UNSCR 2397/);
    // One period: no overview.
    const one = capcheck(["check", "--year", "2024", ...EXAMPLE], WIDE).stdout;
    expect(one).not.toContain("overview");
  });

  it("fails on the verdict with estimates; --basis reported gives the official one", () => {
    expect(capcheck(["check", "-q", ...EXAMPLE]).status).toBe(1);
    const official = capcheck(["check", "--basis", "reported", ...EXAMPLE]);
    expect(official.status).toBe(0);
    expect(official.stdout).not.toContain("official tally");
    expect(official.stdout).toMatch(/^verdict: ok · records/m);
  });

  it("--basis estimated: says the official tally was not counted, never that it is 0 % ok", () => {
    // The Committee's 2018 and 2024 figures are reported: left out, they are not zero.
    const args = ["check", "--basis", "estimated", ...EXAMPLE];
    const said = "fficial tally: not counted: --basis estimated leaves the reported records out";
    const table = capcheck(args, WIDE).stdout;
    expect(table.match(/official tally.*/g)).toEqual([`o${said}`, `o${said}`]);
    const markdown = capcheck([...args, "--format", "markdown"]).stdout;
    expect(markdown.match(/fficial tally.*/g)?.map((l) => l.trimEnd())).toEqual([said, said]);
    const html = capcheck([...args, "--format", "html"]).stdout;
    expect(html).toContain(`<p class="official">O${said}</p>`);
    expect(html).not.toMatch(/official tally<\/th>|0\.00% ok/);
  });

  it("--basis estimated: the JSON's official verdict and every tally's official are null", async () => {
    const tallies = (periods: { total: object; groups: object[] }[]) =>
      periods.flatMap((p) => [p.total, ...p.groups]) as { official: unknown }[];
    const args = ["--basis", "estimated", ...EXAMPLE];
    const report = json(args);
    expect(report.verdict).toBe("exceeded");
    expect(report.officialVerdict).toBeNull();
    expect(tallies(report.periods).map((t) => t.official)).toEqual([null, null, null, null]);
    const scenarios = json([...args, "--scenarios", "0.5,1"]);
    expect(scenarios.officialVerdict).toBeNull();
    const all = scenarios.scenarios.flatMap((s: { periods: [] }) => tallies(s.periods));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((t: { official: unknown }) => t.official === null)).toBe(true);
    // Nothing counted at all (--allow-empty): still not counted, never "ok".
    const none = json([
      "--basis",
      "estimated",
      "--allow-empty",
      "fixtures/example/committee-2024.csv",
    ]);
    expect([none.verdict, none.officialVerdict, none.periods]).toEqual(["ok", null, []]);
    // The library returns the same object.
    const { check } = await import("capcheck");
    expect(await check(EXAMPLE, { basis: "estimated" })).toEqual(report);
    // With the reported records counted, the official tally is a figure again.
    for (const basis of ["all", "reported"]) {
      const counted = json(["--basis", basis, ...EXAMPLE]);
      expect(counted.officialVerdict).toBe("ok");
      expect(tallies(counted.periods).every((t) => t.official !== null)).toBe(true);
    }
  });

  it("--basis estimated: reporting gaps are null and said not worked out, never none", () => {
    // China and Russia reported nothing in 2024-02 to 2024-12: records left out are not
    // months unreported, so no gaps are worked out, and neither is an empty list.
    const args = ["--basis", "estimated", ...EXAMPLE];
    const gapsOf = (periods: { gaps: unknown }[]) => periods.map((p) => p.gaps);
    expect(gapsOf(json(args).periods)).toEqual([null, null]);
    const scenarios = json([...args, "--scenarios", "0.5,1"]).scenarios;
    expect(scenarios.flatMap((s: { periods: [] }) => gapsOf(s.periods))).toEqual([
      null,
      null,
      null,
      null,
    ]);
    // With the reported records counted, the gaps are worked out again.
    for (const basis of ["all", "reported"]) {
      const counted = periodOf(json(["--basis", basis, ...EXAMPLE]), "2024");
      expect(counted.gaps.map((g: { key: string }) => g.key)).toEqual([
        "China",
        "Russian Federation",
      ]);
    }
    const said = "eporting gaps: not worked out: --basis estimated leaves the reported records out";
    const table = capcheck(["check", ...args], WIDE).stdout;
    expect(table.match(/reporting gap.*/g)).toEqual([`r${said}`, `r${said}`]);
    const markdown = capcheck(["check", ...args, "--format", "markdown"]).stdout;
    expect(markdown.match(/eporting gap.*/g)?.map((l) => l.trimEnd())).toEqual([said, said]);
    const html = capcheck(["check", ...args, "--format", "html"]).stdout;
    expect(html.match(/<p class="gap">.*/g)).toEqual([
      `<p class="gap">R${said}</p>`,
      `<p class="gap">R${said}</p>`,
    ]);
    // Worked out, they never say so.
    expect(capcheck(["check", ...EXAMPLE], WIDE).stdout).not.toContain("not worked out");
  });
});

describe("where the sources disagree (fixtures/example/disagree/, one reading per run)", () => {
  it.each([
    ["2018-by-month.csv", "2018", 68960, 0.13792, "ok"],
    ["2019-tons.csv", "2019", 423280, 0.84656, "notice"],
    ["2019-russia-barrels.csv", "2019", 459205, 0.91841, "notice"],
    ["2019-combined-barrels.csv", "2019", 418000, 0.836, "notice"],
  ])("%s: %s totals %d bbl", (file, label, barrels, share, status) => {
    const p = periodOf(json([`fixtures/example/disagree/${file}`]), label);
    expect(p.total).toMatchObject({ barrels, share, status, official: { barrels, status } });
  });
});

describe("after the notice, and the official tally on its own (synthetic)", () => {
  const FILE = "fixtures/synthetic/after-notice.csv";

  it("counts what came on days after the 95 % date, in the total and each group", () => {
    const p = json([FILE]).periods[0];
    expect(p.total).toMatchObject({
      barrels: 525000,
      reported: 495000,
      estimated: 30000,
      status: "exceeded",
      reached: { 75: "2023-02-10", 90: "2023-03-05", 95: "2023-03-05" },
      exceededOn: "2023-04-20",
      atLeast: true,
      official: { barrels: 495000, share: 0.99, status: "notice", exceededOn: null },
      // State C's >20000 is among them: the sum is a lower bound too (§13).
      afterNotice: { barrels: 35000, records: 2, atLeast: true },
    });
    expect(groupOf(p, "State A").afterNotice).toEqual(NO_NOTICE);
    expect(groupOf(p, "State B").afterNotice).toEqual({
      barrels: 15000,
      records: 1,
      atLeast: false,
    });
    expect(groupOf(p, "State C")).toMatchObject({
      atLeast: true,
      afterNotice: { barrels: 20000, records: 1, atLeast: true },
      official: { barrels: 0, atLeast: false },
    });
    const table = capcheck(["check", FILE]).stdout;
    expect(table).toContain("after the 95% notice (2023-03-05): ≥ 35,000.000 bbl in 2 records\n");
  });

  it("names the scenario whose after-notice sum it prints: each reaches 95 % on its own day", () => {
    // At load factor 1 the tanker alone passes 95 % on 2024-05-01 and the report comes after;
    // at 0.5 the report itself passes 95 %, so nothing comes after.
    const input = [
      "date,exporter,basis,capacity,capacity_unit,barrels",
      "2024-05-01,A,estimated,800000,bbl,",
      "2024-06-01,B,reported,,,100000",
      "",
    ].join("\n");
    const args = ["check", "-", "--input-format", "csv"];
    const line = "load factor 1: after the 95% notice (2024-05-01): 100,000.000 bbl in 1 record";
    for (const scenarios of ["1,0.5", "0.5,1"]) {
      const table = capcheck([...args, "--scenarios", scenarios], { input }).stdout;
      expect(table.split("\n").filter((l) => l.includes("after the"))).toEqual([line]);
      const markdown = capcheck([...args, "--scenarios", scenarios, "--format", "markdown"], {
        input,
      }).stdout;
      expect(markdown).toContain(`L${line.slice(1)}  \n`);
    }
  });

  it("gives the official status and over-cap date of the reported records alone", () => {
    const report = json([FILE, "--cap", "400000"]);
    expect(report.officialVerdict).toBe("exceeded");
    expect(report.periods[0].total.official).toEqual({
      barrels: 495000,
      share: 1.2375,
      status: "exceeded",
      exceededOn: "2023-03-05",
      atLeast: false,
    });
    expect(json([FILE]).officialVerdict).toBe("notice");
  });

  it("ends a running period's gaps at the last month already over (SOURCE_DATE_EPOCH)", () => {
    const over = json([FILE]).periods[0].gaps;
    expect(over[0]).toEqual({
      key: "State A",
      months: [
        "2023-02",
        ...Array.from({ length: 9 }, (_, i) => `2023-${String(4 + i).padStart(2, "0")}`),
      ],
    });
    // 2023-05-15: May is not yet due, so State A misses February and April only.
    const running = json([FILE], { env: { SOURCE_DATE_EPOCH: "1684108800" } }).periods[0].gaps;
    expect(running).toEqual([
      { key: "State A", months: ["2023-02", "2023-04"] },
      { key: "State B", months: ["2023-03"] },
    ]);
  });
});

describe("reporting gaps", () => {
  it("count every month an interval covers as reported, estimates as none", () => {
    const input = [
      '{"date":"2023-01/2023-03","exporter":"X","barrels":1}',
      '{"date":"2023-06","exporter":"x","barrels":1}',
      '{"date":"2023-07-15","exporter":"X","barrels":1,"basis":"estimated"}',
      '{"date":"2023-05","exporter":"Y","barrels":1,"basis":"estimated"}',
    ].join("\n");
    const p = json(["-", "--input-format", "ndjson"], { input }).periods[0];
    expect(p.gaps).toEqual([
      {
        key: "X",
        months: [
          "2023-04",
          "2023-05",
          "2023-07",
          "2023-08",
          "2023-09",
          "2023-10",
          "2023-11",
          "2023-12",
        ],
      },
    ]);
  });
});

describe("lower bounds and fractions", () => {
  const ndjson = (barrels: string, basis = "estimated") =>
    `{"date":"2024-05-01","exporter":"X","barrels":${JSON.stringify(barrels)},"basis":"${basis}"}\n`;

  it.each([
    ">165000",
    ">= 165000",
    "≥165000",
    "at least 165000",
    "more than 165,000",
    "Over 165000",
  ])("%s counts as 165,000 bbl, at least", (barrels) => {
    const total = json(["-", "--input-format", "ndjson"], { input: ndjson(barrels) }).periods[0]
      .total;
    expect(total).toMatchObject({ barrels: 165000, atLeast: true });
  });

  it("decides the status on the bound, and marks a reported bound in the official tally", () => {
    const total = json(["-", "--input-format", "ndjson"], {
      input: ndjson("more than 500000", "reported"),
    }).periods[0].total;
    expect(total).toMatchObject({ status: "notice", atLeast: true, official: { atLeast: true } });
    const table = capcheck(["check", "-", "--input-format", "ndjson"], {
      input: ndjson(">375000"),
      ...WIDE,
    }).stdout;
    expect(table).toMatch(/^total +≥ 375,000\.000 .* ≥ 75\.00% .* notice/m);
  });

  it("marks a bound in CSV too: an at_least column, last, on every group and total", () => {
    const input = `${ndjson(">375000")}${ndjson("1000", "reported").replace('"X"', '"Y"')}`;
    const csv = capcheck(["check", "-", "--input-format", "ndjson", "--format", "csv"], { input })
      .stdout.trim()
      .split("\n");
    expect(csv[0]).toMatch(/,exceeded_on,at_least$/);
    const cells = csv.slice(1).map((line) => line.split(","));
    expect(cells.map((c) => [c[4], c[5], c[6], c.at(-1)])).toEqual([
      ["group", "X", "375000.000", "true"],
      ["group", "Y", "1000.000", "false"],
      ["total", "", "376000.000", "true"],
    ]);
  });

  it("prints a bound just over the cap as over it: ≥ 100.0001%, never '≥ >'", () => {
    const input = "date,exporter,barrels\n2024-01-05,A,>500000.001\n";
    const args = ["-", "--input-format", "csv"];
    const table = capcheck(["check", ...args], { input, ...WIDE }).stdout;
    expect(table).toMatch(/^total +≥ 500,000\.001 +≥ 100\.0001% .*exceeded/m);
    const ledger = capcheck(["ledger", ...args], { input, ...WIDE }).stdout;
    expect(ledger).toMatch(/≥ 500,000\.001 +≥ 100\.0001% +75 90 95 exceeded$/m);
    expect(`${table}${ledger}`).not.toContain("≥ >");
  });

  it("reads a bound's number in the file's number format", () => {
    const csv = "date;exporter;barrels\n2024-02-01;X;at least 1.234,5\n2024-03-01;X;over 2.612\n";
    const comma = json(["-", "--input-format", "csv", "--number-format", "comma"], { input: csv });
    expect(comma.periods[0].total).toMatchObject({ barrels: 3846.5, atLeast: true });
    const auto = capcheck(["check", "-", "--input-format", "csv"], { input: csv });
    expect(auto.stderr).toContain('"over 2.612" in a ;-separated file could be 2612');
    expect(auto.stderr).toContain(
      'got "at least 1.234,5"; --number-format comma reads it as 1234.5',
    );
  });

  it("refuses a bound on nothing, naming the field", () => {
    const run = capcheck(["validate", "-", "--input-format", "ndjson"], {
      input: ndjson("> lots"),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^capcheck: <stdin>:1: barrels: expected a non-negative decimal.*, got "> lots"$/m,
    );
  });

  it("reads load factors as exact fractions, in the data and on the command line", () => {
    const tanker = "fixtures/example/us-estimate-2018.csv";
    expect(json([tanker]).periods[0].total.barrels).toBe(759793);
    const csv = "date,exporter,basis,capacity,capacity_unit\n2018-05-30,X,estimated,2279379,bbl\n";
    for (const args of [
      ["--load-factor", "1/3"],
      ["--scenarios", "1/3"],
    ]) {
      const report = json(["-", "--input-format", "csv", ...args], { input: csv });
      const period = report.periods?.[0] ?? report.scenarios[0].periods[0];
      expect(period.total.barrels).toBe(759793);
    }
    const ledger = JSON.parse(capcheck(["ledger", "--json", tanker]).stdout);
    expect(ledger[0]).toMatchObject({ rule: "capacity:1/3", barrels: 759793 });
    expect(capcheck(["check", "-", "--load-factor", "4/3"], { input: csv }).status).toBe(2);
    const bad = capcheck(["validate", "-", "--input-format", "csv"], {
      input: "date,exporter,basis,capacity,load_factor\n2018-05-30,X,estimated,10,1/0\n",
    });
    expect(bad.stderr).toMatch(
      /load_factor: expected a number above 0 and at most 1, such as 0\.33 or 1\/3/,
    );
  });
});

describe("ledger provenance", () => {
  it("names the file, the record's own citation and id, its basis and whether it was a bound", () => {
    const rows = JSON.parse(capcheck(["ledger", "--json", ...EXAMPLE]).stdout);
    const us = rows.find((r: { id: string }) => r.id === "us-2024-03");
    expect(us).toMatchObject({
      date: "2024-03-31",
      file: "fixtures/example/us-estimate-2024.csv",
      line: 2,
      quantity: ">165000",
      barrels: 165000,
      basis: "estimated",
      atLeast: true,
      source: expect.stringMatching(/^United States, 2 and 3 May 2024/),
    });
    expect(rows.find((r: { id: string }) => r.id === "upi-2018-cn")).toMatchObject({
      basis: "reported",
      atLeast: false,
      rule: "mass:refined@8",
    });
    const csv = capcheck(["ledger", "--format", "csv", ...EXAMPLE]).stdout.split("\n");
    expect(csv[0]).toBe(
      "date,file,line,key,product,quantity,unit,barrels,rule,regime,period,runningTotal,share,mark,basis,atLeast,source,id",
    );
  });
});

describe("ledger running totals over a lower bound (§13)", () => {
  it("prints ≥ on every running total and share that sums a bound, within its period only", () => {
    const lines = capcheck(["ledger", ...EXAMPLE], LEDGER_WIDE).stdout.split("\n");
    const row = (id: string) => lines.find((l) => l.includes(` ${id} `)) ?? "";
    // 2018: the tanker bound enters on 2018-05-30; the rows before it are exact.
    expect(row("upi-2018-ru")).toMatch(/\d {3,}68,944\.000 {3,}13\.79%/);
    expect(row("us-2018-tankers")).toMatch(/≥ 828,737\.000 +≥ 165\.75%/);
    // 2024: Russia's January report precedes the US bound; China's August row follows it.
    expect(row("un1718-2024-ru")).toMatch(/\d {3,}15,279\.000 {3,}3\.06%/);
    expect(row("us-2024-03")).toMatch(/≥ 180,279\.000 +≥ 36\.06%/);
    expect(row("un1718-2024-cn")).toMatch(/≥ 333,679\.000 +≥ 66\.74%/);
  });
});

describe("pictures (§13)", () => {
  const svg = capcheck(["check", "--format", "svg", ...EXAMPLE]).stdout;

  it("draws a line with estimates dashed, beside its reported records alone", () => {
    const dashed = svg.match(/<path class="step total"[^>]*stroke-dasharray="6 4"/g);
    expect(dashed).toHaveLength(2);
    const reported = [...svg.matchAll(/<path class="reported total" [^>]*data-running="([^"]*)"/g)];
    expect(reported.map((m) => m[1]?.split(" ").at(-1))).toEqual(["68944", "168679"]);
    expect(svg).toContain(">dashed: with estimates</text>");
    // China has no estimates: one solid line.
    expect(svg).toMatch(/<path class="step group" data-name="China"(?![^>]*dasharray)[^>]*\/>/);
  });

  it("draws no reported line at zero where --basis estimated left the reported records out", () => {
    for (const format of ["svg", "html"]) {
      const run = capcheck(["check", "--format", format, "--basis", "estimated", ...EXAMPLE]);
      expect(run.stdout).toMatch(/<path class="step total"[^>]*stroke-dasharray="6 4"/);
      expect(run.stdout).toContain(">dashed: with estimates</text>");
      expect(run.stdout).not.toMatch(/class="reported|solid: reported/);
    }
  });

  it("keeps one colour per group in every panel and never cuts a legend name", () => {
    const colours = [
      ...svg.matchAll(
        /<path class="step group" data-name="Russian Federation"[^>]*stroke="(#[0-9a-f]+)"/g,
      ),
    ].map((m) => m[1]);
    expect(colours).toHaveLength(2);
    expect(new Set(colours).size).toBe(1);
    expect(svg).toContain(">Unknown (tanker deliveries)</text>");
    expect(svg).not.toContain("…");
  });

  it("marks where the thresholds were crossed", () => {
    expect(svg.match(/<circle class="crossing" data-threshold="\d+"/g)).toHaveLength(3);
    expect(svg).toContain(">75% 90% 95% 2018-05-30</text>");
  });

  it("names the inputs and the run date in the HTML footer", () => {
    const html = capcheck(["check", "--format", "html", ...EXAMPLE], {
      env: { SOURCE_DATE_EPOCH: "1700000000" },
    }).stdout;
    expect(html).toMatch(
      /<footer>Made by capcheck [^ ]+ on 2023-11-14 from <code>fixtures\/example\/committee-2024\.csv<\/code>, /,
    );
  });

  it("names the scenario whose verdict the banner shows", () => {
    const args = ["fixtures/estimates/reported-2018.csv", "fixtures/estimates/tankers-2018.csv"];
    const html = capcheck(["check", "--format", "html", "--scenarios", "0.1,0.5", ...args]).stdout;
    expect(html).toContain("Verdict: <strong>ok</strong> (load factor 0.1, the first scenario)");
  });
});
