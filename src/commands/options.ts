// Options as data: each command declares its options once, here or in its own
// file, and src/cli.ts builds the parser and --help from them (a man page and
// shell completions can be generated from the same data). The shared options of
// check and ledger; their translation into the library's options is flags.ts.
import { GROUP_FIELDS } from "../domain/aggregate.js";
import { BASIS_FILTERS } from "../domain/check.js";
import { NUMBER_FORMATS } from "../domain/number-format.js";
import { BUILT_IN_REGIMES } from "../domain/regimes.js";
import { CHECK_DEFAULTS } from "../options.js";
import type { CommandOutput } from "./output.js";

export interface OptionSpec {
  /** As commander takes them: `--cap <barrels>`, `-q, --quiet`, `--no-color`. */
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  /** Values the shell completions offer, where others are accepted too. */
  readonly suggestions?: readonly string[];
  readonly default?: string;
  /** Repeatable, each value also split at commas. */
  readonly list?: boolean;
  /** Repeatable, each value kept whole (a file name may hold a comma). */
  readonly repeatable?: boolean;
  /** An option (by its attribute name) this one cannot be given with. */
  readonly conflicts?: string;
}

/** What the command line knows of its terminal, for the commands that adapt to it. */
export interface Terminal {
  stdinIsTerminal(): boolean;
  readonly stdoutIsTerminal: boolean;
  readonly columns: number | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard error, for the progress line (contract §14). */
  readonly stderr: {
    readonly isTerminal: boolean;
    readonly columns: number | undefined;
    write(text: string): void;
  };
}

export interface Invocation<Flags> {
  readonly files: string[];
  readonly flags: Flags;
  readonly terminal: Terminal;
}

/** A command's one positional argument other than files: `completion <shell>`. */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly choices: readonly string[];
}

export interface CommandSpec<Flags = object> {
  readonly name: string;
  /** One line for `capcheck --help`. */
  readonly summary: string;
  /** The paragraph that opens `capcheck NAME --help`. */
  readonly description: string;
  /** Takes `[files...]`. */
  readonly readsFiles: boolean;
  /** Takes this one argument instead (handed over as `files[0]`). */
  readonly argument?: ArgumentSpec;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  run(invocation: Invocation<Flags>): Promise<CommandOutput> | CommandOutput;
}

export const FILES_ARGUMENT = "CSV, TSV, JSON or NDJSON files; - or none reads standard input";

export const QUIET: OptionSpec = {
  flags: "-q, --quiet",
  description: "print nothing on stdout; the exit status alone answers",
};
// With --format too, one of the two would lose in silence: a usage error instead.
export const JSON_FLAG: OptionSpec = {
  flags: "--json",
  description: "short for --format json",
  conflicts: "format",
};

/** check's, ledger's and validate's options from a file (contract §14; src/config.ts). */
export const CONFIG_OPTION: OptionSpec = {
  flags: "--config <file>",
  description: "options from this JSON file (default: capcheck.config.json)",
};

/** Every command's colour options (contract §14); `--no-color` is `--color never`. */
export const COLOR_OPTIONS: readonly OptionSpec[] = [
  {
    flags: "--color <when>",
    description: "when to colour (auto: on a terminal, unless NO_COLOR is set)",
    choices: ["auto", "always", "never"],
    default: "auto",
  },
  { flags: "--no-color", description: "short for --color never" },
];

export type ColorFlag = "auto" | "always" | "never" | false;

/** Whether to colour: --color, then FORCE_COLOR and NO_COLOR, then whether stdout is a terminal. */
export function colorOf(flag: ColorFlag | undefined, terminal: Terminal): boolean {
  if (flag === false || flag === "never") return false;
  if (flag === "always") return true;
  const { FORCE_COLOR, NO_COLOR } = terminal.env;
  if (FORCE_COLOR !== undefined) return FORCE_COLOR !== "0";
  if (NO_COLOR) return false;
  return terminal.stdoutIsTerminal;
}

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
  {
    flags: "--number-format <format>",
    description:
      "how CSV numbers read: point (1,234.5), comma (1.234,5 or 1 234,5), or auto: point, refusing 2.612 or 1,000 in a ;-separated file or in UTF-16 tab-separated text",
    choices: NUMBER_FORMATS,
    default: "auto",
  },
  {
    flags: "--header-line <n>",
    description: "take the CSV header from line N, skipping the title lines above it (CSV only)",
  },
  {
    flags: "--max-record-size <bytes>",
    description: "the largest record read, e.g. 4MiB (default 1MiB)",
  },
  {
    flags: "--max-json-values <n>",
    description: "the most values a JSON document may hold (default 20000000)",
  },
];

/** The options check and ledger share: what to count, and how. */
export const SELECTION_OPTIONS: readonly OptionSpec[] = [
  CONFIG_OPTION,
  ...INPUT_OPTIONS,
  {
    flags: "--regime <id>",
    description: "only this regime; repeat or separate with commas (see capcheck regimes)",
    list: true,
    // The built-in ids; a --caps file's ids are accepted too.
    suggestions: BUILT_IN_REGIMES.map((r) => r.id),
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
  { flags: "--year <yyyy>", description: "only periods that overlap that calendar year" },
  {
    flags: "--by <field>",
    description: "group rows by this field",
    choices: GROUP_FIELDS,
    default: CHECK_DEFAULTS.by,
  },
  {
    flags: "--basis <basis>",
    description: "which records count",
    choices: BASIS_FILTERS,
    default: CHECK_DEFAULTS.basis,
  },
  {
    flags: "--load-factor <x>",
    description: "load factor (above 0, at most 1) of capacity records that have none of their own",
  },
  {
    flags: "--skip-invalid",
    description: "count the valid records, report the invalid ones as warnings",
  },
  {
    flags: "--no-skip-invalid",
    description: "stop at invalid records, whatever the config file says (the default)",
  },
  {
    flags: "--no-fold-names",
    description:
      "keep exporter names as written (default: fold Russia, PRC, Turkey … to UN short names)",
  },
  QUIET,
];

/** Nothing counted in any period is exit 2 (check and ledger) unless this is given. */
export const ALLOW_EMPTY_OPTION: OptionSpec = {
  flags: "--allow-empty",
  description: "report, exit 0, when no record counts in any period (default: exit 2)",
};

/** Threads that read one large file (check and ledger). */
export const THREADS_OPTION: OptionSpec = {
  flags: "--threads <n>",
  description: "threads that read one large CSV or NDJSON file (default: the cores, at most 2)",
};
