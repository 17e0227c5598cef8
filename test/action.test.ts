// action.yml (contract §14): its inputs mirror the config file and reach the run
// script as CAPCHECK_* variables; the script runs capcheck once and sets the
// step's outputs, summary and JSON report, as a runner would see them.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "capcheck-action-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const action = readFileSync(join(ROOT, "action.yml"), "utf8");

function runAction(inputs: Record<string, string>) {
  const output = join(dir, "github-output");
  const summary = join(dir, "step-summary.md");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: Record<string, string | undefined> = {
    ...process.env,
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    NO_COLOR: "1",
  };
  for (const [key, value] of Object.entries(inputs)) {
    env[`CAPCHECK_${key.toUpperCase().replace(/-/g, "_")}`] = value;
  }
  const run = spawnSync("bash", [join(ROOT, "scripts/github-action.sh")], {
    cwd: dir,
    encoding: "utf8",
    env: env as NodeJS.ProcessEnv,
  });
  const outputs = Object.fromEntries(
    readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split("=") as [string, string]),
  );
  return { ...run, outputs, summary: readFileSync(summary, "utf8") };
}

describe("action.yml", () => {
  it("passes each input to the script, and mirrors the config file's keys", () => {
    const section = action.slice(action.indexOf("\ninputs:\n"), action.indexOf("\noutputs:\n"));
    const inputs = [...section.matchAll(/^ {2}([a-z-]+):\n {4}description:/gm)]
      .map((m) => m[1] as string)
      .filter((input) => input !== "working-directory");
    expect(action).toContain(`working-directory: \${{ inputs.working-directory }}`);
    for (const key of ["inputs", "regimes", "caps", "factors", "fail-on", "skip-invalid", "by"]) {
      expect(inputs).toContain(key);
    }
    for (const key of ["basis", "load-factor", "scenarios", "number-format", "outputs"]) {
      expect(inputs).toContain(key);
    }
    for (const input of inputs) {
      const variable = `CAPCHECK_${(input as string).toUpperCase().replace(/-/g, "_")}`;
      expect(action).toContain(`${variable}: \${{ inputs.${input} }}`);
    }
  });

  it("runs capcheck once: step outputs, summary, JSON report, exit status", () => {
    copyFileSync(join(ROOT, "fixtures/synthetic/state-a-2024.csv"), join(dir, "a.csv"));
    const run = runAction({ inputs: "*.csv", by: "origin", "fail-on": "exceeded" });
    expect(run.outputs.verdict).toMatch(/^(ok|notice|exceeded)$/);
    expect(run.outputs["exit-code"]).toBe(String(run.status));
    expect(run.outputs.report).toBe("capcheck-report.json");
    const report = JSON.parse(readFileSync(join(dir, "capcheck-report.json"), "utf8"));
    expect(report.verdict).toBe(run.outputs.verdict);
    expect(run.summary).toMatch(/^## capcheck report/);
    expect(run.summary).toMatch(/\| origin \|/);
  });

  it("never takes its verdict from a report an earlier step left", () => {
    copyFileSync(join(ROOT, "fixtures/synthetic/state-a-2024.csv"), join(dir, "a.csv"));
    const stale = join(dir, "capcheck-report.json");
    writeFileSync(stale, '{"verdict":"ok"}');
    // Refined records only, crude's regime alone: nothing to check, exit 2, no report.
    const run = runAction({ inputs: "a.csv", regimes: "unscr2397-crude" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("nothing to check");
    expect(run.outputs.verdict).toBe("");
    expect(existsSync(stale)).toBe(false);
    // The report is the baseline too (a rolling one): its verdict counts only once rewritten.
    const baseline = readFileSync(join(ROOT, "fixtures/baselines/synthetic-2024-no-grouping.json"));
    writeFileSync(stale, baseline);
    const stopped = runAction({
      inputs: "a.csv",
      regimes: "unscr2397-crude",
      baseline: "capcheck-report.json",
    });
    expect(stopped.status).toBe(2);
    expect(stopped.outputs.verdict).toBe("");
    expect(readFileSync(stale)).toEqual(baseline);
    const rolled = runAction({ inputs: "a.csv", baseline: "capcheck-report.json" });
    expect(rolled.outputs.verdict).toMatch(/^(ok|notice|exceeded)$/);
    expect(JSON.parse(readFileSync(stale, "utf8")).verdict).toBe(rolled.outputs.verdict);
  });

  it("keeps the config file's outputs when the outputs input is empty, as its other keys", () => {
    copyFileSync(join(ROOT, "fixtures/synthetic/state-a-2024.csv"), join(dir, "a.csv"));
    const config = join(dir, "outputs-config.json");
    writeFileSync(config, '{ "inputs": ["a.csv"], "outputs": ["csv:from-config.csv"] }');
    rmSync(join(dir, "from-config.csv"), { force: true });
    const run = runAction({ config });
    expect(run.outputs.verdict).toMatch(/^(ok|notice|exceeded)$/);
    expect(readFileSync(join(dir, "from-config.csv"), "utf8")).toMatch(/^regime,period,/);
    expect(run.summary).toMatch(/^## capcheck report/);
    // An outputs input replaces the config's, as --output does.
    rmSync(join(dir, "from-config.csv"));
    runAction({ config, outputs: "markdown:from-input.md" });
    expect(existsSync(join(dir, "from-config.csv"))).toBe(false);
    expect(readFileSync(join(dir, "from-input.md"), "utf8")).toMatch(/^## capcheck report/);
  });

  it("fails the step on a glob that matches nothing, or a bad switch", () => {
    const none = runAction({ inputs: "nothing/*.csv" });
    expect(none.status).toBe(2);
    expect(none.stdout).toContain(
      "::error title=capcheck::no file matches the input 'nothing/*.csv'",
    );
    expect(runAction({ inputs: "*.csv", "skip-invalid": "yes" }).status).toBe(2);
  });
});
