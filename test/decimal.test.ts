import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  exactTimes,
  formatFixed,
  formatRatio,
  parseDecimal,
  type Ratio,
  readDecimal,
  scaledSmall,
  TOO_SMALL,
  toNano,
} from "../src/domain/decimal.js";
import { addAmount, compareSum, emptySum, sumBarrels, sumShare } from "../src/domain/exact-sum.js";

const value = (text: string) => {
  const r = parseDecimal(text);
  return r === undefined ? undefined : Number(r.num) / Number(r.den);
};

describe("parseDecimal (contract §2 number syntax)", () => {
  it.each([
    ["165000", 165000],
    ["1.5", 1.5],
    ["1.65e5", 165000],
    ["165,000.5", 165000.5],
    ["1,234,567", 1234567],
    [" 42 ", 42],
    ["0", 0],
    ["2.5E-3", 0.0025],
  ])("reads %s", (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    "1.234,5",
    "12abc",
    "NaN",
    "Infinity",
    "-5",
    "1,23",
    "12,3456",
    "",
    "1e",
    "0x10",
    "+5",
    "1 000",
  ])("rejects %j", (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it("tells a value below 10^-400 from no number at all", () => {
    expect(readDecimal("1e-401")).toBe(TOO_SMALL);
    expect(readDecimal(`0.${"0".repeat(400)}1`)).toBe(TOO_SMALL);
    expect(parseDecimal("1e-401")).toBeUndefined();
    expect(readDecimal("12abc")).toBeUndefined();
    expect(readDecimal("-1e-401")).toBeUndefined();
    expect(readDecimal("-0.0")).toEqual({ num: 0n, den: 10n });
    expect(readDecimal("1e-400")).toEqual({ num: 1n, den: 10n ** 400n });
    // Past every limit, read as 10^401 for the callers to refuse as too large.
    expect(readDecimal("1e99999999999999999999")).toEqual({ num: 10n ** 401n, den: 1n });
    expect(readDecimal("0.001e403")).toEqual({ num: 10n ** 400n, den: 1n });
  });

  it("keeps every digit exactly", () => {
    expect(parseDecimal("166666.7")).toEqual({ num: 1666667n, den: 10n });
  });
});

describe("exact sums", () => {
  it("166,666.7 + 166,666.6 + 166,666.7 is exactly 500,000 barrels", () => {
    const sum = ["166666.7", "166666.6", "166666.7"]
      .map((t) => toNano(parseDecimal(t) as NonNullable<ReturnType<typeof parseDecimal>>))
      .reduce((a, b) => a + b, 0n);
    expect(sum).toBe(500_000n * 1_000_000_000n);
  });
  it("a sum of the hot path's Number amounts meets a 500,000-barrel cap exactly", () => {
    // In floating-point barrels this sum is 500,000.00000000006: over the cap.
    const total = emptySum();
    for (const text of ["166666.7", "166666.6", "166666.7"]) {
      addAmount(total, scaledSmall(text) as number);
    }
    expect(compareSum(total, 500_000n * 1_000_000_000n)).toBe(0);
    expect(sumBarrels(total)).toBe(500000);
  });
  it("carries a sum past 2^53 nano-barrels exactly", () => {
    const total = emptySum();
    const amount = Number.MAX_SAFE_INTEGER - 1;
    addAmount(total, amount);
    addAmount(total, amount);
    addAmount(total, 3n);
    expect(compareSum(total, 2n * BigInt(amount) + 3n)).toBe(0);
    expect(compareSum(total, 2n * BigInt(amount) + 2n)).toBe(1);
  });
});

describe("rounding when printing", () => {
  it("rounds half away from zero", () => {
    expect(formatFixed(1_234_500n, 6, 3)).toBe("1.235");
    expect(formatFixed(1_234_499n, 6, 3)).toBe("1.234");
    expect(formatFixed(-1_234_500n, 6, 3)).toBe("-1.235");
  });
  it("shares to 6 decimals", () => {
    const shareOf = (nano: bigint, cap: bigint) => {
      const sum = emptySum();
      addAmount(sum, nano);
      return sumShare(sum, { cap, thresholds: [] });
    };
    expect(shareOf(2n, 3n)).toBe(0.666667);
    expect(shareOf(612_400_500n, 500_000_000n)).toBe(1.224801);
  });
  it("prints factors as short decimals, or to 9 places when they do not terminate", () => {
    expect(formatRatio({ num: 75n, den: 10n })).toBe("7.5");
    expect(formatRatio({ num: 4_000_000n, den: 525_000n })).toBe("7.619047619");
  });
});

describe("the Number short path", () => {
  it("gives exactly the BigInt value whenever it gives one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.stringMatching(/^\d{0,10}$/),
        (whole, fraction) => {
          const text = fraction === "" ? String(whole) : `${whole}.${fraction}`;
          const scaled = scaledSmall(text);
          const exact = parseDecimal(text);
          if (scaled === undefined) return;
          expect(Number.isSafeInteger(scaled)).toBe(true);
          expect(BigInt(scaled)).toBe(toNano(exact as Ratio));
        },
      ),
      { numRuns: 3000 },
    );
    expect(scaledSmall("9007198.999999999")).toBe(9_007_198_999_999_999);
    expect(scaledSmall("9007199")).toBeUndefined();
  });
  it("multiplies exactly or not at all", () => {
    expect(exactTimes(996_500_000_000, 75, 10)).toBe(7_473_750_000_000);
    expect(exactTimes(1, 1, 42)).toBeUndefined();
    expect(exactTimes(9_000_000_000_000_000, 75, 10)).toBeUndefined();
  });
});
