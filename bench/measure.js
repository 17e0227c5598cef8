// One run of a command: wall seconds and peak resident memory, the kernel's
// high-water mark (VmHWM) sampled from /proc while it runs.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

function highWaterMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The line feeds among the first `length` bytes of `bytes`. */
function lineFeeds(bytes, length = bytes.length) {
  let feeds = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < length; i = bytes.indexOf(10, i + 1)) feeds++;
  return feeds;
}

/** The lines of a file (its line feeds), read a block at a time. */
function linesOfFile(path) {
  const fd = openSync(path, "r");
  const block = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  try {
    for (;;) {
      const length = readSync(fd, block, 0, block.length, null);
      if (length === 0) return lines;
      lines += lineFeeds(block, length);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `command args`; `feed`, if given, writes its standard input. Resolves with
 * { seconds, peak, stdout, lines } once it exits with status 0 or 1; stdout is kept
 * only when `keep` is true (a ledger's output is large), else only its lines counted.
 * `outFile`: stdout goes into that file instead, as `> file` would send it, and its
 * lines are counted once the run is timed (a counter reading a pipe would take CPU
 * from the run measured, on a machine of two cores).
 */
export function measure(command, args, feed, keep = true, outFile = undefined) {
  return new Promise((resolve, reject) => {
    const out = outFile === undefined ? "pipe" : openSync(outFile, "w");
    const started = performance.now();
    const child = spawn(command, args, { stdio: [feed ? "pipe" : "ignore", out, "pipe"] });
    if (outFile !== undefined) closeSync(out);
    let peak = 0;
    let stdout = "";
    let lines = 0;
    let stderr = "";
    let sampled = 0;
    child.stdout?.on("data", (d) => {
      if (keep) stdout += d;
      else lines += lineFeeds(d);
      // Sample as the report is written too, when nothing is left to read; at most
      // every 20 ms, as the timer does: a ledger's output comes in thousands of chunks,
      // and reading /proc for each took CPU from the run measured (VmHWM is a
      // high-water mark, so a later sample still sees an earlier peak).
      const now = performance.now();
      if (now - sampled < 20) return;
      sampled = now;
      peak = Math.max(peak, highWaterMiB(child.pid));
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setInterval(() => {
      peak = Math.max(peak, highWaterMiB(child.pid));
    }, 20);
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 && code !== 1)
        reject(new Error(`${command} ${args.join(" ")}: exit ${code}\n${stderr}`));
      else
        resolve({
          seconds,
          peak,
          stdout,
          lines: outFile === undefined ? lines : linesOfFile(outFile),
        });
    });
    if (feed) feed(child.stdin).catch(reject);
  });
}
