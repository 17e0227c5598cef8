// Where a JSON text breaks the grammar (src/ingest/json-syntax.ts): found exactly
// when JSON.parse refuses the text, and named in one line with its line and column.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonFault, jsonSyntaxError } from "../dist/ingest/json-syntax.js";
import { capcheck } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-json-syntax-"));
/** A file of `text` named `name`, its path. */
function tempFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** JSON texts, and texts a character away from one: an edit where JSON's syntax is decided. */
const nearJson = fc
  .tuple(
    fc.json({ maxDepth: 4 }),
    fc.nat(),
    fc.constantFrom("delete", "insert", "replace"),
    fc.constantFrom(...'{}[],:"\\ 0-.e+tfnu\n\t\u0001x'.split("")),
  )
  .map(([text, at, edit, char]) => {
    const k = text.length === 0 ? 0 : at % text.length;
    if (edit === "delete") return text.slice(0, k) + text.slice(k + 1);
    if (edit === "insert") return text.slice(0, k) + char + text.slice(k);
    return text.slice(0, k) + char + text.slice(k + 1);
  });

describe("a JSON text's fault", () => {
  it("is found exactly when JSON.parse refuses the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 4 }), nearJson), (text) => {
        expect(jsonFault(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("is named with its line and column, and says what is wrong", () => {
    const at = (text: string) => {
      try {
        JSON.parse(text);
      } catch (error) {
        return jsonSyntaxError(text, error);
      }
      throw new Error("parsed");
    };
    expect(at('[\n{"a":1},\n]')).toEqual({ line: 3, reason: "a comma before ']' (column 1)" });
    expect(at('{"a":1,}')).toEqual({ line: 1, reason: "a comma before '}' (column 8)" });
    expect(at('{"a" 1}')).toEqual({
      line: 1,
      reason: "expected ':' after a key, found '1' (column 6)",
    });
    expect(at("[1 2]").reason).toBe("expected ',' or ']', found '2' (column 4)");
    expect(at('{"a":01}').reason).toBe("a number with a leading zero (column 6)");
    expect(at('["a\nb"]')).toEqual({ line: 1, reason: "a line break inside a string (column 4)" });
    expect(at('["\\x"]').reason).toBe("a backslash escaping nothing JSON knows (column 3)");
    expect(at('{"a":1').reason).toBe("the text ends inside an object, before its '}' (column 7)");
    expect(at("[[1]").reason).toBe("the text ends inside an array, before its ']' (column 5)");
    expect(at("[] []").reason).toBe("'[' after the JSON value (column 4)");
    expect(at("[tru]").reason).toBe("expected a value, found 't' (column 2)");
    expect(at("\u00a0[]").reason).toBe("expected a value, found U+00A0 (column 1)");
    expect(at("")).toEqual({ line: 1, reason: "no value (column 1)" });
  });

  it("does not exhaust the stack on a deep nest", () => {
    expect(jsonFault(`${"[".repeat(200_000)}}`)?.reason).toBe("expected a value, found '}'");
  });
});

describe("on the command line", () => {
  it("names the file and line of a JSON document's fault, and the record's line in NDJSON", () => {
    const json = tempFile("doc.json", '[\n{"date":"2024-01-01","exporter":"A","barrels":1},\n]\n');
    const run = capcheck(["check", json]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`capcheck: ${json}:3: not valid JSON: a comma before ']' (column 1)\n`);
    const ndjson = tempFile(
      "lines.ndjson",
      '{"date":"2024-01-01","exporter":"A","barrels":1}\n{"date":\n',
    );
    const lines = capcheck(["check", ndjson]);
    expect(lines.status).toBe(2);
    expect(lines.stderr).toContain(
      `${ndjson}:2: record: not valid JSON: the text ends inside an object, before its '}' (column 9)`,
    );
  });

  it("names the line of a fault in a --caps, --factors, --baseline or config file", () => {
    const data = tempFile("ok.csv", "date,exporter,barrels\n2024-01-01,A,1\n");
    const broken = tempFile("broken.json", '{\n  "a": 1,\n}\n');
    for (const flag of ["--caps", "--factors", "--baseline", "--config"]) {
      const run = capcheck(["check", flag, broken, data]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${broken}:3: not valid JSON: a comma before '}' (column 1)`);
    }
  });
});
