// Hostile input: every case ends in a clear one-line error with exit 2, or in a
// safe report; never a crash, a stack trace, or data that drives a terminal.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, UsageError } from "../../src/index.js";
import { csvCell } from "../../src/report/csv.js";
import { BIN, capcheck, expectOneLineError, ROOT } from "../helpers.js";

const cases = (name: string) => `test/hostile/cases/${name}`;
const tmp = mkdtempSync(join(tmpdir(), "capcheck-hostile-"));
const ESC_OR_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("terminal escapes and control characters", () => {
  it.each(["table", "markdown", "csv"])("never reach the %s output raw", (format) => {
    for (const by of ["exporter", "vessel"]) {
      const run = capcheck(["check", cases("escapes.csv"), "--format", format, "--by", by]);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(ESC_OR_CONTROL);
      expect(run.stdout).not.toContain("pwned");
    }
    const table = capcheck(["check", cases("escapes.csv")]).stdout;
    expect(table).toContain("Evil Corp");
  });
  it("are escaped in JSON, which keeps the data as it was", () => {
    const run = capcheck(["check", cases("escapes.csv"), "--json"]);
    expect(run.stdout).not.toMatch(ESC_OR_CONTROL);
    const keys = JSON.parse(run.stdout).periods[0].groups.map((g: { key: string }) => g.key);
    expect(keys).toContain("\u001b[31mEvil\u001b]0;pwned\u0007 Corp\u001b[0m");
  });
  it("never reach stderr raw either", () => {
    const run = capcheck(["validate", "-"], {
      input: "date,exporter,barrels\n2024-01-01,X,\u001b[2J\n",
    });
    expect(run.stderr).toContain("\\u001b[2J");
    expect(run.stderr).not.toMatch(ESC_OR_CONTROL);
  });
});

