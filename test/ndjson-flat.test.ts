// The NDJSON fast path (src/ingest/ndjson-flat.ts) against JSON.parse's path, the
// reference, on generated lines: flat and nested objects, escapes, control
// characters, duplicate and case-variant keys, numbers of every JSON form and
// malformed ones, broken syntax. Every line must give the same record: same
// source, line, and the same validation result (fields or problem and message)
// with and without --load-factor; a file read whole must give the same records,
// however its bytes are cut into chunks and whatever its line endings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_CONTEXT, type RawRecord } from "../src/domain/validate.js";
import { CsvRecord } from "../src/ingest/csv-row.js";
import { DEFAULT_MAX_RECORD_BYTES } from "../src/ingest/limits.js";
import { parseLine, readLine, readNdjson } from "../src/ingest/ndjson.js";
import { FlatReader } from "../src/ingest/ndjson-flat.js";

const KEYS = [
  "date",
  "Date",
  " date ",
  "month",
  "exporter",
  "Supplier",
  "product",
  "quantity",
  "unit",
  "barrels",
  "basis",
  "capacity",
  "load_factor",
  "note",
  "x",
  "__proto__",
  "名前",
  "d\\u0061te",
  'a\\"b',
];
const STRINGS = [
  "2024-01-05",
  "2023-02",
  "2024-13-01",
  "China",
  "中国",
  "diesel",
  "crude",
  "refined",
  "10.5",
  "1,000",
  "-3",
  "t",
  "bbl",
  "estimated",
  "",
  " ",
  "\t",
  "a\\nb",
  "tab\there",
  'q\\"uote',
  "\\u00e9",
];
const NUMBERS = [
  "0",
  "-0",
  "10",
  "165000",
  "1.5e5",
  "1E+3",
  "2.5e-3",
  "-7",
  "100000000000.000000001",
  "12345678901234567890",
  "1e400",
  "0.1",
  "01",
  "1.",
  ".5",
  "+1",
  "1e",
  "-",
  "NaN",
];
const OTHERS = ["true", "false", "null", "nul", "{}", '{"a":1}', "[]", "[1,2]", '"unclosed'];

const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STRINGS).map((s) => `"${s}"`) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHERS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)) },
);
const space = fc.constantFrom("", "", "", " ", "\t", "  ");

