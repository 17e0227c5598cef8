// The config file (contract §14): capcheck.config.json, package.json's "capcheck"
// key or --config; inputs globs expanded by capcheck and sorted; the command line
// wins; every error names the file and the JSON path.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { CONFIG_KEYS, CONFIG_TAKES } from "../src/config-schema.js";
import { MAX_CONFIG_BYTES, readConfigFile } from "../src/ingest/config-file.js";
import { expandBraces, expandGlob } from "../src/ingest/glob.js";
import { BIN, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    input: "",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), typeof value === "string" ? value : JSON.stringify(value));

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "data/more"), { recursive: true });
  for (const f of ["state-a-2024.csv", "state-b-2024.ndjson", "monthly-2024.csv"]) {
    copyFileSync(join(ROOT, "fixtures/synthetic", f), join(dir, "data", f));
  }
  copyFileSync(
    join(ROOT, "fixtures/synthetic/state-b-2024.ndjson"),
    join(dir, "data/more/c.ndjson"),
  );
});

describe("globs", () => {
  it("expand braces, *, ?, [...] and **, sorted, without dot files", () => {
    expect(expandBraces("a{b,c{d,e}}f")).toEqual(["abf", "acdf", "acef"]);
    writeFileSync(join(dir, "data/.hidden.csv"), "");
    expect(expandGlob("data/*.csv", dir)).toEqual([
      join(dir, "data/monthly-2024.csv"),
      join(dir, "data/state-a-2024.csv"),
    ]);
    expect(expandGlob("data/**/*.ndjson", dir)).toEqual([
      join(dir, "data/more/c.ndjson"),
      join(dir, "data/state-b-2024.ndjson"),
    ]);
    expect(expandGlob("data/[m-s]*-202?.{csv,json}", dir)).toEqual([
      join(dir, "data/monthly-2024.csv"),
      join(dir, "data/state-a-2024.csv"),
    ]);
  });

  it("** last matches the files at any depth, as with globstar", () => {
    expect(expandGlob("data/**", dir)).toEqual([
      join(dir, "data/monthly-2024.csv"),
      join(dir, "data/more/c.ndjson"),
      join(dir, "data/state-a-2024.csv"),
      join(dir, "data/state-b-2024.ndjson"),
    ]);
  });

  it("a pattern that matches nothing names the file so called, as a shell leaves it", () => {
    writeFileSync(join(dir, "data/[draft].csv"), "");
    writeFileSync(join(dir, "data/{x}.csv"), "");
    expect(expandGlob("data/[draft].csv", dir)).toEqual([join(dir, "data/[draft].csv")]);
    expect(expandGlob("data/{x}.csv", dir)).toEqual([join(dir, "data/{x}.csv")]);
    writeFileSync(join(dir, "data/d.csv"), "");
    expect(expandGlob("data/[draft].csv", dir)).toEqual([join(dir, "data/d.csv")]);
  });
});

