// Options as data: each command declares its options once, here or in its own
// file, and src/cli.ts builds the parser and --help from them (a man page and
// shell completions can be generated from the same data). The shared options of
// check and ledger, and their translation into the library's CheckOptions.
import { GROUP_FIELDS, type GroupField } from "../domain/aggregate.js";
import type { BasisFilter } from "../domain/check.js";
import { UsageError } from "../errors.js";
import type { InputFormat, InputSource } from "../ingest/index.js";
import { sourcesFrom } from "../ingest/index.js";
import { CHECK_DEFAULTS, type CheckOptions, type OptionSpelling } from "../options.js";
import type { CommandOutput } from "./output.js";

export interface OptionSpec {
  /** As commander takes them: `--cap <barrels>`, `-q, --quiet`, `--no-color`. */
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly default?: string;
  /** Repeatable, each value also split at commas. */
  readonly list?: boolean;
  /** Repeatable, each value kept whole (a file name may hold a comma). */
  readonly repeatable?: boolean;
}

/** What the command line knows of its terminal, for the commands that adapt to it. */
export interface Terminal {
  stdinIsTerminal(): boolean;
  readonly stdoutIsTerminal: boolean;
  readonly columns: number | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Invocation<Flags> {
  readonly files: string[];
  readonly flags: Flags;
  readonly terminal: Terminal;
}

export interface CommandSpec<Flags = object> {
  readonly name: string;
  /** One line for `capcheck --help`. */
  readonly summary: string;
  /** The paragraph that opens `capcheck NAME --help`. */
  readonly description: string;
  /** Takes `[files...]`. */
  readonly readsFiles: boolean;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  run(invocation: Invocation<Flags>): Promise<CommandOutput> | CommandOutput;
}

export const FILES_ARGUMENT = "CSV, TSV, JSON or NDJSON files; - or none reads standard input";

export const QUIET: OptionSpec = {
  flags: "-q, --quiet",
  description: "print nothing on stdout; the exit status alone answers",
};
export const JSON_FLAG: OptionSpec = { flags: "--json", description: "short for --format json" };

export function formatOption(choices: readonly string[]): OptionSpec {
  return {
    flags: "--format <format>",
    description: "output format",
    choices,
    default: choices[0] as string,
  };
}

export const INPUT_OPTIONS: readonly OptionSpec[] = [
  {
    flags: "--input-format <format>",
    description: "input format (default: from the extension, else sniffed)",
    choices: ["csv", "json", "ndjson"],
  },
  { flags: "--delimiter <char>", description: "CSV delimiter (default: detected among , ; tab |)" },
];

/** The options check and ledger share: what to count, and how. */
export const SELECTION_OPTIONS: readonly OptionSpec[] = [
  ...INPUT_OPTIONS,
  {
    flags: "--regime <id>",
    description: "only this regime; repeat or separate with commas (see capcheck regimes)",
    list: true,
  },
  {
    flags: "--caps <file>",
    description: "regime definitions from a JSON file instead of the built-in ones",
  },
  {
    flags: "--cap <barrels>",
    description: "what-if: replace the barrel cap of every selected regime",
  },
  { flags: "--factors <file>", description: "tons-to-barrels factors from a JSON file" },
  { flags: "--year <yyyy>", description: "only periods that start in that year" },
  {
    flags: "--by <field>",
    description: "group rows by this field",
    choices: GROUP_FIELDS,
    default: CHECK_DEFAULTS.by,
  },
  {
    flags: "--basis <basis>",
    description: "which records count",
    choices: ["reported", "estimated", "all"],
    default: CHECK_DEFAULTS.basis,
  },
  {
    flags: "--load-factor <x>",
    description: "load factor (0 to 1) of capacity records that have none of their own",
  },
  {
    flags: "--skip-invalid",
    description: "count the valid records, report the invalid ones as warnings",
  },
  QUIET,
];

export interface InputFlags {
  inputFormat?: InputFormat;
  delimiter?: string;
}

export interface SelectionFlags extends InputFlags {
  json?: boolean;
  regime: string[];
  caps?: string;
  cap?: string;
  factors?: string;
  year?: string;
  by: GroupField;
  basis: BasisFilter;
  loadFactor?: string;
  skipInvalid?: boolean;
  quiet?: boolean;
}

/** Options are spelled as their flags in messages: `loadFactor` is `--load-factor`. */
export const FLAG_SPELLING: OptionSpelling = (key) =>
  `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The input sources; none named and a terminal on stdin is a usage error. */
export function sourcesOf(files: readonly string[], terminal: Terminal): InputSource[] {
  const found = sourcesFrom(files, () => terminal.stdinIsTerminal());
  if (found === undefined) {
    throw new UsageError("no input: name a file, or pipe records into standard input (see --help)");
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

function delimiterOf(value: string): string {
  const delimiter = NAMED_DELIMITERS[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new UsageError(`--delimiter takes one character (or tab), got ${JSON.stringify(value)}`);
  }
  return delimiter;
}

function yearOf(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2100) {
    throw new UsageError(`--year takes a year from 1900 to 2100, got ${JSON.stringify(value)}`);
  }
  return year;
}

/** The reader's flags as the library's options. */
export function inputOptionsOf(flags: InputFlags): Pick<CheckOptions, "inputFormat" | "delimiter"> {
  return {
    ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
    ...(flags.delimiter !== undefined ? { delimiter: delimiterOf(flags.delimiter) } : {}),
  };
}

/** check's and ledger's flags as the library's options, text parsed, not yet resolved. */
export function checkOptionsOf(flags: SelectionFlags): CheckOptions {
  return {
    ...(flags.year !== undefined ? { year: yearOf(flags.year) } : {}),
    ...inputOptionsOf(flags),
    by: flags.by,
    basis: flags.basis,
    skipInvalid: flags.skipInvalid === true,
    ...(flags.loadFactor !== undefined ? { loadFactor: flags.loadFactor } : {}),
    ...(flags.regime.length > 0 ? { regimes: flags.regime } : {}),
    ...(flags.caps ? { capsFile: flags.caps } : {}),
    ...(flags.cap !== undefined ? { cap: flags.cap } : {}),
    ...(flags.factors ? { factorsFile: flags.factors } : {}),
  };
}
