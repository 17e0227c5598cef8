// Hand-computed expectations for conversion, regimes, periods and verdicts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths } from "../src/domain/calendar.js";
import { BUILT_IN_REGIMES, PeriodFinder, periodOf } from "../src/domain/regimes.js";
import { type CheckOptions, check, InvalidRecordsError } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-engine-"));
let count = 0;

async function checkCsv(csv: string, options: CheckOptions = {}) {
  const path = join(dir, `t${count++}.csv`);
  writeFileSync(path, csv);
  return check([path], options);
}

/** Barrels of one record in the 2397 refined regime's 2024 period. */
async function barrelsOf(fields: string, values: string): Promise<number> {
  const report = await checkCsv(`date,exporter,${fields}\n2024-05-01,X,${values}\n`);
  return report.periods?.[0]?.total.barrels ?? Number.NaN;
}

describe("conversion (contract §3)", () => {
  it("counts barrels as given, even beside a quantity", async () => {
    expect(await barrelsOf("barrels,quantity,unit", "1234.5,99,t")).toBe(1234.5);
  });
  it("converts volumes exactly: 42 gal, 158.987294928 L, 0.158987294928 kl are 1 bbl", async () => {
    expect(await barrelsOf("quantity,unit", "42,gal")).toBe(1);
    expect(await barrelsOf("quantity,unit", "158.987294928,l")).toBe(1);
    expect(await barrelsOf("quantity,unit", "0.158987294928,kl")).toBe(1);
    // 1,000 kl = 1,000,000 L / 158.987294928 = 6,289.810770432... bbl
    expect(await barrelsOf("quantity,unit", "1000,kl")).toBe(6289.811);
  });
  it.each([
    ["lpg", 11.6],
    ["gasoline", 8.5],
    ["kerosene", 7.8],
    ["diesel", 7.5],
    ["fuel oil", 6.7],
    ["", 8],
  ])("converts 1,000 t of %j at %d bbl/t", async (product, factor) => {
    expect(await barrelsOf("product,quantity,unit", `${product},1000,t`)).toBe(1000 * factor);
  });
  it("converts crude at 4,000,000 / 525,000 bbl per ton", async () => {
    const report = await checkCsv(
      "date,exporter,product,quantity,unit\n2024-05-01,X,crude,525000,t\n",
    );
    const crude = report.periods?.find((p) => p.regime === "unscr2397-crude");
    // 525,000 t is exactly the 4,000,000 bbl cap: not exceeded.
    expect(crude?.total.barrels).toBe(4_000_000);
    expect(crude?.total.status).toBe("notice");
    expect(crude?.total.exceededOn).toBeNull();
  });
  it("takes factors from --factors", async () => {
    const path = join(dir, "factors.json");
    writeFileSync(path, '{"Diesel": 7.46}');
    const report = await checkCsv(
      "date,exporter,product,quantity,unit\n2024-05-01,X,diesel,1000,t\n",
      {
        factorsFile: path,
      },
    );
    expect(report.periods?.[0]?.total.barrels).toBe(7460);
  });
  it("refuses a --factors key that names no product, with the closest one", async () => {
    const path = join(dir, "factors-typo.json");
    writeFileSync(path, '{"dieseel": 7.46}');
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { factorsFile: path }),
    ).rejects.toThrow(
      /^dieseel: unknown product; did you mean "diesel"\?; accepted: lpg, gasoline/,
    );
  });
  it("says which shape a --factors file takes when given another (factors --json's list)", async () => {
    const list = join(dir, "factors-list.json");
    writeFileSync(list, '[{ "product": "diesel", "unit": "t", "barrelsPerUnit": "7.5" }]');
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { factorsFile: list }),
    ).rejects.toThrow(
      /^expected an object of barrels per ton by product, such as \{ "diesel": 7\.46 \}, got a list$/,
    );
    const nested = join(dir, "factors-nested.json");
    writeFileSync(nested, '{ "diesel": [7.46] }');
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { factorsFile: nested }),
    ).rejects.toThrow(/^diesel: expected barrels per ton, such as 7\.46, got a list$/);
  });
  it("names a --caps regime's missing or unknown key in plain words", async () => {
    const regime = { id: "x", commodity: "refined", capBarrels: 1, start: "2024-01-01" };
    const missing = join(dir, "caps-missing.json");
    writeFileSync(missing, JSON.stringify([regime]));
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { capsFile: missing }),
    ).rejects.toThrow(/^\[0\]\.title: is required$/);
    const extra = join(dir, "caps-extra.json");
    writeFileSync(extra, JSON.stringify([{ ...regime, title: "t", cap: 5 }]));
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { capsFile: extra }),
    ).rejects.toThrow(/^\[0\]: unknown key "cap"$/);
  });
  it.each([
    [{ commodity: "oil" }, '[0].commodity: expected refined, crude, got "oil"'],
    [{ periodMonths: 0 }, "[0].periodMonths: expected a number at least 1, got 0"],
    [{ periodMonths: 1.5 }, "[0].periodMonths: expected a whole number, got 1.5"],
    [{ thresholds: [0.5, 1] }, "[0].thresholds[1]: expected a number below 1, got 1"],
    [{ thresholds: [] }, "[0].thresholds: expected at least 1 item, got an empty list"],
    [{ title: 5 }, "[0].title: expected text, got 5"],
    [{ start: "2024-1-1" }, '[0].start: expected YYYY-MM-DD, got "2024-1-1"'],
    // One period to 2026 is not half-years to 2026: periodMonths would be dropped.
    [
      { periodMonths: 6, end: "2026-12-31" },
      "[0].periodMonths: with an end, a regime is one period from start to end, not periods of periodMonths months",
    ],
  ])(
    "says what a --caps key takes and what it got, in capcheck's words (%j)",
    async (change, why) => {
      const regime = {
        id: "x",
        title: "t",
        commodity: "refined",
        capBarrels: 1,
        start: "2024-01-01",
      };
      const path = join(dir, "caps-words.json");
      writeFileSync(path, JSON.stringify([{ ...regime, ...change }]));
      const refused = checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { capsFile: path });
      await expect(refused).rejects.toThrow(why);
      await expect(refused).rejects.not.toThrow(/Invalid|received|Too (small|big)/);
    },
  );
  it("refuses two --factors keys for one product: either value would be a guess", async () => {
    const path = join(dir, "factors-twice.json");
    writeFileSync(path, '{"Gas oil/diesel": 7.4, "diesel": 7.6}');
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { factorsFile: path }),
    ).rejects.toThrow(/^diesel: "Gas oil\/diesel" gives diesel too/);
  });
  it("refuses a key given twice in a --factors or --caps file (JSON.parse keeps the last)", async () => {
    const factors = join(dir, "factors-same-key.json");
    writeFileSync(factors, '{"diesel": 7.46, "diesel": 7.5}');
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { factorsFile: factors }),
    ).rejects.toThrow(/^diesel: given twice \(JSON would keep the last in silence\)$/);
    const caps = join(dir, "caps-same-key.json");
    const regime = '"id": "x", "title": "a \\"{[,", "commodity": "refined", "start": "2024-01-01"';
    writeFileSync(caps, `[{ ${regime}, "capBarrels": 100, "capBarrels": 1000000 }]`);
    await expect(
      checkCsv("date,exporter,barrels\n2024-05-01,X,1\n", { capsFile: caps }),
    ).rejects.toThrow(/^\[0\]\.capBarrels: given twice/);
  });
});

