// Number formats (contract §11): how figures are written for people (`,` thousands,
// groupThousands), and how they are read: `--number-format auto|point|comma`. `point` is §2
// (`.` decimal mark, `,` thousands); `comma` reads `,` as the decimal mark and `.`,
// space, no-break space or `'` as thousands separators; `auto` is `point`, except that
// in a `;`-delimited file (as European spreadsheets save them) a number shaped like
// `2.612` or `1,000` could be either, so it is refused rather than guessed; so it is
// in a tab-separated UTF-16 file, Excel's "Unicode text", which a European Excel
// writes with its own marks as much as a `;`-separated one.
import { splitLowerBound } from "./number-forms.js";
import { type FieldProblem, isProblem, problem } from "./rules.js";
import { quote } from "./sanitize.js";

/**
 * Digits grouped in threes by `,`, as every figure written for people is (barrels,
 * caps, counts): "1234567" → "1,234,567". Plain string work: toLocaleString would
 * load ICU's number formats on its first call, some 10 ms of a run's start-up.
 */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count of records, issues or lines as people read it: 1500 → "1,500". */
export function formatCount(count: number): string {
  return groupThousands(String(count));
}

export const NUMBER_FORMATS = ["auto", "point", "comma"] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/**
 * How one file's number cells read, once its delimiter is known. `point-hinting` is
 * `point` whose invalid figures say how `--number-format comma` would read them: a
 * tab-separated "Unicode text" from a European Excel holds `1.234,5` as much as a
 * `;`-separated one. (JSON strings read as plain `point`: the option is refused there.)
 */
export type NumberReading =
  | "point"
  | "point-hinting"
  | "comma"
  | "point-refusing-ambiguous"
  | "point-refusing-ambiguous-unicode-text";

/** The files whose numbers may be European, as the refusal names them. */
const AMBIGUOUS_IN: Partial<Record<NumberReading, string>> = {
  "point-refusing-ambiguous": "a ;-separated file",
  "point-refusing-ambiguous-unicode-text": "a tab-separated UTF-16 file (Excel's Unicode text)",
};

/** `utf16`: the file was UTF-16 with a byte-order mark. */
export function numberReadingOf(
  format: NumberFormat,
  delimiter: string,
  utf16 = false,
): NumberReading {
  if (format !== "auto") return format;
  if (delimiter === ";") return "point-refusing-ambiguous";
  return utf16 && delimiter === "\t" ? "point-refusing-ambiguous-unicode-text" : "point-hinting";
}

/** Dot-separated groups of exactly three digits: a thousands separator or a decimal mark. */
const AMBIGUOUS = /^\d{1,3}(?:\.\d{3})+$/;
/**
 * One comma and three digits after it: a thousands separator (point) or a decimal
 * comma (comma). Not in the contract's list (§11 names only the dot shapes), but in a
 * `;`-separated file `1,000` is as likely a European one as a thousand: read either
 * way in silence, it is a thousandfold error.
 */
const AMBIGUOUS_COMMA = /^[1-9]\d{0,2},\d{3}$/;
/** `1.234,5`, `1 234,5`, `1'234`, `1234,5`: one separator kind throughout, groups of three. */
const COMMA = /^(?:\d{1,3}(?:([. \u00A0\u202F'])\d{3}(?:\1\d{3})*)?|\d+)(?:,\d+)?$/;
const SEPARATORS = /[. \u00A0\u202F']/g;

/**
 * A number cell as the §2 (point) syntax the quantity rules read, or a problem.
 * Cells that are not text (JSON numbers) never come here.
 */
export function pointText(
  text: string,
  reading: NumberReading,
  field: string,
): string | FieldProblem {
  if (reading === "point" || reading === "point-hinting") return text;
  // A lower bound (§13) keeps its words; only its number is read.
  const bound = splitLowerBound(text);
  if (bound.atLeast) {
    const read = pointText(bound.number, reading, field);
    const prefix = text.slice(0, text.length - bound.number.length);
    if (!isProblem(read)) return prefix + read;
    const got = quote(bound.number.trim());
    return { ...read, message: read.message.replaceAll(got, quote(text.trim())) };
  }
  const trimmed = text.trim();
  const where = AMBIGUOUS_IN[reading];
  if (where !== undefined) {
    if (AMBIGUOUS_COMMA.test(trimmed)) {
      return problem(
        field,
        "ambiguous_number",
        `${quote(trimmed)} in ${where} could be ${trimmed.replace(",", "")} (--number-format point: "," separates thousands) or ${trimmed.replace(",", ".")} (--number-format comma: "," is the decimal mark); pass --number-format to say which`,
      );
    }
    if (!AMBIGUOUS.test(trimmed)) return text;
    const whole = trimmed.replaceAll(".", "");
    // Two points or more: no decimal point reads it, only points between thousands.
    if (trimmed.indexOf(".") !== trimmed.lastIndexOf(".")) {
      return problem(
        field,
        "ambiguous_number",
        `${quote(trimmed)} in ${where} reads only as ${whole}, with "." separating thousands (--number-format comma); pass --number-format comma to read the file so`,
      );
    }
    return problem(
      field,
      "ambiguous_number",
      `${quote(trimmed)} in ${where} could be ${whole} (--number-format comma: "." separates thousands) or ${trimmed} (--number-format point: "." is the decimal mark); pass --number-format to say which`,
    );
  }
  // -0,0 is 0, as -0 is (parseDecimal): the zero after the sign read as any other.
  const unsigned = trimmed.replace(/^-\s*/, "");
  if (unsigned !== trimmed && COMMA.test(unsigned) && !/[1-9]/.test(unsigned)) {
    return `-${pointText(unsigned, reading, field) as string}`;
  }
  if (!COMMA.test(trimmed)) {
    return problem(
      field,
      "invalid_number",
      `expected a non-negative decimal with a decimal comma (--number-format comma) such as 165000, 1.234,5 or 1 234,5, got ${quote(trimmed)}`,
    );
  }
  return trimmed.replace(SEPARATORS, "").replace(",", ".");
}

/** An invalid number in a CSV file read in `auto` that reads with a decimal comma: say how. */
export function withCommaHint(found: FieldProblem, text: string): FieldProblem {
  const trimmed = splitLowerBound(text).number.trim();
  if (found.code !== "invalid_number" || !trimmed.includes(",") || !COMMA.test(trimmed)) {
    return found;
  }
  return {
    ...found,
    message: `${found.message}; --number-format comma reads it as ${pointText(trimmed, "comma", found.field) as string}`,
  };
}
