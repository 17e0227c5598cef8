// What reaches a terminal, a spreadsheet or an XML reader from hostile data and
// hostile file names: never a live escape, a live formula, an invisible
// difference or a character XML refuses; and stderr that cannot be written does
// not change the answer.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { quoteFileName } from "../../src/domain/sanitize.js";
import { BIN, capcheck, ROOT } from "../helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "capcheck-output-"));
const RAW =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u061c\uffff]/;

describe("spreadsheet formulas behind escape sequences", () => {
  const input = [
    "date,exporter,barrels",
    "2024-01-01,\u001b[31m=1+1,1",
    '2024-01-02,"\u001b@=HYPERLINK(""http://evil.example"")",1',
    "2024-01-03,\u200b+2,1",
  ].join("\n");
  it.each(["check", "ledger"])("stay disarmed in %s --format csv", (command) => {
    const run = capcheck([command, "--format", "csv", "-"], { input });
    expect(run.stdout).not.toMatch(RAW);
    const cells = run.stdout.split("\n").flatMap((line) => line.split(","));
    for (const cell of cells) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+@]/);
    expect(run.stdout).toContain("'=1+1");
    expect(run.stdout).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(run.stdout).toContain(",?+2,");
  });
});

describe("look-alike group keys", () => {
  const input = [
    "date,exporter,barrels",
    "2024-01-01,Acme Oil,300000",
    "2024-01-02,Acme Oil\u200b,300000",
    "2024-01-03,\ufeffAcme\u2060 Oil,1",
    "2024-01-04,Ac\u00adme Oil\u061c,1",
  ].join("\n");
  it("fold the characters that show nothing into one group", () => {
    const report = JSON.parse(capcheck(["check", "--json", "-"], { input }).stdout);
    const groups = report.periods[0].groups;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: "Acme Oil", status: "exceeded" });
    // A state's name folds to its UN short name through the same invisibles.
    const states = "date,exporter,barrels\n2024-01-01,Russia,1\n2024-01-02,Rus\u00adsia\u200b,1\n";
    const folded = JSON.parse(capcheck(["check", "--json", "-"], { input: states }).stdout);
    expect(folded.periods[0].groups).toHaveLength(1);
  });
  it.each(["table", "markdown", "csv", "json", "html", "svg"])(
    "never print an invisible character raw in %s",
    (format) => {
      const run = capcheck(["check", "--format", format, "--by", "exporter", "-"], {
        input: "date,exporter,barrels\n2024-01-01,A\u200bB\u202eC\u2060D\ufeffE\u061cF\uffffG,1\n",
      });
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(RAW);
      if (format === "svg") expect(XMLValidator.validate(run.stdout)).toBe(true);
      if (format === "json") {
        const key = JSON.parse(run.stdout).periods[0].groups[0].key;
        // The text rule folds U+FEFF, which is white space to it, into a space.
        expect(key).toBe("A\u200bB\u202eC\u2060D E\u061cF\uffffG");
      }
    },
  );
});

describe("messages on stderr", () => {
  it("quote a hostile file name the way coreutils does", () => {
    const name = join(tmp, "a\nb\u001b]0;pwned\u0007.csv");
    writeFileSync(name, "date,exporter,barrels\n2024-13-01,X,1\n");
    const run = capcheck(["validate", name]);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(2);
    expect(run.stderr).toContain(`${tmp}/a'$'\\n''b'$'\\033'']0;pwned'$'\\007''.csv':2: date:`);
    const missing = capcheck(["check", join(tmp, "no\u202esuch.csv")]);
    expect(missing.stderr).toBe(`capcheck: '${tmp}/no'$'\\u202e''such.csv': no such file\n`);
  });
  it("escape control characters in commander's own messages", () => {
    const run = capcheck(["check", "--by", "\u001b[2Jx", "-"]);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain("\\u001b[2Jx");
  });
  it.each([
    ["plain.csv", "plain.csv"],
    ["dir/file-1_2.csv", "dir/file-1_2.csv"],
    ["Россия.csv", "Россия.csv"],
    ["a b.csv", "'a b.csv'"],
    ["it's.csv", "'it'\\''s.csv'"],
    ["a\tb", "'a'$'\\t''b'"],
    ["x\u200b", "'x'$'\\u200b'"],
  ])("quote %j as %s", (name, quoted) => {
    expect(quoteFileName(name)).toBe(quoted);
  });
});

