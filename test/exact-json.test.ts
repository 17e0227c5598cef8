// Exact JSON (contract §11): barrels and shares print their exact rounded digits
// however large, in check --json, the ledger's json and ndjson, and nothing else moves.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactJson } from "../src/report/json.js";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-exact-json-"));

/** 9,008 records of 10^12 bbl (the largest valid one) and one of 0.001: past 2^53 barrels. */
const BIG = join(dir, "big.csv");
const lines = ["date,exporter,product,barrels"];
for (let i = 0; i < 9008; i++)
  lines.push(`2024-01-${String((i % 28) + 1).padStart(2, "0")},A,diesel,1000000000000`);
lines.push("2024-12-31,B,diesel,0.001");
writeFileSync(BIG, `${lines.join("\n")}\n`);
const TOTAL = "9008000000000000.001";

/** A cap of 1,000 bbl: the share of that total is 9008000000000.000001, 6 decimals exact. */
const CAPS = join(dir, "caps.json");
writeFileSync(
  CAPS,
  JSON.stringify([
    {
      id: "small",
      title: "Small",
      commodity: "refined",
      capBarrels: 1000,
      start: "2024-01-01",
      end: "2024-12-31",
    },
  ]),
);
const SHARE = "9008000000000.000001";

describe("exact JSON numbers past 2^53", () => {
  it("the total's digits are beyond a binary float (the test means something)", () => {
    expect(String(Number(TOTAL))).not.toBe(TOTAL);
    expect(String(Number(SHARE))).not.toBe(SHARE);
  });

  it("check --json prints the exact total, its reported part and official tally", () => {
    const run = capcheck(["check", "--json", BIG]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`"barrels": ${TOTAL},\n        "reported": ${TOTAL},`);
    expect(run.stdout).toMatch(new RegExp(`"official": \\{\\n\\s+"barrels": ${TOTAL},`));
    // Day 1 holds 322 records and reaches 95 %: the other 8,686 and the 0.001 came after it.
    expect(run.stdout).toContain(`"afterNotice": {\n          "barrels": 8686000000000000.001,`);
    expect(JSON.parse(run.stdout).periods[0].total.barrels).toBe(Number(TOTAL));
  });

  it("shares carry 6 exact decimals", () => {
    const run = capcheck(["check", "--json", "--caps", CAPS, BIG]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`"barrels": ${TOTAL},`);
    expect(run.stdout).toContain(`"share": ${SHARE},`);
    expect(run.stdout).toContain(`"cap": {\n        "barrels": 1000\n      }`);
  });

  it("the ledger's json and ndjson print the exact running total and share", () => {
    const ndjson = capcheck(["ledger", "--format", "ndjson", "--caps", CAPS, BIG]).stdout;
    const last = ndjson.trimEnd().split("\n").at(-1);
    expect(last).toContain(`"barrels":0.001,`);
    expect(last).toContain(`"runningTotal":${TOTAL},"share":${SHARE},`);
    const json = capcheck(["ledger", "--format", "json", "--caps", CAPS, BIG]).stdout;
    expect(json).toContain(`"runningTotal": ${TOTAL},\n    "share": ${SHARE},`);
  });

  it("changes since a baseline print the exact barrels after", () => {
    const small = join(dir, "small.csv");
    writeFileSync(small, "date,exporter,product,barrels\n2024-01-01,A,diesel,1\n");
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, capcheck(["check", "--json", "--caps", CAPS, small]).stdout);
    const run = capcheck(["check", "--json", "--caps", CAPS, "--baseline", baseline, BIG]);
    expect(run.stdout).toMatch(new RegExp(`"after": \\{\\n\\s+"barrels": ${TOTAL},`));
  });
});

describe("exact CSV numbers past 2^53", () => {
  it("check --format csv prints the total's and the share's every digit, padded", () => {
    const csv = capcheck(["check", "--format", "csv", "--caps", CAPS, BIG]).stdout;
    expect(csv).toContain(`,total,,${TOTAL},${TOTAL},0.000,${SHARE},exceeded,9009,`);
  });

  it("the ledger's CSV prints the exact running total and share", () => {
    const csv = capcheck(["ledger", "--format", "csv", "--caps", CAPS, BIG]).stdout;
    expect(csv.trimEnd().split("\n").at(-1)).toContain(
      `,0.001,barrels,small,2024,${TOTAL},${SHARE},`,
    );
  });
});

describe("exact barrels past 2^53 in the human formats", () => {
  // 9,008,000,000,000,000.001 as a binary float prints 9,008,000,000,000,000.000.
  const GROUPED = "9,008,000,000,000,000.001";
  const wide = { env: { COLUMNS: "250" } };
  it("the check table, Markdown, GitHub annotations and the after-notice line", () => {
    const table = capcheck(["check", BIG], wide).stdout;
    expect(table).toMatch(new RegExp(`^total +${GROUPED} `, "m"));
    expect(table).toContain("after the 95% notice (2024-01-01): 8,686,000,000,000,000.001 bbl");
    expect(capcheck(["check", "--format", "markdown", BIG]).stdout).toContain(
      `| **total** | ${GROUPED} |`,
    );
    expect(capcheck(["check", "--format", "github", BIG]).stdout).toContain(
      `total: ${GROUPED} bbl`,
    );
  });
  it("a cap's every digit, in the table, Markdown and SVG", () => {
    const cap = ["--cap", "999999999999999.999", BIG];
    const exact = "cap 999,999,999,999,999.999 bbl";
    expect(capcheck(["check", ...cap], wide).stdout).toContain(exact);
    expect(capcheck(["check", "--format", "markdown", ...cap]).stdout).toContain(exact);
    expect(capcheck(["check", "--format", "svg", ...cap]).stdout).toContain(exact);
  });
  it("the ledger table's running total", () => {
    const table = capcheck(["ledger", "--caps", CAPS, BIG], wide).stdout;
    expect(table).toMatch(new RegExp(`  0\\.001  .*${GROUPED} `));
  });
});

describe("exactJson", () => {
  it("lays plain data out exactly as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(exactJson(value, 2)).toBe(JSON.stringify(value, null, 2));
        expect(exactJson(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it("leaves out undefined members and writes undefined array items as null, as JSON.stringify does", () => {
    const value = { a: undefined, b: [undefined, 1], c: {} };
    expect(exactJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});

describe("reportJson", () => {
  it("writes the exact --json text of a report check() returned", async () => {
    const { check, reportJson } = await import("capcheck");
    const report = await check([BIG], { capsFile: CAPS });
    const text = reportJson(report);
    expect(text).toBe(capcheck(["check", "--json", "--caps", CAPS, BIG]).stdout);
    expect(text).toContain(`"share": ${SHARE},`);
    // The object itself holds numbers, equal to what JSON.parse reads from that text.
    expect(report).toEqual(JSON.parse(text));
  });
});