describe("regimes and periods (contract §4)", () => {
  it("runs crude periods from 22 December to 21 December", async () => {
    const report = await checkCsv(
      "date,exporter,product,barrels\n2023-12-21,X,crude,100\n2023-12-22,X,crude,200\n2017-12-21,X,crude,5\n",
    );
    const crude = report.periods?.filter((p) => p.regime === "unscr2397-crude");
    expect(crude?.map((p) => [p.start, p.end, p.total.barrels])).toEqual([
      ["2022-12-22", "2023-12-21", 100],
      ["2023-12-22", "2024-12-21", 200],
    ]);
    expect(report.records.uncapped).toBe(1);
  });
  it("counts 2017 Q4 refined under resolution 2375 and 2018 on under 2397", async () => {
    const report = await checkCsv(
      "date,exporter,barrels\n2017-09-30,X,1\n2017-10-01,X,2\n2017-12-31,X,3\n2018-01-01,X,4\n",
    );
    expect(report.periods?.map((p) => [p.regime, p.label, p.total.barrels])).toEqual([
      ["unscr2375-refined-2017", "2017-10-01/2017-12-31", 5],
      ["unscr2397-refined", "2018", 4],
    ]);
    expect(report.records.uncapped).toBe(1);
    const warning = report.issues.find((i) => i.code === "uncapped");
    expect(warning).toMatchObject({ severity: "warning", line: 2 });
  });
  it("finds the period of any day", () => {
    const crude = BUILT_IN_REGIMES.find((r) => r.id === "unscr2397-crude");
    if (!crude) throw new Error("no crude regime");
    expect(periodOf(crude, "2017-12-22")?.start).toBe("2017-12-22");
    expect(periodOf(crude, "2018-12-21")?.end).toBe("2018-12-21");
    expect(periodOf(crude, "2018-12-22")?.start).toBe("2018-12-22");
    expect(periodOf(crude, "2017-12-21")).toBeUndefined();
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
  });
  it("finds the period periodOf finds for any day, through the periods it has met", () => {
    const days = fc.integer({ min: 0, max: 4000 }).map((n) => {
      const date = new Date(Date.UTC(2016, 0, 1 + n));
      return date.toISOString().slice(0, 10);
    });
    fc.assert(
      fc.property(fc.array(days, { maxLength: 80 }), (list) => {
        const finder = new PeriodFinder();
        for (const day of list) {
          for (const regime of BUILT_IN_REGIMES) {
            const found = finder.of(regime, day);
            expect(found).toEqual(periodOf(regime, day));
            // A day met again finds the same object.
            expect(finder.of(regime, day)).toBe(found);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
  it("applies --regime, --year and --cap", async () => {
    const csv = "date,exporter,barrels\n2023-06-01,X,300000\n2024-06-01,X,300000\n";
    const year = await checkCsv(csv, { year: 2024 });
    expect(year.periods?.map((p) => p.label)).toEqual(["2024"]);
    expect(year.records).toMatchObject({ uncapped: 0, excluded: 1, counted: 1 });
    const cap = await checkCsv(csv, { cap: { num: 250000n, den: 1n } });
    expect(cap.periods?.map((p) => p.total.status)).toEqual(["exceeded", "exceeded"]);
    // Refined records with only the crude regime selected: left out by --regime, not uncapped.
    await expect(checkCsv(csv, { regimes: ["unscr2397-crude"] })).rejects.toThrow(
      "nothing to check: 2 records read, none counted: 2 in regimes that --regime leaves out",
    );
    const crudeOnly = await checkCsv(csv, { regimes: ["unscr2397-crude"], allowEmpty: true });
    expect(crudeOnly.periods).toEqual([]);
    expect(crudeOnly.records).toMatchObject({ uncapped: 0, excluded: 2, counted: 0 });
    await expect(checkCsv(csv, { regimes: ["nope"] })).rejects.toThrow(
      /unknown regime nope; known:/,
    );
  });
  it("reads --caps files, validated with the file and JSON path", async () => {
    const path = join(dir, "caps.json");
    writeFileSync(
      path,
      JSON.stringify([
        {
          id: "half",
          title: "Half cap",
          commodity: "refined",
          capBarrels: 1000,
          start: "2024-01-01",
          periodMonths: 6,
          thresholds: [0.5],
        },
      ]),
    );
    const report = await checkCsv("date,exporter,barrels\n2024-03-01,X,600\n2024-07-01,X,100\n", {
      capsFile: path,
    });
    expect(report.periods?.map((p) => [p.label, p.total.status, p.total.reached])).toEqual([
      ["2024-01-01/2024-06-30", "notice", { "50": "2024-03-01" }],
      ["2024-07-01/2024-12-31", "ok", { "50": null }],
    ]);
    writeFileSync(
      path,
      JSON.stringify([
        { id: "x", title: "X", commodity: "oil", capBarrels: 1, start: "2024-01-01" },
      ]),
    );
    await expect(
      checkCsv("date,exporter,barrels\n2024-03-01,X,1\n", { capsFile: path }),
    ).rejects.toThrow(/\[0\]\.commodity/);
  });
});

describe("verdicts and dates (contract §5)", () => {
  const rows = [
    "2024-04-01,Russian Federation,100000",
    "2024-01-15,russian  federation,200000",
    "2024-02-10,China,80000",
    "2024-02-10,RUSSIAN FEDERATION,10000",
    "2024-03,Russian Federation,95000",
    "2024-05-20,China,30000",
  ];
  it("finds threshold and over-cap dates whatever the record order", async () => {
    const forward = await checkCsv(`date,exporter,barrels\n${rows.join("\n")}\n`);
    const backward = await checkCsv(`date,exporter,barrels\n${[...rows].reverse().join("\n")}\n`);
    expect(backward.periods).toEqual(forward.periods);
    const period = forward.periods?.[0];
    // Running total: 01-15 200,000 · 02-10 290,000 · 03-31 (monthly) 385,000 (77 %) ·
    // 04-01 485,000 (97 %) · 05-20 515,000 (over).
    expect(period?.total.reached).toEqual({
      "75": "2024-03",
      "90": "2024-04-01",
      "95": "2024-04-01",
    });
    expect(period?.total.exceededOn).toBe("2024-05-20");
    expect(period?.total.status).toBe("exceeded");
    // Groups fold case and white space; the most frequent spelling is shown.
    expect(period?.groups.map((g) => [g.key, g.barrels, g.status, g.records])).toEqual([
      ["Russian Federation", 405000, "notice", 4],
      ["China", 110000, "ok", 2],
    ]);
    expect(period?.groups[0]?.reached["75"]).toBe("2024-04-01");
  });
  it("breaks a spelling tie by sort order, so order never matters", async () => {
    const a = await checkCsv("date,exporter,barrels\n2024-01-01,china,1\n2024-01-02,China,1\n");
    const b = await checkCsv("date,exporter,barrels\n2024-01-02,China,1\n2024-01-01,china,1\n");
    expect(a.periods?.[0]?.groups[0]?.key).toBe("China");
    expect(b.periods?.[0]?.groups[0]?.key).toBe("China");
  });
  it("groups records without the --by field as (none)", async () => {
    const report = await checkCsv(
      "date,exporter,origin,barrels\n2024-01-01,A,Nampo,1\n2024-01-02,B,,2\n",
      {
        by: "origin",
      },
    );
    expect(report.periods?.[0]?.groups.map((g) => g.key)).toEqual(["(none)", "Nampo"]);
  });
  it("throws InvalidRecordsError unless skipInvalid, then counts the valid ones", async () => {
    const csv = "date,exporter,barrels\n2024-01-01,A,1\n2024-02-30,B,2\n";
    await expect(checkCsv(csv)).rejects.toBeInstanceOf(InvalidRecordsError);
    const report = await checkCsv(csv, { skipInvalid: true });
    expect(report.records).toEqual({
      read: 2,
      valid: 1,
      invalid: 1,
      uncapped: 0,
      excluded: 0,
      counted: 1,
    });
    expect(report.issues[0]).toMatchObject({
      severity: "warning",
      line: 3,
      field: "date",
      code: "invalid_date",
    });
  });
});
