// Shell completions and the man page, generated from the same option data as
// --help (each command's CommandSpec), so none of them can drift from the parser.
import { ENDING_SIGNALS } from "../errors.js";
import { COLOR_OPTIONS, type CommandSpec, type OptionSpec } from "./options.js";

/** One option's parts: `-q, --quiet` → short `q`, long `quiet`; `--cap <barrels>` → value `barrels`. */
export interface Flag {
  short?: string;
  long: string;
  value?: string;
  description: string;
  choices?: readonly string[];
  /** The values the completions offer: the choices, else the option's suggestions. */
  offered?: readonly string[];
  default?: string;
}

export function flagOf(spec: OptionSpec): Flag {
  const short = /(?:^|\s)-([A-Za-z]),/.exec(spec.flags)?.[1];
  const long = /--([a-z][a-z0-9-]*)/.exec(spec.flags)?.[1] as string;
  const value = /[<[]([^>\]]+)[>\]]/.exec(spec.flags)?.[1];
  return {
    ...(short ? { short } : {}),
    long,
    ...(value ? { value } : {}),
    description: spec.description,
    ...(spec.choices ? { choices: spec.choices } : {}),
    ...(spec.choices || spec.suggestions ? { offered: spec.choices ?? spec.suggestions } : {}),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
  };
}

/** Options that every command has besides its own. */
export const COMMON_FLAGS: readonly Flag[] = [
  { short: "h", long: "help", description: "show help" },
];

/** The program's own options, before a command. */
export const PROGRAM_FLAGS: readonly Flag[] = [
  { short: "V", long: "version", description: "print the version" },
  { short: "h", long: "help", description: "show help" },
];

/** commander's own `help [command]`, which --help lists beside the commands. */
const HELP_COMMAND = { name: "help", summary: "display help for command" } as const;

const takesFile = (flag: Flag) => flag.value !== undefined && /file/.test(flag.value);
const flagsOf = (command: CommandSpec) => [
  ...[...command.options, ...COLOR_OPTIONS].map(flagOf),
  ...COMMON_FLAGS,
];
const names = (flag: Flag) => [...(flag.short ? [`-${flag.short}`] : []), `--${flag.long}`];

function bash(commands: readonly CommandSpec[]): string {
  const cases = commands.map((command) => {
    const flags = flagsOf(command);
    const values = flags
      .filter((f) => f.value !== undefined)
      .map((f) => {
        const reply = f.offered
          ? `COMPREPLY=($(compgen -W "${f.offered.join(" ")}" -- "$cur"))`
          : takesFile(f)
            ? `COMPREPLY=($(compgen -f -- "$cur"))`
            : "COMPREPLY=()";
        return `        ${names(f).join("|")}) ${reply}; return ;;`;
      });
    const words = flags.flatMap(names).join(" ");
    const rest = command.readsFiles
      ? `COMPREPLY=($(compgen -f -- "$cur"))`
      : command.argument
        ? `COMPREPLY=($(compgen -W "${command.argument.choices.join(" ")}" -- "$cur"))`
        : "COMPREPLY=()";
    return [
      `    ${command.name})`,
      ...(values.length > 0 ? ['      case "$prev" in', ...values, "      esac"] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words}" -- "$cur")); else ${rest}; fi`,
      "      ;;",
    ].join("\n");
  });
  const commandNames = commands.map((c) => c.name).join(" ");
  cases.push(
    `    ${HELP_COMMAND.name})\n      COMPREPLY=($(compgen -W "${commandNames}" -- "$cur"))\n      ;;`,
  );
  const top = [commandNames, HELP_COMMAND.name, ...PROGRAM_FLAGS.flatMap(names)].join(" ");
  return `# bash completion for capcheck: source <(capcheck completion bash)
_capcheck() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${top}" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join("\n")}
  esac
}
complete -o filenames -F _capcheck capcheck
`;
}

