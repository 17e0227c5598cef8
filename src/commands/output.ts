// What a command hands back to src/cli.ts, which alone writes it and exits.
import {
  counted,
  formatIssue,
  ISSUE_LIMIT,
  type Issue,
  issueCounts,
  type Severity,
} from "../domain/issues.js";
import { formatCount } from "../domain/number-format.js";

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

/** Standard error's cap on listed issues of each kind (contract §7). */
const STDERR_ISSUE_LIMIT = 100;
const PAST_THE_LIST = `past the first ${formatCount(ISSUE_LIMIT)} issues`;

/**
 * An issue list's lines for stderr: its errors (the invalid records), warnings and
 * notes, each kind up to 100 lines, then a count of the rest of that kind:
 * `... and 5 more warnings`. A kind none of whose issues the list kept (all past its
 * 1,000) is counted alone: `1 invalid record not listed (past the first 1,000 issues)`.
 */
export function issueLines(issues: readonly Issue[]): string[] {
  const counts = issueCounts(issues);
  return [
    ...kindLines(issues, "error", counts.error, "", "invalid record"),
    ...kindLines(issues, "warning", counts.warning, "warning: ", "warning"),
    ...kindLines(issues, "note", counts.note, "note: ", "note"),
  ];
}

function kindLines(
  issues: readonly Issue[],
  severity: Severity,
  total: number,
  prefix: string,
  noun: string,
): string[] {
  const listed = issues
    .filter((i) => i.severity === severity && i.code !== "truncated")
    .slice(0, STDERR_ISSUE_LIMIT);
  const lines = listed.map((issue) => prefix + formatIssue(issue));
  const rest = total - listed.length;
  if (rest <= 0) return lines;
  // None listed: all were past the issue list, and no line above is theirs to say "and" to.
  if (listed.length === 0) lines.push(`${counted(rest, noun)} not listed (${PAST_THE_LIST})`);
  else lines.push(`... and ${counted(rest, `more ${noun}`)}`);
  return lines;
}
