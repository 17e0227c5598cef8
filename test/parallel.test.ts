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
import { recordOf } from "../dist/ingest/raw-records.js";
import type { ReadOptions } from "../dist/ingest/types.js";
import {
  type CheckOptions,
  PARALLEL_MIN_LINES,
  type ParallelOptions,
  parallelOf,
  readOptionsOf,
  resolveCheckOptions,
} from "../dist/options.js";
import { bytesOfLines, SplitFile } from "../dist/parallel.js";
import { feed } from "../dist/pipeline.js";
import { renderJson } from "../dist/report/json.js";
import { capcheck } from "./helpers.js";
import { bytesOf, EXPORTERS, file } from "./parallel-files.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-parallel-"));

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

const TODAY = { today: "2026-11-27" };

/** A CSV file of these rows under the usual header: its path and text. */
function csvFile(name: string, rows: readonly string[]) {
  const path = join(dir, name);
  const text = `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`;
  writeFileSync(path, text);
  return { path, text };
}

/** Rows of one exporter's diesel in tons, a day of January 2024 each. */
const dieselRows = (count: number) =>
  Array.from({ length: count }, (_, i) => `2024-01-${(i % 18) + 10},China,diesel,${i},t`);

/** Reads one file into a core, split as `parallel` says; the core and the split, if any. */
async function readSplit(path: string, read: ReadOptions, parallel: ParallelOptions) {
  const options = await resolveCheckOptions(TODAY);
  const core = new CheckCore(options);
  let split: SplitFile | undefined;
  await feed([{ name: path, path }], read, core, (source) => {
    split = SplitFile.open(source, read, core, options, parallel);
    return split;
  });
  return { core, split: split as SplitFile | undefined };
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
    expect(one.text).toContain("2,000 more issues not listed");
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
    const rows = Array.from(
      { length: 400 },
      (_, i) => `2024-01-${(i % 28) + 10},China,diesel,${i},t`,
    );
    const { path, text } = csvFile("parts.csv", rows);
    const minBytes = Math.ceil(text.length / 3);
    const parts = async (threads: number) => {
      const { split } = await readSplit(path, {}, { threads, minBytes });
      return split === undefined ? 1 : split.merged + 1;
    };
    // The file is just under six halves of minBytes: five parts at most.
    expect(Math.floor(text.length / (minBytes / 2))).toBe(5);
    expect(await parts(64)).toBe(5);
    expect(await parts(3)).toBe(3);
  });
});

describe("when a file is split by default", () => {
  it("counts its lines, not its bytes: rows as long as NDJSON's need more bytes", () => {
    const csvLine = Buffer.from("2024-01-10,China,diesel,1.5,t\n");
    const sample = Buffer.concat(Array.from({ length: 100 }, () => csvLine));
    expect(bytesOfLines(500_000, sample)).toBe(500_000 * csvLine.length);
    const ndjsonLine = Buffer.from(
      '{"date":"2024-01-10","exporter":"China","product":"diesel","quantity":"1.5","unit":"t"}\n',
    );
    expect(bytesOfLines(10, Buffer.concat([ndjsonLine, ndjsonLine]))).toBe(10 * ndjsonLine.length);
    // A partial last line counts towards the bytes a line, as on average it should.
    expect(bytesOfLines(3, Buffer.from("ab\ncd\nef"))).toBe(Math.ceil((3 * 8) / 2));
    expect(bytesOfLines(3, Buffer.from("no line feed"))).toBe(Number.POSITIVE_INFINITY);
  });

  it("reads a file of fewer than PARALLEL_MIN_LINES lines on one thread, and one of more on two", async () => {
    expect(PARALLEL_MIN_LINES).toBe(500_000);
    // Bytes alone would decide the other way for both (the 8 MiB of earlier rounds):
    // 450,000 rows of 32 bytes (14.4 MB) stay on one thread, 520,000 of 15 (7.8 MB) are split.
    const file = (name: string, row: string, count: number) => {
      const path = join(dir, name);
      writeFileSync(path, `date,exporter,barrels\n${`${row}\n`.repeat(count)}`);
      return path;
    };
    const wide = file("under.csv", "2024-01-10,Russian Federation,1", 450_000);
    const under = await readSplit(wide, {}, { threads: 2 });
    expect(under.split).toBeUndefined();
    expect(under.core.report().records.read).toBe(450_000);
    const narrow = file("over.csv", "2024-01-10,C,1", 520_000);
    const over = await readSplit(narrow, {}, { threads: 2 });
    expect(over.split?.merged).toBe(1);
    expect(over.core.report().records.read).toBe(520_000);
    expect(parallelOf({ threads: 2 })).toEqual({ threads: 2 });
    expect(parallelOf({ threads: 2 }, undefined, { CAPCHECK_PARALLEL_MIN_BYTES: "0" })).toEqual({
      threads: 2,
      minBytes: 0,
    });
  });
});

describe("a quote in the main part", () => {
  it("stops the workers as soon as it is read, and the main thread reads the whole file", async () => {
    const rows = dieselRows(3000);
    rows[40] = '2024-01-05,"China",diesel,1,t';
    const { path } = csvFile("quoted-early.csv", rows);
    const { core, split } = await readSplit(path, {}, { threads: 3, minBytes: 0 });
    expect(split?.stopped).toBe(true);
    expect(split?.merged).toBe(0);
    expect(core.counts().read).toBe(3000);
  });
});

describe("the progress line", () => {
  it("counts the workers' records and bytes as well as the main thread's", async () => {
    const { path, text } = csvFile("progress.csv", dieselRows(3000));
    const calls: [number, number][] = [];
    const read = { onProgress: (records: number, bytes: number) => calls.push([records, bytes]) };
    const { split } = await readSplit(path, read, { threads: 3, minBytes: 0 });
    expect(split?.merged).toBe(2);
    expect(calls.at(-1)).toEqual([3000, text.length]);
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

describe("a worker's state", () => {
  it("packs a period's groups' days in one set of arrays, not five arrays a group", async () => {
    // Five typed arrays a group took some 2.9 KB of heap each: 15,000 exporters' groups
    // ran a worker out of its 96 MB (it then stopped, and the main thread read its part).
    const core = new CheckCore(await resolveCheckOptions({}));
    for (let i = 0; i < 20_000; i++) {
      const day = `2024-03-${String(1 + (i % 28)).padStart(2, "0")}`;
      core.add(recordOf("f.csv", i + 2, { date: day, exporter: `E${i}`, barrels: "1" }), 0);
    }
    const before = process.memoryUsage().heapUsed;
    const state = core.state();
    const grown = process.memoryUsage().heapUsed - before;
    const periods = state.aggregators.flatMap((a) => a.periods);
    expect(periods.reduce((n, p) => n + p.groups.length, 0)).toBe(20_000);
    expect(grown).toBeLessThan(20_000_000);
  });
});