/** Text inside a zsh single-quoted `_arguments` spec: `'` closed and reopened, `[]:` escaped. */
const zshText = (text: string) => text.replace(/([[\]:\\])/g, "\\$1").replace(/'/g, `'\\''`);

function zsh(commands: readonly CommandSpec[]): string {
  const described = [...commands, HELP_COMMAND].map(
    (c) => `    '${zshText(c.name)}:${zshText(c.summary)}'`,
  );
  const cases = commands.map((command) => {
    const specs = flagsOf(command).map((f) => {
      const action = f.offered
        ? `:${zshText(f.value ?? "value")}:(${f.offered.join(" ")})`
        : takesFile(f)
          ? `:${zshText(f.value ?? "file")}:_files`
          : f.value
            ? `:${zshText(f.value)}: `
            : "";
      const description = `[${zshText(f.description)}]`;
      return f.short
        ? `'(-${f.short} --${f.long})'{-${f.short},--${f.long}}'${description}${action}'`
        : `'--${f.long}${description}${action}'`;
    });
    if (command.readsFiles) specs.push(`'*:file:_files'`);
    const argument = command.argument;
    if (argument) specs.push(`'1:${zshText(argument.name)}:(${argument.choices.join(" ")})'`);
    return `    ${command.name})\n      _arguments -s \\\n        ${specs.join(" \\\n        ")}\n      ;;`;
  });
  cases.push(
    `    ${HELP_COMMAND.name})\n      _arguments '1:command:(${commands.map((c) => c.name).join(" ")})'\n      ;;`,
  );
  return `#compdef capcheck
# zsh completion for capcheck: source <(capcheck completion zsh), or save it as
# _capcheck in a directory of $fpath.
_capcheck() {
  local -a commands
  commands=(
${described.join("\n")}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
${cases.join("\n")}
  esac
}
if [[ $funcstack[1] == _capcheck ]]; then _capcheck "$@"; else compdef _capcheck capcheck; fi
`;
}

/** Text inside a fish single-quoted string. */
const fishText = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fish(commands: readonly CommandSpec[]): string {
  const lines = [
    "# fish completion for capcheck: capcheck completion fish | source",
    "complete -c capcheck -f",
    ...PROGRAM_FLAGS.map(
      (f) =>
        `complete -c capcheck -n __fish_use_subcommand -s ${f.short} -l ${f.long} -d ${fishText(f.description)}`,
    ),
    ...[...commands, HELP_COMMAND].map(
      (c) => `complete -c capcheck -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.summary)}`,
    ),
    `complete -c capcheck -n '__fish_seen_subcommand_from ${HELP_COMMAND.name}' -a ${fishText(commands.map((c) => c.name).join(" "))}`,
  ];
  for (const command of commands) {
    const when = `-n '__fish_seen_subcommand_from ${command.name}'`;
    for (const f of flagsOf(command)) {
      const short = f.short ? ` -s ${f.short}` : "";
      const value = f.offered
        ? ` -x -a ${fishText(f.offered.join(" "))}`
        : takesFile(f)
          ? " -r -F"
          : f.value
            ? " -x"
            : "";
      lines.push(
        `complete -c capcheck ${when}${short} -l ${f.long}${value} -d ${fishText(f.description)}`,
      );
    }
    if (command.readsFiles) lines.push(`complete -c capcheck ${when} -F`);
    const argument = command.argument;
    if (argument) {
      lines.push(
        `complete -c capcheck ${when} -a ${fishText(argument.choices.join(" "))} -d ${fishText(argument.description)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  return shell === "bash" ? bash(commands) : shell === "zsh" ? zsh(commands) : fish(commands);
}

