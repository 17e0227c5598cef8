// The ledger's hot paths against the plain ones they stand in for: running totals
// in Numbers against exact sums, a barrels amount's text in Numbers against BigInt,
// CSV cells passed as they are against the full escaping, and the bounded text table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Amount,
  addAmount,
  amountBarrelsText,
  emptySum,
  integerText,
  sumBarrelsText,
  sumShareText,
} from "../src/domain/exact-sum.js";
import { RunningTotal } from "../src/domain/running-total.js";
import { safeText } from "../src/domain/sanitize.js";
import { TextTable } from "../src/domain/text-table.js";
import { csvCell } from "../src/report/csv.js";

const amount: fc.Arbitrary<Amount> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 10 ** 13 }) },
  { weight: 2, arbitrary: fc.maxSafeNat() },
  // Halves of a thousandth and of a millionth, where rounding is decided.
  { weight: 2, arbitrary: fc.nat({ max: 10 ** 6 }).map((n) => n * 500_000) },
  { weight: 1, arbitrary: fc.nat({ max: 10 ** 9 }).map((n) => n * 500) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 53n, max: 10n ** 22n }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.constantFrom(3n, 7n, 9n))
      .filter(([num, den]) => num % den !== 0n)
      .map(([num, den]) => ({ num, den })),
  },
);

const CAPS = [500_000n * 10n ** 9n, 4_000_000n * 10n ** 9n, 10n ** 9n, 3n, 7_000_001n, 2n ** 60n];
/** Thresholds as regimes give them: whole millionths (75, 90, 95 %) and one that is not (a third). */
const THRESHOLDS = [
  { num: 3n, den: 4n },
  { num: 9n, den: 10n },
  { num: 19n, den: 20n },
  { num: 1n, den: 3n },
];
/** A share of `cap`, against THRESHOLDS. */
const of = (cap: bigint) => ({ cap, thresholds: THRESHOLDS.map((share) => ({ share })) });

