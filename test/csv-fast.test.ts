// The CSV fast path against csv-parse, the reference reader, on generated files:
// quotes (good and malformed), CRLF and CR, BOMs, empty and blank lines, empty
// cells, wide and short rows, multi-byte names, invalid UTF-8, any chunking.
// Same rows, same line numbers, same errors; and through `check`, same report.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../src/index.js";
import { readCsv } from "../src/ingest/csv.js";
import { DEFAULT_MAX_RECORD_BYTES } from "../src/ingest/limits.js";
import { byteChunks } from "../src/ingest/text.js";
import { InputError, type RawRecord } from "../src/ingest/types.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-fast-"));

const NAMES = [
  "date",
  "exporter",
  "product",
  "quantity",
  "unit",
  "barrels",
  "origin",
  "Supplier",
  "note",
  "Ünïcode 名前",
  "x",
  " date ",
];
const PLAIN = [
  "2024-01-05",
  "2023-02",
  "2024-13-01",
  "China",
  "Россия",
  "中国",
  "Russian Federation",
  "diesel",
  "fuel oil",
  "crude",
  "10.5",
  "1,000",
  "-3",
  "t",
  "bbl",
  "",
  " ",
  "\t",
  "a b  c",
];
const QUOTED = [
  '"a,b"',
  '"line\nbreak"',
  '"cr\r\nlf"',
  '"say ""hi"""',
  '""',
  '"2024-01-05"',
  'ab"c',
  '"unclosed',
  '"x"y',
];

const plainCell = fc.constantFrom(...PLAIN);
const cell = fc.oneof(
  { weight: 30, arbitrary: plainCell },
  { weight: 1, arbitrary: fc.constantFrom(...QUOTED) },
);
/** The record size limit: the default, or small enough that some lines pass it. */
const limit = fc.constantFrom(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_RECORD_BYTES, 30, 60, 120);
const ending = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");

/**
 * A CSV file's text: header, rows of any width, blank and empty lines; half the
 * files have no quote at all, so that the fast path reads them whole.
 */
const csvText = fc
  .boolean()
  .chain((quotes) =>
    fc.record({
      delimiter: fc.constantFrom(",", ",", ";", "\t", "|"),
      header: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 8 }),
      quotedHeader: quotes ? fc.boolean() : fc.constant(false),
      lines: fc.array(
        fc.oneof(
          {
            weight: 12,
            arbitrary: fc.array(quotes ? cell : plainCell, { minLength: 1, maxLength: 10 }),
          },
          { weight: 1, arbitrary: fc.constantFrom([], ["   "]) },
        ),
        { maxLength: 40 },
      ),
      endings: fc.array(ending, { minLength: 42, maxLength: 42 }),
      trailingNewline: fc.boolean(),
    }),
  )
  .map(({ delimiter, header, quotedHeader, lines, endings, trailingNewline }) => {
    const head = header.map((name) => (quotedHeader ? `"${name}"` : name)).join(delimiter);
    const all = [head, ...lines.map((cells) => cells.join(delimiter))];
    return all
      .map((line, i) => (i < all.length - 1 || trailingNewline ? line + endings[i] : line))
      .join("");
  });

/** A record as read: where it is, and what it validates to with and without a load factor given. */
interface ReadRecord {
  readonly source: string;
  readonly line: number | null;
  readonly fields: ReturnType<RawRecord["validate"]>;
  readonly withLoadFactor: ReturnType<RawRecord["validate"]>;
}

interface Reading {
  /**
   * The records as read, compared field by field. The fast path hands on a line's
   * values with the field rules already applied (csv-fast.ts readValues), csv-parse
   * its texts: what each validates to is what must be the same.
   */
  rows: ReadRecord[];
  error?: string;
}

const readRecord = (raw: RawRecord): ReadRecord => ({
  source: raw.source,
  line: raw.line,
  fields: raw.validate({ loadFactorGiven: false }),
  withLoadFactor: raw.validate({ loadFactorGiven: true }),
});

async function collect(
  read: (take: (raws: readonly RawRecord[]) => void) => AsyncIterable<number>,
): Promise<Reading> {
  const rows: Reading["rows"] = [];
  let counted = 0;
  try {
    for await (const count of read((raws) => rows.push(...raws.map(readRecord)))) counted += count;
    expect(counted).toBe(rows.length);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // An input error stops the whole run, so the rows before it are never used
    // (and csv-parse holds back a record until it sees past its newline).
    return { rows: [], error: `${error.location}: ${error.message}` };
  }
  return { rows };
}

