// Every error that ends a run. src/cli.ts maps each class to its exit status and
// its one line of text (contract §7); nothing else decides either.
import { type Issue, invalidOfRead } from "./domain/issues.js";
import { sourceName } from "./domain/sanitize.js";

/** Wrong arguments: an unknown option value, a regime that does not exist. */
export class UsageError extends Error {}

/** The invalid records a run met before an input stopped it, and the issues with them. */
export interface InvalidBefore {
  readonly issues: readonly Issue[];
  readonly invalid: number;
}

/** An input that cannot be read at all: unreadable, not text, or malformed past recovery. */
export class InputError extends Error {
  /** The invalid records met before the run stopped here, listed before this error. */
  invalidBefore: InvalidBefore | undefined;

  constructor(
    readonly source: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }

  /** `FILE:LINE: message`, the form every capcheck message takes. */
  get location(): string {
    const source = sourceName(this.source);
    return this.line === null ? source : `${source}:${this.line}`;
  }
}

/** Records were invalid and `skipInvalid` was not set: nothing was counted. */
export class InvalidRecordsError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly invalid: number,
    readonly read: number,
  ) {
    super(invalidOfRead(invalid, read));
  }
}

/** No record was counted in any period (contract §11); `reason` says why. */
export class NothingToCheckError extends Error {
  constructor(readonly reason: string) {
    super(`nothing to check: ${reason}`);
  }
}

// Logged or uncaught, each reads as what it is (`InputError: no such file`), not `Error: …`.
// Literal names: a bundler may rename a class.
UsageError.prototype.name = "UsageError";
InputError.prototype.name = "InputError";
InvalidRecordsError.prototype.name = "InvalidRecordsError";
NothingToCheckError.prototype.name = "NothingToCheckError";

/**
 * The signals that end a run as they would (status 128 + the signal's number): the
 * command line exits through process.exit, so that exit handlers remove the
 * ledger's temporary files.
 */
export const ENDING_SIGNALS = [
  { signal: "SIGINT", status: 130, word: "interrupted" },
  { signal: "SIGTERM", status: 143, word: "terminated" },
  { signal: "SIGHUP", status: 129, word: "hung up" },
] as const;
