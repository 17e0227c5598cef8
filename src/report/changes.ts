// The `changes` section (contract §14), as lines of text and as a Markdown table:
// per period and group, barrels and status before → after, and the threshold and
// over-cap dates reached since the baseline.
import type { BaselineSettings, Changes, PeriodChange, TallyChange } from "../domain/baseline.js";
import type { Report, ReportSettings } from "../domain/report.js";
import { safeText } from "../domain/sanitize.js";
import { factorsGiven } from "./factors-line.js";
import { formatCap, formatExactBarrels } from "./format.js";

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
  // A period gone since the baseline is named by the baseline file: made safe too.
  const name = safeText(`${period.regime} ${period.label}${scenario}`);
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
      barrels: `${before ? formatExactBarrels(before, "barrels") : "none"} → ${after ? formatExactBarrels(after, "barrels") : "none"}`,
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
  // Grouped alike, groups may still go uncompared: names folded otherwise (baselineNotes).
  if (before !== null && before !== by) {
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

/** How a setting was given, as a reader would have typed it. */
function settingText(name: keyof ReportSettings, settings: BaselineSettings): string {
  switch (name) {
    case "regimes":
      return `with regimes ${settings.regimes.join(",")}`;
    case "year":
      return settings.year === null ? "without --year" : `with --year ${settings.year}`;
    case "basis":
      return `with --basis ${settings.basis}`;
    case "loadFactor":
      return settings.loadFactor === null
        ? "without --load-factor"
        : `with --load-factor ${settings.loadFactor}`;
    case "foldNames":
      return settings.foldNames ? "folding exporter names" : "with --no-fold-names";
    case "factors":
      if (settings.factors === null) return "without its factors recorded";
      return Object.keys(settings.factors).length === 0
        ? "with the built-in factors"
        : `with --factors ${factorsGiven(settings.factors)}`;
  }
}

/** What a differing setting does to the comparison. */
function consequence(name: keyof ReportSettings, changes: Changes): string {
  if (name === "regimes" || name === "year") {
    const n = changes.periodsNotCompared.length;
    if (n === 0) return "every period is in both";
    return `${n} period${n === 1 ? "" : "s"} in one report alone not compared`;
  }
  if (name === "basis") return "the totals count different records";
  if (name === "loadFactor") return "estimated barrels differ";
  if (name === "factors") return "barrels converted from tons differ";
  return "groups not compared";
}

/** The periods whose caps differ, the first three named. */
function capsNote(changes: Changes, subject: string): string | undefined {
  const caps = changes.capsDiffer;
  if (caps.length === 0) return undefined;
  const named = caps
    .slice(0, 3)
    .map((c) => `${c.regime} ${c.label} ${formatCap(c.before)} → ${formatCap(c.after)} bbl`);
  const more = caps.length > 3 ? ` and ${caps.length - 3} more` : "";
  return `caps differ from ${subject}: ${named.join(", ")}${more}: statuses measure different caps`;
}

function loadFactorNote(changes: Changes, subject: string): string | undefined {
  const { onlyInBaseline, onlyInRun } = changes.loadFactorsNotCompared;
  const parts = [
    ...onlyInRun.map((x) => `${x} (not in ${subject})`),
    ...onlyInBaseline.map((x) => `${x} (not in this run)`),
  ];
  if (parts.length === 0) return undefined;
  return `load factor${parts.length === 1 ? "" : "s"} not compared: ${parts.join(", ")}`;
}

/**
 * Everything a reader must know of how the baseline (named `subject`) was
 * compared with this report, one line each: grouping, settings that differ or
 * are not recorded, load factors and caps. Empty when like was compared with like.
 */
export function baselineNotes(report: Report, subject = "the baseline"): string[] {
  const { changes } = report;
  if (changes === undefined) return [];
  const notes: string[] = [];
  const before = changes.baseline.settings;
  const earlier = "(an earlier capcheck's report)";
  if (before === null && changes.baseline.by === null) {
    notes.push(
      `${subject} does not record its grouping or settings ${earlier}: compared as if made as this run, by ${report.by}`,
    );
  } else {
    const grouping = groupingNote(changes, report.by, subject);
    if (grouping) notes.push(grouping);
    if (before === null) {
      notes.push(
        `${subject} does not record its settings ${earlier}: its regimes, --year, --basis, --load-factor, name folding and factors taken as this run's`,
      );
    } else if (before.factors === null) {
      notes.push(
        `${subject} does not record its factors ${earlier}: taken as this run's, ${settingText("factors", report.settings)}`,
      );
    }
  }
  for (const name of changes.settingsDiffer) {
    if (before === null) break;
    const was = settingText(name, before);
    notes.push(
      `${subject} was made ${was}, this run ${settingText(name, report.settings)}: ${consequence(name, changes)}`,
    );
  }
  for (const note of [loadFactorNote(changes, subject), capsNote(changes, subject)]) {
    if (note) notes.push(note);
  }
  return notes;
}

/** The heading, then the notes of how the baseline was compared (baselineNotes). */
function headingWithNotes(changes: Changes, notes: readonly string[]): string {
  return [changesHeading(changes), ...notes].join("; ");
}

/** A changed tally in plain words: `2024 · China: 1.000 → 2.000 bbl · ok → notice`. */
export function changeRowText(r: ChangeRow): string {
  return `${r.period} · ${r.who}: ${r.barrels} bbl · ${r.status}`;
}

/** Plain lines, for the terminal table; `notes` from baselineNotes. */
export function changeLines(changes: Changes, notes: readonly string[]): string[] {
  const rows = changeRows(changes);
  if (rows.length === 0) return [`${headingWithNotes(changes, notes)}; nothing changed`];
  return [
    `${headingWithNotes(changes, notes)}:`,
    ...rows.map((r) => `  ${changeRowText(r)}${r.dates ? ` · new: ${r.dates}` : ""}`),
  ];
}

/** A Markdown section; `notes` from baselineNotes; `text` makes data text safe for Markdown. */
export function changesMarkdown(
  changes: Changes,
  notes: readonly string[],
  text: (s: string) => string,
): string {
  const rows = changeRows(changes);
  const title = `### ${headingWithNotes(changes, notes).replace(CHANGES_TITLE, "Changes since the baseline")}`;
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
