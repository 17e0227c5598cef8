// The command line: builds the parser from each command's declared options, writes
// what the commands return, and owns the exit status (contract §7). Nothing else
// writes to stdout or exits.
import { appendFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { COMMANDS, PROGRAM } from "./commands/all.js";
import { withConfig } from "./commands/config-flags.js";
import {
  COLOR_OPTIONS,
  FILES_ARGUMENT,
  type OptionSpec,
  type Terminal,
} from "./commands/options.js";
import { type CommandOutput, issueLines } from "./commands/output.js";
import { deviceIo, deviceIoUnderWay } from "./device-io.js";
import { escapeControls } from "./domain/sanitize.js";
import { ENDING_SIGNALS, InputError, NothingToCheckError, UsageError } from "./errors.js";
import { clearProgress } from "./progress.js";
import { StandardError, StandardOutput } from "./stdio.js";
import { VERSION } from "./version.js";

const PREFIX = "capcheck: ";
/** The line after a usage error, commander's or capcheck's own. */
const USAGE_HINT = "(run with --help for usage)";

// Messages that cannot be written (2>/dev/full, a closed pipe) are lost, but the
// exit status still answers: it must not turn into 1, which reads as "exceeded".
const stderr = new StandardError(() => {});

// Output into a closed pipe (`| head`) ends quietly, with the status the run had;
// any other write error (a full disk, a descriptor not open for writing) is one.
// A stdout closed before the run (`>&-`) is none: Node opens /dev/null in its
// place before capcheck starts, as a parent's /dev/null would be (README).
const stdout = new StandardOutput((error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  const reason = error.message.replace(/, write$/, "");
  stderr.write(`${PREFIX}cannot write standard output: ${reason}\n`);
  process.exit(2);
});

/**
 * How each error ends a run, as one table (as xsv's main.rs maps its error enum):
 * the exit status and the lines for stderr. Any other error is an internal one.
 */
function exitOf(error: unknown): [exitCode: 0 | 2, stderr: string[]] {
  // commander has written its own message, or the help and version with status 0.
  if (error instanceof CommanderError) return [error.exitCode === 0 ? 0 : 2, []];
  if (error instanceof UsageError) return [2, [error.message, USAGE_HINT]];
  if (error instanceof InputError) {
    const before = error.invalidBefore;
    const invalid = before === undefined ? [] : issueLines(before.issues);
    return [2, [...invalid, `${error.location}: ${error.message}`]];
  }
  if (error instanceof NothingToCheckError) return [2, [error.message]];
  const message = error instanceof Error ? error.message : String(error);
  return [2, [`internal error: ${message.split("\n")[0]}`]];
}

/** Message lines on stderr, each with any control or invisible character escaped. */
function writeStderr(lines: readonly string[]): void {
  if (lines.length === 0) return;
  stderr.write(`${lines.map((line) => PREFIX + escapeControls(line)).join("\n")}\n`);
}

/** Output pieces gathered into writes of about this many characters. */
const WRITE_SIZE = 1 << 16;

/**
 * Writes to a file or a pipe block (stdio.ts) and a report's pieces are made without
 * waiting: seconds for a long ledger, in which Ctrl-C would wait for the end and then
 * be lost to the exit. The event loop is let in this often to take a signal.
 */
const SIGNAL_CHECK_MS = 50;
let lastSignalCheck = 0;

/** Milliseconds since the process started (performance.now() loads perf_hooks, 0.6 ms). */
const uptimeMs = () => process.uptime() * 1000;

/** Lets the event loop run its signal handlers, when SIGNAL_CHECK_MS have passed. */
async function takeSignals(force = false): Promise<void> {
  const now = uptimeMs();
  if (!force && now - lastSignalCheck < SIGNAL_CHECK_MS) return;
  lastSignalCheck = now;
  await new Promise((resolve) => setImmediate(resolve));
}

async function emit(output: CommandOutput): Promise<void> {
  for (const file of output.files ?? []) await writeOutputFile(file.path, file.text, file.append);
  if (output.workflowCommands) stderr.write(output.workflowCommands);
  writeStderr(output.stderr);
  process.exitCode = output.exitCode;
  if (typeof output.stdout === "string") {
    if (output.stdout !== "") await stdout.write(output.stdout);
    return;
  }
  let pending = "";
  for await (const piece of output.stdout) {
    if (typeof piece !== "string") {
      if (pending !== "") await stdout.write(pending);
      pending = "";
      await stdout.write(piece);
      await takeSignals();
      continue;
    }
    pending += piece;
    if (pending.length < WRITE_SIZE) continue;
    await stdout.write(pending);
    pending = "";
    await takeSignals();
  }
  if (pending !== "") await stdout.write(pending);
}

/** node:fs/promises, loaded only for a pipe: start-up does without it. */
const filePromises = () =>
  createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");

/**
 * Writes an --output file. A pipe named as one (a FIFO, `>(cmd)`) is written off the
 * main thread, counted as device I/O: its open waits for a reader, and Ctrl-C must
 * still end the run then.
 */
async function writeOutputFile(path: string, text: string, append: boolean): Promise<void> {
  try {
    if (!existsSync(path) || statSync(path).isFile()) {
      if (append) appendFileSync(path, text);
      else writeFileSync(path, text);
    } else {
      const { appendFile, writeFile } = filePromises();
      await deviceIo(() => (append ? appendFile(path, text) : writeFile(path, text)));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(path, null, `cannot be written (${code})`);
  }
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

/**
 * Repeatable list options: each value split at commas, empty parts dropped. No
 * default value, which --help would print as `(default: [])`. A value that names
 * nothing (`--regime ""`, an unset variable) is refused: dropped, it would leave
 * the default in force (every regime, `--fail-on exceeded`) in silence.
 */
function collect(value: string, previous: string[] = []): string[] {
  const items = value
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  if (items.length === 0) throw new InvalidArgumentError("It names nothing.");
  return [...previous, ...items];
}

function optionOf(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.list) option.argParser(collect);
  if (spec.repeatable) option.argParser((v: string, all: string[] = []) => [...all, v]);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.conflicts !== undefined) option.conflicts(spec.conflicts);
  return option;
}

function buildProgram(argv: readonly string[]): Command {
  const terminal: Terminal = {
    stdinIsTerminal: () => process.stdin.isTTY === true,
    get stdoutIsTerminal() {
      return stdout.isTerminal;
    },
    get columns() {
      return stdout.columns;
    },
    env: process.env,
    stderr,
  };
  const program = new Command()
    .name("capcheck")
    .description(PROGRAM.description)
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError(USAGE_HINT)
    .addHelpText("after", examples(PROGRAM.examples))
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void stdout.write(text),
      // The hint after commander's own errors carries the prefix, as after capcheck's.
      writeErr: (text) => stderr.write(text === `${USAGE_HINT}\n` ? `${PREFIX}${text}` : text),
      // Its suggestion follows on a line of its own ("\n(Did you mean --json?)"): kept on
      // the error's one line, not escaped into a literal \u000a.
      outputError: (text, write) => {
        const message = text
          .replace(/^error: /, "")
          .trimEnd()
          .replace(/\s*\n\s*/g, " ");
        write(`${PREFIX}${escapeControls(message)}\n`);
      },
    });
  // A run names its command first: only that one is built (each costs its options'
  // making at start-up). Anything else, help or a misspelt command, gets them all.
  const named = COMMANDS.find((spec) => spec.name === argv[2]);
  for (const spec of named === undefined ? COMMANDS : [named]) {
    const command = program.command(spec.name).summary(spec.summary).description(spec.description);
    if (spec.readsFiles) command.argument("[files...]", FILES_ARGUMENT);
    if (spec.argument) {
      const { name, description, choices } = spec.argument;
      command.addArgument(new Argument(`<${name}>`, description).choices(choices));
    }
    for (const option of [...spec.options, ...COLOR_OPTIONS]) command.addOption(optionOf(option));
    command.addHelpText("after", examples(spec.examples));
    command.action(async (...args: unknown[]) => {
      // commander passes the files or the argument (when the command takes one), then the flags.
      const [first, given] = spec.readsFiles || spec.argument ? args : [[], args[0]];
      const named = (typeof first === "string" ? [first] : first) as string[];
      const { files, flags, run } = await withConfig(spec, command, named, given as never);
      await emit(await run(() => spec.run({ files, flags: flags as never, terminal })));
    });
  }
  return program;
}

