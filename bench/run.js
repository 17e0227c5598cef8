// npm run bench: generates deterministic data sets, then times capcheck side by
// side with its peers doing the same work (Miller 6 and DuckDB: the conversion to
// barrels and the sums by year and exporter, see peers.js) and with the floors of
// its own stack (`node -e 0`, csv-parse alone). The commands of each ratio run in
// turns, several times; medians are compared. Prints every ratio of the targets
// (issue 16) and writes bench/RESULTS.md, keeping its hand-written part (from
// "## Where the time goes" on). Not part of npm test.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { writeRecords } from "./generate.js";
import { measure } from "./measure.js";
import { capcheckTotal, hasMiller, millerArgs, millerTotal } from "./peers.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const DATA = here("data/");
const BIN = here("../bin/capcheck.js");
const RESULTS = here("RESULTS.md");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 21);
const HAND_WRITTEN = "## Where the time goes";

async function dataset(name, format, count) {
  const path = `${DATA}${name}`;
  if (!existsSync(path)) {
    process.stderr.write(`generating ${name} (${count.toLocaleString("en")} records)\n`);
    const out = createWriteStream(path);
    const closed = new Promise((resolve) => out.on("close", resolve));
    await writeRecords(out, format, count);
    await closed;
  }
  return path;
}

/** DuckDB's Node package, a dev dependency: installed here when it is missing. */
async function duckdbAvailable() {
  const load = () =>
    import("@duckdb/node-api").then(
      () => true,
      () => false,
    );
  if (await load()) return true;
  process.stderr.write("installing the dev dependencies (@duckdb/node-api)\n");
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
    cwd: here(".."),
    stdio: "inherit",
  });
  return npm.status === 0 && (await load());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Runs several commands in turns (A B C A B C ...), so that a ratio between two of
 * them compares runs made under the same load on this shared machine.
 */
async function interleaved(jobs, runs) {
  const results = jobs.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, job] of jobs.entries()) {
      const run = await measure(job.command, job.args, undefined, job.keep !== false, job.outFile);
      if (job.lines !== undefined && run.lines !== job.lines)
        throw new Error(`${job.label}: ${run.lines} lines, not ${job.lines}`);
      results[j].push(run);
    }
  }
  return jobs.map((job, j) => {
    const row = {
      key: job.key,
      label: job.label,
      seconds: median(results[j].map((r) => r.seconds)),
      peak: Math.max(...results[j].map((r) => r.peak)),
      total: job.total?.(results[j][0].stdout),
      runs,
    };
    process.stderr.write(`${row.label}: ${row.seconds.toFixed(3)} s, ${row.peak.toFixed(1)} MiB\n`);
    return row;
  });
}

mkdirSync(DATA, { recursive: true });
const tiny = await dataset("10.csv", "csv", 10);
const csv1m = await dataset("1m.csv", "csv", 1_000_000);
const ndjson1m = await dataset("1m.ndjson", "ndjson", 1_000_000);
const csv4m = await dataset("4m.csv", "csv", 4_000_000);
const miller = hasMiller();
const duckdb = await duckdbAvailable();

const node = process.execPath;
const capcheck = (...args) => [BIN, ...args];
const startup = [
  { key: "node", label: "node -e 0", command: node, args: ["-e", "0"] },
  { key: "tiny", label: "capcheck check, 10 rows", command: node, args: capcheck("check", tiny) },
];
const big = [
  {
    key: "csv",
    label: "capcheck check, 1M rows CSV",
    command: node,
    args: capcheck("check", "--json", csv1m),
    total: capcheckTotal,
  },
  {
    key: "csv1",
    label: "capcheck check --threads 1, 1M rows CSV",
    command: node,
    args: capcheck("check", "--json", "--threads", "1", csv1m),
    total: capcheckTotal,
  },
  {
    key: "ndjson1",
    label: "capcheck check --threads 1, 1M rows NDJSON",
    command: node,
    args: capcheck("check", "--json", "--threads", "1", ndjson1m),
    total: capcheckTotal,
  },
  {
    key: "ndjson",
    label: "capcheck check, 1M rows NDJSON",
    command: node,
    args: capcheck("check", "--json", ndjson1m),
    total: capcheckTotal,
  },
  // The ledger's 150 MB go into a file, as `> ledger.csv` sends them (the README's
  // example). Through a pipe into this script's line counter, that counter's CPU
  // was timed with capcheck's on two cores: the second row shows how much.
  {
    key: "ledger",
    label: "capcheck ledger --format csv > file, 1M rows",
    command: node,
    args: capcheck("ledger", "--format", "csv", csv1m),
    outFile: `${DATA}ledger-out.csv`,
    lines: 1_000_001,
  },
  {
    key: "ledgerPipe",
    label: "capcheck ledger --format csv | the bench's line counter, 1M rows",
    command: node,
    args: capcheck("ledger", "--format", "csv", csv1m),
    keep: false,
    lines: 1_000_001,
  },
  {
    key: "floor",
    label: "csv-parse alone, 1M rows (floor of the old reader)",
    command: node,
    args: [here("floor.js"), csv1m],
  },
];
if (miller)
  big.push({
    key: "miller",
    label: "Miller 6: put (factor map) + stats1 sums, 1M rows",
    command: "mlr",
    args: millerArgs(csv1m),
    total: millerTotal,
  });
