// The ledger at scale (contract §15): entries written as lines sort in ledger
// order and read back whole; the command's temporary files are gone after a run
// and after Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LedgerCodec, type LedgerEntry } from "../src/domain/ledger.js";
import { BUILT_IN_REGIMES, periodOf } from "../src/domain/regimes.js";
import { BIN, ROOT } from "./helpers.js";

const periods = BUILT_IN_REGIMES.flatMap((regime) =>
  ["2018-06-01", "2024-03-09"].map((day) => periodOf(regime, day)).filter((p) => p !== undefined),
);

const entry: fc.Arbitrary<LedgerEntry> = fc.record({
  ordinal: fc.integer({ min: -25_567, max: 47_482 }),
  day: fc.constantFrom("2018-01-31", "2024-02-29"),
  sourceIndex: fc.nat({ max: 999 }),
  file: fc.string(),
  line: fc.option(fc.nat({ max: 10_000_000 })),
  index: fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined }),
  group: fc.option(fc.string({ unit: "grapheme", minLength: 1 }), { nil: undefined }),
  product: fc.string(),
  quantity: fc.string(),
  unit: fc.string(),
  nano: fc.oneof(fc.maxSafeNat(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 90n })),
  rule: fc.string(),
  period: fc.constantFrom(...periods),
  basis: fc.constantFrom("reported" as const, "estimated" as const),
  atLeast: fc.boolean(),
  // Empty text is no value (contract §2): a citation is absent or has text.
  source: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  id: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
});

function compare(a: LedgerEntry, b: LedgerEntry): number {
  return (
    a.ordinal - b.ordinal ||
    a.sourceIndex - b.sourceIndex ||
    (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0) ||
    (a.period.regime.id < b.period.regime.id ? -1 : a.period.regime.id > b.period.regime.id ? 1 : 0)
  );
}

describe("ledger entries as lines", () => {
  it("read back as written", () => {
    fc.assert(
      fc.property(entry, (e) => {
        const codec = new LedgerCodec();
        expect(codec.decode(codec.encode(e))).toEqual(e);
      }),
    );
  });

  it("sort in ledger order: date, then file, then line, then regime", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 50 }), (entries) => {
        const codec = new LedgerCodec();
        const sorted = entries
          .map((e) => [codec.encode(e), e] as const)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, e]) => e);
        for (let i = 1; i < sorted.length; i++) {
          expect(
            compare(sorted[i - 1] as LedgerEntry, sorted[i] as LedgerEntry),
          ).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

/** Enough records that the sort writes runs to files (16 Mi characters a run). */
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

  it("are removed on Ctrl-C", async () => {
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
    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toBe("capcheck: interrupted\n");
    expect(readdirSync(dir)).toEqual([]);
  }, 90_000);
});
