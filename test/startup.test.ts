// Start-up: the command line compiles its bundle from the V8 code cache that the
// build made, and V8 accepts it (a rejected cache would silently cost the time);
// a check of a small file loads none of the modules only larger or rarer runs need.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, NARROW_SYMBOLS, truncate } from "../src/report/width.js";
import { capcheck, ROOT } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-startup-"));

describe("start-up", () => {
  it("compiles the bundle from a code cache that V8 accepts", () => {
    expect(existsSync(`${ROOT}dist/bin/cli.cache`)).toBe(true);
    const probe = spawnSync(
      process.execPath,
      [
        "-e",
        'process.stdout.write(String(require("./bin/capcheck.js").load().script.cachedDataRejected))',
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(probe.stdout).toBe("false");
  });

  it("runs the bundle the build wrapped, and one built before it did (a dist/ not rebuilt)", () => {
    const [before, after] = (Module as unknown as { wrapper: [string, string] }).wrapper;
    const bundle = readFileSync(`${ROOT}dist/bin/cli.cjs`, "latin1");
    expect(bundle.startsWith(before) && bundle.endsWith(after)).toBe(true);
    const copy = mkdtempSync(join(tmp, "old-dist-"));
    cpSync(`${ROOT}bin`, join(copy, "bin"), { recursive: true });
    cpSync(`${ROOT}dist/bin`, join(copy, "dist/bin"), { recursive: true });
    rmSync(join(copy, "dist/bin/cli.cache"));
    writeFileSync(
      join(copy, "dist/bin/cli.cjs"),
      bundle.slice(before.length, bundle.length - after.length),
      "latin1",
    );
    const args = ["check", "fixtures/synthetic/monthly-2024.csv"];
    const run = spawnSync(process.execPath, [join(copy, "bin/capcheck.js"), ...args], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toBe(capcheck(args).stdout);
  });

  it("checks a small file to a pipe without Node's stream, net, tty, worker, fs/promises or module loader modules", () => {
    // The modules Node has loaded, taken when the run ends (before anything else loads).
    // From a script file: `node -e` itself loads node:module and the ES module loader.
    const script = join(tmp, "modules.cjs");
    writeFileSync(
      script,
      `process.on("exit", () => require("node:fs").writeSync(2, JSON.stringify(process.moduleLoadList)));
      require(${JSON.stringify(`${ROOT}bin/capcheck.js`)}).load().main(["node", "capcheck", "check", "fixtures/synthetic/monthly-2024.csv"]);`,
    );
    const probe = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8" });
    expect(probe.status).toBe(0);
    expect(probe.stdout).toBe(capcheck(["check", "fixtures/synthetic/monthly-2024.csv"]).stdout);
    const loaded: string[] = JSON.parse(probe.stderr);
    expect(loaded).toContain("NativeModule vm");
    const unwanted = [
      ...["stream", "net", "tty", "internal/fs/streams", "worker_threads"],
      ...["fs/promises", "internal/fs/promises"],
      ...["module", "internal/modules/esm/loader"],
    ];
    expect(loaded.filter((m) => unwanted.some((name) => m === `NativeModule ${name}`))).toEqual([]);
  });

  it("writes the same output through a pipe that another process made non-blocking", () => {
    // Touching process.stdout first makes the pipe non-blocking, as a Node parent
    // sharing it would: a large output then meets a full pipe (EAGAIN) and goes on
    // through the stream.
    const input = join(tmp, "many.csv");
    const rows = Array.from({ length: 20_000 }, (_, i) => `2024-01-01,Exporter ${i % 50},${i}`);
    writeFileSync(input, `date,exporter,barrels\n${rows.join("\n")}\n`);
    const args = ["ledger", "--format", "csv", input];
    const expected = capcheck(args).stdout;
    expect(expected.length).toBeGreaterThan(1 << 20);
    const run = spawnSync(
      process.execPath,
      [
        "-e",
        `process.stdout; require("./bin/capcheck.js").load().main(["node", "capcheck", ...${JSON.stringify(args)}]);`,
      ],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(run.status).toBe(0);
    expect(run.stdout === expected).toBe(true);
  });

  it("writes a ledger made on two threads whole through a non-blocking pipe that fills", () => {
    // The worker's span is copied out of its file through one reused buffer
    // (ledger-split.ts): a stream that keeps a piece to write later must copy it, or
    // the next chunk would overwrite it. The reader waits, so the pipe fills.
    const input = join(tmp, "days.csv");
    const rows = Array.from(
      { length: 40_000 },
      (_, i) =>
        `2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")},Exporter ${i % 50},${i}`,
    );
    writeFileSync(input, `date,exporter,barrels\n${rows.join("\n")}\n`);
    const args = ["ledger", "--format", "csv", "--threads", "2", input];
    const expected = Buffer.from(
      capcheck(["ledger", "--format", "csv", "--threads", "1", input]).stdout,
    );
    expect(expected.length).toBeGreaterThan(4 << 20);
    const script = join(tmp, "split-non-blocking.cjs");
    writeFileSync(
      script,
      `process.stdout; require(${JSON.stringify(`${ROOT}bin/capcheck.js`)}).load().mainThenExit(["node", "capcheck", ...${JSON.stringify(args)}]);`,
    );
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${script}" | (sleep 1; cat)`], {
      cwd: ROOT,
      maxBuffer: 1 << 28,
      env: { ...process.env, NO_COLOR: "1", CAPCHECK_LEDGER_SPLIT_MIN: "0" },
    });
    expect(run.status).toBe(0);
    expect(run.stdout.equals(expected)).toBe(true);
  });

  it.each(["main", "mainThenExit"])(
    "writes multi-byte text whole through a non-blocking pipe that fills inside a character (%s)",
    (entry) => {
      // mainThenExit, as bin/capcheck.js runs, ends the process once main() is done:
      // only once every byte has left.
      // The bytes of each write sit in one reused buffer (stdio.ts): what EAGAIN left
      // of it, here cut inside a character, must reach the reader unchanged. The reader
      // waits a second, so the pipe fills at its capacity (64 KiB on Linux) exactly.
      const input = join(tmp, "many.ndjson");
      const names = ["😀".repeat(450), `Zürich ${"中国".repeat(300)}`, "🛢️ Pétrole \\ud800 Öl"];
      const rows = Array.from(
        { length: 3000 },
        (_, i) => `{"date":"2024-01-01","exporter":"${names[i % 3]}","barrels":${i}}`,
      );
      writeFileSync(input, `${rows.join("\n")}\n`);
      const args = ["ledger", "--format", "ndjson", input];
      const expected = Buffer.from(capcheck(args).stdout);
      expect(expected.length).toBeGreaterThan(1 << 20);
      expect((expected[1 << 16] as number) & 0xc0).toBe(0x80);
      const script = join(tmp, "non-blocking.cjs");
      writeFileSync(
        script,
        `process.stdout; require(${JSON.stringify(`${ROOT}bin/capcheck.js`)}).load().${entry}(["node", "capcheck", ...${JSON.stringify(args)}]);`,
      );
      const run = spawnSync("sh", ["-c", `"${process.execPath}" "${script}" | (sleep 1; cat)`], {
        cwd: ROOT,
        maxBuffer: 1 << 28,
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(run.status).toBe(0);
      expect(run.stdout.equals(expected)).toBe(true);
    },
  );

  it("measures plain text without string-width, as string-width would", () => {
    for (const symbol of NARROW_SYMBOLS) expect(stringWidth(symbol)).toBe(1);
    for (const text of ["Russian Federation", "a · b … c", "中国", "e\u0301", "🇰🇵 flag"]) {
      expect(displayWidth(text)).toBe(stringWidth(text));
    }
    expect(truncate("Russian Federation", 8)).toBe("Russian…");
    expect(truncate("中国石油天然气", 5)).toBe("中国…");
  });
});
