// The command line: wires commander to the commands, writes what they return,
// and owns the exit status (contract §7). Nothing else writes to stdout or exits.
// `schema` (zod), `ledger` and the chart renderers are imported only when used, to
// keep start-up short.
import { Command, CommanderError, Option } from "commander";
import { type CheckOptions, capOf, loadFactorOf } from "./check.js";
import { type CheckCommandOptions, check, type ReportFormat } from "./commands/check.js";
import { factors } from "./commands/factors.js";
import type { LedgerFormat } from "./commands/ledger.js";
import type { CommandOutput } from "./commands/output.js";
import { UsageError } from "./commands/output.js";
import { regimes } from "./commands/regimes.js";
import { validate } from "./commands/validate.js";
import { GROUP_FIELDS, type GroupField } from "./domain/aggregate.js";
import { InputError, type InputSource, type ReadOptions, sourcesFrom } from "./ingest/index.js";
import { VERSION } from "./version.js";

const PREFIX = "capcheck: ";

function writeStderr(lines: readonly string[]): void {
  if (lines.length > 0) process.stderr.write(`${lines.map((line) => PREFIX + line).join("\n")}\n`);
}

function emit(output: CommandOutput): void {
  writeStderr(output.stderr);
  if (output.stdout !== "") process.stdout.write(output.stdout);
  process.exitCode = output.exitCode;
}

function sources(files: readonly string[]): InputSource[] {
  const found = sourcesFrom(files, () => process.stdin.isTTY === true);
  if (found === undefined) {
    throw new UsageError("no input: name a file, or pipe records into standard input (see --help)");
  }
  return found;
}

function parseDelimiter(value: string): string {
  const named: Record<string, string> = {
    tab: "\t",
    "\\t": "\t",
    comma: ",",
    semicolon: ";",
    pipe: "|",
  };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new UsageError(`--delimiter takes one character (or tab), got ${JSON.stringify(value)}`);
  }
  return delimiter;
}

interface InputFlags {
  inputFormat?: "csv" | "json" | "ndjson";
  delimiter?: string;
}

function readOptions(flags: InputFlags): ReadOptions {
  return {
    ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
    ...(flags.delimiter !== undefined ? { delimiter: parseDelimiter(flags.delimiter) } : {}),
  };
}

function inputOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--input-format <format>",
        "input format (default: from the extension, else sniffed)",
      ).choices(["csv", "json", "ndjson"]),
    )
    .option("--delimiter <char>", "CSV delimiter (default: detected among , ; tab |)");
}

const REPORT_FORMATS = ["table", "json", "csv", "markdown", "svg", "html"];
const LEDGER_FORMATS = ["table", "json", "csv", "ndjson"];

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  ];
}

/** The options check and ledger share: what to count, and how. */
interface SelectionFlags extends InputFlags {
  json?: boolean;
  regime: string[];
  caps?: string;
  cap?: string;
  factors?: string;
  year?: string;
  by: GroupField;
  basis: "reported" | "estimated" | "all";
  loadFactor?: string;
  skipInvalid?: boolean;
  quiet?: boolean;
}

interface CheckFlags extends SelectionFlags {
  format: ReportFormat;
  chart?: boolean;
  scenarios?: string;
  failOn: "exceeded" | "notice" | "never";
  color: boolean;
}

interface LedgerFlags extends SelectionFlags {
  format: LedgerFormat;
}

function selectionOptions(command: Command): Command {
  return inputOptions(command)
    .option(
      "--regime <id>",
      "only this regime; repeat or separate with commas (see capcheck regimes)",
      collect,
      [],
    )
    .option("--caps <file>", "regime definitions from a JSON file instead of the built-in ones")
    .option("--cap <barrels>", "what-if: replace the barrel cap of every selected regime")
    .option("--factors <file>", "tons-to-barrels factors from a JSON file")
    .option("--year <yyyy>", "only periods that start in that year")
    .addOption(
      new Option("--by <field>", "group rows by this field")
        .choices([...GROUP_FIELDS])
        .default("exporter"),
    )
    .addOption(
      new Option("--basis <basis>", "which records count")
        .choices(["reported", "estimated", "all"])
        .default("all"),
    )
    .option(
      "--load-factor <x>",
      "load factor (0 to 1) of capacity records that have none of their own",
    )
    .option("--skip-invalid", "count the valid records, report the invalid ones as warnings")
    .option("-q, --quiet", "print nothing on stdout; the exit status alone answers");
}

