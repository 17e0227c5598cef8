// The README's "Estimates and scenarios" walk-through, run as written: each
// `$ capcheck ...` line of its console blocks, compared with the output below it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "./helpers.js";

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
