// The ledger of a file read on several threads (src/parallel.ts: each worker sorts
// its part's entries into runs that the main thread adopts) against the same file
// read on one: every format, --by, --skip-invalid, runs small enough to spill many,
// the file given once or twice, quotes and lone CRs that make the main thread read
// on. Same output, same messages, same exit status; the parts really merged
// whenever the cuts are safe; no temporary file left. The command and its workers
// are the built ones (dist/), as the command line runs them.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledger } from "../dist/commands/ledger.js";
import { ENTRY_SHAPE, LedgerEntries } from "../dist/domain/ledger.js";
import { TEXT_LINES } from "../dist/domain/ledger-lines.js";
import { DaySort } from "../dist/external-sort.js";
import { capcheck } from "./helpers.js";
import { ledgerOfParts, ledgerOptions, partOf } from "./ledger-parts.js";
import { bytesOf, file } from "./parallel-files.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-parallel-ledger-"));
/** The sorts' own temporary directory, to see that nothing is left in it. */
const sortRoot = mkdtempSync(join(tmpdir(), "capcheck-sort-root-"));
let previousTmp: string | undefined;

beforeAll(() => {
  previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = sortRoot;
});
afterAll(() => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
});

interface LedgerRun {
  readonly files: string[];
  readonly format: string;
  readonly threads: number;
  readonly runSize: number;
  readonly by: string;
  readonly skipInvalid: boolean;
}

/** The ledger command run in this process, its output not yet read. */
function started(run: LedgerRun) {
  const terminal = {
    stdinIsTerminal: () => false,
    stdoutIsTerminal: false,
    columns: 100,
    env: {
      CAPCHECK_PARALLEL_MIN_BYTES: "0",
      CAPCHECK_LEDGER_RUN_SIZE: String(run.runSize),
      // CSV and NDJSON ledgers of two days or more are made on two threads (ledger-split.ts).
      CAPCHECK_LEDGER_SPLIT_MIN: "0",
    },
    stderr: { isTerminal: false, columns: undefined, write: () => {} },
  };
  // As the command line parses them, defaults included.
  const flags = {
    regime: [],
    basis: "all",
    format: run.format,
    threads: String(run.threads),
    by: run.by,
    ...(run.skipInvalid ? { skipInvalid: true } : {}),
  };
  return ledger.run({ files: run.files, flags, terminal } as never);
}

/** The ledger command's whole output as text, or the error it threw. */
async function outcome(run: LedgerRun): Promise<string> {
  try {
    const out = await started(run);
    const pieces: Buffer[] = [];
    if (typeof out.stdout === "string") pieces.push(Buffer.from(out.stdout));
    else for await (const piece of out.stdout) pieces.push(Buffer.from(piece));
    const stdout = Buffer.concat(pieces).toString();
    return `${out.exitCode}\n${out.stderr.join("\n")}\n${stdout}`;
  } catch (error) {
    const { name, message } = error as Error;
    return `${name}: ${message}`;
  }
}

