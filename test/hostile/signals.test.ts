// A pipe named as a file blocks a thread of Node's pool until the other end comes or
// moves; Ctrl-C or a kill must still end the run at once (process.exit would wait).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-signals-"));

/** Starts `capcheck check ARGS`, signals it after start-up, and says how it ended. */
async function interrupted(args: string[], signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [BIN, "check", ...args], { cwd: ROOT });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  // Time to start and block on the pipe, even on a slow shared machine.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  child.kill(signal);
  // Still running 10 s later: killed, and the test fails saying so (SIGKILL).
  const stuck = setTimeout(() => child.kill("SIGKILL"), 10_000);
  const ended = await new Promise<{ signal: NodeJS.Signals | null; code: number | null }>(
    (resolve) => child.on("close", (code, by) => resolve({ code, signal: by })),
  );
  clearTimeout(stuck);
  return { ...ended, stderr };
}

describe("a run writing --output into a named pipe", () => {
  it("ends on SIGINT while no reader has opened it", async () => {
    const fifo = join(tmp, "out.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const run = await interrupted(
      ["fixtures/example/committee-2024.csv", "-q", "--output", `json:${fifo}`],
      "SIGINT",
    );
    expect(run).toEqual({ code: null, signal: "SIGINT", stderr: "capcheck: interrupted\n" });
  }, 20_000);
});

describe("a run reading a named pipe", () => {
  it.each([
    ["SIGINT", "interrupted"],
    ["SIGTERM", "terminated"],
  ] as const)(
    "ends on %s while no writer has opened it",
    async (signal, word) => {
      const fifo = join(tmp, `${signal}.csv`);
      expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
      const run = await interrupted([fifo], signal);
      // Ended by the signal itself, as a shell sees it: status 128 + its number.
      expect(run).toEqual({ code: null, signal, stderr: `capcheck: ${word}\n` });
    },
    20_000,
  );

  it("ends on SIGTERM while its writer is silent", async () => {
    const fifo = join(tmp, "silent.csv");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const writer = spawn("sh", [
      "-c",
      `printf 'date,exporter,barrels\\n' > "${fifo}"; exec sleep 30 > "${fifo}"`,
    ]);
    try {
      const run = await interrupted([fifo], "SIGTERM");
      expect(run).toEqual({ code: null, signal: "SIGTERM", stderr: "capcheck: terminated\n" });
    } finally {
      writer.kill();
    }
  }, 20_000);
});

describe("a long ledger written to a file", () => {
  it("ends on SIGINT while it writes, its temporary files removed", async () => {
    const dir = mkdtempSync(join(tmp, "ledger-"));
    const temporary = mkdtempSync(join(tmp, "tmpdir-"));
    const input = join(dir, "big.csv");
    const exporters = ["China", "Russian Federation", "Belarus"];
    const rows = Array.from(
      { length: 300_000 },
      (_, i) => `2024-${String((i % 12) + 1).padStart(2, "0")}-01,${exporters[i % 3]},${i % 1000}`,
    );
    writeFileSync(input, `date,exporter,barrels\n${rows.join("\n")}\n`);
    const output = join(dir, "ledger.txt");
    const out = openSync(output, "w");
    // The table: its rows are made and written without waiting, seconds of them.
    const child = spawn(process.execPath, [BIN, "ledger", "--threads", "1", input], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: temporary },
      stdio: ["ignore", out, "pipe"],
    });
    closeSync(out);
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    const ended = new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    let running = true;
    void ended.then(() => {
      running = false;
    });
    while (running && statSync(output).size === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(running).toBe(true);
    child.kill("SIGINT");
    expect(await ended).toBe(130);
    expect(stderr).toBe("capcheck: interrupted\n");
    expect(readdirSync(temporary)).toEqual([]);
  }, 90_000);
});