/**
 * A run at least this long (ms since the process started) gives a signal that came
 * while it wrote its last output a turn of the event loop before it exits, so that
 * it ends as the signal asks. A shorter one is done as if the signal had come just
 * after it: the turn cost a 10-row run 1.4 ms, a fortieth of its time.
 */
const LONG_RUN_MS = 250;

/**
 * Runs the command line as main() does, then ends the process at once, unless some
 * output still waits in a stream. Left to end by itself, Node first waits for V8's
 * work on other threads, such as a collection under way: 10 to 30 ms after a
 * 1M-row run.
 */
export async function mainThenExit(argv: readonly string[]): Promise<void> {
  await main(argv);
  if (uptimeMs() >= LONG_RUN_MS) await takeSignals(true);
  if (stdout.settled && stderr.settled) process.exit();
}

/** Runs the command line; resolves once the exit status is set. */
export async function main(argv: readonly string[]): Promise<void> {
  for (const { signal, status, word } of ENDING_SIGNALS) {
    process.on(signal, () => {
      clearProgress();
      stderr.write(`${PREFIX}${word}\n`);
      if (!deviceIoUnderWay()) process.exit(status);
      // process.exit would wait for the pool thread blocked on the pipe: the exit
      // handlers run here, then the signal, its handler gone, ends the process as
      // it would have (the shell sees the same status, 128 + the signal's number).
      process.emit("exit", status);
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    });
  }
  try {
    await buildProgram(argv).parseAsync(argv as string[]);
  } catch (error) {
    const [exitCode, lines] = exitOf(error);
    writeStderr(lines);
    process.exitCode = exitCode;
  }
}
