// A read that ends early — refused, malformed, or stopped by an option — closes its
// file at once: one left to the garbage collector stays open meanwhile (in a process
// that calls check() again and again) and makes Node print a warning when collected.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-open-files-"));
/** Larger than the files read whole at once (src/ingest/text.ts), so read through a handle. */
const LARGE = 1.5 * 1024 * 1024;

const openFiles = () => readdirSync("/proc/self/fd").length;

function csvRows(bytes: number): string {
  const row = "2024-01-01,China,diesel,1.5,t\n";
  return `date,exporter,product,quantity,unit\n${row.repeat(Math.ceil(bytes / row.length))}`;
}

const ENDED_EARLY: [string, string | Buffer, object, RegExp][] = [
  [
    "a JSON file sniffed, then refused with a CSV-only option",
    `[${`{"date":"2024-01-01","exporter":"China","barrels":1},`.repeat(LARGE / 50)}{}]`,
    { delimiter: ";" },
    /applies to CSV input only/,
  ],
  ["a CSV file with a quote never closed", `${csvRows(LARGE)}2024-01-02,"China`, {}, /quote/],
  [
    "a spreadsheet",
    Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(LARGE, 1)]),
    {},
    /not CSV or JSON/,
  ],
  [
    "a file that stops being UTF-8 past its first chunk",
    Buffer.concat([Buffer.from(csvRows(LARGE)), Buffer.from([0xff, 0x0a])]),
    {},
    /UTF-8/,
  ],
];

describe.runIf(existsSync("/proc/self/fd"))("a read that ends early", () => {
  it.each(ENDED_EARLY)("closes its file: %s", async (_, content, options, message) => {
    const path = join(dir, "input");
    writeFileSync(path, content);
    const before = openFiles();
    await expect(check([path], options)).rejects.toThrow(message);
    expect(openFiles()).toBe(before);
  });
});