/** Colour when asked for and the terminal takes it; NO_COLOR and FORCE_COLOR as usual. */
function useColor(flag: boolean): boolean {
  if (!flag) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== "0";
  if (process.env.NO_COLOR) return false;
  return process.stdout.isTTY === true;
}

function selection(flags: SelectionFlags): CheckOptions {
  const cap = flags.cap === undefined ? undefined : capOf(flags.cap, "--cap");
  let year: number | undefined;
  if (flags.year !== undefined) {
    year = Number(flags.year);
    if (!/^\d{4}$/.test(flags.year) || year < 1900 || year > 2100) {
      throw new UsageError(
        `--year takes a year from 1900 to 2100, got ${JSON.stringify(flags.year)}`,
      );
    }
  }
  return {
    ...readOptions(flags),
    by: flags.by,
    basis: flags.basis,
    skipInvalid: flags.skipInvalid === true,
    ...(flags.loadFactor !== undefined
      ? { loadFactor: loadFactorOf(flags.loadFactor, "--load-factor") }
      : {}),
    ...(flags.regime.length > 0 ? { regimes: flags.regime } : {}),
    ...(flags.caps ? { capsFile: flags.caps } : {}),
    ...(cap ? { cap } : {}),
    ...(flags.factors ? { factorsFile: flags.factors } : {}),
    ...(year !== undefined ? { year } : {}),
  };
}

