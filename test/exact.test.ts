// Exact at the boundary (contract §3, §11): sums and every comparison with a cap or
// a threshold are exact rationals, rounded only when printed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRecords } from "../src/domain/check.js";
import {
  addAmount,
  amountFromText,
  amountOf,
  amountText,
  compareSum,
  emptySum,
  sumBarrelsText,
  sumShareText,
} from "../src/domain/exact-sum.js";
import type { PeriodReport, Report } from "../src/domain/report.js";
import { recordsFromObjects } from "../src/ingest/raw-records.js";
import { type CheckOptions, resolveCheckOptions } from "../src/options.js";
import { capcheck } from "./helpers.js";

type Row = Record<string, unknown>;

async function checkRows(rows: Row[], options: CheckOptions = {}): Promise<Report> {
  return checkRecords(recordsFromObjects(rows), await resolveCheckOptions(options));
}

const periodsOf = (report: Report): PeriodReport[] => report.periods ?? [];

describe("the issue's examples", () => {
  it("three records of 7,000,000 US gal are exactly 500,000 bbl: notice, not exceeded", async () => {
    const rows = ["2024-01-01", "2024-01-02", "2024-01-03"].map((date) => ({
      date,
      exporter: "A",
      quantity: "7000000",
      unit: "gal",
    }));
    const report = await checkRows(rows);
    const total = periodsOf(report)[0]?.total;
    expect(total).toMatchObject({ barrels: 500000, share: 1, status: "notice", exceededOn: null });
    expect(report.verdict).toBe("notice");
    const one = await checkRows([{ ...rows[0], quantity: "21000000" }]);
    expect(periodsOf(one)[0]?.total.status).toBe("notice");
  });
  it("175,000 + 175,000 + 43,750 t of crude are exactly 75 % of the crude cap", async () => {
    const rows = [
      ["2024-01-01", "175000"],
      ["2024-01-02", "175000"],
      ["2024-01-03", "43750"],
    ].map(([date, tons]) => ({ date, exporter: "A", product: "crude", quantity: tons, unit: "t" }));
    const total = periodsOf(await checkRows(rows))[0]?.total;
    expect(total).toMatchObject({ barrels: 3000000, share: 0.75, status: "notice" });
    expect(total?.reached).toEqual({ "75": "2024-01-03", "90": null, "95": null });
  });
  it("166,666.7 + 166,666.6 + 166,666.7 bbl are 500,000 bbl, within the cap", async () => {
    const rows = ["166666.7", "166666.6", "166666.7"].map((barrels, i) => ({
      date: `2024-01-0${i + 1}`,
      exporter: "A",
      barrels,
    }));
    expect(periodsOf(await checkRows(rows))[0]?.total.status).toBe("notice");
  });
  it("a litre short of the cap, in litres, stays within it; a litre over exceeds it", async () => {
    // 500,000 bbl = 79,493,647.464 L exactly.
    const at = (litres: string) =>
      checkRows([{ date: "2024-01-01", exporter: "A", quantity: litres, unit: "l" }]);
    expect(periodsOf(await at("79493647.464"))[0]?.total.status).toBe("notice");
    expect(periodsOf(await at("79493647.4640000001"))[0]?.total.status).toBe("exceeded");
  });
});

