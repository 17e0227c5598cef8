// GitHub Actions workflow commands (contract §14): an `::error` on each invalid
// record (file and line, so it shows in the diff), on each exceeded period and
// group, and on each tally that got worse than the baseline; a `::warning` for
// notices, each note of how the baseline was compared (grouped or made otherwise), and every other issue (uncapped records, straddles, skipped records);
// a `::notice` for a note (an exporter name folded).
import type { Changes } from "../domain/baseline.js";
import type { Issue } from "../domain/issues.js";
import type { PeriodReport, Report, Tally } from "../domain/report.js";
import { STDIN_NAME, safeText } from "../domain/sanitize.js";
import { baselineNotes } from "./changes.js";
import { bounded, formatExactBarrels, formatExactCap, formatTallyPercent } from "./format.js";

/** A message: `%`, CR and LF escaped, as the runner unescapes them. */
export function escapeData(text: string): string {
  return safeText(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** A property value: as a message, and `:` and `,` too, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

type Level = "error" | "warning" | "notice";

function command(
  level: Level,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${level}${props === "" ? "" : ` ${props}`}::${escapeData(message)}`;
}

function issueCommand(issue: Issue): string {
  const record = issue.index === undefined ? "" : `[${issue.index}] `;
  const field = issue.field === null ? "" : `${issue.field}: `;
  // Standard input and capcheck's own issues are no file of the repository to annotate.
  const isFile = issue.source !== "capcheck" && issue.source !== STDIN_NAME;
  const where = issue.line === null ? issue.source : `${issue.source}:${issue.line}`;
  return command(
    issue.severity === "note" ? "notice" : issue.severity,
    {
      file: isFile ? issue.source : undefined,
      line: isFile ? (issue.line ?? undefined) : undefined,
      title: `capcheck: ${issue.code.replace(/_/g, " ")}`,
    },
    `${isFile ? "" : `${where}: `}${record}${field}${issue.message}`,
  );
}

function tallyText(period: PeriodReport, tally: Tally): string {
  const over = tally.exceededOn ? `, over the cap on ${tally.exceededOn}` : "";
  return `${bounded(formatExactBarrels(tally, "barrels"), tally.atLeast)} bbl, ${bounded(formatTallyPercent(tally), tally.atLeast)} of the ${formatExactCap(period.cap)} bbl cap${over}`;
}

function periodCommands(period: PeriodReport, prefix: string): string[] {
  const name = `${prefix}${period.title} ${period.label}`;
  const lines: string[] = [];
  const tallies: [string, Tally][] = [
    ["total", period.total],
    ...period.groups.map((g): [string, Tally] => [g.key, g]),
  ];
  for (const [who, tally] of tallies) {
    if (tally.status === "ok") continue;
    const level: Level = tally.status === "exceeded" ? "error" : "warning";
    const verb = tally.status === "exceeded" ? "Cap exceeded" : "Cap notice";
    const title = `${verb}: ${name}${who === "total" ? "" : ` (${who})`}`;
    lines.push(command(level, { title }, `${who}: ${tallyText(period, tally)}`));
  }
  return lines;
}

function changeCommands(changes: Changes, notes: readonly string[]): string[] {
  const lines = notes.map((note) => command("warning", { title: "capcheck: baseline" }, note));
  for (const period of changes.periods) {
    const scenario = period.loadFactor === undefined ? "" : ` at load factor ${period.loadFactor}`;
    for (const [who, change] of [
      ["total", period.total] as const,
      ...period.groups.map((g) => [g.key, g] as const),
    ]) {
      if (!change.worse) continue;
      const before = change.before ? change.before.status : "absent";
      lines.push(
        command(
          "warning",
          { title: `Worse than the baseline: ${period.regime} ${period.label}${scenario}` },
          `${who}: ${before} → ${change.after?.status ?? "absent"}`,
        ),
      );
    }
  }
  return lines;
}

/** The workflow commands of issues, one a line: all that validate and ledger annotate. */
export function issueCommands(issues: readonly Issue[]): string[] {
  const lines = issues.filter((i) => i.code !== "truncated").map(issueCommand);
  const truncated = issues.find((i) => i.code === "truncated");
  if (truncated) lines.push(command("warning", { title: "capcheck" }, truncated.message));
  return lines;
}

/** Workflow command lines as one text, as stderr takes them. */
export const commandText = (lines: readonly string[]) =>
  lines.length === 0 ? "" : `${lines.join("\n")}\n`;

/** The workflow commands of a report, one a line. */
export function renderGithub(report: Report): string {
  const lines = issueCommands(report.issues);
  const runs = report.scenarios
    ? report.scenarios.map((s) => ({ prefix: `load factor ${s.loadFactor}: `, periods: s.periods }))
    : [{ prefix: "", periods: report.periods ?? [] }];
  for (const run of runs)
    for (const period of run.periods) lines.push(...periodCommands(period, run.prefix));
  if (report.changes) lines.push(...changeCommands(report.changes, baselineNotes(report)));
  return commandText(lines);
}
