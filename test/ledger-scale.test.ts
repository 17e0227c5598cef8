// The ledger at scale (contract §15): entries sorted by day outside memory give
// the lines a sort in memory gives, in ledger order; the command's temporary files
// are gone after a run and after Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckCore } from "../src/domain/check.js";
import { ENTRY_SHAPE, LedgerEntries } from "../src/domain/ledger.js";
import type { LedgerLine } from "../src/domain/ledger-line.js";
import { TEXT_LINES } from "../src/domain/ledger-lines.js";
import { DaySort } from "../src/external-sort.js";
import { recordOf } from "../src/ingest/raw-records.js";
import { resolveCheckOptions } from "../src/options.js";
import { BIN, ROOT } from "./helpers.js";

const record = fc.record({
  date: fc.constantFrom("2018-01-31", "2018-02-01", "2018-12-21", "2018-12-22", "2024-02-29"),
  exporter: fc.constantFrom("China", "Russia", "Ünïcode 名", "a,b", "=cmd", "\u0000x"),
  product: fc.constantFrom("diesel", "crude", "gasoline"),
  barrels: fc.oneof(
    fc.nat({ max: 10 ** 6 }).map(String),
    fc.constantFrom("123456789012.123456789", "0.0005", "9007199254.740993"),
  ),
  id: fc.option(fc.string({ minLength: 1, maxLength: 4 }), { nil: undefined }),
});

/** The ledger of files of records (each a list), its entries sorted in runs of `run`. */
async function ledgerLines(files: object[][], run: number): Promise<LedgerLine[]> {
  const options = await resolveCheckOptions({});
  const sort = new DaySort(ENTRY_SHAPE, run);
  const entries = new LedgerEntries(sort, options.by);
  const core = new CheckCore(options, (shipment, source, placement) =>
    entries.add(shipment, source, placement),
  );
  files.forEach((records, source) => {
    records.forEach((value, i) => {
      core.add(recordOf(`file${source}.csv`, i + 2, value), source);
    });
    core.endSource(`file${source}.csv`);
  });
  const lines = [...entries.lines(sort.sorted(), core.first, TEXT_LINES)].length;
  // Each line object is reused: read them one by one.
  const copies: LedgerLine[] = [];
  for (const line of entries.lines(sort.sorted(), core.first, TEXT_LINES)) copies.push({ ...line });
  expect(copies).toHaveLength(lines);
  sort.close();
  return copies;
}

describe("ledger entries", () => {
  it("sorted by day in runs give the lines of one sort in memory, in ledger order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(record, { maxLength: 30 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 20 }),
        async (files, run) => {
          const inMemory = await ledgerLines(files, 1000);
          expect(await ledgerLines(files, run)).toEqual(inMemory);
          for (let i = 1; i < inMemory.length; i++) {
            const a = inMemory[i - 1] as LedgerLine;
            const b = inMemory[i] as LedgerLine;
            const order =
              a.date.localeCompare(b.date) ||
              a.file.localeCompare(b.file) ||
              (a.line ?? 0) - (b.line ?? 0) ||
              (a.regime < b.regime ? -1 : a.regime > b.regime ? 1 : 0);
            expect(order).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("must come in file and line order", async () => {
    const options = await resolveCheckOptions({});
    const entries = new LedgerEntries(new DaySort(ENTRY_SHAPE), options.by);
    const core = new CheckCore(options, (shipment, source, placement) =>
      entries.add(shipment, source, placement),
    );
    const value = { date: "2018-03-01", exporter: "China", product: "diesel", barrels: "1" };
    core.add(recordOf("a.csv", 5, value), 0);
    expect(() => core.add(recordOf("a.csv", 4, value), 0)).toThrow(/file and line order/);
  });
});

/** Enough records that the sort writes runs to files (2^17 entries a run). */
const RECORDS = 150_000;

function records(): string {
  const lines = ["date,exporter,product,barrels"];
  for (let i = 0; i < RECORDS; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(
      `2019-${String(1 + (i % 12)).padStart(2, "0")}-${day},Exporter ${i % 7},diesel,${i % 100}.5`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("capcheck ledger's temporary files", () => {
  it("are removed when it ends", () => {
    const dir = mkdtempSync(join(tmpdir(), "capcheck-ledger-"));
    const run = spawnSync(process.execPath, [BIN, "ledger", "--format", "csv", "-"], {
      cwd: ROOT,
      input: records(),
      env: { ...process.env, TMPDIR: dir },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").length).toBe(RECORDS + 2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("cannot be written: one line naming the directory, status 2", () => {
    const run = spawnSync(process.execPath, [BIN, "ledger", "--format", "csv", "-"], {
      cwd: ROOT,
      input: records(),
      env: { ...process.env, TMPDIR: "/nonexistent/capcheck-test" },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    expect(run.stderr).toBe(
      "capcheck: /nonexistent/capcheck-test: cannot write temporary files (ENOENT); set TMPDIR to a writable directory with room\n",
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });

  it.each([
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "terminated"],
    ["SIGHUP", 129, "hung up"],
  ] as const)(
    "are removed on %s (Ctrl-C, kill, a closed terminal)",
    async (signal, status, word) => {
      const dir = mkdtempSync(join(tmpdir(), "capcheck-ledger-"));
      const child = spawn(process.execPath, [BIN, "ledger", "--format", "csv", "-"], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: dir },
      });
      let stderr = "";
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      child.stdout.resume();
      // Standard input stays open: the ledger is still reading when interrupted.
      child.stdin.on("error", () => {});
      child.stdin.write(records());
      for (let i = 0; i < 600 && readdirSync(dir).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(readdirSync(dir)).not.toEqual([]);
      child.kill(signal);
      const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
      expect(code).toBe(status);
      expect(stderr).toBe(`capcheck: ${word}\n`);
      expect(readdirSync(dir)).toEqual([]);
    },
    90_000,
  );
});