function checkOptions(flags: CheckFlags): CheckCommandOptions {
  const scenarios =
    flags.scenarios === undefined
      ? undefined
      : flags.scenarios.split(",").map((x) => loadFactorOf(x, "--scenarios"));
  return {
    ...selection(flags),
    format: flags.json ? "json" : flags.format,
    failOn: flags.failOn,
    quiet: flags.quiet === true,
    color: useColor(flags.color),
    ...(scenarios ? { scenarios } : {}),
    // The chart fits the terminal, or 80 columns when stdout is not one.
    ...(flags.chart ? { chartWidth: process.stdout.isTTY ? process.stdout.columns : 80 } : {}),
  };
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

function buildProgram(
  run: (job: () => Promise<CommandOutput> | CommandOutput) => Promise<void>,
): Command {
  const program = new Command()
    .name("capcheck")
    .description(
      "Checks shipment records against the UN Security Council's caps on refined petroleum and crude oil to the DPRK.",
    )
    .version(VERSION, "--version", "print the version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      examples([
        "capcheck check shipments.csv             # the report; exit 1 if a cap is exceeded",
        "capcheck validate data/*.csv             # name every invalid record",
        "cat data.ndjson | capcheck check --json  # the report as JSON, from a pipe",
      ]),
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(PREFIX + text.replace(/^error: /, "")),
    });

  inputOptions(
    program
      .command("validate")
      .summary("read and validate only; list every invalid record")
      .description("Reads the records and validates each one; lists every invalid record.")
      .argument("[files...]", "CSV, TSV, JSON or NDJSON files; - or none reads standard input"),
  )
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .option("--json", "short for --format json")
    .option("--load-factor <x>", "capacity records need no load_factor of their own (see check)")
    .option("-q, --quiet", "print nothing on stdout; the exit status alone answers")
    .addHelpText(
      "after",
      examples([
        "capcheck validate shipments.csv",
        "cat shipments.ndjson | capcheck validate -",
        "capcheck validate --json data/*.json | jq .records",
      ]),
    )
    .action(
      async (
        files: string[],
        flags: InputFlags & {
          format: "text" | "json";
          json?: boolean;
          quiet?: boolean;
          loadFactor?: string;
        },
      ) => {
        if (flags.loadFactor !== undefined) loadFactorOf(flags.loadFactor, "--load-factor");
        await run(() =>
          validate(sources(files), {
            ...readOptions(flags),
            format: flags.json ? "json" : flags.format,
            quiet: flags.quiet === true,
            loadFactorGiven: flags.loadFactor !== undefined,
          }),
        );
      },
    );

  selectionOptions(
    program
      .command("check")
      .summary("aggregate, compare with the caps, print a report (main job)")
      .description(
        "Adds the records up per cap period and per group, compares them with the caps, prints a report, and answers in the exit status: 0 within the caps, 1 when the verdict meets --fail-on, 2 for bad input.",
      )
      .argument("[files...]", "CSV, TSV, JSON or NDJSON files; - or none reads standard input"),
  )
    .addOption(
      new Option("--format <format>", "output format").choices(REPORT_FORMATS).default("table"),
    )
    .option("--json", "short for --format json")
    .option("--scenarios <list>", "run once per load factor, e.g. 0.33,0.5,0.9")
    .option("--chart", "draw each period's running total under its table")
    .addOption(
      new Option("--fail-on <verdict>", "which verdict makes the exit status 1")
        .choices(["exceeded", "notice", "never"])
        .default("exceeded"),
    )
    .option("--no-color", "no colour (NO_COLOR and FORCE_COLOR are honoured too)")
    .addHelpText(
      "after",
      examples([
        "capcheck check shipments.csv",
        "capcheck check --year 2024 --by origin reports/*.csv",
        "cat exports.ndjson | capcheck check --json - | jq .verdict",
        "capcheck check --cap 400000 --fail-on notice data.csv   # what-if",
        'capcheck check --format markdown data.csv >> "$GITHUB_STEP_SUMMARY"',
        "capcheck check --chart data.csv                           # a chart in the terminal",
        "capcheck check --format html data.csv > report.html       # tables and charts, one file",
      ]),
    )
    .action(async (files: string[], flags: CheckFlags) => {
      await run(() => check(sources(files), checkOptions(flags)));
    });

  selectionOptions(
    program
      .command("ledger")
      .summary("every counted record in date order, with its rule and running total")
      .description(
        "Lists every valid, capped record in date order (ties by file, then line) with the rule that made its barrels, its period's running total and share after it, and a mark on the day a threshold or the cap was first crossed.",
      )
      .argument("[files...]", "CSV, TSV, JSON or NDJSON files; - or none reads standard input"),
  )
    .addOption(
      new Option("--format <format>", "output format").choices(LEDGER_FORMATS).default("table"),
    )
    .option("--json", "short for --format json")
    .addHelpText(
      "after",
      examples([
        "capcheck ledger shipments.csv",
        "capcheck ledger --format csv --regime unscr2397-refined data/*.csv > ledger.csv",
        "capcheck ledger --format ndjson data.csv | jq 'select(.mark != \"\")'",
      ]),
    )
    .action(async (files: string[], flags: LedgerFlags) => {
      const { ledger } = await import("./commands/ledger.js");
      await run(() =>
        ledger(sources(files), {
          ...selection(flags),
          format: flags.json ? "json" : flags.format,
          quiet: flags.quiet === true,
        }),
      );
    });

  program
    .command("regimes")
    .summary("list the built-in cap regimes")
    .description("Lists the cap regimes in force: the built-in ones, or those of --caps.")
    .option("--caps <file>", "regime definitions from a JSON file")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      examples(["capcheck regimes", "capcheck regimes --caps my-caps.json --json"]),
    )
    .action(async (flags: { caps?: string; json?: boolean }) => {
      await run(() =>
        regimes({ ...(flags.caps ? { capsFile: flags.caps } : {}), json: flags.json === true }),
      );
    });

  program
    .command("factors")
    .summary("list the unit-conversion factors")
    .description("Lists the conversion factors in force, each with its source.")
    .option("--factors <file>", "tons-to-barrels factors from a JSON file")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      examples(["capcheck factors", "capcheck factors --factors my-factors.json --json"]),
    )
    .action(async (flags: { factors?: string; json?: boolean }) => {
      await run(() =>
        factors({
          ...(flags.factors ? { factorsFile: flags.factors } : {}),
          json: flags.json === true,
        }),
      );
    });

  program
    .command("schema")
    .summary("print the JSON Schema of one input record")
    .description(
      "Prints the JSON Schema of one input record, generated from the validating zod schema.",
    )
    .addHelpText(
      "after",
      examples(["capcheck schema > shipment.schema.json", "capcheck schema | jq .properties.date"]),
    )
    .action(async () => {
      const { schema } = await import("./commands/schema.js");
      await run(() => schema());
    });

  return program;
}

/** Runs the command line; resolves once the exit status is set. */
export async function main(argv: readonly string[]): Promise<void> {
  process.on("SIGINT", () => {
    process.stderr.write(`${PREFIX}interrupted\n`);
    process.exit(130);
  });
  // Output into a closed pipe (`| head`) ends quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`${PREFIX}cannot write output: ${error.message}\n`);
    process.exit(2);
  });

  const run = async (job: () => Promise<CommandOutput> | CommandOutput) => {
    emit(await job());
  };
  const program = buildProgram(run);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof UsageError) {
      writeStderr([error.message, "(run with --help for usage)"]);
      process.exitCode = 2;
    } else if (error instanceof InputError) {
      writeStderr([`${error.location}: ${error.message}`]);
      process.exitCode = 2;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeStderr([`internal error: ${message.split("\n")[0]}`]);
      process.exitCode = 2;
    }
  }
}
