// Runaway cost and memory: inputs that once overflowed the stack, filled the heap,
// drew thousands of columns or left the calendar. Large inputs are generated here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closestName } from "../../src/domain/did-you-mean.js";
import { memoShort } from "../../src/domain/memo.js";
import { maxOf } from "../../src/report/format.js";
import { BIN, capcheck, ROOT } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-scale-"));
const SLOW = 120_000;

function capsFile(name: string, regime: Record<string, unknown>): string {
  const path = join(tmp, name);
  const base = { id: "x", title: "X", commodity: "refined", capBarrels: 1000, start: "2024-01-01" };
  writeFileSync(path, JSON.stringify([{ ...base, ...regime }]));
  return path;
}

describe("many groups", () => {
  const path = join(tmp, "groups.csv");
  const rows = Array.from({ length: 150_000 }, (_, i) => `2024-01-01,E${i},1`);
  writeFileSync(path, `date,exporter,barrels\n${rows.join("\n")}\n`);
  it.each(["table", "svg", "html"])(
    "150,000 groups render as %s without overflowing the stack",
    (format) => {
      const run = capcheck(["check", "--format", format, path]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
    },
    SLOW,
  );
  it("maxOf takes more values than Math.max(...values) can", () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(maxOf(-1, values)).toBe(999_999);
    expect(maxOf(5, [])).toBe(5);
  });
});

describe("memoised rules", () => {
  it("remember short values only", () => {
    let calls = 0;
    const lengthOf = memoShort((value: string) => {
      calls++;
      return value.length;
    });
    lengthOf("diesel");
    lengthOf("diesel");
    expect(calls).toBe(1);
    const long = "p".repeat(100_000);
    lengthOf(long);
    lengthOf(long);
    expect(calls).toBe(3);
  });
  it(
    "keep memory flat on 1,000 unique 100 KB product names (a 48 MB heap)",
    () => {
      const pad = "p".repeat(100_000);
      const rows = Array.from({ length: 1000 }, (_, i) => `2024-01-01,X,${i}${pad},1`);
      const path = join(tmp, "long-products.csv");
      writeFileSync(path, `date,exporter,product,barrels\n${rows.join("\n")}\n`);
      const run = spawnSync(
        process.execPath,
        ["--max-old-space-size=48", BIN, "check", "--skip-invalid", "--allow-empty", "-q", path],
        { cwd: ROOT, encoding: "utf8", timeout: SLOW },
      );
      expect(run.stderr).not.toMatch(/FATAL|heap out of memory|internal error/);
      expect(run.stderr).toMatch(/1,000 of 1,000 records invalid/);
      expect(run.status).toBe(0);
    },
    SLOW,
  );
  it(
    "keep memory flat on 1,000 NDJSON lines with unique 100 KB keys (a 48 MB heap)",
    () => {
      const pad = "k".repeat(100_000);
      const lines = Array.from(
        { length: 1000 },
        (_, i) => `{"date":"2024-01-01","exporter":"X","barrels":1,"${i}${pad}":1}`,
      );
      const path = join(tmp, "long-keys.ndjson");
      writeFileSync(path, `${lines.join("\n")}\n`);
      const run = spawnSync(
        process.execPath,
        ["--max-old-space-size=48", BIN, "check", "--json", "--threads", "1", path],
        { cwd: ROOT, encoding: "utf8", timeout: SLOW },
      );
      expect(run.stderr).not.toMatch(/FATAL|heap out of memory|internal error/);
      expect(JSON.parse(run.stdout).records).toMatchObject({ read: 1000, invalid: 0 });
    },
    SLOW,
  );
  it("do not measure a did-you-mean distance against a name far longer than any candidate", () => {
    expect(closestName("p".repeat(1_000_000), ["diesel", "gasoline"])).toBeUndefined();
    expect(closestName("desel", ["diesel", "gasoline"])).toBe("diesel");
  });
});

describe("long periods", () => {
  it("draw a 1900-2100 period within the terminal's width", () => {
    const caps = capsFile("century.json", { start: "1900-01-01", end: "2100-12-31" });
    const run = capcheck(
      ["check", "--chart", "fixtures/synthetic/state-a-2024.csv", "--caps", caps],
      {
        env: { COLUMNS: "80" },
      },
    );
    expect(run.status).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines.some((line) => line.includes("█"))).toBe(true);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });
  it("refuse regime days past the calendar, in one line", () => {
    const caps = capsFile("far.json", { end: "9999-12-31" });
    for (const args of [["check", "--chart"], ["check", "--format", "svg"], ["regimes"]]) {
      const run = capcheck([
        ...args,
        ...(args[0] === "check" ? ["fixtures/synthetic/state-a-2024.csv"] : []),
        "--caps",
        caps,
      ]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /far\.json: \[0\]\.end: expected a day from 1900-01-01 to 2100-12-31 \(leave end out for an open-ended regime\)\n$/,
      );
      expect(run.stderr).not.toMatch(/internal error/);
    }
  });
});
