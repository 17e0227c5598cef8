// Day buckets (src/domain/buckets.ts): a group with records on many days of its
// period adds its plain records into dense per-day sums instead of the buckets; both
// must keep the same days, sums and tallies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Buckets } from "../src/domain/buckets.js";
import { dayOrdinal } from "../src/domain/calendar.js";
import type { Converted } from "../src/domain/convert.js";
import type { ExactSum } from "../src/domain/exact-sum.js";
import { packDays } from "../src/domain/packed-days.js";
import { BUILT_IN_REGIMES } from "../src/domain/regimes.js";
import type { Shipment } from "../src/domain/validate.js";

const FIRST = dayOrdinal(2018, 1, 1);
/** The dense buckets' span (dense sums are made once a sixteenth of its days have records). */
const DAYS = 120;

/** A record of day `n` of 2018 carrying `amount` (a number, a BigInt or a fraction). */
function record(n: number, amount: Converted["nano"], estimated: boolean, monthly: boolean) {
  const ordinal = FIRST + n;
  const day = new Date(ordinal * 86_400_000).toISOString().slice(0, 10);
  const shipment = {
    date: { day, ordinal, monthly, first: day },
    basis: estimated ? "estimated" : "reported",
  } as unknown as Shipment;
  const converted: Converted = { nano: amount, rule: "barrels", atLeast: n % 97 === 0 };
  return { shipment, converted };
}

const amount = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
  fc.integer({ min: 0, max: 20 }),
  fc.constant(Number.MAX_SAFE_INTEGER - 5),
  fc.bigInt({ min: 0n, max: 10n ** 20n }),
  fc.record({ num: fc.bigInt({ min: 0n, max: 10n ** 12n }), den: fc.constantFrom(3n, 7n) }),
);

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * A sum's value as a fraction in lowest terms, whatever part of it is kept in
 * Numbers, BigInts or its fraction (whose zero may be 0/3 as well as 0/1).
 */
const value = (sum: ExactSum) => {
  const num = (BigInt(sum.small) + sum.big) * sum.den + sum.num;
  const g = gcd(num, sum.den);
  return [num / g, sum.den / g];
};

/** The days as values, in date order: how they are kept may differ, what they hold may not. */
const canonical = (buckets: Buckets) =>
  [...buckets.days]
    .sort(([a], [b]) => a - b)
    .map(([ordinal, { day, records, monthly, atLeast, reportedAtLeast, ...sum }]) => ({
      ordinal,
      day,
      records,
      monthly,
      atLeast,
      reportedAtLeast,
      sum: value(sum),
      estimated: value(sum.estimated),
    }));

/** Records of forty days: often enough for dense sums, and days that add up past 2^53. */
const records = fc.array(fc.tuple(fc.nat({ max: 39 }), amount, fc.boolean(), fc.boolean()), {
  minLength: 10,
  maxLength: 300,
  size: "max",
});

/** Buckets of a span of DAYS with the records added. */
function bucketsOf(rows: readonly [number, Converted["nano"], boolean, boolean][]): Buckets {
  const buckets = new Buckets({ first: FIRST, days: DAYS });
  for (const [n, nano, estimated, monthly] of rows) {
    const { shipment, converted } = record(n, nano, estimated, monthly);
    buckets.add(shipment, converted);
  }
  return buckets;
}

describe("Buckets", () => {
  it("keeps the same days, sums, counts and tallies through dense sums as through the Map", () => {
    const regime = BUILT_IN_REGIMES.find((r) => r.id === "unscr2397-refined");
    if (!regime) throw new Error("no refined regime");
    fc.assert(
      fc.property(records, (rows) => {
        const dense = new Buckets({ first: FIRST, days: DAYS });
        const plain = new Buckets();
        for (const [i, [n, nano, estimated, monthly]] of rows.entries()) {
          // Read halfway too: dense sums go into the buckets whenever the days are read.
          if (i === rows.length >> 1) expect(dense.days.size).toBeGreaterThan(0);
          const { shipment, converted } = record(n, nano, estimated, monthly);
          dense.add(shipment, converted);
          plain.add(shipment, converted);
        }
        expect(canonical(dense)).toEqual(canonical(plain));
        expect(dense.series()).toEqual(plain.series());
        const notice = plain.noticeDay(regime);
        expect(dense.noticeDay(regime)).toBe(notice);
        expect(dense.tally(regime, notice)).toEqual(plain.tally(regime, notice));
      }),
      { numRuns: 150 },
    );
  });
  it("keeps every day's sums, counts and flags through packed days, as a worker's cross threads", () => {
    fc.assert(
      fc.property(records, records, (first, second) => {
        const merged = bucketsOf(first);
        merged.absorb(structuredClone(bucketsOf(second).packed()));
        expect(canonical(merged)).toEqual(canonical(bucketsOf([...first, ...second])));
      }),
      { numRuns: 150 },
    );
  });
  it("keeps each group's days apart when a period's groups are packed in one set of arrays", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(records, records), { maxLength: 6 }), (groups) => {
        const packed = structuredClone(packDays(groups.map(([, later]) => bucketsOf(later).days)));
        for (const [i, [first, later]] of groups.entries()) {
          const merged = bucketsOf(first);
          merged.absorb(packed, i);
          expect(canonical(merged)).toEqual(canonical(bucketsOf([...first, ...later])));
        }
      }),
      { numRuns: 150 },
    );
  });
});