/** A line: mostly an object of generated members, sometimes broken or not an object. */
const line = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        members: fc.array(fc.tuple(fc.constantFrom(...KEYS), value, space, space), {
          maxLength: 9,
        }),
        before: space,
        after: space,
      })
      .map(
        ({ members, before, after }) =>
          `${before}{${members.map(([k, v, a, b]) => `${a}"${k}"${b}:${a}${v}${b}`).join(",")}}${after}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "[]",
      "42",
      '"text"',
      "{",
      '{"date":"2024-01-05",}',
      '{"date" "x"}',
      '{"date":"x"} x',
      '{"date":"x"}}',
      '\uFEFF{"date":"x"}',
      "{}",
      '{ "date" : "2024-01-05" , "exporter" : "China" }',
    ),
  },
);

const CONTEXTS = [NO_CONTEXT, { loadFactorGiven: true }];

function reading(record: RawRecord | undefined) {
  return (
    record && {
      source: record.source,
      line: record.line,
      results: CONTEXTS.map((context) => record.validate(context)),
    }
  );
}

/** The reference: JSON.parse's path, a blank line giving no record. */
function reference(source: string, line: number, text: string): RawRecord | undefined {
  return text.trim() === "" ? undefined : parseLine(source, line, text);
}

/** `text` as bytes inside others that must not be read (a line inside its chunk). */
const inChunk = fc.record({ before: fc.constantFrom("", '{"', "}\n", " "), after: space });

/** Reads a whole file cut into chunks at `points` (positions in its bytes). */
async function readFile(bytes: Buffer, points: number[] = []): Promise<RawRecord[]> {
  const cuts = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  async function* chunks() {
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      yield bytes.subarray(start, cut);
      start = cut;
    }
  }
  const records: RawRecord[] = [];
  const take = (raws: readonly RawRecord[]) => records.push(...raws);
  let counted = 0;
  for await (const count of readNdjson("f", chunks(), DEFAULT_MAX_RECORD_BYTES, take))
    counted += count;
  expect(counted).toBe(records.length);
  return records;
}

describe("NDJSON fast path", () => {
  it("reads every generated line as JSON.parse's path does", () => {
    const flat = new FlatReader();
    fc.assert(
      fc.property(line, inChunk, (text, { before, after }) => {
        const bytes = Buffer.from(before + text + after);
        const start = Buffer.byteLength(before);
        const end = start + Buffer.byteLength(text);
        expect(reading(readLine("f.ndjson", 3, bytes, start, end, flat))).toEqual(
          reading(reference("f.ndjson", 3, text)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a whole file as JSON.parse's path does, line by line, however it is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, fc.constantFrom("\n", "\n", "\r\n", "\r")), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, points) => {
          const text = lines.map(([l, ending]) => l + ending).join("");
          const fast = await readFile(Buffer.from(text), points);
          const expected = lines.flatMap(([l], i) => reference("f", i + 1, l) ?? []);
          expect(fast.map(reading)).toEqual(expected.map(reading));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes the common flat line, and leaves escapes, nesting and repeated keys to JSON.parse", () => {
    const flat = new FlatReader();
    const read = (text: string) => {
      const bytes = Buffer.from(text);
      return flat.read("f", 1, bytes, 0, bytes.length);
    };
    const common = read('{"date":"2024-01-05","exporter":"中国","barrels":1.5e5,"note":null}');
    expect(common).toBeInstanceOf(CsvRecord);
    // A number as its source text (contract §11), as JSON.parse's path reads it too.
    expect(common?.validate(NO_CONTEXT)).toMatchObject({
      exporter: "中国",
      barrels: { text: "1.5e5" },
    });
    expect(read('{"note":"a\\nb"}')).toBeUndefined();
    expect(read('{"note":{"a":1}}')).toBeUndefined();
    expect(read('{"barrels":01}')).toBeUndefined();
    expect(read('{"date":"2024-01-05","date":"2024-01-06"}')).toBeUndefined();
    expect(read('{"date":"2024-01-05","Date":"2024-01-06"}')).toBeUndefined();
    // A key that only starts like a known one is another key.
    expect(read('{"dat":"2024-01-05","exporter":"A"}')?.validate(NO_CONTEXT)).toMatchObject({
      code: "missing_field",
    });
    const twice = readLine(
      "f",
      1,
      Buffer.from('{"date":"2024-01-05","date":"2024-01-06"}'),
      0,
      41,
      flat,
    );
    expect(twice?.validate(NO_CONTEXT)).toMatchObject({ code: "duplicate_key" });
  });

  it("reads alike past the most key sequences and values it remembers", async () => {
    // 12,000 key sequences (past the tree's 10,000 nodes; one in 200 with a 30 KB
    // key, past its 1 MiB of keys) and 30,000 values (past the string table's
    // 8,192), each seen a few times, out of order.
    const lines: string[] = [];
    for (let n = 0; n < 36_000; n++) {
      const k = (n * 7919) % 12_000;
      const v = (n * 104_729) % 30_000;
      lines.push(
        `{"date":"2024-01-${String((v % 28) + 1).padStart(2, "0")}","exporter":"E${v}",` +
          `"product":"diesel","barrels":${v},"x${k}${k % 200 === 0 ? "z".repeat(30_000) : ""}":"${"y".repeat(v % 40)}"}`,
      );
    }
    const fast = await readFile(Buffer.from(lines.join("\n")));
    const expected = lines.map((l, i) => parseLine("f", i + 1, l));
    expect(fast.map(reading)).toEqual(expected.map(reading));
  });
  it("keeps one cache of values a field, not one a key sequence (bounded memory)", () => {
    // Every order of seven keys (5,040 sequences, past 10,000 tree nodes): the values
    // of each are kept by their text's slot in the value table, anywhere in its 16,384.
    // Kept for each node, that is an array of thousands of slots for each of 10,000.
    const keys = ["date", "exporter", "product", "quantity", "unit", "origin", "note"];
    const orders: string[][] = [[]];
    for (const key of keys) {
      const longer: string[][] = [];
      for (const order of orders) {
        for (let at = 0; at <= order.length; at++) longer.push(order.toSpliced(at, 0, key));
      }
      orders.splice(0, orders.length, ...longer);
    }
    expect(orders.length).toBe(5040);
    const fixed: Record<string, string> = { date: "2024-01-05", product: "diesel", unit: "t" };
    const value = (key: string, n: number) =>
      fixed[key] ?? (key === "quantity" ? String(n) : `${key}${n}`);
    const flat = new FlatReader();
    const before = process.memoryUsage().heapUsed;
    let n = 0;
    for (const order of orders) {
      for (let copy = 0; copy < 2; copy++, n++) {
        const text = `{${order.map((key) => `"${key}":"${value(key, n % 3000)}"`).join(",")}}`;
        const bytes = Buffer.from(text);
        expect(flat.read("f", n + 1, bytes, 0, bytes.length)?.validate(NO_CONTEXT)).toMatchObject({
          exporter: `exporter${n % 3000}`,
        });
      }
    }
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
  });
});
