// Hostile --caps, --factors and config files: each refused in one line naming the
// file and the place, exit 2, never a crash and never a value other than the one written.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capcheck, expectOneLineError } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-option-files-"));
const DATA = "fixtures/synthetic/state-a-2024.csv";

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe("deeply nested brackets", () => {
  // 200,000 levels in 400 KB: the repeated-key scan once copied a path per level.
  const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
  it.each([
    ["--caps", /^capcheck: .*deep\.json: \[0\]: expected an object, got a list\n$/],
    ["--factors", /^capcheck: .*deep\.json: expected an object of barrels per ton/],
    ["--config", /^capcheck: .*deep\.json: expected an object, got a list\n$/],
  ])("in a %s file are refused in one line", (flag, pattern) => {
    const path = file("deep.json", deep);
    expectOneLineError(capcheck(["check", flag, path, DATA], { timeout: 30_000 }), pattern);
  });
});

describe("numbers a binary float cannot hold", () => {
  const regime = '"id":"x","title":"T","commodity":"refined","start":"2024-01-01"';
  it.each([
    [
      "--caps",
      `[{${regime},"capBarrels":500000.00000000000001}]`,
      /^capcheck: .*caps\.json: \[0\]\.capBarrels: expected .* with at most 9 decimals, got "500000\.00000000000001"\n$/,
    ],
    [
      "--caps",
      `[{${regime},"capBarrels":1e400}]`,
      /^capcheck: .*caps\.json: \[0\]\.capBarrels: expected .*, got "1e400"\n$/,
    ],
    [
      "--factors",
      '{ "diesel": 1e-401 }',
      /^capcheck: .*factors\.json: diesel: expected barrels per ton .*, got "1e-401"\n$/,
    ],
    [
      "--config",
      '{ "loadFactor": 1e-401 }',
      /^capcheck: .*config\.json: \$\.loadFactor: takes numbers above 0 and at most 1, got "1e-401"\n$/,
    ],
  ])("in a %s file are refused quoting them as written: %s", (flag, text, pattern) => {
    const path = file(`${flag.slice(2)}.json`, text);
    expectOneLineError(capcheck(["check", flag, path, DATA]), pattern);
  });

  it("are read as written: a factor one part in 10^20 off the Committee's is an override", () => {
    const path = file("factors.json", '{ "diesel": 7.5000000000000000001 }');
    const run = capcheck(["check", "--json", "--factors", path, DATA]);
    expect(run.stdout).toMatch(/"factors": \{\s*"diesel": 7\.5000000000000000001\s*\}/);
  });

  it("are read as written: two load factors a float would make one are two scenarios", () => {
    const path = file("config.json", '{ "scenarios": [0.5, 0.50000000000000000001] }');
    const run = capcheck(["check", "--json", "--config", path, DATA]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).scenarios).toHaveLength(2);
  });
});

describe("a key left out", () => {
  it.each([
    [
      "--baseline",
      '{ "generator": "othertool 1.0" }',
      /: not a capcheck --json report: \$\.schemaVersion: is required\n$/,
    ],
    [
      "--baseline",
      '{ "schemaVersion": 1 }',
      /: not a capcheck --json report: \$\.generator: is required\n$/,
    ],
    ["--caps", '[{ "title": "T" }]', /caps\.json: \[0\]\.id: is required\n$/],
  ])("in a %s file %s is said to be required, not got undefined", (flag, text, pattern) => {
    const path = file(`${flag.slice(2)}.json`, text);
    expectOneLineError(capcheck(["check", flag, path, DATA]), pattern);
  });
});

describe("a --factors key of __proto__", () => {
  it("is an unknown product, not dropped in silence", () => {
    const path = file("factors.json", '{ "__proto__": 7 }');
    expectOneLineError(
      capcheck(["check", "--factors", path, DATA]),
      /factors\.json: __proto__: unknown product; accepted: lpg, /,
    );
  });
});

describe("an options file not in UTF-8", () => {
  it("is refused in one line, not read with U+FFFD in place of its bytes", () => {
    const report = join(tmp, "r\u00e9sum\u00e9.json");
    const config = join(tmp, "latin1.json");
    // Latin-1: é is the byte E9, which UTF-8 would read as U+FFFD.
    writeFileSync(config, Buffer.from(`{ "outputs": ["json:${report}"] }`, "latin1"));
    expectOneLineError(
      capcheck(["check", "-q", "--config", config, DATA]),
      /latin1\.json: is not UTF-8 text; save it as UTF-8\n$/,
    );
    expect(readdirSync(tmp).filter((name) => name.startsWith("r"))).toEqual([]);
  });
});

describe("a --baseline with values capcheck never writes", () => {
  const report = JSON.parse(capcheck(["check", "--json", DATA]).stdout);
  it.each([
    [
      (r: typeof report) => {
        r.periods[0].total.barrels = -5;
      },
      /\$\.periods\[0\]\.total\.barrels: expected a number at least 0, got -5\n$/,
    ],
    [
      (r: typeof report) => {
        r.settings.year = 0;
      },
      /\$\.settings\.year: expected a number at least 1900, got 0\n$/,
    ],
    [
      (r: typeof report) => {
        r.settings.loadFactor = 2;
      },
      /\$\.settings\.loadFactor: expected a number at most 1, got 2\n$/,
    ],
  ])("is refused, not compared: %#", (edit, pattern) => {
    const edited = structuredClone(report);
    edit(edited);
    const path = file("baseline.json", JSON.stringify(edited));
    expectOneLineError(capcheck(["check", "--baseline", path, DATA]), pattern);
  });
});