describe("spreadsheet formulas", () => {
  it("are disarmed in CSV output", () => {
    const run = capcheck(["check", cases("formulas.csv"), "--format", "csv", "--by", "exporter"]);
    const keys = run.stdout
      .trim()
      .split("\n")
      .slice(1, -1)
      .map((line) => line.split(",").slice(5, -8).join(","));
    expect(keys).toEqual([
      `'=cmd|' /C calc'!A0`,
      "'@SUM(A1:A9)",
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ]);
    const origins = capcheck([
      "check",
      cases("formulas.csv"),
      "--format",
      "csv",
      "--by",
      "origin",
    ]).stdout;
    expect(origins).toMatch(/,'=1,/);
    expect(origins).toMatch(/,'\+1-1,/);
    expect(origins).toMatch(/,'-2\+3,/);
  });
  it.each(["=1", "+1", "-1", "@x", "\tx", "\rx"])("prefixes %j", (cell) => {
    expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
  });
});

describe("files that are not records", () => {
  it("refuses binary data", () => {
    expectOneLineError(capcheck(["check", cases("binary.csv")]), /binary\.csv: holds binary data/);
  });
  describe("refuses a NUL byte past the first 8 KiB, naming its line and byte", () => {
    // 400 records: the NUL sits past the first 8 KiB, which are sniffed for binary data.
    const csv = ["date,exporter,product,barrels"];
    const json: string[] = [];
    for (let i = 0; i < 400; i++) {
      csv.push("2018-01-01,China,diesel,10");
      json.push('{"date":"2018-01-01","exporter":"China","product":"diesel","barrels":10}');
    }
    csv.push("2018-02-01,Chi\u0000na,diesel,10");
    json.push('{"date":"2018-02-01","exporter":"Chi\u0000na","product":"diesel","barrels":10}');
    const texts = {
      "nul.csv": `${csv.join("\n")}\n`,
      "nul.ndjson": `${json.join("\n")}\n`,
      "nul.json": `[\n${json.join(",\n")}\n]\n`,
    };
    /** The message for the NUL in `text` (ASCII): its line and byte. */
    const nulAt = (name: string, text: string) => {
      const before = text.slice(0, text.indexOf("\u0000"));
      const line = before.split("\n").length;
      const at = `${name}:${line}: holds a NUL byte \\(byte ${before.length}\\)`;
      return new RegExp(`${at}: binary data, not CSV or JSON text\n$`);
    };
    it.each(Object.keys(texts) as (keyof typeof texts)[])("%s", (name) => {
      const path = join(tmp, name);
      writeFileSync(path, texts[name]);
      expect(texts[name].indexOf("\u0000")).toBeGreaterThan(8192);
      expectOneLineError(capcheck(["check", path]), nulAt(name, texts[name]));
      expectOneLineError(capcheck(["validate", path]), nulAt(name, texts[name]));
    });
    it("from a pipe, and in a worker thread's part of the file", () => {
      const text = texts["nul.csv"];
      const piped = capcheck(["check", "--input-format", "csv", "-"], { input: text });
      expectOneLineError(piped, nulAt("<stdin>", text));
      const path = join(tmp, "nul-threads.csv");
      writeFileSync(path, text);
      const env = { CAPCHECK_PARALLEL_MIN_BYTES: "0" };
      for (const command of ["check", "ledger"]) {
        const run = capcheck([command, "--threads", "2", path], { env });
        expectOneLineError(run, nulAt("nul-threads.csv", text));
      }
    });
    it("names the NUL, not an invalid byte after it in the same chunk", () => {
      const text = texts["nul.csv"];
      const path = join(tmp, "nul-then-ff.csv");
      writeFileSync(path, Buffer.concat([Buffer.from(text), Buffer.from([0xff, 10])]));
      expectOneLineError(capcheck(["check", path]), nulAt("nul-then-ff.csv", text));
    });
  });
  it("refuses invalid UTF-8, naming the line and byte", () => {
    expectOneLineError(
      capcheck(["check", cases("invalid-utf8.csv")]),
      /invalid-utf8\.csv:2: not valid UTF-8 text \(byte 36\)/,
    );
  });
  it("refuses a JSON document that holds no records", () => {
    expectOneLineError(
      capcheck(["check", cases("not-records.json")]),
      /expected a JSON array of records/,
    );
  });
  it("says a JSON document of one record's fields is one record, to be put in [ ]", () => {
    const path = join(tmp, "one-record.json");
    writeFileSync(path, '{"date":"2024-01-10","exporter":"China","barrels":1}');
    expectOneLineError(
      capcheck(["check", path]),
      /one-record\.json: expected a JSON array of records, or an object with a records or shipments array; this one is a single record: put it in \[ \]/,
    );
  });
  it("survives a 200,000-deep JSON nest", () => {
    const path = join(tmp, "deep.json");
    writeFileSync(path, `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    const run = capcheck(["check", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/deep\.json:1: record: expected a JSON object/);
    const nested = join(tmp, "deep-field.json");
    writeFileSync(
      nested,
      `[{"date":"2024-01-01","exporter":"X","barrels":1,"note":${"[".repeat(200_000)}${"]".repeat(200_000)}}]`,
    );
    expect(capcheck(["check", nested]).stderr).toMatch(
      /deep-field\.json:1: note: expected text or a number, got an array/,
    );
  });
  it("refuses a single 50 MB field in one short line, at the record size limit", () => {
    const path = join(tmp, "big.csv");
    writeFileSync(path, `date,exporter,barrels\n2024-01-01,${"A".repeat(50_000_000)},1\n`);
    expectOneLineError(
      capcheck(["check", path]),
      /big\.csv:2: record: is larger than 1 MiB \(--max-record-size\); to read it, raise the limit, e\.g\. --max-record-size 2MiB\n$/,
    );
  });
  it("refuses a field over 1000 characters in a record under the limit", () => {
    const path = join(tmp, "long.csv");
    writeFileSync(path, `date,exporter,barrels\n2024-01-01,${"A".repeat(5000)},1\n`);
    const run = capcheck(["check", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/long\.csv:2: exporter: is longer than 1000 characters/);
    expect(run.stderr.length).toBeLessThan(400);
  });
  it("refuses an unreadable path, a path through a file, and a directory", () => {
    expectOneLineError(capcheck(["check", "no/such.csv"]), /no\/such\.csv: no such file/);
    expectOneLineError(
      capcheck(["check", "README.md/x.csv"]),
      /a part of the path is not a directory/,
    );
    expectOneLineError(capcheck(["check", "test"]), /test: is a directory, not a file/);
  });
  it("refuses a file named twice, by any path, rather than count its records twice", async () => {
    const data = "fixtures/synthetic/state-a-2024.csv";
    for (const command of ["check", "ledger", "validate"]) {
      expectOneLineError(
        capcheck([command, data, "fixtures/example/committee-2024.csv", data]),
        /^capcheck: fixtures\/synthetic\/state-a-2024\.csv: is named twice: its records would count twice\n$/,
      );
    }
    const link = join(tmp, "link.csv");
    symlinkSync(join(ROOT, data), link);
    expectOneLineError(
      capcheck(["check", link, `./${data}`]),
      /^capcheck: \.\/fixtures\/synthetic\/state-a-2024\.csv: is the file .*link\.csv again: its records would count twice\n$/,
    );
    await expect(check([data, `./${data}`])).rejects.toThrow(/is the file .* again/);
  });
  it("refuses standard input named twice as a usage error, before reading any input", async () => {
    // Read once, the second `-` would be empty: refused rather than read as nothing.
    for (const command of ["check", "ledger", "validate"]) {
      const run = capcheck([command, "-", "no/such.csv", "-"], {
        input: "date,exporter,barrels\n2024-01-01,A,1\n",
      });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        'capcheck: standard input ("-") is named twice: it can be read only once\ncapcheck: (run with --help for usage)\n',
      );
    }
    await expect(check(["-", "-"])).rejects.toThrow(UsageError);
  });
});

describe("awkward but valid shapes", () => {
  it("ignores __proto__, constructor and prototype keys and takes them as plain names", () => {
    const run = capcheck(["check", cases("proto.json"), "--json"]);
    expect(run.status).toBe(0);
    const groups = JSON.parse(run.stdout).periods[0].groups.map(
      (g: { key: string; barrels: number }) => [g.key, g.barrels],
    );
    expect(groups).toEqual([
      ["hasOwnProperty", 3],
      ["constructor", 2],
      ["__proto__", 1],
    ]);
    const csv = capcheck(["check", cases("proto.csv"), "--json"]);
    expect(JSON.parse(csv.stdout).periods[0].groups[0].key).toBe("toString");
  });
  it("refuses a header that names a field twice", () => {
    expectOneLineError(
      capcheck(["check", cases("dup-header.csv")]),
      /dup-header\.csv:1: header: columns 3 \("barrels"\) and 4 \("BBL"\)/,
    );
  });
  it.each(["header-only.csv", "empty.csv"])("reports %s as holding no records", (name) => {
    const refused = capcheck(["check", cases(name), "--json"]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `capcheck: warning: ${cases(name)}: holds no records\ncapcheck: nothing to check: the input holds no records (--allow-empty reports it anyway)\n`,
    );
    const run = capcheck(["check", cases(name), "--json", "--allow-empty"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`capcheck: warning: ${cases(name)}: holds no records\n`);
    expect(JSON.parse(run.stdout).records).toEqual({
      read: 0,
      valid: 0,
      invalid: 0,
      uncapped: 0,
      excluded: 0,
      counted: 0,
    });
  });
  it("reads a BOM in the middle of a file as nothing", () => {
    const report = JSON.parse(capcheck(["check", cases("bom-middle.csv"), "--json"]).stdout);
    expect(report.periods[0].groups.map((g: { key: string }) => g.key)).toEqual(["B", "A"]);
  });
  it("reads mixed line endings", () => {
    const report = JSON.parse(capcheck(["check", cases("mixed-eol.csv"), "--json"]).stdout);
    expect(report.periods[0].total.records).toBe(3);
  });
});

describe("pipes and signals", () => {
  it("ends quietly when the reader of its output goes away", () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `2024-01-01,Exporter ${i},1`).join("\n");
    const path = join(tmp, "many.csv");
    writeFileSync(path, `date,exporter,barrels\n${rows}\n`);
    const run = spawnSync(
      "bash",
      [
        "-c",
        `node "${BIN}" check "${path}" --format csv | head -1; echo "status:\${PIPESTATUS[0]}" >&2`,
      ],
      {
        encoding: "utf8",
        cwd: ROOT,
      },
    );
    expect(run.stdout).toBe(
      "regime,period,start,end,scope,key,barrels,reported,estimated,share,status,records,exceeded_on,at_least\n",
    );
    expect(run.stderr).toBe("status:0\n");
  });

  it("ends with status 130 and one line on Ctrl-C, writing no half report", async () => {
    const child = spawn(process.execPath, [BIN, "check", "--json", "-"], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.stdin.write("date,exporter,barrels\n2024-01-01,X,1\n");
    // Give it time to start and register its handler, even on a slow shared machine.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toBe("capcheck: interrupted\n");
    expect(stdout).toBe("");
  });
});

describe("bounded error output", () => {
  const rows = Array.from({ length: 1500 }, (_, i) => `2024-13-01,X${i},1`).join("\n");
  const input = `date,exporter,barrels\n${rows}\n2024-01-01,Y,5\n`;
  it("shows at most 100 record errors on stderr, then a count", () => {
    const run = capcheck(["check", "-"], { input });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(102);
    expect(lines[100]).toBe("capcheck: ... and 1,400 more invalid records");
  });
  it("keeps at most 1,000 issues in JSON, then one truncated issue", () => {
    const run = capcheck(["check", "--json", "--skip-invalid", "-"], { input });
    const report = JSON.parse(run.stdout);
    expect(report.records).toEqual({
      read: 1501,
      valid: 1,
      invalid: 1500,
      uncapped: 0,
      excluded: 0,
      counted: 1,
    });
    expect(report.issues).toHaveLength(1001);
    expect(report.issues[1000]).toMatchObject({
      code: "truncated",
      message: "500 more issues not listed (500 warnings)",
    });
    expect(run.stderr.trimEnd().split("\n").at(-2)).toBe("capcheck: ... and 1,400 more warnings");
  });
});
