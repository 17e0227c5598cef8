// The README's "Estimates and scenarios" walk-through, run as written: each
// `$ capcheck ...` line of its console blocks, compared with the output below it.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, capcheck, fixture, ROOT } from "./helpers.js";

const readme = readFileSync(`${ROOT}README.md`, "utf8");
const section = readme.slice(
  readme.indexOf("## Estimates and scenarios"),
  readme.indexOf("## Choices where"),
);
const blocks = [...section.matchAll(/```console\n\$ (.*)\n([\s\S]*?)```/g)].map((m) => ({
  command: m[1] as string,
  output: m[2] as string,
}));

describe("README walk-through", () => {
  it("has its commands", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });
  it.each(blocks)("$command", ({ command, output }) => {
    const run = spawnSync(
      "bash",
      ["-c", `capcheck() { "${process.execPath}" "${BIN}" "$@"; }\n${command}`],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
      },
    );
    expect(run.stdout).toBe(output);
  });
});

// The README's config file, as a user would copy it: every file it names in place.
describe("README config example", () => {
  const configSection = readme.slice(
    readme.indexOf("## Config file"),
    readme.indexOf("## Input format"),
  );
  const example = /```json\n([\s\S]*?)```/.exec(configSection)?.[1] ?? "";
  const dir = mkdtempSync(join(tmpdir(), "capcheck-readme-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is a config capcheck accepts", () => {
    mkdirSync(join(dir, "data"));
    copyFileSync(
      `${ROOT}${fixture("example/committee-2024.csv")}`,
      join(dir, "data/committee.csv"),
    );
    copyFileSync(
      `${ROOT}${fixture("synthetic/state-b-2024.ndjson")}`,
      join(dir, "data/state-b.ndjson"),
    );
    writeFileSync(join(dir, "caps.json"), capcheck(["regimes", "--json"]).stdout);
    writeFileSync(join(dir, "factors.json"), '{ "diesel": 7.46 }\n');
    writeFileSync(join(dir, "capcheck.config.json"), example);
    const run = capcheck(["check", "--config", join(dir, "capcheck.config.json")]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, "capcheck-report.json"))).toBe(true);
  });
});

// Every option `check --help` lists is in the README's table of them.
describe("README options of check", () => {
  const table = readme.slice(
    readme.indexOf("### Options of `check`"),
    readme.indexOf("### Comparing with a baseline"),
  );
  const help = capcheck(["check", "--help"]).stdout;
  const flags = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)]
    .map((m) => m[1] as string)
    .filter((flag) => flag !== "--help");

  it("names every option of check --help", () => {
    expect(flags.length).toBeGreaterThan(25);
    const named = (flag: string) => new RegExp(`(?<![\\w-])${flag}(?![\\w-])`).test(table);
    expect(flags.filter((flag) => !named(flag))).toEqual([]);
  });
});