describe("the config file", () => {
  it("inputs: - is standard input wherever the config file stands", () => {
    const records = readFileSync(join(ROOT, "fixtures/synthetic/state-a-2024.csv"), "utf8");
    write("data/more/c.json", { inputs: ["-"], failOn: "never" });
    for (const config of ["data/more/c.json", join(dir, "data/more/c.json")]) {
      const result = spawnSync(process.execPath, [BIN, "check", "-q", "--config", config], {
        cwd: dir,
        encoding: "utf8",
        input: records,
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }
  });

  it("capcheck.config.json: inputs read when no file is named, its options used", () => {
    write("capcheck.config.json", {
      inputs: ["data/*.csv", "data/*.ndjson"],
      by: "origin",
      failOn: "never",
    });
    const out = run(["check"]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^origin /m);
    expect(out.stdout).toContain("records: 19 read");
  });

  it("the command line wins over it, files named included", () => {
    write("capcheck.config.json", { inputs: ["data/*.csv"], by: "origin", failOn: "never" });
    const out = run([
      "check",
      "--by",
      "exporter",
      "--fail-on",
      "exceeded",
      "data/state-b-2024.ndjson",
    ]);
    expect(out.stdout).toMatch(/^exporter /m);
    expect(out.stdout).toContain("records: 3 read");
    expect(out.status).toBe(0);
  });

  it("--no-skip-invalid wins over the config's skipInvalid: true", () => {
    write("capcheck.config.json", { skipInvalid: true, failOn: "never" });
    writeFileSync(join(dir, "bad.csv"), "date,exporter,barrels\n2024-01-01,A,1\n2024-13-01,B,2\n");
    const skipping = run(["check", "bad.csv"]);
    expect(skipping.status).toBe(0);
    expect(skipping.stderr).toContain("bad.csv:3: date:");
    const strict = run(["check", "--no-skip-invalid", "bad.csv"]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("nothing was counted");
    // Both given: the last wins, as commander reads them.
    expect(run(["check", "--no-skip-invalid", "--skip-invalid", "bad.csv"]).status).toBe(0);
  });

  it("says in words what each of its keys takes", () => {
    expect(Object.keys(CONFIG_TAKES).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('the "capcheck" key of package.json, when there is no capcheck.config.json', () => {
    write("package.json", {
      name: "data",
      capcheck: { inputs: ["data/state-a-2024.csv"], failOn: "never" },
    });
    expect(run(["check", "-q"]).status).toBe(0);
    expect(run(["check", "-q", "--fail-on", "exceeded"]).status).toBe(1);
    write("package.json", { name: "data" });
    expect(run(["check", "-q", "data/state-b-2024.ndjson"]).status).toBe(0);
    // Its problems are named under the key, in the same words.
    write("package.json", { name: "data", capcheck: { extra: 1 } });
    const bad = run(["check", "-q"]);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'capcheck: package.json: $.capcheck: unknown key "extra"\n',
    ]);
    write("package.json", { name: "data", capcheck: { inputs: "data/*.csv" } });
    expect(run(["check", "-q"]).stderr).toBe(
      'capcheck: package.json: $.capcheck.inputs: expected a list of file names or globs, got "data/*.csv"\n',
    );
  });

  it("reads a config file whole, however its size compares with what stat said", () => {
    // Sized by stat, the buffer grows when the file holds more: /proc files say 0 bytes.
    if (existsSync("/proc/self/status"))
      expect(readConfigFile("/proc/self/status")).toMatch(/^Name:/);
    const path = join(dir, "limit.json");
    writeFileSync(path, `"${"x".repeat(MAX_CONFIG_BYTES - 2)}"`);
    expect(readConfigFile(path).length).toBe(MAX_CONFIG_BYTES);
    writeFileSync(path, `"${"x".repeat(MAX_CONFIG_BYTES - 1)}"`);
    expect(() => readConfigFile(path)).toThrow(/is larger than 1 MiB/);
  });

  it("reads package.json exactly only when it has a capcheck key, and names it when it is not JSON", () => {
    // No capcheck key: nothing configured, whatever else it holds (a key given
    // twice, numbers past a double's range), as before the quick look with JSON.parse.
    write("package.json", '{ "name": "data", "n": 1e999, "a": 1, "a": 2, "files": [] }');
    expect(run(["check", "-q", "data/state-b-2024.ndjson"]).status).toBe(0);
    write("package.json", "[1, 2]");
    expect(run(["check", "-q", "data/state-b-2024.ndjson"]).status).toBe(0);
    write("package.json", '{ "name": "data",\n  "scripts": {,}\n}\n');
    const broken = run(["check", "-q", "data/state-b-2024.ndjson"]);
    expect([broken.status, broken.stderr]).toEqual([
      2,
      "capcheck: package.json:2: not valid JSON: expected a double-quoted key, found ',' (column 15)\n",
    ]);
    // Its capcheck key given twice is still refused, however JSON.parse would read it.
    write("package.json", '{ "capcheck": { "failOn": "never" }, "capcheck": { "by": "origin" } }');
    expect(run(["check", "-q", "data/state-b-2024.ndjson"]).stderr).toMatch(/given twice/);
  });

  it("--config FILE, with paths relative to it", () => {
    mkdirSync(join(dir, "conf"));
    write("conf/cc.json", { inputs: ["../data/state-a-2024.csv"], outputs: ["json:../out.json"] });
    const out = run(["check", "-q", "--config", "conf/cc.json"]);
    expect(out.status).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")).verdict).toBe("exceeded");
  });

  it("applies to validate and ledger too, each taking the keys it has", () => {
    write("capcheck.config.json", {
      inputs: ["data/*.ndjson"],
      by: "origin",
      caps: "missing.json",
    });
    expect(run(["validate"]).stdout).toBe("3 records valid\n");
    expect(run(["ledger"]).stderr).toMatch(/missing\.json: no such file/);
  });

  it.each([
    [
      { by: "nation" },
      'capcheck.config.json: $.by: expected exporter, origin, product, vessel, basis, source, got "nation"',
    ],
    [
      { loadFactor: 2 },
      'capcheck.config.json: $.loadFactor: takes numbers above 0 and at most 1, got "2"',
    ],
    [
      { inputs: ["nothing/*.csv"] },
      'capcheck.config.json: $.inputs[0]: no file matches "nothing/*.csv"',
    ],
    [
      { skipInvalid: "yes" },
      'capcheck.config.json: $.skipInvalid: expected true or false, got "yes"',
    ],
    [{ bogus: 1 }, 'capcheck.config.json: unknown key "bogus"'],
    [{ input: ["a.csv"] }, 'capcheck.config.json: unknown key "input"; did you mean "inputs"?'],
    [
      { inputs: 5 },
      "capcheck.config.json: $.inputs: expected a list of file names or globs, got 5",
    ],
    [{ inputs: [5] }, "capcheck.config.json: $.inputs[0]: expected text, got 5"],
    [{ inputs: [""] }, "capcheck.config.json: $.inputs[0]: must not be empty"],
    [
      { regimes: true },
      "capcheck.config.json: $.regimes: expected a regime id, or a list of them, got true",
    ],
    [
      { scenarios: [] },
      "capcheck.config.json: $.scenarios: expected at least 1 item, got an empty list",
    ],
    [{ outputs: ["json"] }, 'capcheck.config.json: $.outputs[0]: expected FORMAT:FILE, got "json"'],
    [[1], "capcheck.config.json: expected an object, got a list"],
    // A list where a list may go, wrong inside: the item is named.
    [{ failOn: [1] }, "capcheck.config.json: $.failOn[0]: expected text, got 1"],
    [
      { scenarios: [true] },
      "capcheck.config.json: $.scenarios[0]: expected a number or text, got true",
    ],
    [
      "{ not json",
      "capcheck.config.json:1: not valid JSON: expected a double-quoted key, found 'n' (column 3)",
    ],
  ])("refuses %j naming the file and the JSON path, exit 2", (config, message) => {
    write("capcheck.config.json", config);
    const out = run(["check", "data/state-a-2024.csv"]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`capcheck: ${message}`);
  });

  it("refuses a key given twice (JSON.parse would keep the last), in package.json only under capcheck", () => {
    write("capcheck.config.json", '{ "failOn": "never", "failOn": "exceeded" }');
    const twice = run(["check", "data/state-a-2024.csv"]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(
      "capcheck: capcheck.config.json: $.failOn: given twice (JSON would keep the last in silence)\n",
    );
    rmSync(join(dir, "capcheck.config.json"));
    const scripts = '"scripts": { "a": "1", "a": "2" }';
    write("package.json", `{ ${scripts}, "capcheck": { "by": "origin", "by": "exporter" } }`);
    expect(run(["check", "data/state-a-2024.csv"]).stderr).toBe(
      "capcheck: package.json: $.capcheck.by: given twice (JSON would keep the last in silence)\n",
    );
    write("package.json", `{ ${scripts}, "capcheck": { "by": "origin" } }`);
    expect(run(["check", "-q", "data/state-a-2024.csv"]).status).toBe(1);
  });

  it("refuses loadFactor with scenarios; either on the command line replaces both", () => {
    write("capcheck.config.json", { loadFactor: 0.5, scenarios: [0.1, 0.2] });
    const both = run(["check", "data/state-a-2024.csv"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe(
      "capcheck: capcheck.config.json: $.loadFactor: cannot be used with $.scenarios: each scenario is a run's load factor; list it in $.scenarios instead\n",
    );
    const scenarios = run(["check", "--json", "--scenarios", "0.3", "data/state-a-2024.csv"]);
    expect(
      JSON.parse(scenarios.stdout).scenarios.map((s: { loadFactor: number }) => s.loadFactor),
    ).toEqual([0.3]);
    const single = run(["check", "--json", "--load-factor", "0.3", "data/state-a-2024.csv"]);
    expect(JSON.parse(single.stdout).scenarios).toBeUndefined();
    expect(single.stderr).toBe("");
  });

  it("numberFormat comma is refused for a JSON or NDJSON input, by its place; auto is not", () => {
    write("capcheck.config.json", {
      inputs: ["data/*.csv", "data/*.ndjson"],
      numberFormat: "comma",
    });
    const comma = run(["validate"]);
    expect(comma.status).toBe(2);
    expect(comma.stderr).toBe(
      "capcheck: capcheck.config.json: $.numberFormat: comma applies to CSV input only: data/state-b-2024.ndjson reads as NDJSON (by its extension)\n",
    );
    write("capcheck.config.json", {
      inputs: ["data/*.csv", "data/*.ndjson"],
      numberFormat: "auto",
    });
    const auto = run(["validate"]);
    expect(auto.stderr).toBe("");
    expect(auto.status).toBe(0);
  });

  it("names package.json's key in its paths", () => {
    write("package.json", { name: "x", capcheck: { by: 1 } });
    expect(run(["check", "data/state-a-2024.csv"]).stderr).toMatch(
      /^capcheck: package\.json: \$\.capcheck\.by: /,
    );
  });
});
