// Problems found in the input, reported rather than thrown (contract §6, §7).
import { formatCount } from "./number-format.js";
import { sourceName } from "./sanitize.js";

/** A note tells what capcheck did for the reader (a name folded); it never fails a run. */
export type Severity = "error" | "warning" | "note";

export interface Issue {
  severity: Severity;
  source: string;
  /** The line on which the record starts; null when no line is known. */
  line: number | null;
  field: string | null;
  code: string;
  message: string;
  /**
   * A JSON array element's index: given when its line is not known, or when another
   * record starts on the same line (a minified array), so that each can be found.
   */
  index?: number;
}

/** Where a record came from: `FILE:LINE`, `FILE:LINE:[i]`, `FILE:[i]` or just `FILE`. */
export function issueLocation(issue: Pick<Issue, "source" | "line" | "index">): string {
  const line = issue.line === null ? "" : `:${issue.line}`;
  const index = issue.index === undefined ? "" : `:[${issue.index}]`;
  return `${sourceName(issue.source)}${line}${index}`;
}

/** The stderr form of contract §7: `FILE:LINE: FIELD: message`. */
export function formatIssue(issue: Issue): string {
  const field = issue.field === null ? "" : `${issue.field}: `;
  return `${issueLocation(issue)}: ${field}${issue.message}`;
}

/** The cap on issues a report lists (contract §6). */
export const ISSUE_LIMIT = 1000;

/** Moves a place (an issue, a record's) to its line in the whole file (src/parallel.ts). */
export type Relocate = <T extends { readonly line: number | null }>(place: T) => T;

/** How many issues of each severity. */
export type SeverityCounts = Record<Severity, number>;

const SEVERITIES: readonly Severity[] = ["error", "warning", "note"];

/** An issue list as data (a worker's, see src/parallel.ts). */
export interface IssueListState {
  readonly kept: readonly Issue[];
  readonly dropped: Readonly<SeverityCounts>;
}

/** Keeps the first `limit` issues and counts the rest, by severity (contract §6). */
export class IssueList {
  readonly kept: Issue[] = [];
  readonly dropped: SeverityCounts = { error: 0, warning: 0, note: 0 };
  constructor(readonly limit: number) {}

  add(issue: Issue): void {
    if (this.kept.length < this.limit) this.kept.push(issue);
    else this.dropped[issue.severity]++;
  }

  /** Another list's issues, as if they had come after these; `moved` relocates each. */
  absorb(other: IssueListState, moved: Relocate): void {
    for (const issue of other.kept) this.add(moved(issue));
    for (const severity of SEVERITIES) this.dropped[severity] += other.dropped[severity];
  }

  /** The kept issues, then one `truncated` issue when any were dropped. */
  toArray(): Issue[] {
    if (totalOf(this.dropped) === 0) return [...this.kept];
    return [...this.kept, truncatedIssue(this.dropped)];
  }
}

/** `1 warning`, `1,500 warnings`: a count and its noun, plural but for one. */
export function counted(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** The line a run ends with when records were invalid: `750 of 1,500 records invalid`. */
export function invalidOfRead(invalid: number, read: number): string {
  return `${formatCount(invalid)} of ${formatCount(read)} records invalid`;
}

/**
 * The last issue of a list past its limit: `1,030 more issues not listed (10 errors,
 * 1,020 warnings)`. The message is all a report holds of them, so it names each kind
 * (read back by issueCounts).
 */
function truncatedIssue(dropped: Readonly<SeverityCounts>): Issue {
  const kinds = SEVERITIES.filter((severity) => dropped[severity] > 0);
  const parts = kinds.map((severity) => counted(dropped[severity], severity));
  return {
    severity: "warning",
    source: "capcheck",
    line: null,
    field: null,
    code: "truncated",
    message: `${counted(totalOf(dropped), "more issue")} not listed (${parts.join(", ")})`,
  };
}

/**
 * The kinds a `truncated` issue's message names, as truncatedIssue writes them
 * (`1,020 warnings`) or wrote them before counts were grouped (`1020 warnings`, in
 * an older report read as a baseline).
 */
const DROPPED_KIND = /\b(\d{1,3}(?:,\d{3})+|\d+) (error|warning|note)s?\b/g;

/**
 * How many issues of each severity an issue list stands for: those listed, and
 * those its `truncated` issue counts.
 */
export function issueCounts(issues: readonly Issue[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const issue of issues) {
    if (issue.code !== "truncated") counts[issue.severity]++;
    else
      for (const [, n, severity] of issue.message.matchAll(DROPPED_KIND))
        counts[severity as Severity] += Number((n as string).replaceAll(",", ""));
  }
  return counts;
}

/** How many issues an issue list stands for, counting those its `truncated` issue names. */
export function issueTotal(issues: readonly Issue[]): number {
  return totalOf(issueCounts(issues));
}

function totalOf(counts: Readonly<SeverityCounts>): number {
  return counts.error + counts.warning + counts.note;
}

/** A file's records that fell in no selected period (contract §4). */
export interface UncappedCount {
  readonly source: string;
  count: number;
  /** The first such record's line, or null when lines are not known. */
  readonly first: number | null;
}

/** The warning for a file's records that count against no cap. */
export function uncappedWarning(uncapped: UncappedCount): Issue {
  const { source, count, first } = uncapped;
  return {
    severity: "warning",
    source,
    line: first,
    field: "date",
    code: "uncapped",
    message:
      count === 1
        ? "1 record falls in no selected regime's period and counts against no cap"
        : `${formatCount(count)} records (the first on this line) fall in no selected regime's period and count against no cap`,
  };
}
