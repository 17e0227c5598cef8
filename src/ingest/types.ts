// The readers' own types; the raw record they hand to validation is the domain's.
export type { RawRecord } from "../domain/validate.js";

export type InputFormat = "csv" | "json" | "ndjson";

export interface ReadOptions {
  readonly inputFormat?: InputFormat;
  readonly delimiter?: string;
}

/** A file or standard input. `path` null means standard input. */
export interface InputSource {
  readonly name: string;
  readonly path: string | null;
}

export const STDIN_NAME = "<stdin>";

/** An input that cannot be read at all: unreadable, not text, or malformed past recovery. */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }

  /** `FILE:LINE: message`, the form every capcheck message takes. */
  get location(): string {
    return this.line === null ? this.source : `${this.source}:${this.line}`;
  }
}
