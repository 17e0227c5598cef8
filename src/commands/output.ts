// What a command hands back to src/cli.ts, which alone writes it and exits.

export interface CommandOutput {
  /** Written to stdout in one piece, only once the command has finished. */
  readonly stdout: string;
  /** Lines for stderr, each printed as `capcheck: LINE`. */
  readonly stderr: readonly string[];
  readonly exitCode: 0 | 1 | 2;
}

export { UsageError } from "../errors.js";

/** Standard error's cap on listed record errors (contract §7). */
export const STDERR_ISSUE_LIMIT = 100;

/** JSON's cap on listed issues (contract §6). */
export const JSON_ISSUE_LIMIT = 1000;
