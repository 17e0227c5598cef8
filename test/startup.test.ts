// Start-up: the command line compiles its bundle from the V8 code cache that the
// build made, and V8 accepts it (a rejected cache would silently cost the time).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

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
});
