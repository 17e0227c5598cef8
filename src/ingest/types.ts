// The readers' own types; the raw record they hand to validation is the domain's.
import type { Issue } from "../domain/issues.js";
import type { NumberFormat } from "../domain/number-format.js";

export type { RawRecord } from "../domain/validate.js";

export const INPUT_FORMATS = ["csv", "json", "ndjson"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions {
  readonly inputFormat?: InputFormat;
  readonly delimiter?: string;
  /** The largest record a reader holds, in bytes (limits.ts has the default). */
  readonly maxRecordBytes?: number;
  /** The most values a JSON document may hold (limits.ts has the default). */
  readonly maxJsonValues?: number;
  /** How CSV number cells read (contract §11); `auto` when not given. */
  readonly numberFormat?: NumberFormat;
  /** A CSV file's header line (contract §12). */
  readonly headerLine?: number;
  /** Hears each file's warnings, such as the columns no field took. */
  readonly onWarning?: (warning: Issue) => void;
  /** Hears how many bytes were read, chunk by chunk (for the progress line). */
  readonly onBytes?: (bytes: number) => void;
  /** Hears the records and bytes read so far after each batch, and the file (contract §14). */
  readonly onProgress?: (records: number, bytes: number, source: string) => void;
}

/** A file or standard input. `path` null means standard input. */
export interface InputSource {
  readonly name: string;
  readonly path: string | null;
}

export { STDIN_NAME } from "../domain/sanitize.js";

export { InputError } from "../errors.js";
