// The ledger's CSV written as bytes (src/report/ledger-csv.ts) against the CSV of
// its text lines, every cell through csvCell: the same bytes for texts past the
// text table, quotes, formulas and other scripts, marks, citations, and numbers
// past what Numbers hold exactly (written from their text).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerLine } from "../dist/domain/ledger-line.js";
import { TEXT_LINES } from "../dist/domain/ledger-lines.js";
import { csvLine } from "../dist/report/csv.js";
import { LEDGER_COLUMNS, renderLedgerCsv } from "../dist/report/ledger.js";
import { type CellBytes, CSV_BYTES, ledgerCsvBytes } from "../dist/report/ledger-csv.js";
import { ledgerOfParts } from "./ledger-parts.js";

const record = fc.record({
  date: fc.constantFrom("2018-01-31", "2018-06-02", "2018-12-22", "2024-02-29", "2024-03-01"),
  exporter: fc.constantFrom(
    "China",
    "Russia",
    "Ünïcode 名",
    "a,b",
    "=1",
    'say "x"',
    "x".repeat(300),
  ),
  product: fc.constantFrom("diesel", "crude", "gasoline", "fuel_oil"),
  quantity: fc.constantFrom("0.5", "1617.25", "999.9999", "123456789012.123456789", "300000"),
  unit: fc.constantFrom("t", "bbl", "kg"),
  id: fc.option(fc.constantFrom("x", "y,z", 'q"', "\u00e9t\u00e9"), { nil: undefined }),
  source: fc.option(fc.constantFrom("UN S/2024/215", "=cmd"), { nil: undefined }),
});
const records = fc.array(record, { minLength: 1, maxLength: 40 });

/** The CSV of lines of plain text, each cell as csvLine makes it. */
function textCsv(lines: Iterable<LedgerLine>): string {
  let csv = csvLine(LEDGER_COLUMNS);
  for (const line of lines) {
    csv += csvLine(LEDGER_COLUMNS.map((column) => String(line[column] ?? "")));
  }
  return csv;
}

/** The bytes renderLedgerCsv gives, as text: each piece copied before the next is made. */
function bytesCsv(pieces: Iterable<string | Uint8Array>): { csv: string; count: number } {
  const copies: Buffer[] = [];
  for (const piece of pieces) copies.push(Buffer.from(piece));
  return { csv: Buffer.concat(copies).toString(), count: copies.length };
}

describe("the ledger's CSV as bytes", () => {
  it("is the CSV of its text lines", async () => {
    let large = 0;
    await fc.assert(
      fc.asyncProperty(
        records,
        records,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 12 }),
        async (first, second, run, tableSize) => {
          const { sort, entries, aggregator } = await ledgerOfParts(first, second, run, tableSize);
          const expected = textCsv(entries.lines(sort.sorted(), aggregator, TEXT_LINES));
          const { csv } = bytesCsv(
            renderLedgerCsv((form) => entries.lines(sort.sorted(), aggregator, form)),
          );
          sort.close();
          expect(csv).toBe(expected);
          if (expected.includes("123456789012")) large++;
        },
      ),
      { numRuns: 80 },
    );
    // Numbers past exact Numbers came through often enough to count.
    expect(large).toBeGreaterThan(20);
  }, 60_000);

  it("writes a row larger than its buffer, and many rows in pieces", () => {
    // No record's row is this long (texts stop at 1,000 characters), but a path or a
    // number's digits have no such bound: the buffer grows for such a row.
    const bytes = CSV_BYTES.cell;
    const line = (i: number, key: string): LedgerLine<CellBytes> => ({
      date: bytes("2024-03-01"),
      file: bytes("f.csv"),
      line: i + 2,
      key: bytes(key),
      product: bytes("diesel"),
      quantity: bytes(`${i}.5`),
      unit: bytes("bbl"),
      barrels: "",
      rule: bytes("barrels"),
      regime: bytes("unscr2397-refined"),
      period: bytes("2024"),
      runningTotal: "9".repeat(30_000),
      share: "",
      barrelsMilli: i * 1000 + 500,
      runningMilli: i === 1500 ? Number.NaN : 2 ** 52 - i,
      shareMicros: i,
      mark: bytes(i === 7 ? "75%" : ""),
      basis: i % 2 ? "estimated" : "reported",
      atLeast: i % 3 === 0,
      source: null,
      id: i % 5 ? null : bytes(`id ${i}`),
    });
    const long = "e".repeat(200_000);
    const lines = Array.from({ length: 3000 }, (_, i) => line(i, i === 1500 ? long : `k${i % 7}`));
    const { csv, count } = bytesCsv(ledgerCsvBytes(lines));
    const expected = lines.map((l) => {
      const text = (cell: CellBytes | null) =>
        cell === null ? "" : Buffer.from(cell.words.buffer, 0, cell.length).toString();
      const number = (units: number, places: number, written: string) => {
        if (Number.isNaN(units)) return written;
        const digits = String(units).padStart(places + 1, "0");
        return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
      };
      return `${[
        text(l.date),
        text(l.file),
        l.line,
        text(l.key),
        text(l.product),
        text(l.quantity),
        text(l.unit),
        number(l.barrelsMilli, 3, l.barrels),
        text(l.rule),
        text(l.regime),
        text(l.period),
        number(l.runningMilli, 3, l.runningTotal),
        number(l.shareMicros, 6, l.share),
        text(l.mark),
        l.basis,
        l.atLeast,
        text(l.source),
        text(l.id),
      ].join(",")}\n`;
    });
    expect(csv).toBe(expected.join(""));
    expect(csv).toContain(`,${long},`);
    expect(count).toBeGreaterThan(3);
  });
});
