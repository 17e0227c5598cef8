// Command-line conventions of contract §14: -V, --color on every command, shell
// completions and a man page from the same option data as --help, help within 80
// columns.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capcheck, EXAMPLE, ROOT } from "./helpers.js";

const COMMANDS = ["validate", "check", "ledger", "regimes", "factors", "schema", "completion"];
const has = (program: string) => spawnSync("which", [program]).status === 0;

const helps = new Map<string, string[]>();
/** The long options a command's --help lists. */
function helpFlags(command: string): string[] {
  const known = helps.get(command);
  if (known) return known;
  const help = capcheck([command, "--help"]).stdout;
  const flags = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] as string);
  helps.set(command, flags);
  return flags;
}

describe("conventions", () => {
  it("-V prints the version", () => {
    const version = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).version;
    expect(capcheck(["-V"]).stdout).toBe(`${version}\n`);
  });

  it("--color always, never and auto on every command; --no-color kept", () => {
    for (const command of COMMANDS.filter((c) => c !== "completion")) {
      expect(capcheck([command, "--help"]).stdout).toContain("--color <when>");
    }
    const table = (args: string[], env: Record<string, string> = {}) =>
      capcheck(["check", ...EXAMPLE, ...args], { env }).stdout;
    expect(table(["--color", "always"])).toMatch(/\u001b\[31m/);
    expect(table(["--color", "never"], { FORCE_COLOR: "1" })).not.toMatch(/\u001b\[/);
    expect(table(["--no-color"], { FORCE_COLOR: "1" })).not.toMatch(/\u001b\[/);
    expect(table([], { FORCE_COLOR: "1" })).toMatch(/\u001b\[31m/);
    expect(table([])).not.toMatch(/\u001b\[/);
    expect(capcheck(["regimes", "--color", "never"]).status).toBe(0);
    expect(capcheck(["check", "--color", "sometimes", ...EXAMPLE]).status).toBe(2);
  });

  it("keeps every help line within 80 columns", () => {
    for (const args of [["--help"], ...COMMANDS.map((c) => [c, "--help"])]) {
      const help = capcheck(args).stdout;
      expect(help).toMatch(/Examples:/);
      expect(Math.max(...help.split("\n").map((l) => l.length))).toBeLessThanOrEqual(80);
    }
  });
});

describe("--help of a repeatable list option", () => {
  it("shows no empty default: --fail-on says exceeded when not given, not (default: [])", () => {
    for (const command of ["check", "ledger"]) {
      expect(capcheck([command, "--help"]).stdout).not.toContain("default: []");
    }
    expect(capcheck(["check", "--help"]).stdout).toMatch(/exceeded when not given/);
  });
});

describe("shell completions", () => {
  it("bash completes commands, options and their values", () => {
    const script = capcheck(["completion", "bash"]).stdout;
    const complete = (words: string[]) =>
      spawnSync(
        "bash",
        [
          "-c",
          `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _capcheck; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: "utf8" },
      )
        .stdout.trim()
        .split("\n");
    expect(complete(["capcheck", "ch"])).toEqual(["check"]);
    expect(complete(["capcheck", "check", "--fo"])).toEqual(["--format"]);
    expect(complete(["capcheck", "check", "--format", "g"])).toEqual(["github"]);
    expect(complete(["capcheck", "check", "--fail-on", ""])).toContain("notice");
    expect(complete(["capcheck", "check", "--col"])).toEqual(["--color"]);
    expect(complete(["capcheck", "completion", ""])).toEqual(["bash", "zsh", "fish"]);
    expect(complete(["capcheck", "completion", "z"])).toEqual(["zsh"]);
    // commander's help command, which --help lists, and the commands it explains.
    expect(complete(["capcheck", "he"])).toEqual(["help"]);
    expect(complete(["capcheck", "help", "le"])).toEqual(["ledger"]);
    // --regime offers the built-in ids (a --caps file's are accepted too).
    expect(complete(["capcheck", "ledger", "--regime", "unscr2397-c"])).toEqual([
      "unscr2397-crude",
    ]);
  });

  it.skipIf(!has("zsh"))("zsh loads the script", () => {
    const script = capcheck(["completion", "zsh"]).stdout;
    const run = spawnSync(
      "zsh",
      ["-c", `autoload -U compinit; compinit -u; ${script}\nwhence -w _capcheck`],
      { encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("_capcheck: function");
  });

  it.skipIf(!has("fish"))("fish completes option values", () => {
    const script = capcheck(["completion", "fish"]).stdout;
    const run = spawnSync("fish", ["-c", `${script}\ncomplete -C "capcheck check --format "`], {
      encoding: "utf8",
    });
    expect(run.stdout).toMatch(/^github\t/m);
    const shells = spawnSync("fish", ["-c", `${script}\ncomplete -C "capcheck completion "`], {
      encoding: "utf8",
    });
    expect(shells.stdout.split("\n").map((line) => line.split("\t")[0])).toEqual(
      expect.arrayContaining(["bash", "zsh", "fish"]),
    );
    const help = spawnSync("fish", ["-c", `${script}\ncomplete -C "capcheck help "`], {
      encoding: "utf8",
    });
    expect(help.stdout.split("\n").map((line) => line.split("\t")[0])).toEqual(
      expect.arrayContaining(["check", "ledger", "validate"]),
    );
  });

  it("zsh offers completion's shells and the help command", () => {
    const script = capcheck(["completion", "zsh"]).stdout;
    expect(script).toContain("'1:shell:(bash zsh fish)'");
    expect(script).toContain("'help:display help for command'");
  });

  it("each shell's script names every option of every command", () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const script = capcheck(["completion", shell]).stdout;
      for (const command of COMMANDS) {
        for (const flag of helpFlags(command)) {
          expect([
            shell,
            flag,
            script.includes(shell === "fish" ? `-l ${flag.slice(2)}` : flag),
          ]).toEqual([shell, flag, true]);
        }
      }
    }
  });

  it("refuses an unknown shell", () => {
    expect(capcheck(["completion", "tcsh"]).status).toBe(2);
  });
});

describe("the man page", () => {
  const page = readFileSync(`${ROOT}dist/man/capcheck.1`, "utf8");
  const roff = (flag: string) => flag.replace(/-/g, "\\-");

  it("is built from the same option data as --help", () => {
    for (const command of COMMANDS) {
      expect(page).toContain(`.SS "capcheck ${command}"`);
      for (const flag of helpFlags(command)) expect(page).toContain(`\\fB${roff(flag)}\\fR`);
    }
    expect(page).toMatch(/^\.TH CAPCHECK 1 /);
  });

  it("says what --help and the README say: defaults, every exit status, the environment, the config file", () => {
    expect(page).toContain("(exporter, origin, product, vessel, basis, source; default: exporter)");
    expect(page).toContain("(table, json, csv, markdown, github, svg, html; default: table)");
    const exit = page.slice(page.indexOf(".SH EXIT STATUS"), page.indexOf(".SH ENVIRONMENT"));
    expect(exit).toContain(
      "nothing to check (no record counted in any period) without \\-\\-allow\\-empty",
    );
    // A write that fails (--output into a missing folder, a full stdout) is exit 2 too.
    expect(exit).toContain("output that cannot be written");
    // 0 is refused as a load factor (nothing delivered): the help does not offer it.
    expect(page).toContain("load factor (above 0, at most 1) of capacity records");
    for (const name of ["GITHUB_STEP_SUMMARY", "CI", "COLUMNS", "SOURCE_DATE_EPOCH", "TMPDIR"]) {
      expect(page).toMatch(new RegExp(`^${name}$`, "m"));
    }
    expect(page).toMatch(/^\.SH FILES\n\.TP\ncapcheck\.config\.json\n/m);
  });

  it("keeps its examples within 80 columns, past the man macros' 7-column indent", () => {
    const noFill = [...page.matchAll(/^\.nf\n([\s\S]*?)^\.fi$/gm)].flatMap((block) =>
      (block[1] as string).split("\n").filter((line) => line !== ""),
    );
    expect(noFill.length).toBeGreaterThan(COMMANDS.length * 2);
    const shown = (line: string) => line.replace(/\\e/g, "\\").replace(/\\-/g, "-");
    expect(noFill.map(shown).filter((line) => line.length > 73)).toEqual([]);
    // An example under a command is not indented again (.RS), past the 80 columns.
    expect(page).not.toMatch(/^\.RS\n\.nf$/m);
  });

  it.skipIf(!has("man"))("renders within 80 columns: MANWIDTH=80 man -l", () => {
    const rendered = spawnSync("man", ["-l", `${ROOT}dist/man/capcheck.1`], {
      env: { ...process.env, MANWIDTH: "80", MANPAGER: "cat", PAGER: "cat" },
      encoding: "utf8",
    }).stdout;
    expect(rendered).toContain("EXAMPLES");
    expect(rendered.split("\n").filter((line) => [...line].length > 80)).toEqual([]);
  });

  it("is ASCII, other characters escaped for troff (\\[u2026] for …)", () => {
    expect([...page].filter((c) => c.charCodeAt(0) > 0x7f)).toEqual([]);
    expect(page).toContain("Turkey \\[u2026] to UN short names");
  });

  it("is what package.json ships as its man page", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8"));
    expect(pkg.man).toEqual(["./dist/man/capcheck.1"]);
  });
});
