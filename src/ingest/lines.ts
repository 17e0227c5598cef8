// Line endings, found once for every reader: LF, CRLF and a lone CR each end a
// line (old Mac files and some exports use CR alone). Each byte is looked at once:
// only new bytes are searched, never the text accumulated so far, so a huge line
// costs linear time, and a line past the size limit is dropped as it streams by.

const LF = 10;
const CR = 13;

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
 * Told each line: its number (from 1), and its content as `bytes[start, end)`
 * without the ending, or `bytes` null when the line was longer than the limit.
 */
export type OnLine = (number: number, bytes: Buffer | null, start: number, end: number) => void;

/**
 * The lines of byte chunks, told as each chunk comes (`push`) and at the end
 * (`end`). A line inside one chunk is told in place, never copied; one that
 * spans chunks is joined, unless it grows past `maxBytes`: then it is not held
 * in memory and comes out as null. A last line without an ending counts as a
 * line; an empty input has no lines.
 */
export class LineSplitter {
  private number = 0;
  private partial: Buffer[] = [];
  private partialSize = 0;
  private tooLong = false;
  private afterCr = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer, onLine: OnLine): void {
    if (chunk.length === 0) return;
    const { rest, endsOnCr } = eachLineEnd(chunk, this.afterCr, (start, end) => {
      if (this.partialSize === 0 && !this.tooLong) {
        this.number++;
        if (end - start > this.maxBytes) onLine(this.number, null, 0, 0);
        else onLine(this.number, chunk, start, end);
      } else {
        this.take(chunk.subarray(start, end));
        this.finish(onLine);
      }
    });
    this.afterCr = endsOnCr;
    if (rest < chunk.length) this.take(chunk.subarray(rest));
  }

  end(onLine: OnLine): void {
    if (this.partialSize > 0 || this.tooLong) this.finish(onLine);
  }

  private take(part: Buffer): void {
    if (this.tooLong) return;
    this.partialSize += part.length;
    if (this.partialSize > this.maxBytes) {
      this.tooLong = true;
      this.partial = [];
    } else if (part.length > 0) this.partial.push(part);
  }

  private finish(onLine: OnLine): void {
    this.number++;
    if (this.tooLong) onLine(this.number, null, 0, 0);
    else {
      const bytes =
        this.partial.length === 1 ? (this.partial[0] as Buffer) : Buffer.concat(this.partial);
      onLine(this.number, bytes, 0, bytes.length);
    }
    this.partial = [];
    this.partialSize = 0;
    this.tooLong = false;
  }
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

/** How many line feeds `bytes` holds. */
export function lineFeedsIn(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}
