// Generated CSV and NDJSON files for the tests of one file read on several threads
// (parallel.test.ts, parallel-ledger.test.ts): spelling variants that fold and
// group, invalid rows, uncapped and straddling records, reported and estimated
// ones, blank lines, BOMs, CRLF, lone CRs, quotes, invalid UTF-8.
import fc from "fast-check";

export const DATES = [
  "2017-12-31",
  "2018-01-01",
  "2018-06-30",
  "2019-12",
  "2019-12-20/2020-01-10",
  "2020-02-29",
  "2024-07-04",
  "2016-05-05",
  "2024-13-01",
];
export const EXPORTERS = [
  "Russia",
  "Russian Federation",
  "china",
  "China",
  " CHINA ",
  "中国",
  "Belarus",
  "Zürich Trading",
];
const PRODUCTS = ["diesel", "crude", "gasoline", "fuel oil", "petrol?"];
const AMOUNTS = [
  ["12.5", "t"],
  ["7000000", "gal"],
  ["3", "bbl"],
  ["0.1", "kl"],
  ["abc", "t"],
  ["5", "furlong"],
  ["1000000000000.000000001", "bbl"],
];
const BASES = ["reported", "estimated", "guessed"];

interface Row {
  date: number;
  exporter: number;
  product: number;
  amount: number;
  basis: number;
  /** 0 plain, 1 a field count off, 2 a blank line before it. */
  shape: number;
}

const row = fc.record({
  date: fc.nat(DATES.length - 1),
  exporter: fc.nat(EXPORTERS.length - 1),
  product: fc.nat(PRODUCTS.length - 1),
  amount: fc.nat(AMOUNTS.length - 1),
  basis: fc.nat(BASES.length - 1),
  shape: fc.oneof(
    { weight: 20, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  ),
});

/** Null four times in five. */
const rarely = (arbitrary: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

export const file = fc.record({
  format: fc.constantFrom("csv", "ndjson"),
  rows: fc.array(row, { minLength: 30, maxLength: 160 }),
  eol: fc.constantFrom("\n", "\r\n", "\n", "\n"),
  /** A quoted exporter (CSV) or an escaped quote (NDJSON) at a row (by index), or none. */
  quoteAt: rarely(fc.nat(200)),
  /** A lone CR somewhere (by row index), or none. */
  loneCr: rarely(fc.nat(200)),
  bom: fc.boolean(),
  delimiter: fc.constantFrom(",", ";", "\t"),
  /** Invalid UTF-8 at a row (by index), or none. */
  badUtf8: rarely(fc.nat(200)),
  threads: fc.integer({ min: 2, max: 4 }),
  skipInvalid: fc.boolean(),
  by: fc.constantFrom("exporter", "product", "basis"),
  scenarios: fc.boolean(),
});

function csvLine(r: Row, delimiter: string, quoted: boolean): string {
  const [quantity, unit] = AMOUNTS[r.amount] as string[];
  const exporter = EXPORTERS[r.exporter] as string;
  const cells = [
    DATES[r.date],
    quoted ? `"${exporter}"` : exporter,
    PRODUCTS[r.product],
    quantity,
    unit,
    BASES[r.basis],
  ];
  if (r.shape === 1) cells.push("extra");
  return cells.join(delimiter);
}

function ndjsonLine(r: Row, quoted: boolean): string {
  const [quantity, unit] = AMOUNTS[r.amount] as string[];
  const record: Record<string, unknown> = {
    date: DATES[r.date],
    exporter: EXPORTERS[r.exporter],
    product: PRODUCTS[r.product],
    quantity: r.amount === 2 ? Number(quantity) : quantity,
    unit,
    basis: BASES[r.basis],
  };
  if (r.shape === 1) record.extra = [1];
  // A quote in NDJSON is no reason to read on: every line feed ends a record.
  if (quoted) record.exporter = `${EXPORTERS[r.exporter]} "Ltd"`;
  return JSON.stringify(record);
}

export type Case = typeof file extends fc.Arbitrary<infer T> ? T : never;

export function bytesOf(c: Case): Buffer {
  const lines = c.rows.map((r, i) => {
    const quoted = c.quoteAt === i;
    const text = c.format === "csv" ? csvLine(r, c.delimiter, quoted) : ndjsonLine(r, quoted);
    return r.shape === 2 ? `${c.eol}${text}` : text;
  });
  if (c.format === "csv") {
    lines.unshift(["date", "exporter", "product", "quantity", "unit", "basis"].join(c.delimiter));
  }
  const parts: Buffer[] = [];
  if (c.bom) parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  for (const [i, line] of lines.entries()) {
    parts.push(Buffer.from(line));
    if (c.badUtf8 === i) parts.push(Buffer.from([0xc3, 0x28]));
    parts.push(Buffer.from(c.loneCr === i ? "\r" : c.eol));
  }
  return Buffer.concat(parts);
}