/** Text for roff: backslashes doubled, a leading `.` or `'` kept from starting a request. */
const roff = (text: string) =>
  text
    .replace(/\\/g, "\\e")
    .replace(/-/g, "\\-")
    .replace(/^([.'])/gm, "\\&$1")
    // The page stays ASCII: troff without preconv reads other bytes as garbage.
    .replace(
      /[\u{80}-\u{10ffff}]/gu,
      (c) => `\\[u${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}]`,
    );

/** An example line's widest fit in the man page: 80 columns less the man macros' indent of 7. */
const MAN_EXAMPLE_WIDTH = 73;

/**
 * An example as no-fill man page lines within MAN_EXAMPLE_WIDTH, which man cannot
 * wrap: a long one's comment closes up, else goes on the line above it; a command
 * still too long continues on the next line after ` \\` (before a pipe or
 * redirection where one fits), as a shell reads it.
 */
function manExample(example: string): string[] {
  if (example.length <= MAN_EXAMPLE_WIDTH) return [example];
  const [, command = example, comment] = /^(.*?)\s+(# .*)$/.exec(example) ?? [];
  if (comment === undefined) return wrapCommand(command);
  const closed = `${command}  ${comment}`;
  if (closed.length <= MAN_EXAMPLE_WIDTH) return [closed];
  return [comment, ...wrapCommand(command)];
}

function wrapCommand(command: string): string[] {
  const lines: string[] = [];
  let rest = command;
  while (rest.length > MAN_EXAMPLE_WIDTH) {
    const fit = rest.slice(0, MAN_EXAMPLE_WIDTH - 1);
    const operator = fit.search(/ (?:\||>>?)(?!.* (?:\||>>?) )/);
    const cut = operator > 4 ? operator : fit.lastIndexOf(" ");
    if (cut <= 4) break;
    lines.push(`${rest.slice(0, cut)} \\`);
    rest = `    ${rest.slice(cut + 1)}`;
  }
  return [...lines, rest];
}

/** The man page, capcheck(1), in roff's man macros. */
export function manPage(
  commands: readonly CommandSpec[],
  program: { version: string; description: string; examples: readonly string[] },
): string {
  const out = [
    `.TH CAPCHECK 1 "" "capcheck ${program.version}" "User Commands"`,
    ".SH NAME",
    "capcheck \\- check shipment records against the UN Security Council petroleum caps",
    ".SH SYNOPSIS",
    ...commands.flatMap((c) => [
      `.B capcheck ${c.name}`,
      `[\\fIoptions\\fR]${c.readsFiles ? " [\\fIfiles\\fR...]" : ""}${c.argument ? ` \\fI${c.argument.name}\\fR` : ""}`,
      ".br",
    ]),
    ".SH DESCRIPTION",
    roff(program.description),
    ".SH COMMANDS",
  ];
  for (const command of commands) {
    out.push(`.SS "capcheck ${command.name}"`, roff(command.description));
    for (const flag of flagsOf(command)) {
      const value = flag.value ? ` \\fI${roff(flag.value)}\\fR` : "";
      const flagNames = names(flag)
        .map((n) => `\\fB${roff(n)}\\fR`)
        .join(", ");
      const extra = [
        ...(flag.choices ? [flag.choices.join(", ")] : []),
        ...(flag.default !== undefined ? [`default: ${flag.default}`] : []),
      ];
      const more = extra.length > 0 ? ` (${extra.join("; ")})` : "";
      out.push(".TP", `${flagNames}${value}`, `${roff(flag.description)}${roff(more)}`);
    }
    out.push(".PP", "Examples:", ".nf", ...command.examples.flatMap(manExample).map(roff), ".fi");
  }
  out.push(".SH OPTIONS");
  for (const flag of PROGRAM_FLAGS) {
    out.push(
      ".TP",
      names(flag)
        .map((n) => `\\fB${roff(n)}\\fR`)
        .join(", "),
      roff(flag.description),
    );
  }
  out.push(
    ".SH EXIT STATUS",
    ".TP",
    "0",
    "every period within the cap (a notice too, unless \\-\\-fail\\-on notice)",
    ".TP",
    "1",
    "a condition listed in \\-\\-fail\\-on holds (by default: a cap is exceeded)",
    ".TP",
    "2",
    "usage error, unreadable input, output that cannot be written, any invalid record without \\-\\-skip\\-invalid, or nothing to check (no record counted in any period) without \\-\\-allow\\-empty",
    ...ENDING_SIGNALS.flatMap(({ signal, status, word }) => [
      ".TP",
      String(status),
      `${word} (${signal})`,
    ]),
    ".SH ENVIRONMENT",
    ".TP",
    "NO_COLOR, FORCE_COLOR",
    "colour off or on, as usual; \\-\\-color wins",
    ".TP",
    "GITHUB_ACTIONS",
    "when true, workflow annotations go to standard error too",
    ".TP",
    "GITHUB_STEP_SUMMARY",
    "the file that \\-\\-output names by it is appended to; any other is replaced",
    ".TP",
    "CI",
    "when set (to anything but false), no progress line",
    ".TP",
    "COLUMNS",
    "the width the table fits (else the terminal's, else 80)",
    ".TP",
    "SOURCE_DATE_EPOCH",
    "the run's date (the HTML footer; where a running period's reporting gaps end), else the clock's",
    ".TP",
    "TMPDIR",
    "where the ledger's temporary files go (else /tmp)",
    ".SH FILES",
    ".TP",
    "capcheck.config.json",
    "options for check, ledger and validate, read from the working directory (else a \\(dqcapcheck\\(dq key in its package.json) unless \\-\\-config names a file",
    ".SH EXAMPLES",
    ".nf",
    ...program.examples.flatMap(manExample).map(roff),
    ".fi",
  );
  return `${out.join("\n")}\n`;
}
