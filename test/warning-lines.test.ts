// The warnings' count on stderr (src/commands/output.ts warningLines): one rule for
// check, ledger, validate and a run an unreadable input stopped.
import { describe, expect, it } from "vitest";
import { invalidBeforeLines, warningLines } from "../src/commands/output.js";
import type { Issue, Severity } from "../src/domain/issues.js";

const issue = (severity: Severity, line: number): Issue => ({
  severity,
  source: "f.csv",
  line,
  field: null,
  code: "x",
  message: "m",
});
const many = (severity: Severity, n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => issue(severity, from + i));
const truncated = (n: number): Issue => ({
  severity: "warning",
  source: "capcheck",
  line: null,
  field: null,
  code: "truncated",
  message: `${n} more issues not listed`,
});

describe("warningLines", () => {
  it("lists up to 100 warnings, never the errors, notes or the truncated issue", () => {
    const issues = [issue("error", 1), issue("warning", 2), issue("note", 3), truncated(0)];
    expect(warningLines(issues, 1)).toEqual(["warning: f.csv:2: m"]);
    expect(warningLines(many("warning", 150), 0, "more warnings")).toHaveLength(101);
    expect(warningLines(many("warning", 150), 0).at(-1)).toBe("... and 50 more");
  });

  it("counts past the list what the errors and the notes leave of its truncated issue", () => {
    // 990 errors, 5 warnings and 5 notes listed; 30 more, of which 10 are errors.
    const issues = [
      ...many("error", 990),
      ...many("warning", 5, 991),
      ...many("note", 5, 996),
      truncated(30),
    ];
    expect(warningLines(issues, 1000, "more warnings")).toEqual([
      ...many("warning", 5, 991).map((_, i) => `warning: f.csv:${991 + i}: m`),
      "... and 20 more warnings",
    ]);
  });

  it("never counts fewer warnings than it lists", () => {
    // A count of errors larger than the list holds leaves the listed warnings their own.
    const issues = many("warning", 150);
    expect(warningLines(issues, 200).at(-1)).toBe("... and 50 more");
    expect(warningLines(many("warning", 3), 10)).toHaveLength(3);
  });
});

describe("invalidBeforeLines", () => {
  it("under --skip-invalid counts the invalid records among the warnings", () => {
    const issues = [...many("warning", 1000), truncated(5)];
    const lines = invalidBeforeLines({ issues, invalid: 5, skipped: true });
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toBe("... and 905 more");
  });

  it("without it counts them as errors, even when none is listed", () => {
    const issues = [...many("warning", 1000), truncated(5)];
    const lines = invalidBeforeLines({ issues, invalid: 5 });
    expect(lines).toHaveLength(102);
    expect(lines[0]).toBe("... and 5 more");
    expect(lines.at(-1)).toBe("... and 900 more warnings");
  });
});
