// One file read on several threads (src/parallel.ts) against the same file read on
// one: generated CSV and NDJSON files (spelling variants that fold and group,
// invalid rows past the issue limit, uncapped and straddling records, reported and
// estimated ones, blank lines, BOMs, CRLF, lone CRs, quotes before and after a cut,
// invalid UTF-8) give the same report, the same series and the same errors, with
// the parts really merged whenever no quote or lone CR stands before a cut. The
// workers are the built ones (dist/), as the command line starts them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckCore } from "../dist/domain/check.js";
import { type CheckOptions, readOptionsOf, resolveCheckOptions } from "../dist/options.js";
import { SplitFile } from "../dist/parallel.js";
import { feed } from "../dist/pipeline.js";
import { renderJson } from "../dist/report/json.js";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-parallel-"));

const DATES = [
  "2017-12-31",
  "2018-01-01",
  "2018-06-30",
  "2019-12",
  "2019-12-20/2020-01-10",
  "2020-02-29",
  "2024-07-04",
  "2016-05-05",
  "2024-13-01",
];
const EXPORTERS = [
  "Russia",
  "Russian Federation",
  "china",
  "China",
  " CHINA ",
  "中国",
  "Belarus",
  "Zürich Trading",
];
const PRODUCTS = ["diesel", "crude", "gasoline", "fuel oil", "petrol?"];
const AMOUNTS = [
  ["12.5", "t"],
  ["7000000", "gal"],
  ["3", "bbl"],
  ["0.1", "kl"],
  ["abc", "t"],
  ["5", "furlong"],
  ["1000000000000.000000001", "bbl"],
];
const BASES = ["reported", "estimated", "guessed"];

interface Row {
  date: number;
  exporter: number;
  product: number;
  amount: number;
  basis: number;
  /** 0 plain, 1 a field count off, 2 a blank line before it. */
  shape: number;
}

