// Exact JSON input (contract §11): a JSON number is read from its source text,
// never through a binary float.
import { describe, expect, it } from "vitest";
import { numbersAsText } from "../src/ingest/json-numbers.js";
import { capcheck } from "./helpers.js";

describe("numbersAsText", () => {
  it("quotes number tokens and leaves strings, keys and literals alone", () => {
    expect(numbersAsText('{"a 1":1.5e5,"b":"2.0","c":[-0.25,true,null]}')).toBe(
      '{"a 1":"1.5e5","b":"2.0","c":["-0.25",true,null]}',
    );
    expect(numbersAsText('{"a":"x\\"1"}')).toBe('{"a":"x\\"1"}');
  });
  it.each(["[01]", "[1.]", "[.5]", "[+1]", "[1e]", "[- 1]", '{"a": 1 2}'])(
    "keeps %s invalid JSON",
    (text) => {
      expect(() => JSON.parse(numbersAsText(text))).toThrow();
    },
  );
});

describe("JSON and NDJSON input", () => {
  const record = '{"date":"2024-01-01","exporter":"A","barrels":100000000000.000000001}';
  it.each([
    ["json", `[${record}]`],
    ["ndjson", `${record}\n`],
    ["ndjson", `${record.replace('"A"', '"\\u0041"')}\n`],
  ])("reads 100000000000.000000001 bbl exactly (%s): over a 1e11 cap", (format, input) => {
    const run = capcheck(
      ["check", "--input-format", format, "--cap", "100000000000", "--json", "-"],
      { input },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).periods[0].total.status).toBe("exceeded");
  });
  it("gives the ledger the quantity as written", () => {
    const run = capcheck(["ledger", "--input-format", "ndjson", "--format", "json", "-"], {
      input: '{"date":"2024-01-01","exporter":"A","quantity":1.65e5,"unit":"gal"}\n',
    });
    expect(JSON.parse(run.stdout)[0].quantity).toBe("1.65e5");
  });
});
