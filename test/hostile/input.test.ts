// Hostile input shapes: what once hung, merged records or half-read a document.
// Inputs that were pathological are generated here and run under a generous
// timeout (they took minutes before; a linear reader needs well under a second).
import { describe, expect, it } from "vitest";
import { capcheck, expectOneLineError } from "../helpers.js";

const GENEROUS = { timeout: 60_000 };
const HEADER = "date,exporter,barrels";

function record(i: number, exporter = "X"): string {
  return JSON.stringify({ date: "2024-01-01", exporter, barrels: 100_000 + i });
}

describe("input on stdin is sniffed in linear time", () => {
  it("reads a 4 MB minified JSON array on stdin", () => {
    const records = Array.from({ length: 60_000 }, (_, i) => record(i));
    const run = capcheck(["check", "--json", "-"], {
      input: `[${records.join(",")}]`,
      ...GENEROUS,
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).records.read).toBe(60_000);
  });
  it("reads CR-only CSV on stdin", () => {
    const rows = Array.from({ length: 40_000 }, () => "2024-01-01,X,1");
    const run = capcheck(["check", "--json", "-"], {
      input: [HEADER, ...rows].join("\r"),
      ...GENEROUS,
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).records).toMatchObject({ read: 40_000, valid: 40_000 });
  });
  it("refuses a 20 MB first line on stdin at the record limit, without hanging", () => {
    const run = capcheck(["check", "-"], { input: `${"a,".repeat(10_000_000)}\n`, ...GENEROUS });
    expectOneLineError(run, /^capcheck: <stdin>:1: record: is larger than 1 MiB/);
  });
});

describe("NDJSON", () => {
  it("keeps CR-only records apart", () => {
    const input = [record(1, "A"), record(2, "B"), record(3, "C")].join("\r");
    const run = capcheck(["check", "--json", "--input-format", "ndjson", "-"], { input });
    expect(JSON.parse(run.stdout).records).toMatchObject({ read: 3, valid: 3, invalid: 0 });
  });
  it("reports a line over the record limit as one invalid record and reads on", () => {
    const input = `${record(1)}\n{"note":"${"x".repeat(3 << 20)}"}\n${record(2)}\n`;
    const run = capcheck(["check", "--json", "--skip-invalid", "--input-format", "ndjson", "-"], {
      input,
      ...GENEROUS,
    });
    const report = JSON.parse(run.stdout);
    expect(report.records).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    expect(run.stderr).toMatch(/<stdin>:2: record: is larger than 1 MiB \(--max-record-size\)/);
  });
  it("refuses a record that gives a key twice, exactly or in another case", () => {
    const input = [
      '{"date":"2024-01-01","exporter":"A","exporter":"B","barrels":1}',
      '{"date":"2024-01-01","exporter":"A","Exporter":"B","barrels":1}',
      '{"date":"2024-01-01","exporter":"A","note":"a:b:c","barrels":1}',
    ].join("\n");
    const run = capcheck(["validate", "--input-format", "ndjson", "-"], { input });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/<stdin>:1: record: gives the key "exporter" twice/);
    expect(run.stderr).toMatch(/<stdin>:2: exporter: given twice, as "exporter" and "Exporter"/);
    expect(run.stderr).not.toMatch(/<stdin>:3/);
  });
});

describe("JSON syntax errors", () => {
  it("are one line, naming the fault's line and column, its control characters escaped", () => {
    const input = '[{"date":\n"2024-01-01"}, \u001b]0;pwned\u0007\n]';
    const run = capcheck(["check", "--input-format", "json", "-"], { input });
    expectOneLineError(
      run,
      /^capcheck: <stdin>:2: not valid JSON: expected a value, found U\+001B \(column 16\)\n$/,
    );
    expect(run.stderr).not.toMatch(/\u001b/);
    const ndjson = capcheck(["validate", "--input-format", "ndjson", "-"], {
      input: '{"a":\r\u001b[2J}\n',
    });
    expect(ndjson.stderr).toMatch(/<stdin>:1: record: not valid JSON: /);
    expect(ndjson.stderr).not.toMatch(/\u001b/);
  });
  it("are reported for a key with a bad escape, not an internal error", () => {
    const run = capcheck(["validate", "--input-format", "ndjson", "-"], {
      input: '{"a\\x":1,"a\\x":2}\n',
    });
    expect(run.stderr).toMatch(
      /^capcheck: <stdin>:1: record: not valid JSON: a backslash escaping nothing JSON knows \(column 4\)/,
    );
  });
});

describe("JSON documents that are ambiguous", () => {
  it("refuses a document with both records and shipments", () => {
    const input = `{"shipments": [${record(1)}], "records": [${record(2)}]}`;
    expectOneLineError(
      capcheck(["check", "--input-format", "json", "-"], { input }),
      /<stdin>: the document holds both "shipments" and "records"; keep one records array/,
    );
    const cased = `{"records": [${record(1)}], "Records": []}`;
    expectOneLineError(
      capcheck(["check", "--input-format", "json", "-"], { input: cased }),
      /holds both "records" and "Records"/,
    );
  });
  it("refuses a document that gives its records key twice", () => {
    const input = `{"records": [${record(1)}], "records": [${record(2)}]}`;
    expectOneLineError(
      capcheck(["check", "--input-format", "json", "-"], { input }),
      /<stdin>: the document gives the key "records" twice/,
    );
  });
  it("refuses a record that gives a key twice and names its line", () => {
    const input = `[\n${record(1)},\n{"date":"2024-01-01","exporter":"A","exporter":"B","barrels":1}\n]`;
    const run = capcheck(["check", "--input-format", "json", "-"], { input });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/<stdin>:3: record: gives the key "exporter" twice/);
  });
  it("refuses an array of more values than the limit before building it", () => {
    const input = `[${"1,".repeat(20_000_000)}1]`;
    expectOneLineError(
      capcheck(["check", "--input-format", "json", "-"], { input, ...GENEROUS }),
      /<stdin>: JSON document holds more than 20,000,000 values \(--max-json-values\); use NDJSON, which streams, or raise the limit, e\.g\. --max-json-values 40000000\n$/,
    );
  });
});