if (duckdb)
  big.push({
    key: "duckdb",
    label: "DuckDB: read_csv + conversion + GROUP BY, 1M rows",
    command: node,
    args: [here("duckdb.js"), csv1m],
    total: Number,
  });
const memory = [
  {
    key: "csv4m",
    label: "capcheck check, 4M rows CSV",
    command: node,
    args: capcheck("check", csv4m),
  },
];

const rows = {};
for (const [jobs, runs] of [
  [startup, STARTUP_RUNS],
  [big, RUNS],
  [memory, Math.max(1, Math.ceil(RUNS / 2))],
]) {
  for (const row of await interleaved(jobs, runs)) rows[row.key] = row;
}

// Like with like: every peer's grand total must match capcheck's (to the cent;
// Miller sums in floats).
for (const row of Object.values(rows)) {
  if (row.total === undefined) continue;
  if (Math.abs(row.total - rows.csv.total) > 0.01)
    throw new Error(`${row.label} reached ${row.total}, capcheck ${rows.csv.total}`);
}

const targets = [
  ["1M-row check / Miller (time)", rows.miller && rows.csv.seconds / rows.miller.seconds, 0.5],
  ["1M-row check / DuckDB (time)", rows.duckdb && rows.csv.seconds / rows.duckdb.seconds, 2],
  ["NDJSON check / CSV check (time)", rows.ndjson.seconds / rows.csv.seconds, 1],
  ["ledger / check, 1M rows (time)", rows.ledger.seconds / rows.csv.seconds, 2],
  [
    "ledger / check, 1M rows, the ledger piped into the bench's counter (time; the old measure)",
    rows.ledgerPipe.seconds / rows.csv.seconds,
    2,
  ],
  ["10-row check / node -e 0 (time)", rows.tiny.seconds / rows.node.seconds, 1.3],
  ["NDJSON check / CSV check on one thread (time)", rows.ndjson1.seconds / rows.csv1.seconds, 1],
  ["check peak memory, 1M rows (MiB)", rows.csv.peak, 150],
  ["check peak memory, 4M / 1M rows", rows.csv4m.peak / rows.csv.peak, 1.1],
  ["ledger peak memory, 1M rows (MiB)", rows.ledger.peak, 200],
];

const cpu = cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const notes = [
  miller
    ? ""
    : "Miller (mlr) is not installed, so its ratio is skipped: `apt-get install miller` adds it.",
  duckdb ? "" : "DuckDB (@duckdb/node-api) could not be installed, so its ratio is skipped.",
].filter((note) => note !== "");
const lines = [
  "# Benchmark results",
  "",
  `Machine: ${machine}. \`npm run bench\`: medians of ${RUNS} runs (${STARTUP_RUNS} for start-up), the commands of each group run in turns; peak memory is the largest VmHWM seen. Miller and DuckDB do the same work as \`check\` (tons to barrels by a factor map, sums by year and exporter; see bench/peers.js), and the bench checks that they reach capcheck's grand total. capcheck (\`--threads\` by default: the cores, at most 2) and DuckDB use both cores; the \`--threads 1\` rows show capcheck on one.`,
  ...notes.flatMap((note) => ["", note]),
  "",
  "| what | median s | peak MiB |",
  "| --- | ---: | ---: |",
  ...Object.values(rows).map(
    (r) => `| ${r.label} | ${r.seconds.toFixed(3)} | ${r.peak.toFixed(1)} |`,
  ),
  "",
  "| target | measured | at most | met |",
  "| --- | ---: | ---: | --- |",
  ...targets
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value, limit]) =>
        `| ${name} | ${value.toFixed(2)} | ${limit} | ${value <= limit ? "yes" : "no"} |`,
    ),
  "",
  "Ledger memory from 1M to 10M records: `npm run bench:memory` (under *Memory*, below).",
  "",
];
const old = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
const kept = old.includes(HAND_WRITTEN) ? old.slice(old.indexOf(HAND_WRITTEN)) : "";
const text = `${lines.join("\n")}\n${kept}`;
writeFileSync(RESULTS, text);
process.stdout.write(text);
