// Runs the real binary, as a user would.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = `${ROOT}bin/capcheck.js`;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function capcheck(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; timeout?: number } = {},
): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? "",
    env: {
      ...process.env,
      NO_COLOR: "1",
      FORCE_COLOR: undefined,
      // A fixed run date (2025-01-01): HTML footers and running periods' gaps stay the same.
      SOURCE_DATE_EPOCH: "1735689600",
      ...options.env,
    } as NodeJS.ProcessEnv,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const fixture = (name: string) => `fixtures/${name}`;

/** The real, sourced example (fixtures/example/expected.md has its figures by hand). */
export const EXAMPLE = [
  "committee-2024.csv",
  "reported-2018.csv",
  "us-estimate-2018.csv",
  "us-estimate-2024.csv",
].map((f) => `fixtures/example/${f}`);

/** Synthetic 2024 data in three formats, for readers and formats: no source gives these figures. */
export const SYNTHETIC = ["state-a-2024.csv", "state-b-2024.ndjson", "monthly-2024.csv"].map(
  (f) => `fixtures/synthetic/${f}`,
);

/** A refusal as the contract wants it: exit 2, nothing on stdout, one stderr line, no stack trace. */
export function expectOneLineError(
  run: { status: number | null; stdout: string; stderr: string },
  pattern: RegExp,
) {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
}