describe("the ledger of a file read on several threads", () => {
  it("is the one-thread ledger, the parts' sorted runs adopted whenever the cuts are safe", async () => {
    const adopt = vi.spyOn(DaySort.prototype, "adopt");
    // A ledger made in two spans reads the first up to a day; this thread reads the
    // second itself only when the worker failed or disagreed (never, here).
    const sorted = vi.spyOn(DaySort.prototype, "sorted");
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.constantFrom("table", "json", "csv", "ndjson"),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        async (c, format, runSize, twice) => {
          const path = join(dir, `case.${c.format}`);
          const bytes = bytesOf(c);
          writeFileSync(path, bytes);
          // A second file of the same bytes (the same file named twice is refused).
          const again = join(dir, `again.${c.format}`);
          if (twice) writeFileSync(again, bytes);
          const files = twice ? [path, again] : [path];
          const run = { files, format, runSize, by: c.by, skipInvalid: c.skipInvalid };
          const one = await outcome({ ...run, threads: 1 });
          adopt.mockClear();
          sorted.mockClear();
          const many = await outcome({ ...run, threads: c.threads });
          expect(many).toBe(one);
          expect(sorted.mock.calls.filter(([from]) => from !== undefined)).toEqual([]);
          expect(readdirSync(sortRoot)).toEqual([]);
          const safe = !bytes.includes('"') || c.format === "ndjson";
          if (safe && c.loneCr === null && c.badUtf8 === null && one.startsWith("0\n")) {
            expect(adopt).toHaveBeenCalled();
            merged++;
          }
        },
      ),
      // 100 runs: with 60, the cases whose parts merge (12 to 25 in ten runs of 60)
      // fell to 10 or fewer about one run in forty, and the count below failed.
      { numRuns: 100 },
    );
    adopt.mockRestore();
    sorted.mockRestore();
    // The property is worth something only if many runs really adopted workers' runs.
    // Ledgers made in two spans are fewer here (a CSV or NDJSON ledger of two days or
    // more, read without error, on two threads or more: 3 to 9 in 60), each checked
    // above; test/ledger-split.test.ts makes dozens in every run.
    expect(merged).toBeGreaterThan(10);
  }, 180_000);

  it("keeps a day's entries in file and line order across many spilled runs of every part", async () => {
    const path = join(dir, "days.csv");
    // Few days, many records on each, spread over the whole file: every part holds
    // entries of every day, in runs of 7, and the ledger must interleave none.
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `2024-0${(i % 3) + 1}-0${(i % 5) + 1},Exporter ${i % 4},diesel,${i}.25,t,id${i}`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit,id\n${rows.join("\n")}\n`);
    const run = { files: [path], format: "csv", runSize: 7, by: "exporter", skipInvalid: false };
    const one = await outcome({ ...run, threads: 1 });
    const adopt = vi.spyOn(DaySort.prototype, "adopt");
    const many = await outcome({ ...run, threads: 4 });
    expect(adopt).toHaveBeenCalledTimes(3);
    adopt.mockRestore();
    expect(many).toBe(one);
    const lines = one.split("\n").filter((line) => line.startsWith("2024-"));
    expect(lines).toHaveLength(3000);
    // Within a day, lines rise.
    const lineOf = (text: string) => Number(text.split(",")[2]);
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1] as string, lines[i] as string];
      if (a.slice(0, 10) === b.slice(0, 10)) expect(lineOf(b)).toBeGreaterThan(lineOf(a));
    }
    expect(readdirSync(sortRoot)).toEqual([]);
  });
  it("gives the second span of lines to the worker that read the second part", async () => {
    const path = join(dir, "spare.csv");
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `2024-0${(i % 9) + 1}-1${i % 10},Exporter ${i % 6},diesel,${i}.5,t`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`);
    const run = { files: [path], format: "csv", runSize: 50, by: "exporter", skipInvalid: false };
    const one = await outcome({ ...run, threads: 1 });
    // Counts the threads started (parallel.ts takes Worker from this module at each start).
    const threads = createRequire(import.meta.url)("node:worker_threads");
    const Worker = threads.Worker;
    let threadsStarted = 0;
    threads.Worker = class extends Worker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        threadsStarted++;
      }
    };
    const sorted = vi.spyOn(DaySort.prototype, "sorted");
    try {
      const two = await outcome({ ...run, threads: 2 });
      expect(two).toBe(one);
    } finally {
      threads.Worker = Worker;
    }
    // One thread started, for reading; the span was made there, not on this thread.
    expect(threadsStarted).toBe(1);
    expect(sorted.mock.calls.filter(([from]) => from !== undefined)).toEqual([]);
    sorted.mockRestore();
  });
  it("lets the reading worker go before a table, which it makes no span of", async () => {
    // An idle worker never collects its heap: kept to the end of a long table, it
    // held some 30 MiB more at 4M rows than at 1M (222 against 188 MiB).
    const path = join(dir, "table.csv");
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `2024-0${(i % 9) + 1}-1${i % 10},X,diesel,1,t`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`);
    const threads = createRequire(import.meta.url)("node:worker_threads");
    const Worker = threads.Worker;
    const workers: { ended: boolean }[] = [];
    threads.Worker = class extends Worker {
      readonly state = { ended: false };
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        workers.push(this.state);
      }
      terminate() {
        this.state.ended = true;
        return super.terminate();
      }
    };
    try {
      const run = {
        files: [path],
        format: "table",
        runSize: 50,
        by: "exporter",
        skipInvalid: false,
      };
      const out = await started({ ...run, threads: 2 });
      expect(workers).toEqual([{ ended: true }]);
      const pieces: string[] = [];
      for await (const piece of out.stdout) pieces.push(String(piece));
      // Every row printed (the heading and a foot line naming columns left out aside).
      expect(pieces.join("").match(/^2024-\d\d-\d\d /gm)).toHaveLength(2000);
    } finally {
      threads.Worker = Worker;
    }
  });
});

describe("capcheck ledger --threads", () => {
  it("prints the same ledger on 1 and on 3 threads, from the built command line", () => {
    const path = join(dir, "cli.csv");
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `2024-0${(i % 9) + 1}-1${i % 10},Exporter ${i % 8},diesel,${i}.5,t`,
    );
    writeFileSync(path, `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`);
    // The lines made in two spans too, the second by the bundle's worker (ledger-split.ts).
    const env = {
      CAPCHECK_PARALLEL_MIN_BYTES: "0",
      CAPCHECK_LEDGER_RUN_SIZE: "100",
      CAPCHECK_LEDGER_SPLIT_MIN: "0",
    };
    for (const format of ["csv", "ndjson", "json"]) {
      const one = capcheck(["ledger", "--format", format, "--threads", "1", path], { env });
      const three = capcheck(["ledger", "--format", format, "--threads", "3", path], { env });
      expect(three.status).toBe(0);
      expect(three.stderr).toBe(one.stderr);
      expect(three.stdout).toBe(one.stdout);
      const rows = { csv: 5002, ndjson: 5001, json: 5000 * 20 + 3 }[format];
      expect(one.stdout.split("\n")).toHaveLength(rows as number);
    }
  });

  it("prints the same ledger of two different files, each split, on 1 and on 2 threads", () => {
    // Each file's worker writes its own runs: the second file's must not overwrite
    // the first's, already adopted (once both wrote p1-run-0: a wrong ledger, or
    // "a temporary run file ended early").
    const paths = [2000, 3000].map((length, n) => {
      const path = join(dir, `two-${n}.csv`);
      const rows = Array.from(
        { length },
        (_, i) => `2024-0${((i + n) % 9) + 1}-1${i % 10},Exporter ${n}-${i % 5},diesel,${i}.5,t`,
      );
      writeFileSync(path, `date,exporter,product,quantity,unit\n${rows.join("\n")}\n`);
      return path;
    });
    const env = { CAPCHECK_PARALLEL_MIN_BYTES: "0", CAPCHECK_LEDGER_RUN_SIZE: "100" };
    for (const files of [paths, [...paths].reverse()]) {
      const one = capcheck(["ledger", "--format", "csv", "--threads", "1", ...files], { env });
      const two = capcheck(["ledger", "--format", "csv", "--threads", "2", ...files], { env });
      expect(two.stderr).toBe(one.stderr);
      expect(two.status).toBe(0);
      expect(two.stdout === one.stdout).toBe(true);
      expect(one.stdout.split("\n")).toHaveLength(5002);
    }
  });

  it("refuses a thread count that is not a whole number from 1 to 64", () => {
    const result = capcheck(["ledger", "--threads", "65", "fixtures/example/committee-2024.csv"]);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      "capcheck: --threads takes threads from 1 to 64, got 65",
    );
  });
});

describe("a later part's ledger entries taken in", () => {
  const record = fc.record({
    date: fc.constantFrom("2018-01-31", "2018-12-22", "2024-02-29", "2024-03-01"),
    exporter: fc.constantFrom("China", "Russia", "Ünïcode 名", "a,b"),
    product: fc.constantFrom("diesel", "crude", "gasoline"),
    barrels: fc.constantFrom("1", "2.5", "123456789012.123456789", "7"),
    id: fc.option(fc.constantFrom("x", "y", "z"), { nil: undefined }),
  });

  it("renumbered into a full text table give the lines of one part", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 40 }),
        fc.array(record, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 12 }),
        async (first, second, run, tableSize) => {
          const options = await ledgerOptions();
          const wholeSort = new DaySort(ENTRY_SHAPE, run);
          const whole = new LedgerEntries(wholeSort, options.by);
          const wholeCore = partOf(options, whole, [...first, ...second]);
          const expected = [...whole.lines(wholeSort.sorted(), wholeCore.first, TEXT_LINES)].map(
            (l) => ({
              ...l,
            }),
          );
          wholeSort.close();
          // The first part's table holds a few texts only: the later part's others go inline.
          const main = await ledgerOfParts(first, second, run, tableSize);
          const lines = [
            ...main.entries.lines(main.sort.sorted(), main.aggregator, TEXT_LINES),
          ].map((l) => ({
            ...l,
          }));
          main.sort.close();
          expect(lines).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
    expect(readdirSync(sortRoot)).toEqual([]);
  });
});