describe("exact sums", () => {
  it("add fractions of nano-barrels exactly and compare them with a cap", () => {
    const sum = emptySum();
    // A third of a barrel, three times: exactly one barrel.
    for (let i = 0; i < 3; i++) addAmount(sum, amountOf({ num: 1n, den: 3n }));
    expect(compareSum(sum, 1_000_000_000n)).toBe(0);
    expect(sumBarrelsText(sum)).toBe("1.000");
    addAmount(sum, 1);
    expect(compareSum(sum, 1_000_000_000n)).toBe(1);
    expect(sumShareText(sum, { cap: 3_000_000_000n, thresholds: [] })).toBe("0.333333");
  });
  it("write amounts as text for the ledger and read them back unchanged", () => {
    for (const amount of [0, 123, 2n ** 80n, { num: 4_000_000_000_000_000n, den: 3n }]) {
      expect(amountFromText(amountText(amount))).toEqual(amount);
    }
  });
  it("the ledger prints the exact running total of crude tons", () => {
    const run = capcheck(["ledger", "--format", "csv", "-"], {
      input:
        "date,exporter,product,quantity,unit\n2024-01-01,A,crude,175000,t\n2024-01-02,A,crude,175000,t\n2024-01-03,A,crude,43750,t\n",
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[3]).toContain(",3000000.000,0.750000,75");
  });
});

/** Decimal text of n × 10^-15, trailing zeros dropped. */
function decimal15(n: bigint): string {
  const whole = n / 10n ** 15n;
  const fraction = String(n % 10n ** 15n)
    .padStart(15, "0")
    .replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** Units per barrel, × 10^12 (all exact decimals): gal, l, kl, and crude tons (21/160). */
const UNITS = [
  { unit: "gal", product: "diesel", perBarrel: 42n * 10n ** 12n, cap: 500_000n },
  { unit: "l", product: "diesel", perBarrel: 158_987_294_928_000n, cap: 500_000n },
  { unit: "kl", product: "diesel", perBarrel: 158_987_294_928n, cap: 500_000n },
  { unit: "t", product: "crude", perBarrel: 131_250_000_000n, cap: 4_000_000n },
] as const;

/** Splits n into non-negative parts that add up to n, at cut points taken from `cuts`. */
function split(n: bigint, cuts: readonly bigint[]): bigint[] {
  const points = cuts.map((c) => c % (n + 1n));
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: bigint[] = [];
  let previous = 0n;
  for (const p of sorted) {
    parts.push(p - previous);
    previous = p;
  }
  parts.push(n - previous);
  return parts;
}

/** What splitting must never change: statuses, verdict, threshold and over-cap dates. */
function decisions(report: Report) {
  return {
    verdict: report.verdict,
    periods: periodsOf(report).map((p) => ({
      label: p.label,
      tallies: [p.total, ...p.groups].map((t) => [t.status, t.reached, t.exceededOn]),
    })),
  };
}

/** A cut point, any quantity's worth of 10^-15 units. */
const CUT = fc.bigInt({ min: 0n, max: 10n ** 40n });

describe("splitting a record", () => {
  it("into several whose quantities add up exactly never changes a decision", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...UNITS),
        fc.constantFrom(75n, 90n, 95n, 100n),
        fc.constantFrom(-1n, 0n, 0n, 0n, 1n),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), fc.constantFrom("A", "B")), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.array(CUT, { maxLength: 8 }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.array(CUT, { minLength: 7, maxLength: 7 }),
        async (unit, percent, nudge, records, partCuts, recordCuts) => {
          // The total, in thousandths of a barrel: a threshold or the cap, or a thousandth either side.
          const milli = (unit.cap * 1000n * percent) / 100n + nudge;
          const total15 = milli * unit.perBarrel; // units × 10^15
          const quantities = split(total15, recordCuts.slice(0, records.length - 1));
          const row = (i: number, quantity: bigint): Row => ({
            date: `2024-02-${String(records[i]?.[0]).padStart(2, "0")}`,
            exporter: records[i]?.[1],
            product: unit.product,
            quantity: decimal15(quantity),
            unit: unit.unit,
          });
          const whole = quantities.map((q, i) => row(i, q));
          const parts = quantities.flatMap((q, i) =>
            split(q, partCuts[i] ?? []).map((part) => row(i, part)),
          );
          const [one, many] = [await checkRows(whole), await checkRows(parts)];
          expect(decisions(many)).toEqual(decisions(one));
          const expected =
            nudge > 0n && percent === 100n
              ? "exceeded"
              : nudge < 0n && percent === 75n
                ? "ok"
                : "notice";
          expect(periodsOf(one)[0]?.total.status).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
