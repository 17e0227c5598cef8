// A CSV file's header: the delimiter, detected from the line that would serve as the
// header, and what a line must name to serve (the tests header-line.ts chooses by).
import { FIELDS, type FieldName, REQUIRED_FIELDS } from "../domain/fields.js";
import { isProblem } from "../domain/rules.js";
import { fieldsOfHeader } from "./csv-row.js";
import type { HeaderTests } from "./header-line.js";

const CANDIDATES = [",", ";", "\t", "|"];

/** The candidate delimiter seen most often outside quotes in the header line; `,` on a tie. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && CANDIDATES.includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ",";
  for (const c of CANDIDATES) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

/** The fields a record's figure comes from (validate.ts): a header names at least one. */
const FIGURE_FIELDS = ["barrels", "quantity", "capacity"] as const;

function namesFigure(fields: readonly (FieldName | undefined)[]): boolean {
  return FIGURE_FIELDS.some((f) => fields.includes(f));
}

/** What a line must name to serve as the header (header-line.ts). */
export const HEADER_TESTS: HeaderTests = {
  fieldCount: (cells) => {
    const header = fieldsOfHeader(cells);
    // A header refused on its own (a field named twice, a figure in an unread unit)
    // names fields: its own error says why.
    return isProblem(header) ? 2 : header.fields.filter((f) => f !== undefined).length;
  },
  serves: (cells) => {
    const header = fieldsOfHeader(cells);
    // A header refused on its own serves, to be refused with its own error.
    if (isProblem(header)) return true;
    return (
      [...REQUIRED_FIELDS].every((f) => header.fields.includes(f)) && namesFigure(header.fields)
    );
  },
  missing: (cells) => {
    const header = fieldsOfHeader(cells);
    if (isProblem(header)) return [];
    const lacking = [...REQUIRED_FIELDS]
      .filter((f) => !header.fields.includes(f))
      .map((f) => `${f} column (${[f, ...FIELDS[f].aliases].join(", ")})`);
    if (namesFigure(header.fields)) return lacking;
    const names = FIGURE_FIELDS.flatMap((f) => [f, ...FIELDS[f].aliases]).join(", ");
    return [...lacking, `barrels, quantity or capacity column (${names}, or a unit: "Tons")`];
  },
};

/**
 * The line whose text the delimiter is detected from: the header's; without
 * --header-line, the first line that would serve as one, split by its own delimiter
 * (a title line may hold another: `Deliveries; refined products` above `date,exporter`);
 * else the first line holding a delimiter (a title without one says nothing), or line 1.
 */
export function delimiterLine(lines: readonly string[], headerLine: number | undefined): string {
  if (headerLine !== undefined) return lines[headerLine - 1] ?? "";
  const header = lines.find((line) =>
    HEADER_TESTS.serves(headerCells(line, detectDelimiter(line))),
  );
  return header ?? lines.find((line) => CANDIDATES.some((c) => line.includes(c))) ?? lines[0] ?? "";
}

/** A header line's cells, split at the delimiter outside quotes, quotes taken off. */
function headerCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