async function* pieces(text: string, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    // Chunks end on a character boundary, as byteChunks guarantees.
    const at = Math.min(cut, text.length);
    if (at <= start || /[\uDC00-\uDFFF]/.test(text[at] ?? "")) continue;
    yield Buffer.from(text.slice(start, at));
    start = at;
  }
  yield Buffer.from(text.slice(start));
}

let count = 0;
function file(bytes: Buffer): string {
  const path = join(dir, `f${count++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

/** A file as the fast path reads it, and as csv-parse alone does. */
async function readBoth(path: string): Promise<{ fast: Reading; reference: Reading }> {
  const source = { name: path, path };
  const read = (reference: boolean) =>
    collect((take) =>
      readCsv(
        path,
        byteChunks(source),
        { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, reference },
        take,
      ),
    );
  return { fast: await read(false), reference: await read(true) };
}

describe("the CSV fast path reads as csv-parse does", () => {
  it("in any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }),
        limit,
        async (text, cuts, max) => {
          const fast = await collect((take) =>
            readCsv("f.csv", pieces(text, cuts), { maxRecordBytes: max }, take),
          );
          const reference = await collect((take) =>
            readCsv("f.csv", pieces(text, cuts), { maxRecordBytes: max, reference: true }, take),
          );
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("with a delimiter given, ASCII or not (a multi-byte one is split after decoding)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(";", "§", "é", "\u00a0"),
        fc.array(fc.array(plainCell, { minLength: 1, maxLength: 8 }), { maxLength: 20 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 6 }),
        async (delimiter, rows, cuts) => {
          const header = ["date", "exporter", "product", "barrels"].join(delimiter);
          const text = [header, ...rows.map((cells) => cells.join(delimiter))].join("\n");
          const read = (reference: boolean) =>
            collect((take) =>
              readCsv(
                "f.csv",
                pieces(text, cuts),
                {
                  delimiter,
                  reference,
                  maxRecordBytes: DEFAULT_MAX_RECORD_BYTES,
                },
                take,
              ),
            );
          expect(await read(false)).toEqual(await read(true));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("from files with BOMs and invalid UTF-8", async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.boolean(),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xe2, 0x82]))),
        limit,
        async (text, bom, invalid, max) => {
          let bytes = Buffer.from((bom ? "\uFEFF" : "") + text);
          if (invalid !== null) {
            const at = invalid[0] % (bytes.length + 1);
            bytes = Buffer.concat([
              bytes.subarray(0, at),
              Buffer.from(invalid[1]),
              bytes.subarray(at),
            ]);
          }
          const path = file(bytes);
          const source = { name: path, path };
          const fast = await collect((take) =>
            readCsv(path, byteChunks(source), { maxRecordBytes: max }, take),
          );
          const reference = await collect((take) =>
            readCsv(path, byteChunks(source), { maxRecordBytes: max, reference: true }, take),
          );
          expect(fast).toEqual(reference);
        },
      ),
      {
        numRuns: 200,
        // Found by this property: a header problem, then invalid UTF-8 after its newline.
        examples: [["product, date ,Supplier, date \n", true, [561961959, [255]], 1 << 20]],
      },
    );
  });

  it("on files of more than one read chunk", async () => {
    // Long files cross byteChunks' 64 KiB reads, quotes appearing late or never.
    const row = fc.array(cell, { minLength: 7, maxLength: 7 }).map((cells) => cells.join(","));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        ending,
        async (rows, eol) => {
          const body = Array.from({ length: 3000 }, (_, i) => rows[i % rows.length]).join(eol);
          const path = file(
            Buffer.from(`date,exporter,product,quantity,unit,barrels,origin${eol}${body}`),
          );
          const { fast, reference } = await readBoth(path);
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("a spreadsheet's empty rows", () => {
  it("are blank lines on both paths, whatever white space or quotes their cells hold", async () => {
    const text = [
      "date,exporter,barrels,,",
      "2024-01-05,China,5,,",
      ",,,,",
      " , ,\t,\u00A0,",
      ",,",
      '"",,"",,',
      "2024-02-05,China,6,,",
      ",,,,",
      "",
    ].join("\n");
    const { fast, reference } = await readBoth(file(Buffer.from(text)));
    expect(fast).toEqual(reference);
    expect(fast.rows.map((row) => row.line)).toEqual([2, 7]);
    expect(fast.rows.every((row) => !("field" in row.fields))).toBe(true);
  });
});

describe("values worked out once for each distinct text of a column", () => {
  it("stay right past the value table's fresh starts, for long texts and blank lines", async () => {
    // The fast path keeps each column's values by the slot of their text in the value
    // table (value-strings.ts), which starts afresh once 8,192 texts are kept: then
    // every slot is another text's. Quantities, dates and names here pass that several
    // times over and come back after it; some values are invalid, some too long to keep.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 9_000, max: 14_000 }),
        fc.nat(50),
        async (distinct, seed) => {
          const lines = ["date,exporter,product,quantity,unit,barrels,note"];
          for (let i = 0; i < 30_000; i++) {
            const k = (i * 7919 + seed) % distinct;
            const day = `2024-${String((k % 12) + 1).padStart(2, "0")}-${String((k % 28) + 1).padStart(2, "0")}`;
            const name =
              k % 97 === 0
                ? `Exporter with a name longer than thirty-two bytes ${k}`
                : `E${k % 5000}`;
            const unit = k % 1013 === 0 ? "kgs" : k % 2 === 0 ? "t" : "bbl";
            const quantity = k % 701 === 0 ? "-1" : `${k}.${k % 10}`;
            const blank = i % 4999 === 0 ? "\n   " : "";
            lines.push(`${day},${name},diesel,${quantity},${unit},,n${k}${blank}`);
          }
          const path = file(Buffer.from(`${lines.join("\n")}\n`));
          const { fast, reference } = await readBoth(path);
          expect(fast.rows.length).toBe(30_000);
          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 3 },
    );
  });
});

describe("check gives the same report through either reader", () => {
  const row = fc
    .tuple(
      fc.constantFrom("2024-01-05", "2023-02", "2018-12-31", "2024-02-30", ""),
      fc.constantFrom("China", "Россия", "Russian Federation", " Belarus", ""),
      fc.constantFrom("diesel", "fuel oil", "lpg", "kerosene", "petrol"),
      fc.constantFrom("10.5", "7", "", "x", "1e3"),
      fc.constantFrom("t", "bbl", "", "kl"),
    )
    .map((cells) => cells.join(","));

  it("same report, invalid lines and messages", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), async (rows) => {
        const body = `${rows.join("\n")}\n`;
        // A quote in the header sends the whole file through csv-parse.
        const fastPath = join(dir, `r${count++}.csv`);
        writeFileSync(fastPath, `date,exporter,product,quantity,unit\n${body}`);
        const referencePath = join(dir, `r${count++}.csv`);
        writeFileSync(referencePath, `"date",exporter,product,quantity,unit\n${body}`);
        const outcome = async (path: string) => {
          try {
            const report = await check([path], { skipInvalid: true });
            return JSON.parse(JSON.stringify(report).replaceAll(path, "FILE"));
          } catch (error) {
            // The invalid records met before a malformed line must agree too.
            const before = JSON.stringify((error as InputError).invalidBefore ?? null);
            return `${error}\n${before}`.replaceAll(path, "FILE");
          }
        };
        expect(await outcome(fastPath)).toEqual(await outcome(referencePath));
      }),
      { numRuns: 100 },
    );
  });
});

describe("malformed quotes", () => {
  const read = (text: string) =>
    collect((take) =>
      readCsv("f.csv", pieces(text, []), { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES }, take),
    );

  it("name the line the record starts on, blank lines counted", async () => {
    expect((await read('date,exporter\n\n\n"x"y,China\n')).error).toBe(
      "f.csv:4: malformed CSV: text follows a closing quote in a quoted field",
    );
  });

  it("say what is wrong in capcheck's words, not csv-parse's line count", async () => {
    expect((await read('date,exporter\n2024-01-05,China\n2024-01-05,ab"c\n')).error).toBe(
      "f.csv:3: malformed CSV: a quote inside an unquoted field (quote the whole field)",
    );
  });
});
