// Bytes to text: opens a file or stdin, refuses binary data and invalid UTF-8,
// and strips a leading BOM, so that every reader sees clean text chunks.
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { InputError, type InputFormat, type InputSource } from "./types.js";

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

/** The text of a source, chunk by chunk. */
export async function* textChunks(source: InputSource): AsyncGenerator<string> {
  const stream =
    source.path === null
      ? process.stdin
      : createReadStream(source.path, { highWaterMark: 1 << 16 });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  let lines = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (offset === 0 && chunk.subarray(0, 8192).includes(0)) {
        throw new InputError(
          source.name,
          null,
          "holds binary data (a NUL byte), not CSV or JSON text",
        );
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw invalidUtf8(source.name, chunk, offset, lines);
      }
      offset += chunk.length;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
      if (text.length > 0) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new InputError(
        source.name,
        null,
        "is not valid UTF-8 text (it ends inside a character)",
      );
    }
    if (rest.length > 0) yield rest;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw openError(source, error);
  } finally {
    if (source.path !== null) (stream as ReturnType<typeof createReadStream>).destroy();
  }
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

/** Contract §1: first non-blank character `[` is JSON, `{` is NDJSON, else CSV. */
export function sniffFormat(text: string): InputFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === "[") return "json";
  if (first === "{") return "ndjson";
  return "csv";
}
