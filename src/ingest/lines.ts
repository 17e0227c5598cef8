// Line endings, found once for every reader: LF, CRLF and a lone CR each end a
// line (old Mac files and some exports use CR alone). Each byte is looked at once:
// only new bytes are searched, never the text accumulated so far, so a huge line
// costs linear time, and a line past the size limit is dropped as it streams by.

const LF = 10;
const CR = 13;

/** One line: its number (from 1), and its bytes without the ending, or null when it was too long. */
export interface Line {
  readonly number: number;
  readonly bytes: Buffer | null;
}

/**
 * Calls `onEnd(start, end, next)` for each line ending in `chunk` from `from`:
 * the line's content is [start, end) and the next line starts at `next`. Returns
 * where the unfinished last line starts, and whether the chunk ended on a CR (whose
 * LF, if any, opens the next chunk and must be skipped).
 */
function eachLineEnd(
  chunk: Buffer,
  skipLeadingLf: boolean,
  onEnd: (start: number, end: number, next: number) => void,
): { rest: number; endsOnCr: boolean } {
  let start = skipLeadingLf && chunk[0] === LF ? 1 : 0;
  let nextLf = chunk.indexOf(LF, start);
  let nextCr = chunk.indexOf(CR, start);
  while (nextLf >= 0 || nextCr >= 0) {
    const isCr = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf);
    const end = isCr ? nextCr : nextLf;
    if (isCr && end === chunk.length - 1) {
      onEnd(start, end, chunk.length);
      return { rest: chunk.length, endsOnCr: true };
    }
    const next = isCr && chunk[end + 1] === LF ? end + 2 : end + 1;
    onEnd(start, end, next);
    start = next;
    if (nextLf >= 0 && nextLf < start) nextLf = chunk.indexOf(LF, start);
    if (nextCr >= 0 && nextCr < start) nextCr = chunk.indexOf(CR, start);
  }
  return { rest: start, endsOnCr: false };
}

/**
 * The lines of byte chunks, a batch per chunk. A line longer than `maxBytes` comes
 * out with `bytes: null` and is not held in memory. A last line without an ending
 * counts as a line; an empty input has no lines.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
): AsyncGenerator<Line[]> {
  let number = 0;
  let partial: Buffer[] = [];
  let partialSize = 0;
  let tooLong = false;
  let afterCr = false;
  const take = (part: Buffer) => {
    if (tooLong) return;
    partialSize += part.length;
    if (partialSize > maxBytes) {
      tooLong = true;
      partial = [];
    } else if (part.length > 0) partial.push(part);
  };
  const finish = (): Line => {
    number++;
    const bytes = tooLong
      ? null
      : partial.length === 1
        ? (partial[0] as Buffer)
        : Buffer.concat(partial);
    partial = [];
    partialSize = 0;
    tooLong = false;
    return { number, bytes };
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const batch: Line[] = [];
    const { rest, endsOnCr } = eachLineEnd(chunk, afterCr, (start, end) => {
      take(chunk.subarray(start, end));
      batch.push(finish());
    });
    afterCr = endsOnCr;
    if (rest < chunk.length) take(chunk.subarray(rest));
    if (batch.length > 0) yield batch;
  }
  if (partialSize > 0 || tooLong) yield [finish()];
}

/**
 * The same bytes with every line ending written as LF, for csv-parse (which then
 * need not try three record delimiters at every byte). Inside a quoted CSV field
 * this turns CRLF into LF, which the text rules fold to one space anyway.
 */
export async function* withLfEndings(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let afterCr = false;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (!chunk.includes(CR)) {
      yield afterCr && chunk[0] === LF ? chunk.subarray(1) : chunk;
      afterCr = false;
      continue;
    }
    const parts: Buffer[] = [];
    const { rest, endsOnCr } = eachLineEnd(chunk, afterCr, (start, end) => {
      parts.push(chunk.subarray(start, end), LF_BYTE);
    });
    afterCr = endsOnCr;
    parts.push(chunk.subarray(rest));
    yield Buffer.concat(parts);
  }
}

const LF_BYTE = Buffer.of(LF);
