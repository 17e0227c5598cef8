// The sort by day behind the ledger (contract §15): any records, any run size, the
// order of a stable sort by day in memory, every column read back as written, and
// no temporary file left behind.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DaySort, readRuns, type SortedRecord } from "../src/external-sort.js";

let previous: string | undefined;
let dir: string;

beforeEach(() => {
  previous = process.env.TMPDIR;
  dir = mkdtempSync(join(tmpdir(), "capcheck-sort-test-"));
  process.env.TMPDIR = dir;
});

afterEach(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

const SHAPE = { ints: 2, numbers: 2, texts: 3 };

interface Row {
  day: number;
  ints: number[];
  numbers: number[];
  texts: string[];
}

// Texts of every kind: Latin-1, wider characters, lone surrogates, control characters, none.
const text = fc.oneof(
  fc.constant(""),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom("\ud800", "a\udfffb", "名前", "\u0000\u0001", "Ünïcode"),
);

const row: fc.Arbitrary<Row> = fc.record({
  // Few days, so that many records share one.
  day: fc.integer({ min: 99_000, max: 99_012 }),
  ints: fc.tuple(fc.integer({ min: -1, max: 2 ** 31 - 1 }), fc.integer()),
  numbers: fc.tuple(
    fc.oneof(fc.double(), fc.constant(Number.NaN), fc.maxSafeInteger()),
    fc.oneof(fc.double(), fc.constant(-0)),
  ),
  texts: fc.tuple(text, text, text),
});

function fill<Tag>(sort: DaySort<Tag>, rows: readonly Row[]): void {
  for (const r of rows) {
    const at = sort.add(r.day);
    const { ints, numbers, texts } = sort.columns;
    r.ints.forEach((v, c) => {
      (ints[c] as Int32Array)[at] = v;
    });
    r.numbers.forEach((v, c) => {
      (numbers[c] as Float64Array)[at] = v;
    });
    r.texts.forEach((v, c) => {
      (texts[c] as string[])[at] = v;
    });
  }
}

function read({ columns, at }: SortedRecord): Row {
  return {
    day: columns.days[at] as number,
    ints: columns.ints.map((c) => c[at] as number),
    numbers: columns.numbers.map((c) => c[at] as number),
    texts: columns.texts.map((c) => c[at] as string),
  };
}

/** The records read one by one: the sort hands out one record object, moved on each time. */
function all<Tag>(sort: DaySort<Tag>): Row[] {
  const rows: Row[] = [];
  for (const record of sort.sorted()) rows.push(read(record));
  return rows;
}

describe("DaySort", () => {
  it("gives the days from one day up to another, also to another thread's reader (readRuns)", () => {
    fc.assert(
      fc.property(
        // Runs of up to 3,000 records: several 1,024-record chunks, some passed over unread.
        fc.array(row, { minLength: 1, maxLength: 4000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 98_999, max: 99_013 }),
        fc.integer({ min: 98_999, max: 99_013 }),
        (rows, run, from, until) => {
          const sort = new DaySort(SHAPE, run);
          fill(sort, rows);
          const expected = [...rows].sort((a, b) => a.day - b.day);
          // Each record is read as it comes: the readers hand out one object, moved on.
          const span = Array.from(sort.sorted(from, until), read);
          expect(span).toEqual(expected.filter((r) => r.day >= from && r.day < until));
          sort.flush();
          const fromOn = Array.from(
            readRuns(sort.runs(), SHAPE, from, () => () => {}),
            read,
          );
          expect(fromOn).toEqual(expected.filter((r) => r.day >= from));
          expect(all(sort)).toEqual(expected);
          sort.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("writes an integer column of one value once a chunk, and no lengths for a text column without text", () => {
    const rows: Row[] = Array.from({ length: 3000 }, (_, k) => ({
      day: 99_000 + (k % 7),
      ints: [5, -1],
      numbers: [k, 0.5],
      texts: ["", "", ""],
    }));
    const sort = new DaySort(SHAPE, 3000);
    fill(sort, rows);
    sort.flush();
    // Three chunks (1,024, 1,024, 952 records): a 24-byte header and the two values
    // (8 bytes each) a chunk, then a day (4 bytes) and two numbers (16) a record.
    expect(sort.runs().map((run) => run.size)).toEqual([3 * (24 + 16) + 3000 * (4 + 16)]);
    expect(all(sort)).toEqual([...rows].sort((a, b) => a.day - b.day));
    sort.close();
  });

  it("reads back chunks whose columns are of one value in some and not in others", () => {
    // Integers of one or two values, texts mostly empty: chunks of every mix.
    const sparse: fc.Arbitrary<Row> = fc.record({
      day: fc.integer({ min: 99_000, max: 99_003 }),
      ints: fc.tuple(fc.constantFrom(-1, 2 ** 31 - 1), fc.constant(4)),
      numbers: fc.tuple(fc.double(), fc.constant(Number.NaN)),
      texts: fc.tuple(fc.constant(""), fc.oneof(fc.constant(""), fc.constant(""), text), text),
    });
    fc.assert(
      fc.property(
        fc.array(sparse, { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 2500 }),
        fc.boolean(),
        (rows, run, sameFirst) => {
          const input = sameFirst ? rows.map((r) => ({ ...r, ints: [7, 4] })) : rows;
          const sort = new DaySort(SHAPE, run);
          fill(sort, input);
          expect(all(sort)).toEqual([...input].sort((a, b) => a.day - b.day));
          sort.close();
        },
      ),
      { numRuns: 30 },
    );
  });

  it("merges runs of a level side by side, a few at a time: few files, the same order", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 300 }),
        fc.array(row, { maxLength: 300 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 2, max: 4 }),
        (first, later, run, fanIn) => {
          const sort = new DaySort<number>(SHAPE, run, undefined, fanIn);
          fill(sort, first);
          // Another sort's runs, taken in after these: each chunk put right by a fix
          // (here: its first integers moved on), applied when a merge reads them too.
          const other = new DaySort(SHAPE, run, { dir: sort.directory(), prefix: "p1-" }, fanIn);
          fill(other, later);
          const moved = later.map((r) => ({
            ...r,
            ints: [((r.ints[0] as number) + 7) | 0, r.ints[1]],
          }));
          const fix = (columns: { ints: readonly Int32Array[] }) => {
            const ints = columns.ints[0] as Int32Array;
            for (let k = 0; k < ints.length; k++) ints[k] = (ints[k] as number) + 7;
          };
          try {
            sort.adopt(other.handOver(), fix, 7);
            const expected = [...first, ...moved].sort((a, b) => a.day - b.day);
            expect(all(sort)).toEqual(expected);
            // Runs of one level are at most fanIn - 1 side by side, for each level.
            // (Taking runs in writes out the records in memory first.)
            const runs = Math.ceil(first.length / run) + Math.ceil(later.length / run);
            const levels = runs === 0 ? 0 : Math.floor(Math.log(runs) / Math.log(fanIn)) + 1;
            const files = readdirSync(sort.directory()).length;
            expect(files).toBeLessThanOrEqual((fanIn - 1) * levels);
            // The other sort's runs keep their tag (it merges its own in its own numbering);
            // runs this sort merged are in its numbering, untagged, as its own are.
            for (const r of sort.runs()) {
              expect(r.tag).toBe(basename(r.path).startsWith("p1-") ? 7 : undefined);
            }
          } finally {
            sort.close();
          }
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives every record back whole, by day, a day's records in the order they came", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (rows, run) => {
          const sort = new DaySort(SHAPE, run);
          fill(sort, rows);
          // Array.prototype.sort is stable: the order a stable sort by day gives.
          const expected = [...rows].sort((a, b) => a.day - b.day);
          expect(all(sort)).toEqual(expected);
          // Read again (the table reads twice): the same.
          expect(all(sort)).toEqual(expected);
          sort.close();
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("takes more records after it was read", () => {
    const sort = new DaySort(SHAPE, 2);
    const rows = [5, 3, 4, 1, 3].map((day, i) => ({
      day,
      ints: [i, 0],
      numbers: [i, 0],
      texts: [`r${i}`, "", ""],
    }));
    fill(sort, rows.slice(0, 3));
    expect(all(sort).map((r) => r.ints[0])).toEqual([1, 2, 0]);
    fill(sort, rows.slice(3));
    expect(all(sort).map((r) => r.ints[0])).toEqual([3, 1, 4, 2, 0]);
    sort.close();
  });

  it("writes full runs to temporary files and removes them on close, even half-read", () => {
    const sort = new DaySort(SHAPE, 10);
    for (let i = 0; i < 100; i++) sort.add(1000 - i);
    const [sortDir] = readdirSync(dir);
    expect(sortDir).toMatch(/^capcheck-sort-/);
    expect(readdirSync(join(dir, sortDir as string))).toHaveLength(9);
    const sorted = sort.sorted();
    expect(read(sorted.next().value as SortedRecord).day).toBe(901);
    // Closed half-way (an output error, say): the files go all the same.
    sort.close();
    expect(existsSync(join(dir, sortDir as string))).toBe(false);
  });

  it("reads runs of many chunks, their texts of any size, back whole", () => {
    // Runs of several 1,024-record chunks, one chunk's texts far longer than the next's.
    const rows: Row[] = Array.from({ length: 7000 }, (_, i) => ({
      day: (i * 7919) % 13,
      ints: [i, i === 0 ? 0 : -i],
      numbers: [i / 3, i % 5 === 0 ? Number.NaN : i],
      texts: [
        Math.floor(i / 1024) % 2 === 0 ? `long ${"x".repeat(i % 300)}` : "",
        i % 1000 === 0 ? `wide 名 ${i}` : "",
        "",
      ],
    }));
    const sort = new DaySort(SHAPE, 3000);
    fill(sort, rows);
    expect(all(sort)).toEqual([...rows].sort((a, b) => a.day - b.day));
    sort.close();
  });

  it("keeps a run that fits in memory", () => {
    const sort = new DaySort(SHAPE, 10);
    for (let i = 0; i < 10; i++) sort.add(i);
    expect(readdirSync(dir)).toEqual([]);
    expect(all(sort).map((r) => r.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    sort.close();
  });
});
