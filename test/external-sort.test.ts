// The external sort behind the ledger (contract §15): any lines, any run size,
// the same order as a sort in memory, and no temporary file left behind.
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExternalSort } from "../src/external-sort.js";

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
});

const line = fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replaceAll("\n", " "));

describe("ExternalSort", () => {
  it("sorts as a sort in memory does, with runs of any size, as often as asked", () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 300 }),
        fc.integer({ min: 1, max: 400 }),
        (lines, runChars) => {
          const sort = new ExternalSort(runChars);
          for (const l of lines) sort.add(l);
          const expected = [...lines].sort();
          expect([...sort.sorted()]).toEqual(expected);
          expect([...sort.sorted()]).toEqual(expected);
          sort.close();
          expect(readdirSync(dir)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("writes runs to temporary files and removes them on close", () => {
    const sort = new ExternalSort(10);
    for (let i = 0; i < 100; i++) sort.add(`line ${String(99 - i).padStart(3, "0")}`);
    const [sortDir] = readdirSync(dir);
    expect(sortDir).toMatch(/^capcheck-sort-/);
    expect(readdirSync(join(dir, sortDir as string)).length).toBeGreaterThan(5);
    const sorted = sort.sorted();
    expect(sorted.next().value).toBe("line 000");
    // Closed half-way (an output error, say): the files go all the same.
    sort.close();
    expect(existsSync(join(dir, sortDir as string))).toBe(false);
  });
});
