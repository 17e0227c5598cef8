// Runs the real binary, as a user would.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

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
      ...options.env,
    } as NodeJS.ProcessEnv,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const fixture = (name: string) => `fixtures/${name}`;

export const EXAMPLE = ["russia-2024.csv", "china-2024.ndjson", "monthly-2024.csv"].map(
  (f) => `fixtures/example/${f}`,
);