const row = fc.record({
  date: fc.nat(DATES.length - 1),
  exporter: fc.nat(EXPORTERS.length - 1),
  product: fc.nat(PRODUCTS.length - 1),
  amount: fc.nat(AMOUNTS.length - 1),
  basis: fc.nat(BASES.length - 1),
  shape: fc.oneof(
    { weight: 20, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  ),
});

/** Null four times in five. */
const rarely = (arbitrary: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const file = fc.record({
  format: fc.constantFrom("csv", "ndjson"),
  rows: fc.array(row, { minLength: 30, maxLength: 160 }),
  eol: fc.constantFrom("\n", "\r\n", "\n", "\n"),
  /** A quoted exporter (CSV) or an escaped quote (NDJSON) at a row (by index), or none. */
  quoteAt: rarely(fc.nat(200)),
  /** A lone CR somewhere (by row index), or none. */
  loneCr: rarely(fc.nat(200)),
  bom: fc.boolean(),
  delimiter: fc.constantFrom(",", ";", "\t"),
  /** Invalid UTF-8 at a row (by index), or none. */
  badUtf8: rarely(fc.nat(200)),
  threads: fc.integer({ min: 2, max: 4 }),
  skipInvalid: fc.boolean(),
  by: fc.constantFrom("exporter", "product", "basis"),
  scenarios: fc.boolean(),
});

function csvLine(r: Row, delimiter: string, quoted: boolean): string {
  const [quantity, unit] = AMOUNTS[r.amount] as string[];
  const exporter = EXPORTERS[r.exporter] as string;
  const cells = [
    DATES[r.date],
    quoted ? `"${exporter}"` : exporter,
    PRODUCTS[r.product],
    quantity,
    unit,
    BASES[r.basis],
  ];
  if (r.shape === 1) cells.push("extra");
  return cells.join(delimiter);
}

function ndjsonLine(r: Row, quoted: boolean): string {
  const [quantity, unit] = AMOUNTS[r.amount] as string[];
  const record: Record<string, unknown> = {
    date: DATES[r.date],
    exporter: EXPORTERS[r.exporter],
    product: PRODUCTS[r.product],
    quantity: r.amount === 2 ? Number(quantity) : quantity,
    unit,
    basis: BASES[r.basis],
  };
  if (r.shape === 1) record.extra = [1];
  // A quote in NDJSON is no reason to read on: every line feed ends a record.
  if (quoted) record.exporter = `${EXPORTERS[r.exporter]} "Ltd"`;
  return JSON.stringify(record);
}

type Case = typeof file extends fc.Arbitrary<infer T> ? T : never;

function bytesOf(c: Case): Buffer {
  const lines = c.rows.map((r, i) => {
    const quoted = c.quoteAt === i;
    const text = c.format === "csv" ? csvLine(r, c.delimiter, quoted) : ndjsonLine(r, quoted);
    return r.shape === 2 ? `${c.eol}${text}` : text;
  });
  if (c.format === "csv") {
    lines.unshift(["date", "exporter", "product", "quantity", "unit", "basis"].join(c.delimiter));
  }
  const parts: Buffer[] = [];
  if (c.bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  for (const [i, line] of lines.entries()) {
    parts.push(Buffer.from(line));
    if (c.badUtf8 === i) parts.push(Buffer.from([0xc3, 0x28]));
    parts.push(Buffer.from(c.loneCr === i ? "\r" : c.eol));
  }
  return Buffer.concat(parts);
}

/** A run's outcome as text: the report and series, or the error's message. */
async function outcome(path: string, options: CheckOptions, threads: number) {
  const resolved = await resolveCheckOptions(options);
  const read = readOptionsOf(options);
  const core = new CheckCore(resolved);
  const splits: SplitFile[] = [];
  const parallel = { threads, minBytes: 0 };
  try {
    await feed([{ name: path, path }], read, core, (source) => {
      const split = SplitFile.open(source, read, core, resolved, parallel);
      if (split) splits.push(split);
      return split;
    });
    const text = `${renderJson(core.report())}\n${JSON.stringify(core.series())}`;
    return { text, merged: splits.reduce((n, s) => n + s.merged, 0) };
  } catch (error) {
    const { name, message } = error as Error;
    const issues = (error as { issues?: unknown }).issues;
    const text = `${name}: ${message}\n${JSON.stringify(issues)}`;
    return { text, merged: splits.reduce((n, s) => n + s.merged, 0) };
  }
}

describe("a file read on several threads", () => {
  it("gives the one-thread answer, merging the parts whenever the cuts are safe", async () => {
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(file, async (c) => {
        const path = join(dir, `case.${c.format}`);
        const bytes = bytesOf(c);
        writeFileSync(path, bytes);
        const options: CheckOptions = {
          skipInvalid: c.skipInvalid,
          by: c.by as CheckOptions["by"],
          ...(c.scenarios ? { scenarios: ["1/3", "0.9"] } : {}),
          today: "2026-11-27",
        };
        const one = await outcome(path, options, 1);
        const many = await outcome(path, options, c.threads);
        expect(many.text).toBe(one.text);
        const safe = !bytes.includes('"') || c.format === "ndjson";
        if (safe && c.loneCr === null && c.badUtf8 === null) {
          expect(many.merged).toBeGreaterThan(0);
          merged++;
        }
      }),
      { numRuns: 60 },
    );
    // The property is worth something only if most runs really merged parts.
    expect(merged).toBeGreaterThan(10);
  }, 120_000);

  it("merges more issues than the report lists as the one-thread run does", async () => {
    const path = join(dir, "many-bad.csv");
    const bad = Array.from(
      { length: 3000 },
      (_, i) => `2024-01-0${(i % 9) + 1},China,diesel,x${i},t`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit\n${bad.join("\n")}\n`);
    const options: CheckOptions = { skipInvalid: true, today: "2026-11-27" };
    const one = await outcome(path, options, 1);
    const many = await outcome(path, options, 3);
    expect(many.merged).toBe(2);
    expect(many.text).toBe(one.text);
    expect(one.text).toContain("2000 more issues not listed");
  });

  it("names a group by its most frequent spelling over the whole file, not over one part", async () => {
    const path = join(dir, "spellings.csv");
    const rows = [
      ...Array.from({ length: 300 }, () => "2024-03-01,Acme Oil,diesel,1,t,reported"),
      ...Array.from({ length: 200 }, () => "2024-03-02,ACME OIL,diesel,1,t,reported"),
      ...Array.from({ length: 500 }, () => "2024-09-03,ACME OIL,diesel,1,t,reported"),
    ];
    writeFileSync(path, `date,exporter,product,quantity,unit,basis\n${rows.join("\n")}\n`);
    const options: CheckOptions = { today: "2026-11-27" };
    const one = await outcome(path, options, 1);
    const many = await outcome(path, options, 2);
    expect(many.merged).toBe(1);
    expect(many.text).toBe(one.text);
    const report = JSON.parse(one.text.slice(0, one.text.lastIndexOf("\n[")));
    expect(report.periods[0].groups.map((g: { key: string }) => g.key)).toEqual(["ACME OIL"]);
    expect(report.periods[0].gaps).toEqual([
      {
        key: "ACME OIL",
        months: [
          "2024-04",
          "2024-05",
          "2024-06",
          "2024-07",
          "2024-08",
          "2024-10",
          "2024-11",
          "2024-12",
        ],
      },
    ]);
  });
});

describe("how a file is cut", () => {
  it("cuts no part smaller than half the smallest file split, whatever the threads asked", async () => {
    const path = join(dir, "parts.csv");
    const rows = Array.from(
      { length: 400 },
      (_, i) => `2024-01-${(i % 28) + 10},China,diesel,${i},t`,
    );
    const text = `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`;
    writeFileSync(path, text);
    const options = await resolveCheckOptions({ today: "2026-11-27" });
    const minBytes = Math.ceil(text.length / 3);
    const parts = async (threads: number) => {
      const core = new CheckCore(options);
      let split: SplitFile | undefined;
      await feed([{ name: path, path }], {}, core, (source) => {
        split = SplitFile.open(source, {}, core, options, { threads, minBytes });
        return split;
      });
      return split === undefined ? 1 : split.merged + 1;
    };
    // The file is just under six halves of minBytes: five parts at most.
    expect(Math.floor(text.length / (minBytes / 2))).toBe(5);
    expect(await parts(64)).toBe(5);
    expect(await parts(3)).toBe(3);
  });
});

describe("capcheck check --threads", () => {
  it("prints the same report on 1 and on 3 threads, from the built command line", () => {
    const path = join(dir, "cli.csv");
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `2024-0${(i % 9) + 1}-1${i % 10},${EXPORTERS[i % 8]},diesel,${i}.5,t`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`);
    const env = { CAPCHECK_PARALLEL_MIN_BYTES: "0" };
    const one = capcheck(["check", "--json", "--threads", "1", path], { env });
    const three = capcheck(["check", "--json", "--threads", "3", path], { env });
    expect(three.status).toBe(one.status);
    expect(three.stderr).toBe(one.stderr);
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).records.read).toBe(5000);
  });

  it("refuses a thread count that is not a whole number from 1 to 64", () => {
    const result = capcheck(["check", "--threads", "0", "fixtures/example/committee-2024.csv"]);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      "capcheck: --threads takes threads from 1 to 64, got 0",
    );
  });
});
