// Bytes in: opens a file or stdin, refuses spreadsheets, binary data and invalid
// UTF-8, decodes UTF-16 with a BOM, and strips a leading UTF-8 BOM, so that every
// reader sees clean UTF-8.
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { deviceIo } from "../device-io.js";
import {
  looksLikeUtf16,
  spreadsheetFormat,
  spreadsheetRefusal,
  Utf16Error,
  utf16Bom,
  utf16ToUtf8,
} from "./encoding.js";
import { lineFeedsIn } from "./lines.js";
import {
  type FilePart,
  InputError,
  type InputFormat,
  type InputSource,
  type PartFacts,
} from "./types.js";

const OPEN_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "a part of the path is not a directory",
  EMFILE: "too many open files",
};

function openError(source: InputSource, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const reason = OPEN_ERRORS[code] ?? `cannot be read (${code || String(error)})`;
  return new InputError(source.name, null, reason);
}

/** How many bytes of a chunk end on a character boundary; the rest waits for the next. */
function completeLength(chunk: Buffer): number {
  const end = chunk.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const byte = chunk[i] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length > end ? i : end;
  }
  return end;
}

/** What a source's text was decoded from: UTF-16 (with a byte-order mark) or UTF-8. */
export interface SourceEncoding {
  utf16: boolean;
}

/** Bytes enough to tell a spreadsheet or a UTF-16 BOM from text. */
const HEAD_LENGTH = 8;

/**
 * A source's bytes as UTF-8 candidates: a spreadsheet refused, UTF-16 with a BOM
 * decoded, anything else passed on as it is.
 */
async function* decoded(
  name: string,
  stream: AsyncIterable<Buffer>,
  encoding?: SourceEncoding,
): AsyncGenerator<Buffer> {
  const iterator = stream[Symbol.asyncIterator]();
  // Read by hand: closed here however reading ends (a file stays open until it is).
  try {
    let head = Buffer.alloc(0);
    let ended = false;
    while (head.length < HEAD_LENGTH && !ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else head = Buffer.concat([head, next.value]);
    }
    const spreadsheet = spreadsheetFormat(head);
    if (spreadsheet !== undefined)
      throw new InputError(name, null, spreadsheetRefusal(spreadsheet));
    async function* rest(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield next.value;
      }
    }
    const utf16 = utf16Bom(head);
    if (utf16 === undefined) {
      yield* rest();
      return;
    }
    if (encoding !== undefined) encoding.utf16 = true;
    try {
      yield* utf16ToUtf8(rest(), utf16);
    } catch (error) {
      if (error instanceof Utf16Error) throw new InputError(name, error.line, error.message);
      throw error;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}

/** Notes a chunk's line feeds (counted by the caller), quotes and lone carriage returns. */
function noteFacts(facts: PartFacts, chunk: Buffer, lineFeeds: number): void {
  if (chunk.length === 0) return;
  facts.lines += lineFeeds;
  if (!facts.quote && chunk.indexOf(34) >= 0) facts.quote = true;
  if (facts.endsInCr && chunk[0] !== 10) facts.loneCr = true;
  for (let i = chunk.indexOf(13); i >= 0 && !facts.loneCr; i = chunk.indexOf(13, i + 1)) {
    if (i + 1 < chunk.length && chunk[i + 1] !== 10) facts.loneCr = true;
  }
  facts.endsInCr = chunk[chunk.length - 1] === 13;
}

/** A new part's facts: nothing seen yet. */
export const noFacts = (): PartFacts => ({
  lines: 0,
  quote: false,
  loneCr: false,
  endsInCr: false,
});

/**
 * How many bytes a file is read at a time. An NDJSON record takes more than twice
 * the bytes of a CSV one, so it is read in larger chunks: about as many reads and
 * hand-overs a record as CSV (issue 16: 1M NDJSON rows on two threads, 0.86 ->
 * 0.78 s; larger CSV chunks gained nothing and took more memory).
 */
export function chunkBytesOf(format: InputFormat | undefined): number {
  return format === "ndjson" ? 1 << 18 : 1 << 16;
}

/** node:fs/promises, loaded only for a large file: a small one's start-up does without it. */
const filePromises = () =>
  createRequire(import.meta.url)("node:fs/promises") as typeof import("node:fs/promises");

/**
 * A file's bytes from `start` (null: where it stands, for a pipe given by name) to
 * `end`, a chunk at a time, the next chunk's read under way while one is used: a
 * stream starts it only once its chunk is taken, and the thread waited on each.
 */
async function* fileChunks(
  path: string,
  start: number | null,
  end: number,
  chunkBytes: number,
  device = false,
): AsyncGenerator<Buffer> {
  const counted = <T>(read: () => Promise<T>) => (device ? deviceIo(read) : read());
  const file = await counted(() => filePromises().open(path, "r"));
  try {
    let position = start;
    const next = () => {
      const length = position === null ? chunkBytes : Math.min(chunkBytes, end - position);
      if (length <= 0) return undefined;
      return counted(() => file.read(Buffer.allocUnsafe(length), 0, length, position));
    };
    for (let reading = next(); reading !== undefined; ) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) return;
      if (position !== null) position += bytesRead;
      reading = next();
      yield bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer;
    }
  } finally {
    await file.close();
  }
}

