// What the readers hand to validation: one raw record with where it came from.
import type { CsvRow, FieldProblem, FieldValues } from "../domain/record.js";

export type InputFormat = "csv" | "json" | "ndjson";

export interface RawRecord {
  readonly source: string;
  /** The line on which the record starts; null for a JSON element whose line is unknown. */
  readonly line: number | null;
  readonly index?: number;
  /** The record's values (a CSV row keeps its cells), or the problem that kept it from having any. */
  readonly values: FieldValues | CsvRow | FieldProblem;
}

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
