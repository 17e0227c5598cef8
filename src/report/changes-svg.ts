// The `--baseline` changes (contract §14) in the SVG, as text under the panels:
// the heading, the notes of how the baseline was compared, then per changed tally
// its barrels and status before → after, and a line of the dates newly reached.
// Every line wraps to the drawing's width: a long note is never cut off.
import type { Changes } from "../domain/baseline.js";
import { changeRows, changeRowText, changesHeading } from "./changes.js";
import { CHAR_WIDTH } from "./chart-style.js";
import { xmlText } from "./format.js";
import { wrap } from "./width.js";

const CHANGE_LINE_HEIGHT = 18;
/** Indent of a wrapped line's continuation, and of the dates under a row, in pixels. */
const INDENT = 16;

interface Line {
  text: string;
  indent: number;
  bold?: boolean;
}

/** `notes` from baselineNotes; `left` is the panels' left margin, where the text starts. */
export function changesSvg(
  changes: Changes,
  notes: readonly string[],
  place: { offsetY: number; width: number; left: number },
) {
  const lines: Line[] = [{ text: changesHeading(changes), indent: 0, bold: true }];
  for (const note of notes) lines.push({ text: note, indent: 0 });
  const rows = changeRows(changes);
  if (rows.length === 0) lines.push({ text: "nothing changed", indent: 0 });
  for (const row of rows) {
    lines.push({ text: changeRowText(row), indent: 0 });
    if (row.dates) lines.push({ text: `new: ${row.dates}`, indent: INDENT });
  }
  const drawn = lines.flatMap((line) => {
    const columns = Math.floor((place.width - place.left - line.indent - INDENT) / CHAR_WIDTH);
    return wrap(line.text, columns, 0).map((text, i) => ({
      ...line,
      text: text.trim(),
      indent: line.indent + (i === 0 ? 0 : INDENT),
    }));
  });
  const { width } = place;
  const height = CHANGE_LINE_HEIGHT * (drawn.length + 1);
  const svg = [
    `<svg y="${place.offsetY}" width="${width}" height="${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...drawn.map(
      (line, i) =>
        `<text x="${place.left + line.indent}" y="${CHANGE_LINE_HEIGHT * (i + 1)}"${line.bold ? ' font-weight="bold"' : ""}>${xmlText(line.text)}</text>`,
    ),
    "</svg>",
  ].join("\n");
  return { svg, height, summary: lines.map((l) => l.text).join("; ") };
}
