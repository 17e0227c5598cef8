// The NDJSON fast path (src/ingest/ndjson-flat.ts) against JSON.parse's path, the
// reference, on generated lines: flat and nested objects, escapes, control
// characters, duplicate and case-variant keys, numbers of every JSON form and
// malformed ones, broken syntax. Every line must give the same record: same
// source, line, and the same validation result (fields or problem and message)
// with and without --load-factor; a file read whole must give the same records.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_CONTEXT, type RawRecord } from "../src/domain/validate.js";
import { DEFAULT_MAX_RECORD_BYTES } from "../src/ingest/limits.js";
import { parseLine, readLine, readNdjson } from "../src/ingest/ndjson.js";
import { type FlatLine, flatLine, KeyShapes } from "../src/ingest/ndjson-flat.js";

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

function reading(record: RawRecord) {
  return {
    source: record.source,
    line: record.line,
    results: CONTEXTS.map((context) => record.validate(context)),
  };
}

describe("NDJSON fast path", () => {
  it("reads every generated line as JSON.parse's path does", () => {
    const shapes = new KeyShapes();
    fc.assert(
      fc.property(line, (text) => {
        expect(reading(readLine("f.ndjson", 3, text, shapes))).toEqual(
          reading(parseLine("f.ndjson", 3, text)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a whole file as JSON.parse's path does, line by line", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const text = lines.join("\n");
        const fast: RawRecord[] = [];
        async function* chunks() {
          yield Buffer.from(text);
        }
        for await (const batch of readNdjson("f", chunks(), DEFAULT_MAX_RECORD_BYTES)) {
          fast.push(...batch);
        }
        const reference = lines.flatMap((l, i) =>
          l.trim() === "" ? [] : [parseLine("f", i + 1, l)],
        );
        expect(fast.map(reading)).toEqual(reference.map(reading));
      }),
      { numRuns: 300 },
    );
  });

  it("takes the common flat line, and leaves escapes, nesting and repeated keys to JSON.parse", () => {
    const text = '{"date":"2024-01-05","barrels":1.5e5,"note":null}';
    expect(flatLine(text)).toEqual({
      text,
      keyBounds: [2, 6, 22, 29, 38, 42],
      // A number as its source text (contract §11), as JSON.parse's path reads it too.
      values: ["2024-01-05", "1.5e5", null],
    });
    expect(flatLine('{"note":"a\\nb"}')).toBeUndefined();
    expect(flatLine('{"note":{"a":1}}')).toBeUndefined();
    expect(flatLine('{"barrels":01}')).toBeUndefined();
    const shapes = new KeyShapes();
    const shapeOf = (line: string) => shapes.shapeOf(flatLine(line) as FlatLine);
    expect(shapeOf('{"date":1,"exporter":2}')).not.toBeNull();
    expect(shapeOf('{"date":1,"date":2}')).toBeNull();
    expect(shapeOf('{"date":1,"Date":2}')).toBeNull();
    expect(shapeOf('{"dat":1,"exporter":2}')).not.toBe(shapeOf('{"date":1,"exporter":2}'));
    const twice = readLine("f", 1, '{"date":"2024-01-05","date":"2024-01-06"}', shapes);
    expect(twice.validate(NO_CONTEXT)).toMatchObject({ code: "duplicate_key" });
    const cased = readLine("f", 1, '{"date":"2024-01-05","Date":"2024-01-06"}', shapes);
    expect(cased.validate(NO_CONTEXT)).toMatchObject({ code: "duplicate_field" });
  });
});
