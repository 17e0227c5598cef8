// Contract §8 as properties: nothing lost, order and file splits never matter,
// and the totals are exact against a reference sum written here.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-props-"));
let count = 0;

function writeCsv(rows: readonly string[]): string {
  const path = join(dir, `p${count++}.csv`);
  writeFileSync(path, `date,exporter,product,barrels,quantity,unit\n${rows.join("\n")}\n`);
  return path;
}

const exporters = ["Russian Federation", "russian federation", "China", "  China ", "Belarus"];
const products = ["diesel", "gasoline", "fuel oil", "", "crude", "lpg"];

/** Thousandths of a barrel or ton, so a reference sum can be kept in integers. */
const milli = fc.bigInt({ min: 0n, max: 400_000_000n });

interface Row {
  day: string;
  exporter: string;
  product: string;
  /** Barrels as given, or tons when `tons` is set, in thousandths. */
  amount: bigint;
  tons: boolean;
}

const day = fc
  .record({
    y: fc.integer({ min: 2017, max: 2025 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

// Tons carry at most two decimals, so that with one-decimal factors every barrel
// figure has at most three and the printed report is exact too.
const row: fc.Arbitrary<Row> = fc
  .record({
    day,
    exporter: fc.constantFrom(...exporters),
    product: fc.constantFrom(...products),
    amount: milli,
    tons: fc.boolean(),
  })
  .map((r) => (r.tons ? { ...r, amount: r.amount - (r.amount % 10n) } : r));

const decimal = (m: bigint) => `${m / 1000n}.${String(m % 1000n).padStart(3, "0")}`;

function csvRow(r: Row): string {
  const q = decimal(r.amount);
  return r.tons
    ? `${r.day},${r.exporter},${r.product},,${q},t`
    : `${r.day},${r.exporter},${r.product},${q},,`;
}

const BAD_ROWS = [
  "2024-02-30,X,diesel,1,,",
  "2024-01-01,,diesel,1,,",
  "2024-01-01,X,diesel,-1,,",
  "2024-01-01,X,,,5,",
  "x",
];

describe("nothing lost (contract §8)", () => {
  it("read = valid + invalid for any mix of good and bad rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(row.map(csvRow), fc.constantFrom(...BAD_ROWS)), { maxLength: 40 }),
        async (rows) => {
          const report = await check([writeCsv(rows)], { skipInvalid: true, allowEmpty: true });
          const bad = rows.filter((r) => BAD_ROWS.includes(r)).length;
          expect(report.records.read).toBe(rows.length);
          expect(report.records.invalid).toBe(bad);
          expect(report.records.valid + report.records.invalid).toBe(report.records.read);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("order and splits never matter", () => {
  it("any permutation of the records over any split into files gives the same report", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(row, { minLength: 1, maxLength: 30 })
          .chain((rows) =>
            fc.tuple(
              fc.constant(rows),
              fc.shuffledSubarray(rows, { minLength: rows.length }),
              fc.integer({ min: 1, max: 4 }),
            ),
          ),
        async ([rows, shuffled, parts]) => {
          const one = await check([writeCsv(rows.map(csvRow))], { allowEmpty: true });
          const files: string[] = [];
          const size = Math.ceil(shuffled.length / parts);
          for (let i = 0; i < shuffled.length; i += size)
            files.push(writeCsv(shuffled.slice(i, i + size).map(csvRow)));
          const split = await check(files, { allowEmpty: true });
          expect(split.periods).toEqual(one.periods);
          expect(split.verdict).toBe(one.verdict);
          expect(split.records).toEqual(one.records);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Thousandths of a barrel per thousandth of a ton, times 10 (factors have one decimal). */
const FACTOR_X10: Record<string, bigint> = {
  diesel: 75n,
  gasoline: 85n,
  "fuel oil": 67n,
  "": 80n,
  lpg: 116n,
};

describe("exact totals", () => {
  it("equal a BigInt reference sum, and the groups add up to the total", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          row.filter((r) => r.product !== "crude"),
          { minLength: 1, maxLength: 40 },
        ),
        async (rows) => {
          const report = await check([writeCsv(rows.map(csvRow))], {
            regimes: ["unscr2397-refined"],
            allowEmpty: true,
          });
          // Reference: ten-thousandths of a barrel per exporter-year, kept as BigInt.
          const expected = new Map<string, bigint>();
          for (const r of rows) {
            if (r.day < "2018") continue;
            const tenThousandths = r.tons
              ? r.amount * (FACTOR_X10[r.product] as bigint)
              : r.amount * 10n;
            const key = `${r.day.slice(0, 4)}|${r.exporter.trim().toLowerCase()}`;
            expected.set(key, (expected.get(key) ?? 0n) + tenThousandths);
          }
          for (const period of report.periods ?? []) {
            let groupSum = 0n;
            for (const g of period.groups) {
              const got = BigInt(Math.round(g.barrels * 10_000));
              expect(got).toBe(expected.get(`${period.label}|${g.key.toLowerCase()}`));
              groupSum += got;
            }
            expect(BigInt(Math.round(period.total.barrels * 10_000))).toBe(groupSum);
          }
          const periodsSeen = new Set(
            (report.periods ?? []).flatMap((p) =>
              p.groups.map((g) => `${p.label}|${g.key.toLowerCase()}`),
            ),
          );
          expect(periodsSeen).toEqual(new Set(expected.keys()));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a volume in kl, l or gal gives the same barrels as the same volume in barrels", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: 10_000_000_000n }), async (m) => {
        // m thousandths of a barrel = m x 42 thousandths of a gallon = m x 158.987294928 mL.
        const barrels = decimal(m);
        const gal = decimal(m * 42n);
        const litres = `${(m * 158_987_294_928n) / 10n ** 12n}.${String((m * 158_987_294_928n) % 10n ** 12n).padStart(12, "0")}`;
        const kl = `${(m * 158_987_294_928n) / 10n ** 15n}.${String((m * 158_987_294_928n) % 10n ** 15n).padStart(15, "0")}`;
        const rows = [
          `2024-01-01,A,,${barrels},,`,
          `2024-01-01,B,,,${gal},gal`,
          `2024-01-01,C,,,${litres},l`,
          `2024-01-01,D,,,${kl},kl`,
        ];
        const report = await check([writeCsv(rows)]);
        const values = report.periods?.[0]?.groups.map((g) => g.barrels);
        expect(values).toEqual([
          Number(barrels),
          Number(barrels),
          Number(barrels),
          Number(barrels),
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});
