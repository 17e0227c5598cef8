// The issues' lines on stderr (src/commands/output.ts issueLines): one rule for check,
// ledger, validate and a run an unreadable input stopped; and the counts past the
// issue list's 1,000, by kind (src/domain/issues.ts).
import { describe, expect, it } from "vitest";
import { issueLines } from "../src/commands/output.js";
import {
  ISSUE_LIMIT,
  type Issue,
  IssueList,
  issueCounts,
  issueTotal,
  type Severity,
} from "../src/domain/issues.js";

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
/** The issues as a report holds them: the first 1,000, then one truncated issue. */
const listOf = (...issues: Issue[]): Issue[] => {
  const list = new IssueList(ISSUE_LIMIT);
  for (const each of issues) list.add(each);
  return list.toArray();
};
const NOT_LISTED = "not listed (past the first 1,000 issues)";

describe("issueLines", () => {
  it("lists the errors, then the warnings, then the notes, never the truncated issue", () => {
    const issues = [issue("note", 3), issue("warning", 2), issue("error", 1)];
    expect(issueLines(issues)).toEqual(["f.csv:1: m", "warning: f.csv:2: m", "note: f.csv:3: m"]);
  });

  it("lists up to 100 of each kind, then counts the rest of that kind", () => {
    expect(issueLines(many("warning", 150))).toHaveLength(101);
    expect(issueLines(many("warning", 150)).at(-1)).toBe("... and 50 more warnings");
    expect(issueLines(many("warning", 101)).at(-1)).toBe("... and 1 more warning");
    expect(issueLines(many("error", 150)).at(-1)).toBe("... and 50 more invalid records");
    expect(issueLines(many("note", 150)).at(-1)).toBe("... and 50 more notes");
    expect(issueLines(many("warning", 3))).toHaveLength(3);
    const mixed = issueLines([...many("error", 120), ...many("warning", 120, 121)]);
    expect(mixed).toHaveLength(202);
    expect(mixed[100]).toBe("... and 20 more invalid records");
    expect(mixed[101]).toBe("warning: f.csv:121: m");
    expect(mixed.at(-1)).toBe("... and 20 more warnings");
  });

  it("counts each kind past the list's 1,000 as what it is", () => {
    // 990 errors, 5 warnings and 5 notes listed; 30 more: 10 errors and 20 warnings.
    const issues = listOf(
      ...many("error", 990),
      ...many("warning", 5, 991),
      ...many("note", 5, 996),
      ...many("error", 10, 1001),
      ...many("warning", 20, 1011),
    );
    const lines = issueLines(issues);
    expect(lines.slice(100)).toEqual([
      "... and 900 more invalid records",
      ...many("warning", 5, 991).map((_, i) => `warning: f.csv:${991 + i}: m`),
      "... and 20 more warnings",
      ...many("note", 5, 996).map((_, i) => `note: f.csv:${996 + i}: m`),
    ]);
  });

  it("never counts a note past the list among the warnings", () => {
    const issues = listOf(...many("warning", 1000), ...many("note", 3, 1001));
    expect(issueLines(issues).slice(-2)).toEqual([
      "... and 900 more warnings",
      `3 notes ${NOT_LISTED}`,
    ]);
  });

  it("says what a kind none of which is listed counts (a stopped run's invalid records)", () => {
    // Under --skip-invalid the invalid records past the list are among the warnings.
    const skipped = issueLines(listOf(...many("warning", 1000), ...many("warning", 5, 1001)));
    expect(skipped).toHaveLength(101);
    expect(skipped.at(-1)).toBe("... and 905 more warnings");
    // Without it they are errors, even when none is listed.
    const lines = issueLines(listOf(...many("warning", 1000), ...many("error", 5, 1001)));
    expect(lines).toHaveLength(102);
    expect(lines[0]).toBe(`5 invalid records ${NOT_LISTED}`);
    expect(lines.at(-1)).toBe("... and 900 more warnings");
    const one = issueLines(listOf(...many("warning", 1000), issue("error", 1001)));
    expect(one[0]).toBe(`1 invalid record ${NOT_LISTED}`);
  });
});

describe("IssueList's truncated issue", () => {
  it("says how many more issues there were, and of which kinds", () => {
    const issues = listOf(
      ...many("warning", 1000),
      ...many("error", 10, 1001),
      ...many("warning", 1020, 1011),
    );
    expect(issues).toHaveLength(1001);
    expect(issues[1000]).toMatchObject({
      severity: "warning",
      code: "truncated",
      message: "1,030 more issues not listed (10 errors, 1,020 warnings)",
    });
    expect(issueCounts(issues)).toEqual({ error: 10, warning: 2020, note: 0 });
    expect(issueTotal(issues)).toBe(2030);
    const one = listOf(...many("warning", 1000), issue("note", 1001));
    expect(one[1000]?.message).toBe("1 more issue not listed (1 note)");
    expect(issueCounts(one)).toEqual({ error: 0, warning: 1000, note: 1 });
  });

  it("reads the counts of a report written before counts were grouped (a baseline)", () => {
    const older: Issue = {
      ...issue("warning", 1),
      code: "truncated",
      message: "3030 more issues not listed (10 errors, 3020 warnings)",
    };
    expect(issueCounts([older])).toEqual({ error: 10, warning: 3020, note: 0 });
  });

  it("keeps its counts by kind when lists are merged (threads, straddles)", () => {
    const first = new IssueList(ISSUE_LIMIT);
    for (const each of many("warning", 999)) first.add(each);
    const second = new IssueList(ISSUE_LIMIT);
    for (const each of [...many("error", 998), ...many("note", 4), ...many("warning", 2)])
      second.add(each);
    first.absorb(second, (place) => place);
    // 1 error kept: 997 errors and 2 notes past the first list, 2 warnings and 2 notes past the second.
    expect(issueCounts(first.toArray())).toEqual({ error: 998, warning: 1001, note: 4 });
    expect(first.toArray()[1000]?.message).toBe(
      "1,003 more issues not listed (997 errors, 2 warnings, 4 notes)",
    );
  });

  it("is not there when nothing was dropped", () => {
    expect(listOf(...many("error", 1000))).toHaveLength(1000);
  });
});