describe("stderr that cannot be written", () => {
  const input = "date,exporter,barrels\n2024-01-01,X,1\n2024-13-01,Y,1\n";
  it("leaves the exit status as it was (2>/dev/full)", () => {
    const run = spawnSync(
      "bash",
      ["-c", `node "${BIN}" check --skip-invalid -q - 2>/dev/full; echo "status:$?"`],
      { cwd: ROOT, input, encoding: "utf8" },
    );
    expect(run.stdout).toBe("status:0\n");
  });
  it("leaves the exit status as it was when the stderr pipe is closed", async () => {
    const child = spawn(process.execPath, [BIN, "check", "--skip-invalid", "-q", "-"], {
      cwd: ROOT,
    });
    child.stderr.destroy();
    child.stdin.end(input);
    const code = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
    expect(code).toBe(0);
  });
});

describe("stdout that cannot be written", () => {
  /** stdout and stderr of `command` (a capcheck run in bash), and its status as echoed. */
  const shell = (command: string, input = "") =>
    spawnSync("bash", ["-c", `capcheck() { "${process.execPath}" "${BIN}" "$@"; }\n${command}`], {
      cwd: ROOT,
      input,
      encoding: "utf8",
    });
  const OK = "fixtures/synthetic/state-b-2024.ndjson";
  it.each([
    [">/dev/full", "ENOSPC: no space left on device"],
    // A descriptor open for reading only.
    ["1<README.md", "EBADF: bad file descriptor"],
  ])("is an error in one line, status 2 (%s)", (redirect, reason) => {
    for (const args of [`check ${OK}`, `ledger ${OK} --format csv`, "regimes", "--help"]) {
      const run = shell(`capcheck ${args} ${redirect}; echo "status:$?"`);
      expect(run.stdout).toBe("status:2\n");
      expect(run.stderr).toBe(`capcheck: cannot write standard output: ${reason}\n`);
    }
  });
  it("closed by its reader (| head) ends quietly with the run's own status", () => {
    // Some 400 KB of CSV, far past what a pipe holds: writes go on after head has gone.
    const rows = Array.from({ length: 5000 }, (_, i) => `2024-01-01,State ${i},1000`);
    const input = `date,exporter,barrels\n${rows.join("\n")}\n`;
    const run = shell(
      'capcheck check --format csv - | head -c 1 >/dev/null; echo "status:$PIPESTATUS"',
      input,
    );
    expect(run.stdout).toBe("status:1\n");
    expect(run.stderr).toBe("");
  });
  it("closed before the run (>&-) is /dev/null, as Node reopens it: no error", () => {
    const run = shell(`capcheck check ${OK} >&-; echo "status:$?" >&2`);
    expect(run.stderr).toBe("status:0\n");
  });
});

describe("configuration text on stdout", () => {
  it("regimes --caps prints titles safely, factors prints its file name safely", () => {
    const caps = join(tmp, "caps.json");
    const regime = {
      id: "x",
      title: "T\u001b]0;pwned\u0007\u202eitle",
      commodity: "refined",
      capBarrels: 1,
      start: "2024-01-01",
    };
    writeFileSync(caps, JSON.stringify([regime]));
    for (const args of [
      ["regimes", "--caps", caps],
      ["regimes", "--caps", caps, "--json"],
    ]) {
      const run = capcheck(args);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(RAW);
    }
    const factors = join(tmp, "f\u001b[2Jactors.json");
    writeFileSync(factors, JSON.stringify({ diesel: 7.5 }));
    for (const args of [
      ["factors", "--factors", factors],
      ["factors", "--factors", factors, "--json"],
    ]) {
      const run = capcheck(args);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(RAW);
    }
  });
});
