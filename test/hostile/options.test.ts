// Nonsense options, from the library and the command line alike, are usage
// errors: the library checks its options with the command line's own rules.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourcesOf } from "../../src/commands/flags.js";
import type { Terminal } from "../../src/commands/options.js";
import { type CheckOptions, check, UsageError } from "../../src/index.js";
import { BIN, capcheck, expectOneLineError, ROOT } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-options-"));
const DATA = "fixtures/synthetic/state-a-2024.csv";

/** A usage error: its one line, then the pointer to --help. */
function expectUsageError(
  run: { status: number | null; stdout: string; stderr: string },
  pattern: RegExp,
) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const [message, hint, ...rest] = run.stderr.trimEnd().split("\n");
  expect(message).toMatch(pattern);
  expect(hint).toBe("capcheck: (run with --help for usage)");
  expect(rest).toEqual([]);
}

describe("library options", () => {
  it.each([
    [{ year: "2024" }, /^year takes a year from 1900 to 2100, got "2024"$/],
    [{ year: Number.NaN }, /^year takes a year from 1900 to 2100, got NaN$/],
    [{ year: 2024.5 }, /got 2024\.5$/],
    [{ year: 1800 }, /got 1800$/],
    [{ basis: "Reported" }, /^basis takes one of reported, estimated, all, got "Reported"$/],
    [{ basis: "bogus" }, /^basis takes one of/],
    [
      { by: "__proto__" },
      /^by takes one of exporter, origin, product, vessel, basis, source, got "__proto__"$/,
    ],
    [{ by: "toString" }, /^by takes one of/],
    [
      { cap: { num: -1n, den: 1n } },
      /^cap takes a number of barrels from 0\.001 to 10\^15, with at most 9 decimals, got -1\/1$/,
    ],
    [{ cap: { num: 1n, den: 0n } }, /^cap takes/],
    [{ cap: "1e400" }, /^cap takes .* got "1e400"$/],
    [{ cap: Number.POSITIVE_INFINITY }, /^cap takes .* got Infinity$/],
    [{ cap: "1000000000000001" }, /^cap takes/],
    [{ cap: Number.NaN }, /^cap takes .* got NaN$/],
    [{ loadFactor: 2 }, /^loadFactor takes numbers above 0 and at most 1, got 2$/],
    [{ scenarios: "0.5" }, /^scenarios takes a list of load factors/],
    [{ inputFormat: "xml" }, /^inputFormat takes one of csv, json, ndjson, got "xml"$/],
    [{ delimiter: "ab" }, /^delimiter takes one character/],
    [{ delimiter: '"' }, /^delimiter cannot be a double quote or a line ending .*, got "\\""$/],
    [{ delimiter: "\n" }, /^delimiter cannot be a double quote or a line ending .*, got "\\n"$/],
    [{ maxRecordBytes: 0 }, /^maxRecordBytes takes bytes from 1 to 1073741824, got 0$/],
    [{ maxJsonValues: 1.5 }, /^maxJsonValues takes values from 1/],
    [{ skipInvalid: "yes" }, /^skipInvalid takes true or false, got "yes"$/],
    [{ regimes: "unsc-2397-refined" }, /^regimes takes a list of names/],
    [{ capsFile: 7 }, /^capsFile takes a file name, got 7$/],
    // No such day: compared as text, it would end a running period's gaps wrongly.
    [
      { today: "2024-02-30" },
      /^today takes a date as YYYY-MM-DD, from 1900 to 2100, got "2024-02-30"$/,
    ],
    [{ today: "2024-13-01" }, /^today takes a date as YYYY-MM-DD/],
    // No regime is not every regime.
    [{ regimes: [] }, /^regimes takes at least one regime id, got none$/],
  ])("refuses %o with a UsageError", async (options, message) => {
    const error = await check([DATA], options as unknown as CheckOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
  it("refuses an empty list of files instead of reading stdin", async () => {
    const error = await check([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'files: name at least one file, or "-" for standard input',
    );
  });
  it("still takes the options it always took", async () => {
    const report = await check([DATA], {
      year: 2024,
      basis: "reported",
      by: "origin",
      cap: "1e15",
    });
    expect(report.records.read).toBeGreaterThan(0);
    expect(report.periods?.length).toBeGreaterThan(0);
  });
});

describe("command-line options", () => {
  it("refuses absurd caps instead of printing Infinity", () => {
    expectUsageError(
      capcheck(["check", DATA, "--cap", "1e400"]),
      /^capcheck: --cap takes a number of barrels from 0\.001 to 10\^15, with at most 9 decimals, got "1e400"$/,
    );
    expectUsageError(capcheck(["check", DATA, "--cap", "2e15"]), /--cap takes/);
  });
  it("words commander's usage errors as its own: the hint prefixed too", () => {
    expectUsageError(capcheck(["check", "--nope"]), /^capcheck: unknown option '--nope'$/);
    expectUsageError(
      capcheck(["check", DATA, "--format", "yaml"]),
      /^capcheck: option '--format <format>' argument 'yaml' is invalid/,
    );
    expectUsageError(capcheck(["completion"]), /^capcheck: missing required argument 'shell'$/);
  });
  it("refuses --json beside --format rather than let one lose in silence", () => {
    for (const command of ["check", "ledger", "validate"]) {
      for (const order of [
        ["--json", "--format", "csv"],
        ["--format", "csv", "--json"],
      ]) {
        const format = command === "validate" ? "text" : "csv";
        const args = order.map((arg) => (arg === "csv" ? format : arg));
        expectUsageError(
          capcheck([command, DATA, ...args]),
          /^capcheck: option '--json' cannot be used with option '--format <format>'$/,
        );
      }
    }
    expect(capcheck(["check", DATA, "--json"]).status).toBe(1);
    expect(capcheck(["regimes", "--json"]).status).toBe(0);
  });
  it("keeps commander's suggestion on the error's line, not as an escaped line feed", () => {
    expectUsageError(
      capcheck(["check", DATA, "--skip-invalidd"]),
      /^capcheck: unknown option '--skip-invalidd' \(Did you mean --skip-invalid\?\)$/,
    );
    expectUsageError(
      capcheck(["chek", DATA]),
      /^capcheck: unknown command 'chek' \(Did you mean check\?\)$/,
    );
  });
  it("with no file and a terminal on stdin, says so once, the hint pointing to --help", () => {
    const terminal = { stdinIsTerminal: () => true } as unknown as Terminal;
    expect(() => sourcesOf([], terminal)).toThrow(
      /^no input: name a file, or pipe records into standard input$/,
    );
  });
  // An unset variable (`--regime "$REGIME"`) names nothing: dropped, the option's
  // default would run in its place (every regime, built-in caps, fail on exceeded).
  it.each([
    ["--regime", ""],
    ["--regime", " , "],
    ["--fail-on", ""],
  ])("refuses %s %j rather than run the default", (flag, value) => {
    expectUsageError(
      capcheck(["check", DATA, flag, value]),
      new RegExp(
        `^capcheck: option '${flag} <\\w+>' argument '${value}' is invalid\\. It names nothing\\.$`,
      ),
    );
  });
  it.each([
    ["check", "--caps"],
    ["ledger", "--caps"],
    ["check", "--factors"],
    ["ledger", "--factors"],
    ["check", "--baseline"],
    ["check", "--config"],
    ["validate", "--config"],
  ])(
    "%s refuses %s with an empty file name by its flag, never dropped or read as no file",
    (command, flag) => {
      expectUsageError(
        capcheck([command, DATA, flag, ""]),
        new RegExp(`^capcheck: ${flag} takes a file name, got ""$`),
      );
    },
  );
  it.each(["abc", "1.5", "999999999999"])(
    "refuses SOURCE_DATE_EPOCH=%s rather than use the clock's date in silence",
    (epoch) => {
      expectUsageError(
        capcheck(["check", DATA], { env: { SOURCE_DATE_EPOCH: epoch } }),
        new RegExp(
          `^capcheck: SOURCE_DATE_EPOCH takes whole seconds since 1970-01-01 UTC, up to the end of 2100, got "${epoch}"$`,
        ),
      );
    },
  );
  it("refuses a year that is not one, naming it as given", () => {
    expectUsageError(
      capcheck(["check", DATA, "--year", "20x4"]),
      /--year takes a year from 1900 to 2100, got "20x4"/,
    );
    expectUsageError(
      capcheck(["check", DATA, "--year", "3000"]),
      /--year takes a year from 1900 to 2100, got 3000/,
    );
  });
  it("raises the record limit with --max-record-size", () => {
    const input = `{"date":"2024-01-01","exporter":"X","barrels":1,"note":"${"n".repeat(1000)}","extra":"${"x".repeat(1_500_000)}"}\n`;
    const refused = capcheck(["validate", "--input-format", "ndjson", "-"], { input });
    expect(refused.stderr).toMatch(/<stdin>:1: record: is larger than 1 MiB/);
    const read = capcheck(
      ["validate", "--input-format", "ndjson", "--max-record-size", "2MiB", "-"],
      { input },
    );
    expect(read.status).toBe(0);
    expectUsageError(
      capcheck(["validate", "--max-record-size", "lots", "-"], { input }),
      /--max-record-size takes a size such as 4194304, 4MiB or 512KiB, up to 1GiB, got "lots"/,
    );
  });
  it("lowers and raises the JSON value limit with --max-json-values", () => {
    const input = '[{"date":"2024-01-01","exporter":"X","barrels":1}]';
    expectOneLineError(
      capcheck(["check", "--input-format", "json", "--max-json-values", "3", "-"], { input }),
      /more than 3 values \(--max-json-values\); .* e\.g\. --max-json-values 6/,
    );
    expect(
      capcheck(["check", "--input-format", "json", "--max-json-values", "4", "-"], { input })
        .status,
    ).toBe(0);
    expectUsageError(
      capcheck(["check", "--max-json-values", "-1", "-"], { input }),
      /--max-json-values takes values from 1 to 1000000000, got "-1"/,
    );
  });
});

describe("configuration files", () => {
  it.each(["--caps", "--factors"])("%s reads only a regular file", (flag) => {
    expectOneLineError(
      capcheck(["check", DATA, flag, "/dev/zero"]),
      /\/dev\/zero: is not a regular file/,
    );
    expectOneLineError(capcheck(["check", DATA, flag, "test"]), /test: is a directory, not a file/);
  });
  it.each(["--caps", "--factors", "--config"])(
    "%s refuses a FIFO at once, not waiting for a writer",
    (flag) => {
      const fifo = join(tmp, `${flag.slice(2)}.fifo`);
      expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
      // Still waiting 20 s later, it is killed (it handles no signal there) and fails.
      const run = spawnSync(process.execPath, [BIN, "check", DATA, flag, fifo], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 20_000,
        killSignal: "SIGKILL",
      });
      expectOneLineError(run, /\.fifo: is not a regular file/);
    },
  );
  it("refuses a configuration file over 1 MiB before reading it", () => {
    const path = join(tmp, "huge-caps.json");
    writeFileSync(path, `[${" ".repeat(2 << 20)}]`);
    expectOneLineError(
      capcheck(["check", DATA, "--caps", path]),
      /huge-caps\.json: is larger than 1 MiB; a config, caps or factors file is small/,
    );
    expectOneLineError(
      capcheck(["check", DATA, "--config", path]),
      /huge-caps\.json: is larger than 1 MiB; a config, caps or factors file is small/,
    );
  });
  it.each([
    ['{ "regimes": [] }', "regimes"],
    ['{ "failOn": "," }', "failOn"],
  ])("refuses %s: an empty list is not the default it would leave in force", (text, key) => {
    const path = join(tmp, "empty-list.json");
    writeFileSync(path, text);
    expectOneLineError(
      capcheck(["check", DATA, "--config", path]),
      new RegExp(
        `empty-list\\.json: \\$\\.${key}: names nothing; leave the key out for the default`,
      ),
    );
  });
  it("refuses a cap above 10^15 barrels in a caps file", () => {
    const path = join(tmp, "caps.json");
    const regime = {
      id: "x",
      title: "X",
      commodity: "refined",
      capBarrels: "1e16",
      start: "2024-01-01",
    };
    writeFileSync(path, JSON.stringify([regime]));
    expectOneLineError(
      capcheck(["check", DATA, "--caps", path]),
      /caps\.json: \[0\]\.capBarrels: expected a number of barrels from 0\.001 to 10\^15, with at most 9 decimals, got "1e16"/,
    );
  });
});