describe("RunningTotal", () => {
  it("prints what an exact sum of the same amounts prints, after every amount", () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 60 }), fc.constantFrom(...CAPS), (amounts, cap) => {
        const running = new RunningTotal();
        const exact = emptySum();
        for (const a of amounts) {
          running.add(a);
          addAmount(exact, a);
          expect(running.barrelsText()).toBe(sumBarrelsText(exact));
          expect(running.shareText(of(cap))).toBe(sumShareText(exact, of(cap)));
          expect(sumBarrelsText(running.sum())).toBe(sumBarrelsText(exact));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("rounds a share of exactly half a millionth up, and one just below it down", () => {
    const cap = 10n ** 9n; // one barrel: a share's millionth is 1,000 nano-barrels
    const half = new RunningTotal();
    half.add(500);
    expect(half.shareText(of(cap))).toBe("0.000001");
    const below = new RunningTotal();
    below.add(499);
    expect(below.shareText(of(cap))).toBe("0.000000");
    const large = new RunningTotal();
    large.add(2 ** 52);
    large.add(2 ** 52);
    large.add(500);
    expect(large.shareText(of(cap))).toBe(sumShareText(large.sum(), of(cap)));
    expect(large.barrelsText()).toBe("9007199.255");
    // Past 2^52 / 1000 whole barrels, the exact sum carries on.
    const huge = new RunningTotal();
    for (let i = 0; i < 1_100_000; i++) huge.add(2 ** 52);
    huge.add(1);
    const exact = emptySum();
    exact.big = 1_100_000n * 2n ** 52n + 1n;
    expect(huge.barrelsText()).toBe(sumBarrelsText(exact));
    expect(huge.shareText(of(CAPS[0] as bigint))).toBe(sumShareText(exact, of(CAPS[0] as bigint)));
  });
});

describe("a share at and over the cap (contract §11)", () => {
  const CAP = 500_000n * 10n ** 9n;
  const shares = (nano: bigint) => {
    const exact = emptySum();
    exact.big = nano;
    const running = new RunningTotal();
    running.add(Number(nano));
    return [sumShareText(exact, of(CAP)), running.shareText(of(CAP))];
  };

  it("reads 1.000000 exactly at the cap, and more than 1 a nano-barrel over it", () => {
    expect(shares(CAP)).toEqual(["1.000000", "1.000000"]);
    expect(shares(CAP + 1n)).toEqual(["1.000001", "1.000001"]);
    // Half a millionth over rounds up as ever; under the cap rounds to 1, not over it.
    expect(shares(CAP + CAP / 2_000_000n)).toEqual(["1.000001", "1.000001"]);
    expect(shares(CAP + CAP / 1_000_000n)).toEqual(["1.000001", "1.000001"]);
    expect(shares(CAP - 1n)).toEqual(["1.000000", "1.000000"]);
    // A fraction of a nano-barrel over (a third of a litre's worth, say).
    const third = emptySum();
    addAmount(third, Number(CAP));
    addAmount(third, { num: 1n, den: 3n });
    expect(sumShareText(third, of(CAP))).toBe("1.000001");
  });

  it("reads over 1 exactly when the total is over the cap, whatever the cap", () => {
    const near = fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n });
    fc.assert(
      fc.property(fc.constantFrom(...CAPS), near, (cap, offset) => {
        const nano = cap + offset < 0n ? 0n : cap + offset;
        const exact = emptySum();
        exact.big = nano;
        const running = new RunningTotal(exact);
        for (const text of [sumShareText(exact, of(cap)), running.shareText(of(cap))]) {
          expect(Number(text) > 1).toBe(nano > cap);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a share near a threshold (contract §11)", () => {
  it("reads at or over a threshold only when the total reached it, whatever the cap", () => {
    const near = fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n });
    const threshold = fc.constantFrom(...THRESHOLDS);
    fc.assert(
      fc.property(fc.constantFrom(...CAPS), threshold, near, (cap, share, offset) => {
        const at = (cap * share.num) / share.den;
        const nano = at + offset < 0n ? 0n : at + offset;
        const exact = emptySum();
        exact.big = nano;
        const running = new RunningTotal(exact);
        const reached = nano * share.den >= share.num * cap;
        for (const text of [sumShareText(exact, of(cap)), running.shareText(of(cap))]) {
          const readsReached = BigInt(text.replace(".", "")) * share.den >= share.num * 10n ** 6n;
          // A threshold between two millionths (a third) is never read as reached
          // before it is; one of whole millionths is read as reached exactly when it is.
          if ((share.num * 10n ** 6n) % share.den === 0n) expect(readsReached).toBe(reached);
          else if (readsReached) expect(reached).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("reads 0.749999 for 74.99998 %, and 0.750000 from exactly 75 % on", () => {
    const CAP = 500_000n * 10n ** 9n;
    const shares = (barrels: bigint) => {
      const exact = emptySum();
      exact.big = barrels * 10n ** 6n; // thousandths of a barrel
      return [sumShareText(exact, of(CAP)), new RunningTotal(exact).shareText(of(CAP))];
    };
    expect(shares(374_999_900n)).toEqual(["0.749999", "0.749999"]);
    expect(shares(374_999_750n)).toEqual(["0.749999", "0.749999"]);
    expect(shares(374_999_749n)).toEqual(["0.749999", "0.749999"]);
    expect(shares(375_000_000n)).toEqual(["0.750000", "0.750000"]);
    expect(shares(375_000_100n)).toEqual(["0.750000", "0.750000"]);
    expect(shares(449_999_800n)).toEqual(["0.899999", "0.899999"]);
    // Away from a threshold, half up as ever.
    expect(shares(374_999_250n)).toEqual(["0.749999", "0.749999"]);
    expect(shares(374_999_249n)).toEqual(["0.749998", "0.749998"]);
  });
});

describe("integerText", () => {
  it("writes a safe integer as String does", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: 100_000 }), fc.maxSafeNat()), (n) => {
        expect(integerText(n)).toBe(String(n));
      }),
    );
    for (const n of [0, 999, 1000, 1001, 1_000_000, 10 ** 15])
      expect(integerText(n)).toBe(String(n));
  });
});

describe("amountBarrelsText", () => {
  it("prints a Number amount as the same amount in BigInt prints", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.maxSafeNat(),
          fc.nat({ max: 10 ** 7 }).map((n) => n * 500),
        ),
        (n) => {
          expect(amountBarrelsText(n)).toBe(amountBarrelsText(BigInt(n)));
        },
      ),
    );
  });
});

/** csvCell as it was before its short cut for plain cells. */
function fullCsvCell(value: string): string {
  const text = safeText(value);
  const formula = /^[=+\-@\t\r]/;
  const safe = formula.test(text) || formula.test(value) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

describe("csvCell", () => {
  it("escapes as the full rules do, whatever the text", () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: "binary" })), (value) => {
        expect(csvCell(value)).toBe(fullCsvCell(value));
      }),
      { numRuns: 2000 },
    );
    for (const value of [
      "",
      "=1+1",
      "-5",
      "+1",
      "@x",
      "a,b",
      'say "hi"',
      "x\u0085",
      "\u001b[31m",
    ]) {
      expect(csvCell(value)).toBe(fullCsvCell(value));
    }
  });
});

describe("TextTable", () => {
  it("numbers each text once, and refuses new texts once full", () => {
    const table = new TextTable(4, 100);
    expect(["a", "b", "a", "", "c", "b"].map((t) => table.id(t))).toEqual([1, 2, 1, 0, 3, 2]);
    expect(table.id("d")).toBe(-1);
    expect(table.id("c")).toBe(3);
    expect(table.id("")).toBe(0);
    expect(table.texts).toEqual(["", "a", "b", "c"]);
  });

  it("refuses a text that would take it past its characters", () => {
    const table = new TextTable(10, 5);
    expect(table.id("abc")).toBe(1);
    expect(table.id("def")).toBe(-1);
    expect(table.id("de")).toBe(2);
  });
});
