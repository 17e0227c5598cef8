// Hostile shapes for one file read on several threads (src/parallel.ts): the command
// line's stdout, stderr and exit status must be those of --threads 1. Small files
// are split here by CAPCHECK_PARALLEL_MIN_BYTES=0.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckCore } from "../../dist/domain/check.js";
import { readOptionsOf, resolveCheckOptions } from "../../dist/options.js";
import { SplitFile } from "../../dist/parallel.js";
import { capcheck } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-threads-"));
const SPLIT_ANY = { env: { CAPCHECK_PARALLEL_MIN_BYTES: "0" } };

/** Runs `args` on one thread and on `threads`, and expects the same outcome. */
function expectSameAsOneThread(args: string[], threads: number) {
  const one = capcheck([...args, "--threads", "1"], SPLIT_ANY);
  const many = capcheck([...args, "--threads", String(threads)], SPLIT_ANY);
  expect(many.stderr).toBe(one.stderr);
  expect(many.stdout).toBe(one.stdout);
  expect(many.status).toBe(one.status);
  return one;
}

function record(i: number, barrels: string | number = 1000 + i): string {
  return JSON.stringify({ date: "2024-03-01", exporter: `E${i % 7}`, barrels });
}

describe("many threads", () => {
  it("print no warning of Node's of their own when the run stops early", () => {
    // A malformed quote on line 21 stops the run while the workers still read.
    const rows = Array.from({ length: 3000 }, (_, i) => `2024-03-01,E${i % 7},${1000 + i}`);
    rows[19] = '2024-03-01,Po"rt,5';
    const path = join(dir, "quote.csv");
    writeFileSync(path, `date,exporter,barrels\n${rows.join("\n")}\n`);
    const one = expectSameAsOneThread(["check", "--json", path], 64);
    expect(one.stderr).toMatch(/quote\.csv:21: malformed CSV/);
  });
});

describe("a first part of a few bytes", () => {
  it("still counts its line for the lines after it", () => {
    // 64 threads on 100 bytes cut after the first line feed past byte 1: the main
    // part is the CRLF alone.
    const path = join(dir, "tiny.ndjson");
    writeFileSync(path, `\r\n${record(1)}\n${record(2, "x")}\n`);
    const one = expectSameAsOneThread(["check", "--json", "--skip-invalid", path], 64);
    expect(one.stderr).toMatch(/tiny\.ndjson:3: barrels:/);
  });
});

describe("a named pipe", () => {
  it("is read once, whole, by the one thread that may read it", () => {
    // Opened and closed to be looked at, a FIFO lost its reader: the writer died of
    // SIGPIPE with the pipe full, and the real reader then waited for a writer forever.
    const rows = Array.from({ length: 6000 }, (_, i) => `2024-03-01,E${i % 7},${1000 + i}`);
    const source = join(dir, "rows.csv");
    writeFileSync(source, `date,exporter,barrels\n${rows.join("\n")}\n`);
    const fifo = join(dir, "pipe.csv");
    spawnSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", 'cat "$0" > "$1"', source, fifo], { stdio: "ignore" });
    try {
      const run = capcheck(["check", "--json", "--threads", "2", fifo], { timeout: 20_000 });
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout).records.read).toBe(6000);
    } finally {
      writer.kill();
    }
  });
});

describe("a CSV file that quotes its header", () => {
  it("is read on one thread: the main thread would read on past any cut", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `"2024-03-01","E${i % 7}","${1000 + i}"`);
    const quoted = join(dir, "quoted.csv");
    writeFileSync(quoted, `"date","exporter","barrels"\n${rows.join("\n")}\n`);
    const plain = join(dir, "plain.csv");
    writeFileSync(plain, `date,exporter,barrels\n${rows.join("\n").replaceAll('"', "")}\n`);
    const resolved = await resolveCheckOptions({});
    const read = readOptionsOf({});
    const open = (path: string) =>
      SplitFile.open({ name: path, path }, read, new CheckCore(resolved), resolved, {
        threads: 2,
        minBytes: 0,
      });
    expect(open(quoted)).toBeUndefined();
    const split = open(plain);
    expect(split).toBeDefined();
    split?.close();
    expectSameAsOneThread(["check", "--json", quoted], 4);
  });
});

describe("a worker that runs out of memory after the main part is read", () => {
  it("is waited for, and the main thread reads its part: the run does not end in silence", () => {
    // 1,500 exporters in 40 regimes make 60,000 groups in the worker's part, past its
    // 96 MB heap; the main part (one exporter, long ignored cells) is read long before.
    // Its workers unreferenced, the process exited with status 0 and printed nothing.
    const caps = Array.from({ length: 40 }, (_, i) => ({
      id: `r${i}`,
      title: `r${i}`,
      commodity: "refined",
      capBarrels: 500000,
      start: "2024-01-01",
      periodMonths: 12,
    }));
    const capsPath = join(dir, "many-caps.json");
    writeFileSync(capsPath, JSON.stringify(caps));
    const padding = "p".repeat(2000);
    const heavy = Array.from({ length: 400 }, () => `2024-03-01,Alpha,2000,${padding}`);
    const many = Array.from(
      { length: 1500 },
      (_, i) => `2024-03-${String(1 + (i % 28)).padStart(2, "0")},E${i},1,`,
    );
    const path = join(dir, "many-groups.csv");
    writeFileSync(path, `date,exporter,barrels,padding\n${[...heavy, ...many].join("\n")}\n`);
    const args = ["check", "--caps", capsPath, "--format", "csv", "--threads", "2", path];
    const run = capcheck(args, { ...SPLIT_ANY, timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n").filter((line) => line.includes(",group,Alpha,"))).toHaveLength(
      40,
    );
    expect(run.stdout.split("\n").filter((line) => line.includes(",group,E1499,"))).toHaveLength(
      40,
    );
  });
});
