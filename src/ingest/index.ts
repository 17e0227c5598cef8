// The one place that decides how input is read: each source in order, its format
// from --input-format, its extension, or a sniff of its first bytes.
import { readCsv } from "./csv.js";
import { readJson } from "./json.js";
import { readNdjson } from "./ndjson.js";
import { byteChunks, formatFromExtension, sniffFormat, textChunks } from "./text.js";
import {
  type InputFormat,
  type InputSource,
  type RawRecord,
  type ReadOptions,
  STDIN_NAME,
} from "./types.js";

export {
  InputError,
  type InputFormat,
  type InputSource,
  type RawRecord,
  type ReadOptions,
} from "./types.js";

/** Replays the chunks already looked at, then the rest. */
async function* prepend(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Contract §1 sniffing, with one refinement: a first line that starts with `{` but
 * is not a whole JSON value is the start of a pretty-printed JSON object, not NDJSON.
 */
function sniff(text: string): InputFormat {
  const format = sniffFormat(text);
  if (format !== "ndjson") return format;
  const firstLine = text.trimStart().split("\n", 1)[0] ?? "";
  try {
    JSON.parse(firstLine);
    return "ndjson";
  } catch {
    return "json";
  }
}

async function* readSource(source: InputSource, options: ReadOptions): AsyncGenerator<RawRecord[]> {
  const iterator = byteChunks(source)[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let format =
    options.inputFormat ?? (source.path === null ? undefined : formatFromExtension(source.path));
  if (format === undefined) {
    // Read until the first line is complete (or the input ends), then sniff.
    let text = "";
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      seen.push(next.value);
      text += next.value.toString("utf8");
      if (/\S[^\n]*\n/.test(text)) break;
    }
    format = sniff(text);
  }
  const chunks = prepend(seen, iterator);
  if (format === "csv") yield* readCsv(source.name, chunks, options.delimiter);
  else if (format === "ndjson") yield* readNdjson(source.name, textChunks(chunks));
  else yield* readJson(source.name, textChunks(chunks));
}

/** Every record of every source, in order, in batches. */
export async function* readRecords(
  sources: readonly InputSource[],
  options: ReadOptions,
): AsyncGenerator<RawRecord[]> {
  for (const source of sources) yield* readSource(source, options);
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
  return files.map((file) =>
    file === "-" ? { name: STDIN_NAME, path: null } : { name: file, path: file },
  );
}
