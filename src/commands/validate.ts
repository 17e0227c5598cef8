// capcheck validate [files...]: read and validate only, and name every invalid record.
//
//   capcheck validate shipments.csv            # exit 0 and "N records valid", or 2
//   cat shipments.ndjson | capcheck validate - # the same from a pipe
//   capcheck validate --format json data.json  # { records, issues } for scripts
import { formatIssue } from "../domain/issues.js";
import { escapeInvisible } from "../domain/record.js";
import type { InputSource, ReadOptions } from "../ingest/index.js";
import { emptySourceWarning, scan } from "../pipeline.js";
import { type CommandOutput, JSON_ISSUE_LIMIT, STDERR_ISSUE_LIMIT } from "./output.js";

export interface ValidateOptions extends ReadOptions {
  readonly format: "text" | "json";
  /** --load-factor was given, so capacity records need no load_factor of their own. */
  readonly loadFactorGiven: boolean;
  readonly quiet: boolean;
}

export async function validate(
  sources: readonly InputSource[],
  options: ValidateOptions,
): Promise<CommandOutput> {
  const result = await scan(
    sources,
    {
      read: options,
      severity: "error",
      issueLimit: JSON_ISSUE_LIMIT,
      context: { loadFactorGiven: options.loadFactorGiven },
    },
    () => {},
  );
  for (const source of result.emptySources) result.issues.add(emptySourceWarning(source));
  const issues = result.issues.toArray();
  const errors = issues.filter((issue) => issue.severity === "error");
  const stderr = errors.slice(0, STDERR_ISSUE_LIMIT).map(formatIssue);
  if (result.invalid > stderr.length) {
    stderr.push(`... and ${result.invalid - stderr.length} more invalid records`);
  }
  for (const issue of issues)
    if (issue.severity === "warning") stderr.push(`warning: ${formatIssue(issue)}`);
  const exitCode = result.invalid > 0 ? 2 : 0;
  if (exitCode === 2) stderr.push(`${result.invalid} of ${result.read} records invalid`);
  const counts = { read: result.read, valid: result.valid, invalid: result.invalid };
  let stdout = "";
  if (!options.quiet) {
    if (options.format === "json")
      stdout = `${escapeInvisible(JSON.stringify({ records: counts, issues }, null, 2))}\n`;
    else if (exitCode === 0) stdout = `${result.valid} records valid\n`;
  }
  return { stdout, stderr, exitCode };
}
