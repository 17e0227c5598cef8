// Start-up: the command line compiles its bundle from the V8 code cache that the
// build made, and V8 accepts it (a rejected cache would silently cost the time).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, NARROW_SYMBOLS, truncate } from "../src/report/width.js";
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

  it("measures plain text without string-width, as string-width would", () => {
    for (const symbol of NARROW_SYMBOLS) expect(stringWidth(symbol)).toBe(1);
    for (const text of ["Russian Federation", "a · b … c", "中国", "e\u0301", "🇰🇵 flag"]) {
      expect(displayWidth(text)).toBe(stringWidth(text));
    }
    expect(truncate("Russian Federation", 8)).toBe("Russian…");
    expect(truncate("中国石油天然气", 5)).toBe("中国…");
  });
});
