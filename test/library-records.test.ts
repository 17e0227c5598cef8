// check() on records held in memory (contract §14): an array or an async iterable
// of objects gives the same report as the same records in a file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check, InvalidRecordsError, UsageError } from "../src/index.js";

const file = "fixtures/synthetic/state-b-2024.ndjson";
const objects = readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as object);

describe("check() on records in memory", () => {
  it("an array of objects gives the report of the same records in a file", async () => {
    const fromFile = await check([file]);
    const fromMemory = await check(objects);
    expect(fromMemory.periods).toEqual(fromFile.periods);
    expect(fromMemory.records).toEqual(fromFile.records);
  });

  it("an async iterable too, read one by one", async () => {
    async function* stream() {
      for (const o of objects) yield o;
    }
    const report = await check(stream(), { by: "origin" });
    expect(report.records.read).toBe(objects.length);
    expect(report.verdict).toBe("ok");
  });

  it("names an invalid record by its index", async () => {
    const records = [...objects, { date: "2024-02-30", exporter: "X", barrels: 1 }, "text"];
    const error = await check(records as object[]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordsError);
    const issues = (error as InvalidRecordsError).issues;
    expect(issues.map((i) => [i.source, i.index, i.field])).toEqual([
      ["<records>", objects.length, "date"],
      ["<records>", objects.length + 1, "record"],
    ]);
  });

  it("refuses NaN and Infinity as text, as the zod schema does", async () => {
    const records = [
      { date: "2024-03-01", exporter: Number.POSITIVE_INFINITY, barrels: 1 },
      { date: "2024-03-01", exporter: "A", origin: Number.NaN, barrels: 1 },
    ];
    const error = await check(records).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordsError);
    expect((error as InvalidRecordsError).issues.map((i) => [i.field, i.message])).toEqual([
      ["exporter", "expected text or a number, got Infinity"],
      ["origin", "expected text or a number, got NaN"],
    ]);
  });

  it("refuses, in one line, an input that is neither file names nor records", async () => {
    const record = { date: "2024-01-05", exporter: "A", barrels: 1 };
    for (const [input, got] of [
      [undefined, "undefined"],
      [null, "null"],
      [42, "a number"],
      [record, "an object that is not iterable (one record? wrap it in [ ])"],
    ] as const) {
      const error = await check(input as unknown as object[]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        `check() takes file names or records (an array or async iterable of objects), got ${got}`,
      );
    }
  });
});
