// The one place that decides how input is read: each source in order, its format
// from --input-format, its extension, or a sniff of its first bytes (sniff.ts).
import { statSync } from "node:fs";
import { sourceName } from "../domain/sanitize.js";
import { InputError, UsageError } from "../errors.js";
import { readCsv } from "./csv.js";
import { readJson } from "./json.js";
import { DEFAULT_MAX_JSON_VALUES, DEFAULT_MAX_RECORD_BYTES } from "./limits.js";
import { readNdjson } from "./ndjson.js";
import { sniffFormat } from "./sniff.js";
import {
  byteChunks,
  chunkBytesOf,
  formatFromExtension,
  type SourceEncoding,
  textChunks,
} from "./text.js";
import {
  type FilePart,
  type InputFormat,
  type InputSource,
  type ReadOptions,
  STDIN_NAME,
  type TakeRecords,
} from "./types.js";

export {
  INPUT_FORMATS,
  InputError,
  type InputFormat,
  type InputSource,
  type RawRecord,
  type ReadOptions,
  type TakeRecords,
} from "./types.js";

/** Replays the chunks already looked at, then the rest. */
async function* prepend(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The chunks, each told to `onBytes` as it passes. */
async function* counted(
  chunks: AsyncGenerator<Buffer>,
  onBytes: ((bytes: number) => void) | undefined,
): AsyncGenerator<Buffer> {
  if (onBytes === undefined) return yield* chunks;
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** An input's format as known before it is read: --input-format, else its extension. */
function declaredFormat(source: InputSource, options: ReadOptions): InputFormat | undefined {
  return (
    options.inputFormat ?? (source.path === null ? undefined : formatFromExtension(source.path))
  );
}

const FORMAT_NAMES: Record<InputFormat, string> = { csv: "CSV", json: "JSON", ndjson: "NDJSON" };

/** The options only CSV input takes, by their ReadOptions keys. */
export type CsvOnlyOption = "delimiter" | "numberFormat" | "headerLine";

/**
 * The first option given that a JSON or NDJSON input would drop, as `spell` names
 * it. `--number-format comma` alone of its values: number text in a JSON string
 * always reads as `point`, which is what `auto` and `point` mean there too.
 */
export function csvOnlyOptionOf(
  options: ReadOptions,
  spell: (key: CsvOnlyOption) => string,
): string | undefined {
  if (options.delimiter !== undefined) return spell("delimiter");
  if (options.numberFormat === "comma") return `${spell("numberFormat")} comma`;
  if (options.headerLine !== undefined) return spell("headerLine");
  return undefined;
}

const CSV_ONLY_FLAGS: Record<CsvOnlyOption, string> = {
  delimiter: "--delimiter",
  numberFormat: "--number-format",
  headerLine: "--header-line",
};

/**
 * An input that reads as JSON or NDJSON is refused with a CSV-only option, never
 * read with the option dropped, whatever the other inputs are. `how` says how its
 * format was decided.
 */
function refuseCsvOnlyOptions(
  source: InputSource,
  format: InputFormat,
  options: ReadOptions,
  how: string,
): void {
  if (format === "csv") return;
  const option = csvOnlyOptionOf(options, (key) => CSV_ONLY_FLAGS[key]);
  if (option === undefined) return;
  throw new UsageError(
    `${option} applies to CSV input only: ${sourceName(source.name)} reads as ${FORMAT_NAMES[format]} (${how})`,
  );
}

/**
 * Refuses, before anything is read, an option that an input whose format is
 * already known cannot take; a sniffed input is refused once sniffed.
 */
export function refuseOptionsOfFormats(
  sources: readonly InputSource[],
  options: ReadOptions,
): void {
  // --input-format against the other options is checked with them (src/options.ts).
  if (options.inputFormat !== undefined) return;
  for (const source of sources) {
    const format = declaredFormat(source, options);
    if (format !== undefined) refuseCsvOnlyOptions(source, format, options, "by its extension");
  }
}

async function* readSource(
  source: InputSource,
  options: ReadOptions,
  take: TakeRecords,
  part?: FilePart,
): AsyncGenerator<number> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let format = declaredFormat(source, options);
  const encoding: SourceEncoding = { utf16: false };
  const iterator = byteChunks(source, part, chunkBytesOf(format), encoding)[Symbol.asyncIterator]();
  // Read by hand (the sniff, then prepend): closed here however reading ends, or an
  // open file would wait for the garbage collector (and Node's warning).
  try {
    let seen: Buffer[] = [];
    if (format === undefined) {
      ({ format, seen } = await sniffFormat(iterator, maxRecordBytes));
      refuseCsvOnlyOptions(
        source,
        format,
        options,
        "sniffed from its first bytes; --input-format csv reads it as CSV",
      );
    }
    const chunks = counted(prepend(seen, iterator), options.onBytes);
    if (format === "csv") {
      const csv = { ...options, maxRecordBytes, decodedFromUtf16: () => encoding.utf16 };
      yield* readCsv(source.name, chunks, csv, take);
    } else if (format === "ndjson") yield* readNdjson(source.name, chunks, maxRecordBytes, take);
    else
      yield* readJson(
        source.name,
        textChunks(chunks),
        options.maxJsonValues ?? DEFAULT_MAX_JSON_VALUES,
        take,
      );
  } finally {
    await iterator.return?.(undefined);
  }
}

/**
 * Every record of every source, in order, each handed to `take`; yields how many
 * records each chunk gave. With a `part`, of the one source's part (and on from
 * it when the part's `readOn` says so).
 */
export async function* readRecords(
  sources: readonly InputSource[],
  options: ReadOptions,
  take: TakeRecords,
  part?: FilePart,
): AsyncGenerator<number> {
  for (const source of sources) yield* readSource(source, options, take, part);
}

/**
 * Parts of one file, read as one stream by the reader of its format: a worker's
 * copy of the file's first lines, then its own part (src/parallel.ts).
 */
export async function* readParts(
  source: InputSource,
  format: "csv" | "ndjson",
  options: ReadOptions,
  parts: readonly FilePart[],
  take: TakeRecords,
): AsyncGenerator<number> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const part of parts) {
      for await (const chunk of byteChunks(source, part, chunkBytesOf(format))) {
        options.onBytes?.(chunk.length);
        yield chunk;
      }
    }
  }
  if (format === "csv") yield* readCsv(source.name, chunks(), { ...options, maxRecordBytes }, take);
  else yield* readNdjson(source.name, chunks(), maxRecordBytes, take);
}

