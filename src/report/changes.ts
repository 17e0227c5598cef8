// The `changes` section (contract §14), as lines of text and as a Markdown table:
// per period and group, barrels and status before → after, and the threshold and
// over-cap dates reached since the baseline.
import type { Changes, PeriodChange, TallyChange } from "../domain/baseline.js";
import { safeText } from "../domain/sanitize.js";
import { formatBarrels } from "./format.js";

export const CHANGES_TITLE = "changes since the baseline";

export interface ChangeRow {
  period: string;
  who: string;
  barrels: string;
  status: string;
  dates: string;
}

function rowsOf(period: PeriodChange): ChangeRow[] {
  const scenario = period.loadFactor === undefined ? "" : ` (load factor ${period.loadFactor})`;
  const name = `${period.regime} ${period.label}${scenario}`;
  const tallies: [string, TallyChange][] = [
    ...period.groups.map((g): [string, TallyChange] => [safeText(g.key), g]),
    ["total", period.total],
  ];
  return tallies.map(([who, change]) => {
    const before = change.before;
    const after = change.after;
    const dates = Object.entries(change.newlyReached).map(([k, d]) => `${k}% ${d}`);
    if (change.newlyExceededOn) dates.push(`over cap ${change.newlyExceededOn}`);
    return {
      period: name,
      who,
      barrels: `${before ? formatBarrels(before.barrels) : "none"} → ${after ? formatBarrels(after.barrels) : "none"}`,
      status: `${before?.status ?? "none"} → ${after?.status ?? "none"}${change.worse ? " (worse)" : ""}`,
      dates: dates.join(", "),
    };
  });
}

/** One row per changed tally, in report order. */
export function changeRows(changes: Changes): ChangeRow[] {
  return changes.periods.flatMap(rowsOf);
}

/**
 * What a reader must know of the groups compared, naming the baseline as
 * `subject`: that they were not (grouped differently), or compared on an
 * assumption (the baseline does not say); undefined when grouped alike.
 */
export function groupingNote(changes: Changes, by: string, subject: string): string | undefined {
  const before = changes.baseline.by;
  if (!changes.groupsCompared) {
    return `${subject} was grouped by ${before}, this run by ${by}: groups not compared`;
  }
  if (before === null) {
    return `${subject} does not record its grouping (an earlier capcheck's report): groups compared as if by ${by}, as this run`;
  }
  return undefined;
}

export function changesHeading(changes: Changes): string {
  const { generator, verdict } = changes.baseline;
  return `${CHANGES_TITLE} (${generator}, verdict ${verdict}): ${changes.worse} worse`;
}

/** The heading, then any grouping note; `by` is this run's grouping (the report's `by`). */
function headingWithNote(changes: Changes, by: string): string {
  const note = groupingNote(changes, by, "the baseline");
  return `${changesHeading(changes)}${note ? `; ${note}` : ""}`;
}

/** A changed tally in plain words: `2024 · China: 1.000 → 2.000 bbl · ok → notice`. */
export function changeRowText(r: ChangeRow): string {
  return `${r.period} · ${r.who}: ${r.barrels} bbl · ${r.status}`;
}

/** Plain lines, for the terminal table. */
export function changeLines(changes: Changes, by: string): string[] {
  const rows = changeRows(changes);
  if (rows.length === 0) return [`${headingWithNote(changes, by)}; nothing changed`];
  return [
    `${headingWithNote(changes, by)}:`,
    ...rows.map((r) => `  ${changeRowText(r)}${r.dates ? ` · new: ${r.dates}` : ""}`),
  ];
}

/** A Markdown section; `text` makes data text safe for Markdown. */
export function changesMarkdown(changes: Changes, by: string, text: (s: string) => string): string {
  const rows = changeRows(changes);
  const title = `### ${headingWithNote(changes, by).replace(CHANGES_TITLE, "Changes since the baseline")}`;
  if (rows.length === 0) return `${title}\n\nNothing changed.`;
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    title,
    "",
    line(["period", "", "barrels", "status", "newly reached"]),
    line(["---", "---", "---:", "---", "---"]),
    ...rows.map((r) =>
      line([
        text(r.period),
        text(r.who),
        r.barrels,
        r.status.replace("(worse)", "**(worse)**"),
        r.dates,
      ]),
    ),
  ].join("\n");
}
