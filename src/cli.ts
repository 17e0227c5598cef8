// The command line: wires commander to the commands, writes what they return,
// and owns the exit status (contract §7). Nothing else writes to stdout or exits.
import { Command, CommanderError, Option } from "commander";
import type { CommandOutput } from "./commands/output.js";
import { UsageError } from "./commands/output.js";
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
  const found = sourcesFrom(files, process.stdin.isTTY === true);
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
        flags: InputFlags & { format: "text" | "json"; json?: boolean; quiet?: boolean },
      ) => {
        const { validate } = await import("./commands/validate.js");
        await run(() =>
          validate(sources(files), {
            ...readOptions(flags),
            format: flags.json ? "json" : flags.format,
            quiet: flags.quiet === true,
          }),
        );
      },
    );

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
