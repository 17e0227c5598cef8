// npm run bench: generates deterministic data sets, then in one run times
// capcheck against the floors of its stack (csv-parse alone, `node -e 0`) and
// against Miller when installed, with medians, ratios and peak memory. Prints a
// table and writes it to bench/RESULTS.md. Not part of npm test.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { writeRecords } from "./generate.js";
import { measure } from "./measure.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const DATA = here("data/");
const BIN = here("../bin/capcheck.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 21);

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
    for (const [j, job] of jobs.entries()) results[j].push(await measure(job.command, job.args));
  }
  return jobs.map((job, j) => {
    const row = {
      label: job.label,
      seconds: median(results[j].map((r) => r.seconds)),
      peak: Math.max(...results[j].map((r) => r.peak)),
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
const hasMiller = spawnSync("mlr", ["--version"]).status === 0;

const node = process.execPath;
const rows = {};
[rows.nodeStart, rows.tiny] = await interleaved(
  [
    { label: "node -e 0", command: node, args: ["-e", "0"] },
    { label: "capcheck check (10 rows)", command: node, args: [BIN, "check", "-q", tiny] },
  ],
  STARTUP_RUNS,
);
const big = [
  { label: "csv-parse alone, 1M rows (floor)", command: node, args: [here("floor.js"), csv1m] },
  { label: "capcheck check, 1M rows CSV", command: node, args: [BIN, "check", "-q", csv1m] },
  { label: "capcheck check, 1M rows NDJSON", command: node, args: [BIN, "check", "-q", ndjson1m] },
];
if (hasMiller) {
  const sum = [
    "--icsv",
    "--ojson",
    "stats1",
    "-a",
    "sum",
    "-f",
    "barrels,quantity",
    "-g",
    "exporter",
    csv1m,
  ];
  big.push({ label: "Miller stats1 sum by exporter, 1M rows", command: "mlr", args: sum });
}
[rows.floor, rows.csv, rows.ndjson, rows.miller] = await interleaved(big, RUNS);
[rows.csv4m] = await interleaved(
  [{ label: "capcheck check, 4M rows CSV", command: node, args: [BIN, "check", "-q", csv4m] }],
  Math.max(1, Math.ceil(RUNS / 2)),
);
for (const key of Object.keys(rows)) if (rows[key] === undefined) delete rows[key];

const ratio = (a, b) => a / b;
const targets = [
  ["1M CSV check / csv-parse floor", ratio(rows.csv.seconds, rows.floor.seconds), "≤ 1.25"],
  ["1M NDJSON check / 1M CSV check", ratio(rows.ndjson.seconds, rows.csv.seconds), "≤ 1.00"],
  ["10-row check / node -e 0", ratio(rows.tiny.seconds, rows.nodeStart.seconds), "≤ 1.50"],
  ["peak memory 1M CSV (MiB)", rows.csv.peak, "≤ 150"],
  ["peak memory 4M / 1M", ratio(rows.csv4m.peak, rows.csv.peak), "≤ 1.10"],
];
if (rows.miller)
  targets.splice(1, 0, [
    "1M CSV check / Miller",
    ratio(rows.csv.seconds, rows.miller.seconds),
    "< 1.00",
  ]);
const met = (value, target) => {
  const limit = Number(target.replace(/[^\d.]/g, ""));
  return target.startsWith("<") && !target.startsWith("≤") ? value < limit : value <= limit;
};

const cpu = cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const lines = [
  "# Benchmark results",
  "",
  `Machine: ${machine}. Medians of ${RUNS} runs (${STARTUP_RUNS} for start-up), the commands of each ratio run in turns; peak memory is the largest VmHWM seen.`,
  hasMiller ? "" : "Miller (mlr) was not installed: `apt-get install miller` adds its row.",
  "",
  "| what | median s | peak MiB |",
  "| --- | ---: | ---: |",
  ...Object.values(rows).map(
    (r) => `| ${r.label} | ${r.seconds.toFixed(3)} | ${r.peak.toFixed(1)} |`,
  ),
  "",
  "| target | measured | goal | met |",
  "| --- | ---: | --- | --- |",
  ...targets.map(
    ([name, value, goal]) =>
      `| ${name} | ${value.toFixed(2)} | ${goal} | ${met(value, goal) ? "yes" : "no"} |`,
  ),
  "",
].filter((line, i, all) => !(line === "" && all[i - 1] === ""));
const text = lines.join("\n");
writeFileSync(here("RESULTS.md"), text);
process.stdout.write(`${text}\n`);
