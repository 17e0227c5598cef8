// The readers' own types; the raw record they hand to validation is the domain's.
import type { Issue } from "../domain/issues.js";
import type { NumberFormat } from "../domain/number-format.js";

import type { RawRecord } from "../domain/validate.js";

export type { RawRecord };

/**
 * Takes a group of records as soon as a reader has made it (src/ingest/relay.ts).
 * The array is reused for the next group: a taker must not keep it.
 */
export type TakeRecords = (raws: readonly RawRecord[]) => void;

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
  /** Hears the records and bytes read so far after each chunk, and the file (contract §14). */
  readonly onProgress?: (records: number, bytes: number, source: string) => void;
}

/** A file or standard input. `path` null means standard input. */
export interface InputSource {
  readonly name: string;
  readonly path: string | null;
}

export { STDIN_NAME } from "../domain/sanitize.js";

export { InputError } from "../errors.js";

/** What passed through one part of a file (src/parallel.ts). */
export interface PartFacts {
  /** Line feeds. */
  lines: number;
  /** A `"` byte: a CSV part may then end inside a quoted field. */
  quote: boolean;
  /** A carriage return not followed by a line feed: a line break the line feeds miss. */
  loneCr: boolean;
  /** The last byte was a carriage return, so far. */
  endsInCr: boolean;
}

/** A byte range of a file, read on its own (src/parallel.ts). */
export interface FilePart {
  readonly start: number;
  /** Where the part ends, exclusive. */
  readonly end: number;
  /** Filled in as the part's bytes pass. */
  readonly facts: PartFacts;
  /** Asked once the part's bytes are all taken: true reads on to the end of the file. */
  readonly readOn?: (facts: PartFacts) => Promise<boolean>;
  /** Told the facts after each chunk (a quote met early stops the workers at once). */
  readonly onChunk?: (facts: PartFacts) => void;
}
