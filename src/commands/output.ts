// What a command hands back to src/cli.ts, which alone writes it and exits.
import { formatIssue, type Issue, issueTotal } from "../domain/issues.js";
import type { InvalidBefore } from "../errors.js";

export interface CommandOutput {
  /**
   * Written to stdout only once the command has finished reading: in one piece,
   * or piece by piece when it is too large to hold (the ledger's rows).
   */
  readonly stdout: string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
  /** Lines for stderr, each printed as `capcheck: LINE`. */
  readonly stderr: readonly string[];
  readonly exitCode: 0 | 1 | 2;
  /** Written to stderr as they are, before the lines: GitHub workflow commands. */
  readonly workflowCommands?: string;
  /** Files to write (`--output`); `append` adds to the file instead of replacing it. */
  readonly files?: readonly { path: string; text: string; append: boolean }[];
}

/** Under GitHub Actions, the issues as workflow commands on stderr too (contract §14). */
export async function annotationsOf(
  env: Readonly<Record<string, string | undefined>>,
  issues: readonly Issue[],
): Promise<Pick<CommandOutput, "workflowCommands">> {
  if (env.GITHUB_ACTIONS !== "true") return {};
  const { commandText, issueCommands } = await import("../report/github.js");
  return { workflowCommands: commandText(issueCommands(issues)) };
}

/** The notes among the issues, each as a `note: ` line. */
export function noteLines(issues: readonly Issue[]): string[] {
  return issues.filter((i) => i.severity === "note").map((i) => `note: ${formatIssue(i)}`);
}

/** Standard error's cap on listed issues (contract §7). */
const STDERR_ISSUE_LIMIT = 100;

/**
 * Up to 100 issue lines, each after `prefix`, then a count of the rest of the
 * `total` they stand for: `... and N more` (the noun after "more" as given).
 */
export function issueLines(
  issues: readonly Issue[],
  total: number,
  prefix: string,
  more = "more",
): string[] {
  const listed = issues.filter((i) => i.code !== "truncated").slice(0, STDERR_ISSUE_LIMIT);
  const lines = listed.map((issue) => prefix + formatIssue(issue));
  if (total > listed.length) lines.push(`... and ${total - listed.length} ${more}`);
  return lines;
}

/**
 * The warnings among `issues` as `warning: ` lines (issueLines), then a count of the
 * rest. Past the list's 1,000 its `truncated` issue counts every kind together: the
 * warnings' part is what the `errors` (listed or past the list) and the notes leave,
 * and never fewer than the warnings listed.
 */
export function warningLines(issues: readonly Issue[], errors: number, more = "more"): string[] {
  const warnings = issues.filter((i) => i.severity === "warning" && i.code !== "truncated");
  const notes = issues.filter((i) => i.severity === "note").length;
  const total = Math.max(issueTotal(issues) - errors - notes, warnings.length);
  return issueLines(warnings, total, "warning: ", more);
}

/**
 * The lines before the error of a run an unreadable input stopped: the invalid
 * records met before it, as errors, or as warnings with --skip-invalid.
 */
export function invalidBeforeLines(before: InvalidBefore): string[] {
  // Whether they are errors is said, not read off the list: past its 1,000 none may be listed.
  if (before.skipped === true) return warningLines(before.issues, 0);
  return invalidRunLines(before.issues, before.invalid);
}

/**
 * The lines of a run that stopped on invalid records: the errors, then the warnings,
 * which may say why (`ignored columns: Amount (tns)` beside "a record needs barrels").
 */
export function invalidRunLines(issues: readonly Issue[], invalid: number): string[] {
  const errors = issues.filter((i) => i.severity === "error");
  return [...issueLines(errors, invalid, ""), ...warningLines(issues, invalid, "more warnings")];
}