/** A file part's raw bytes, then, when `readOn` says so, the rest of the file. */
async function* partChunks(
  path: string,
  part: FilePart,
  chunkBytes: number,
): AsyncGenerator<Buffer> {
  yield* fileChunks(path, part.start, part.end, chunkBytes);
  if (await part.readOn?.(part.facts)) yield* fileChunks(path, part.end, Infinity, chunkBytes);
}

/**
 * Files up to this size are read in one piece, synchronously: for them, setting up
 * a stream (Node's stream modules, its thread pool) costs more than the reading.
 */
const WHOLE_FILE_BYTES = 1 << 20;

/** A named file's bytes: a small regular file's in one piece, read at once. */
function wholeFile(path: string, chunkBytes: number): AsyncIterable<Buffer> {
  const stat = statSync(path);
  if (!stat.isFile()) return fileChunks(path, null, Infinity, chunkBytes, true);
  if (stat.size > WHOLE_FILE_BYTES) return fileChunks(path, null, Infinity, chunkBytes);
  const bytes = readFileSync(path);
  return (async function* () {
    yield bytes;
  })();
}

/**
 * The bytes of a source, chunk by chunk, each valid UTF-8 ending on a character
 * boundary, with a leading BOM dropped. CSV goes to csv-parse as bytes; the JSON
 * readers decode them (textChunks). With a `part`, only that part of the file (a
 * part that starts past byte 0 is taken as UTF-8 text as it is). `encoding` learns
 * what the bytes were decoded from, once the first chunk is read.
 */
export async function* byteChunks(
  source: InputSource,
  part?: FilePart,
  chunkBytes = chunkBytesOf(undefined),
  encoding?: SourceEncoding,
): AsyncGenerator<Buffer> {
  let stream: AsyncIterable<Buffer> | undefined;
  let offset = part?.start ?? 0;
  let lines = 1;
  let carry: Buffer | undefined;
  try {
    stream =
      source.path === null
        ? process.stdin
        : part !== undefined
          ? partChunks(source.path, part, chunkBytes)
          : wholeFile(source.path, chunkBytes);
    for await (const read of offset === 0 ? decoded(source.name, stream, encoding) : stream) {
      let chunk = carry ? Buffer.concat([carry, read]) : read;
      if (offset === 0) {
        if (chunk.subarray(0, 8192).includes(0)) {
          throw new InputError(
            source.name,
            null,
            looksLikeUtf16(chunk)
              ? "holds NUL bytes: it looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8"
              : "holds binary data (a NUL byte), not CSV or JSON text",
          );
        }
        if (chunk.length < 3 && carry === undefined) {
          carry = chunk;
          continue;
        }
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      const cut = completeLength(chunk);
      const whole = chunk.subarray(0, cut);
      carry = cut < chunk.length ? chunk.subarray(cut) : undefined;
      // Past the first 8 KiB too: a NUL is never text, and kept it would make a name apart.
      // The first fault in the file is named, NUL or invalid UTF-8, however it is chunked.
      const nul = whole.indexOf(0);
      const text = nul >= 0 ? whole.subarray(0, nul) : whole;
      if (!isUtf8(text)) throw invalidUtf8(source.name, text, offset, lines);
      if (nul >= 0) throw nulByte(source.name, text, offset, lines);
      offset += whole.length;
      const before = lines;
      lines += lineFeedsIn(whole);
      if (part !== undefined) {
        noteFacts(part.facts, whole, lines - before);
        part.onChunk?.(part.facts);
      }
      if (whole.length > 0) yield whole;
    }
    if (carry !== undefined) {
      if (offset === 0 && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf)
        carry = carry.subarray(3);
      if (!isUtf8(carry)) {
        throw new InputError(
          source.name,
          lines,
          "is not valid UTF-8 text (it ends inside a character)",
        );
      }
      // A part of fewer than three bytes (a lone CRLF) is all carry: its line still counts.
      if (part !== undefined) noteFacts(part.facts, carry, lineFeedsIn(carry));
      if (carry.length > 0) yield carry;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw openError(source, error);
  }
}

/** The text of byte chunks. */
export async function* textChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  for await (const chunk of chunks) yield chunk.toString("utf8");
}

/** Names the line and byte of the first invalid UTF-8 sequence in a chunk. */
function invalidUtf8(source: string, chunk: Buffer, offset: number, lines: number): InputError {
  const lenient = new TextDecoder("utf-8").decode(chunk);
  const bad = lenient.indexOf("\uFFFD");
  const before = lenient.slice(0, Math.max(bad, 0));
  const line = lines + (before.match(/\n/g)?.length ?? 0);
  const byte = offset + Buffer.byteLength(before);
  return new InputError(
    source,
    line,
    `not valid UTF-8 text (byte ${byte}); save the file as UTF-8`,
  );
}

/** A NUL byte past the start, after the text `before` it in the chunk at `offset`. */
function nulByte(source: string, before: Buffer, offset: number, lines: number): InputError {
  return new InputError(
    source,
    lines + lineFeedsIn(before),
    `holds a NUL byte (byte ${offset + before.length}): binary data, not CSV or JSON text`,
  );
}

const EXTENSIONS: Record<string, InputFormat> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
};

export function formatFromExtension(path: string): InputFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}