/**
 * The sources named on the command line: `-` (or no file at all) is standard
 * input. Returns undefined when there is no file and stdin is a terminal (asked
 * only then: opening stdin costs start-up time).
 */
export function sourcesFrom(
  files: readonly string[],
  stdinIsTerminal: () => boolean,
): InputSource[] | undefined {
  if (files.length === 0) return stdinIsTerminal() ? undefined : [{ name: STDIN_NAME, path: null }];
  // Standard input reads once: named again, it would be read as empty, in silence.
  if (files.indexOf("-") !== files.lastIndexOf("-")) {
    throw new UsageError('standard input ("-") is named twice: it can be read only once');
  }
  refuseRepeatedFiles(files);
  return files.map((file) =>
    file === "-" ? { name: STDIN_NAME, path: null } : { name: file, path: file },
  );
}

/**
 * A regular file's identity, its device and inode (a link reads as its file);
 * undefined for anything else (a pipe, /dev/null) and for a path that cannot be looked at.
 */
export function regularFileId(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file named twice (`data/*.csv data/2024.csv`, or `a.csv ./a.csv`) would have
 * each of its records counted twice, in silence: refused. Files are told by device
 * and inode, so a link counts as its file; what cannot be looked at now (a missing
 * path, stdin, a pipe) is left for reading to judge.
 */
function refuseRepeatedFiles(files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const id = file === "-" ? undefined : regularFileId(file);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      const also = first === file ? "is named twice" : `is the file ${sourceName(first)} again`;
      throw new InputError(file, null, `${also}: its records would count twice`);
    }
    seen.set(id, file);
  }
}
