// Streams generated records into `capcheck check -` and reports its peak memory
// (VmHWM, the kernel's high-water mark of resident memory), to show it stays flat
// as the record count grows (contract §8). Not a test: run it by hand.
//
//   node bench/memory.js 1000000 10000000
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeRecords } from "./generate.js";

const BIN = fileURLToPath(new URL("../bin/capcheck.js", import.meta.url));

function highWaterMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export async function peakMemory(count, format = "csv") {
  const child = spawn(process.execPath, [BIN, "check", "--json", "--input-format", format, "-"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let peak = 0;
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  const timer = setInterval(() => {
    peak = Math.max(peak, highWaterMiB(child.pid));
  }, 50);
  const started = performance.now();
  const closed = new Promise((resolve) => child.on("close", resolve));
  // Sample once more as the report is written, when nothing is left to read.
  child.stdout.once("data", () => {
    peak = Math.max(peak, highWaterMiB(child.pid));
  });
  await writeRecords(child.stdin, format, count);
  await closed;
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(out);
  if (report.records.read !== count) throw new Error(`read ${report.records.read} of ${count}`);
  return { count, peakMiB: peak, seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = process.argv.slice(2).map(Number);
  for (const count of counts.length > 0 ? counts : [1_000_000, 10_000_000]) {
    const { peakMiB, seconds } = await peakMemory(count);
    console.log(
      `${count.toLocaleString("en")} records: peak ${peakMiB.toFixed(1)} MiB, ${seconds.toFixed(1)} s`,
    );
  }
}
