// An independent check at scale: 20,000 random records whose exact totals per
// exporter-year are computed here, apart from the code under test.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/index.js";

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXPORTERS = [
  "Russian Federation",
  "China",
  "Belarus",
  "Kazakhstan",
  "Mongolia",
  "Unknown tanker",
];
// Barrels per ton x 10, for reference sums in integers.
const PRODUCTS: [string, bigint][] = [
  ["diesel", 75n],
  ["gasoline", 85n],
  ["kerosene", 78n],
  ["fuel oil", 67n],
  ["lpg", 116n],
  ["", 80n],
];

describe("20,000 random records", () => {
  it("give every exporter-year its exact total", async () => {
    const next = random(2397);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const expected = new Map<string, bigint>(); // thousandths of a barrel
    const lines = ["date,exporter,product,barrels,quantity,unit"];
    for (let i = 0; i < 20_000; i++) {
      const year = 2018 + Math.floor(next() * 7);
      const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
      const exporter = pick(EXPORTERS);
      const [product, factorX10] = pick(PRODUCTS);
      let milli: bigint;
      if (next() < 0.5) {
        const barrelsMilli = BigInt(Math.floor(next() * 50_000_000));
        lines.push(
          `${date},${exporter},${product},${barrelsMilli / 1000n}.${String(barrelsMilli % 1000n).padStart(3, "0")},,`,
        );
        milli = barrelsMilli;
      } else {
        const tonsCenti = BigInt(Math.floor(next() * 1_000_000));
        lines.push(
          `${date},${exporter},${product},,${tonsCenti / 100n}.${String(tonsCenti % 100n).padStart(2, "0")},t`,
        );
        milli = tonsCenti * factorX10; // centi-tons x (bbl/t x 10) = milli-barrels
      }
      const key = `${year}|${exporter}`;
      expected.set(key, (expected.get(key) ?? 0n) + milli);
    }
    const path = join(mkdtempSync(join(tmpdir(), "capcheck-scale-")), "scale.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const report = await check([path], { regimes: ["unscr2397-refined"] });
    expect(report.records).toEqual({
      read: 20_000,
      valid: 20_000,
      invalid: 0,
      uncapped: 0,
      excluded: 0,
      counted: 20_000,
    });
    const got = new Map<string, bigint>();
    for (const p of report.periods ?? []) {
      for (const g of p.groups)
        got.set(`${p.label}|${g.key}`, BigInt(Math.round(g.barrels * 1000)));
    }
    expect(got).toEqual(expected);
    expect(expected.size).toBe(7 * EXPORTERS.length);
  });
});
