// A long ledger made in two spans of days, the second on a worker thread
// (src/ledger-split.ts): its output is the one-thread output, byte for byte, and
// when the worker fails or its totals disagree, this thread makes the second span.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Aggregator } from "../dist/domain/aggregate.js";
import { emptySum } from "../dist/domain/exact-sum.js";
import { TEXT_LINES } from "../dist/domain/ledger-lines.js";
import { DaySort } from "../dist/external-sort.js";
import { type SpanFormat, splitLedger } from "../dist/ledger-split.js";
import { renderLedgerCsv, renderLedgerJson, renderLedgerNdjson } from "../dist/report/ledger.js";
import { ledgerOfParts } from "./ledger-parts.js";

const record = fc.record({
  date: fc.constantFrom("2018-01-31", "2018-06-02", "2018-12-22", "2024-02-29", "2024-03-01"),
  exporter: fc.constantFrom("China", "china", "Russia", "Ünïcode 名", "a,b", "=1"),
  product: fc.constantFrom("diesel", "crude", "gasoline"),
  // Amounts large enough to cross thresholds and the cap, and past exact Numbers.
  barrels: fc.constantFrom("1", "2.5", "123456.123456789", "300000", "123456789012.123456789"),
  id: fc.option(fc.constantFrom("x", "y,z", 'q"'), { nil: undefined }),
});

type Ledger = Awaited<ReturnType<typeof ledgerOfParts>>;

/** The ledger on one thread. */
function oneThread({ sort, entries, aggregator }: Ledger, format: SpanFormat): string {
  const lines = () => entries.lines(sort.sorted(), aggregator, TEXT_LINES);
  const pieces = {
    csv: () => renderLedgerCsv((form) => entries.lines(sort.sorted(), aggregator, form)),
    ndjson: () => renderLedgerNdjson(lines()),
    json: () => renderLedgerJson(lines()),
  }[format]();
  return Buffer.concat([...pieces].map((piece) => Buffer.from(piece))).toString();
}

/** The ledger in two spans, or undefined when it is too short to split. */
async function twoSpans(ledger: Ledger, format: SpanFormat, aggregator?: Aggregator) {
  const pieces = splitLedger(
    ledger.entries,
    ledger.sort,
    aggregator ?? ledger.aggregator,
    format,
    0,
  );
  if (pieces === undefined) return undefined;
  const bytes: Buffer[] = [];
  for await (const piece of pieces) bytes.push(Buffer.from(piece));
  return Buffer.concat(bytes).toString();
}

const records = fc.array(record, { minLength: 1, maxLength: 40 });

describe("a ledger made in two spans", () => {
  it("is the one-thread ledger: adopted runs, texts past a full table, exact totals", async () => {
    const sorted = vi.spyOn(DaySort.prototype, "sorted");
    let split = 0;
    await fc.assert(
      fc.asyncProperty(
        records,
        records,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<SpanFormat>("csv", "ndjson", "json"),
        async (first, second, run, tableSize, format) => {
          const ledger = await ledgerOfParts(first, second, run, tableSize);
          const expected = oneThread(ledger, format);
          sorted.mockClear();
          const spans = await twoSpans(ledger, format);
          ledger.sort.close();
          if (spans === undefined) return;
          split++;
          expect(spans).toBe(expected);
          // The worker's span was taken: this thread never read from its first day on.
          expect(sorted.mock.calls.filter(([from]) => from !== undefined)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    sorted.mockRestore();
    expect(split).toBeGreaterThan(30);
  }, 120_000);

  const disagreeing = {
    "a worker that fails (no group key for a value)": (aggregator: Aggregator) =>
      Object.assign(Object.create(aggregator), { groupKeys: () => [] }),
    "totals that disagree (the second span started from zero)": (aggregator: Aggregator) =>
      Object.assign(Object.create(aggregator), { totalBefore: () => emptySum() }),
  };
  it.each(Object.keys(disagreeing) as (keyof typeof disagreeing)[])(
    "after %s, is still the one-thread ledger: this thread makes the second span",
    async (name) => {
      const sorted = vi.spyOn(DaySort.prototype, "sorted");
      const rows = (date: string, n: number) =>
        Array.from({ length: n }, (_, i) => ({
          date,
          exporter: i % 2 ? "China" : "Russia",
          product: "diesel",
          barrels: String(1000 + i),
        }));
      const first = [...rows("2018-01-31", 5), ...rows("2018-06-02", 5)];
      const second = [...rows("2018-03-01", 5), ...rows("2018-12-22", 5)];
      for (const format of ["csv", "ndjson", "json"] as const) {
        const ledger = await ledgerOfParts(first, second, 3, 100);
        const expected = oneThread(ledger, format);
        sorted.mockClear();
        const spans = await twoSpans(ledger, format, disagreeing[name](ledger.aggregator));
        const dir = ledger.sort.directory();
        ledger.sort.close();
        expect(spans).toBe(expected);
        expect(sorted.mock.calls.some(([from]) => from !== undefined)).toBe(true);
        expect(() => readdirSync(join(dir))).toThrow();
      }
      sorted.mockRestore();
    },
  );
});
