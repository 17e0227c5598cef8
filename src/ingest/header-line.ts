// Which line of a CSV file is its header (contract §12). `--header-line N` says so;
// without it the header is line 1, unless line 1 is plainly a title (it names no
// field or not the required ones, or no row has its width) and a line among the
// first ten would serve: then the file is refused with a hint naming that line,
// never read on a guess.
// A header that names no field at all (a file without one, or in another language)
// is refused too: every row under it would be invalid for want of a date, and its
// first row would be taken for column names and go uncounted. So is one short of a
// required field (`Country` for the exporter): one line naming the accepted names,
// not the same invalid record on every row.
import { quote } from "../domain/sanitize.js";

/** A CSV row and the line of the file it starts on. */
export interface LineRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Rows looked at before the header is settled: line 1 and the nine after it. */
export const HEADER_SEARCH_LINES = 10;

export interface HeaderTests {
  /** How many columns name a field. */
  readonly fieldCount: (cells: readonly string[]) => number;
  /** True when the cells name every required field. */
  readonly serves: (cells: readonly string[]) => boolean;
  /** The required fields the cells do not name, each with its accepted names; none for a header refused on its own. */
  readonly missing: (cells: readonly string[]) => readonly string[];
}

export type HeaderChoice =
  | { readonly header: number }
  | { readonly line: number; readonly problem: string };

/**
 * The index among `rows` (the file's first rows, blank lines skipped) of the header,
 * or the problem that stops the file. `rows` reaches past `headerLine` (or past
 * the first ten lines) unless the file ends sooner.
 */
export function chooseHeader(
  rows: readonly LineRow[],
  headerLine: number | undefined,
  tests: HeaderTests,
): HeaderChoice {
  if (headerLine !== undefined) {
    const header = rows.findIndex((row) => row.line === headerLine);
    const row = rows[header];
    if (row !== undefined && tests.fieldCount(row.cells) === 0) {
      return { line: headerLine, problem: `--header-line ${headerLine} ${namesNoField(row)}` };
    }
    const lacking = row === undefined ? [] : tests.missing(row.cells);
    if (lacking.length > 0) {
      return { line: headerLine, problem: `--header-line ${headerLine} ${namesNo(lacking)}` };
    }
    if (header >= 0) return { header };
    if (rows.some((row) => row.line > headerLine)) {
      return { line: headerLine, problem: `--header-line ${headerLine} is a blank line` };
    }
    return { line: headerLine, problem: `--header-line ${headerLine}: the file ends before it` };
  }
  const first = rows[0];
  if (first === undefined) return { header: 0 };
  const rest = rows.slice(1);
  const namesNone = tests.fieldCount(first.cells) === 0;
  const noRowFits = rest.length > 0 && rest.every((row) => row.cells.length !== first.cells.length);
  // A title may name a field by chance (`Period,2024,,`): short of the required ones,
  // it is no header when a line below names them all.
  const servesNot = !tests.serves(first.cells);
  if (!servesNot && !noRowFits) return { header: 0 };
  const candidate = rest.find((row) => row.line <= HEADER_SEARCH_LINES && tests.serves(row.cells));
  if (candidate === undefined) {
    if (namesNone)
      return { line: first.line, problem: `line ${first.line} ${namesNoField(first)}` };
    const lacking = tests.missing(first.cells);
    if (lacking.length === 0) return { header: 0 };
    return { line: first.line, problem: `line ${first.line} ${namesNo(lacking)}` };
  }
  const why = namesNone
    ? `line ${first.line} names none of the fields`
    : noRowFits
      ? `no row has the ${first.cells.length} fields of line ${first.line}`
      : `line ${first.line} lacks a required field`;
  return {
    line: first.line,
    problem: `${why}; line ${candidate.line} looks like the header (a title line above it?): pass --header-line ${candidate.line}`,
  };
}

/** Why a header that names no field is refused, with its first cells as they read. */
function namesNoField(row: LineRow): string {
  const shown = row.cells.slice(0, 4).map((cell) => quote(cell.trim()));
  const more = row.cells.length > 4 ? ", …" : "";
  return `names none of the fields (${shown.join(", ")}${more}): the header must name date, exporter, and barrels or quantity (capcheck schema lists every name)`;
}

/** Why a header short of a required field is refused: each row would lack it. */
function namesNo(lacking: readonly string[]): string {
  return `names no ${lacking.join(" and no ")}: every row would lack it`;
}
