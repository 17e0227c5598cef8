// The command line: builds the parser from each command's declared options, writes
// what the commands return, and owns the exit status (contract §7). Nothing else
// writes to stdout or exits.
import { appendFileSync, writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { check } from "./commands/check.js";
import { factors } from "./commands/factors.js";
import { ledger } from "./commands/ledger.js";
import {
  type CommandSpec,
  FILES_ARGUMENT,
  type OptionSpec,
  type Terminal,
} from "./commands/options.js";
import type { CommandOutput } from "./commands/output.js";
import { regimes } from "./commands/regimes.js";
import { schema } from "./commands/schema.js";
import { validate } from "./commands/validate.js";
import { InputError, UsageError } from "./errors.js";
import { VERSION } from "./version.js";

const COMMANDS: readonly CommandSpec[] = [validate, check, ledger, regimes, factors, schema];

const PREFIX = "capcheck: ";

/**
 * How each error ends a run, as one table (as xsv's main.rs maps its error enum):
 * the exit status and the lines for stderr. Any other error is an internal one.
 */
function exitOf(error: unknown): [exitCode: 0 | 2, stderr: string[]] {
  // commander has written its own message, or the help and version with status 0.
  if (error instanceof CommanderError) return [error.exitCode === 0 ? 0 : 2, []];
  if (error instanceof UsageError) return [2, [error.message, "(run with --help for usage)"]];
  if (error instanceof InputError) return [2, [`${error.location}: ${error.message}`]];
  const message = error instanceof Error ? error.message : String(error);
  return [2, [`internal error: ${message.split("\n")[0]}`]];
}

function writeStderr(lines: readonly string[]): void {
  if (lines.length > 0) process.stderr.write(`${lines.map((line) => PREFIX + line).join("\n")}\n`);
}

function emit(output: CommandOutput): void {
  for (const file of output.files ?? []) writeOutputFile(file.path, file.text, file.append);
  if (output.workflowCommands) process.stderr.write(output.workflowCommands);
  writeStderr(output.stderr);
  if (output.stdout !== "") process.stdout.write(output.stdout);
  process.exitCode = output.exitCode;
}

function writeOutputFile(path: string, text: string, append: boolean): void {
  try {
    if (append) appendFileSync(path, text);
    else writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(path, null, `cannot be written (${code})`);
  }
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

/** Repeatable list options: each value split at commas, empty parts dropped. */
function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  ];
}

function optionOf(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.list) option.argParser(collect).default([]);
  if (spec.repeatable) option.argParser((v: string, all: string[]) => [...all, v]).default([]);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

function buildProgram(): Command {
  const terminal: Terminal = {
    stdinIsTerminal: () => process.stdin.isTTY === true,
    stdoutIsTerminal: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
  };
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
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).summary(spec.summary).description(spec.description);
    if (spec.readsFiles) command.argument("[files...]", FILES_ARGUMENT);
    for (const option of spec.options) command.addOption(optionOf(option));
    command.addHelpText("after", examples(spec.examples));
    command.action(async (...args: unknown[]) => {
      // commander passes the files (when the command takes them), then the flags.
      const [files, flags] = spec.readsFiles ? args : [[], args[0]];
      emit(await spec.run({ files: files as string[], flags: flags as never, terminal }));
    });
  }
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
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    const [exitCode, lines] = exitOf(error);
    writeStderr(lines);
    process.exitCode = exitCode;
  }
}
