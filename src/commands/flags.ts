// A command's flags as the library's options (check, ledger, validate): text parsed,
// then checked by the library's own rules, each named by its flag in messages.
import type { GroupField } from "../domain/aggregate.js";
import type { BasisFilter } from "../domain/check.js";
import type { NumberFormat } from "../domain/number-format.js";
import { quote } from "../domain/sanitize.js";
import { UsageError } from "../errors.js";
import type { InputFormat, InputSource, ReadOptions } from "../ingest/index.js";
import { sourcesFrom } from "../ingest/index.js";
import { MAX_JSON_VALUES_LIMIT, parseByteSize } from "../ingest/limits.js";
import { countOf, yearOf } from "../option-values.js";
import {
  type CheckOptions,
  MAX_HEADER_LINE,
  type OptionSpelling,
  type ParallelOptions,
  parallelOf,
  readOptionsOf,
} from "../options.js";
import { defaultThreads } from "../parallel.js";
import type { Terminal } from "./options.js";

export interface InputFlags {
  inputFormat?: InputFormat;
  delimiter?: string;
  numberFormat?: NumberFormat;
  headerLine?: string;
  maxRecordSize?: string;
  maxJsonValues?: string;
}

export interface SelectionFlags extends InputFlags {
  json?: boolean;
  regime?: string[];
  caps?: string;
  cap?: string;
  factors?: string;
  year?: string;
  by: GroupField;
  basis: BasisFilter;
  loadFactor?: string;
  skipInvalid?: boolean;
  /** false with --no-fold-names. */
  foldNames?: boolean;
  quiet?: boolean;
}

/** The options whose flag is not their name in kebab case. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  capsFile: "--caps",
  factorsFile: "--factors",
};

/** Options are spelled as their flags in messages: `loadFactor` is `--load-factor`. */
export const FLAG_SPELLING: OptionSpelling = (key) =>
  FLAG_NAMES[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The input sources; none named and a terminal on stdin is a usage error. */
export function sourcesOf(files: readonly string[], terminal: Terminal): InputSource[] {
  const found = sourcesFrom(files, () => terminal.stdinIsTerminal());
  if (found === undefined) {
    // The usage hint that follows points to --help.
    throw new UsageError("no input: name a file, or pipe records into standard input");
  }
  return found;
}

const NAMED_DELIMITERS: Record<string, string> = {
  tab: "\t",
  "\\t": "\t",
  comma: ",",
  semicolon: ";",
  pipe: "|",
};

/**
 * How check and ledger read one large file: --threads as given (the shared rule
 * refuses a bad one by name), else the default.
 */
export function parallelOfFlags(
  flags: { threads?: string },
  env: Terminal["env"],
): ParallelOptions | undefined {
  const threads = flags.threads === undefined ? defaultThreads() : wholeNumber(flags.threads);
  return parallelOf({ threads } as CheckOptions, FLAG_SPELLING, env);
}

/** Digits as a number; anything else as given, for the shared rule to refuse by name. */
export function wholeNumber(text: string): number | string {
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

function maxRecordBytesOf(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === undefined) {
    throw new UsageError(
      `--max-record-size takes a size such as 4194304, 4MiB or 512KiB, up to 1GiB, got ${quote(text)}`,
    );
  }
  return bytes;
}

/** The reader's flags as the library's options, checked by the library's own rules. */
export function inputOptionsOf(flags: InputFlags): ReadOptions {
  const { delimiter, headerLine, maxRecordSize, maxJsonValues } = flags;
  return readOptionsOf(
    {
      ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
      ...(flags.numberFormat ? { numberFormat: flags.numberFormat } : {}),
      ...(delimiter !== undefined
        ? { delimiter: NAMED_DELIMITERS[delimiter.toLowerCase()] ?? delimiter }
        : {}),
      ...(headerLine !== undefined
        ? {
            headerLine: countOf(
              wholeNumber(headerLine),
              MAX_HEADER_LINE,
              "--header-line",
              "a line number",
            ),
          }
        : {}),
      ...(maxRecordSize !== undefined ? { maxRecordBytes: maxRecordBytesOf(maxRecordSize) } : {}),
      ...(maxJsonValues !== undefined
        ? {
            maxJsonValues: countOf(
              wholeNumber(maxJsonValues),
              MAX_JSON_VALUES_LIMIT,
              "--max-json-values",
              "values",
            ),
          }
        : {}),
    },
    FLAG_SPELLING,
  );
}

/** check's and ledger's flags as the library's options, text parsed, not yet resolved. */
export function checkOptionsOf(flags: SelectionFlags): CheckOptions {
  return {
    ...(flags.year !== undefined ? { year: yearOf(wholeNumber(flags.year), "--year") } : {}),
    ...inputOptionsOf(flags),
    by: flags.by,
    basis: flags.basis,
    skipInvalid: flags.skipInvalid === true,
    foldNames: flags.foldNames !== false,
    ...(flags.loadFactor !== undefined ? { loadFactor: flags.loadFactor } : {}),
    ...(flags.regime !== undefined && flags.regime.length > 0 ? { regimes: flags.regime } : {}),
    // `--caps ""` (an unset variable in a script) is refused by the library's rule, not dropped.
    ...(flags.caps !== undefined ? { capsFile: flags.caps } : {}),
    ...(flags.cap !== undefined ? { cap: flags.cap } : {}),
    ...(flags.factors !== undefined ? { factorsFile: flags.factors } : {}),
  };
}
