// Sorting more lines than memory should hold (contract §15): lines gather into
// runs that are sorted in memory and written to temporary files, then the files
// are merged. The files are removed by close(), and on exit and Ctrl-C (the
// command line's SIGINT handler exits, which runs the exit handler here).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "./errors.js";

const NEWLINE = 10;
const READ_SIZE = 1 << 16;

/** Every temporary directory still in use, removed at exit. */
const live = new Set<string>();
let exitHookSet = false;

function removeLive(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** The lines of a file one by one, read in fixed-size pieces. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let carry: Buffer | undefined;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const bytes = carry
        ? Buffer.concat([carry, buffer.subarray(0, read)])
        : buffer.subarray(0, read);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
        yield bytes.toString("utf8", start, end);
        start = end + 1;
      }
      // Copied: the buffer is read into again.
      carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : undefined;
    }
  } finally {
    closeSync(fd);
  }
}

/** A min-heap of the runs' current lines, for a k-way merge. */
class Heads {
  private readonly items: { line: string; rest: Generator<string> }[] = [];

  push(rest: Generator<string>): void {
    const next = rest.next();
    if (next.done) return;
    this.items.push({ line: next.value, rest });
    for (let i = this.items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The smallest line, its run moved on to its next line. */
  pop(): string | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    const { line } = top;
    const next = top.rest.next();
    if (next.done) {
      const last = this.items.pop() as (typeof this.items)[number];
      if (this.items.length === 0) return line;
      this.items[0] = last;
    } else {
      top.line = next.value;
    }
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.items.length && this.less(left, least)) least = left;
      if (right < this.items.length && this.less(right, least)) least = right;
      if (least === i) break;
      this.swap(i, least);
      i = least;
    }
    return line;
  }

  private less(a: number, b: number): boolean {
    return (this.items[a]?.line as string) < (this.items[b]?.line as string);
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    [items[a], items[b]] = [items[b] as (typeof items)[number], items[a] as (typeof items)[number]];
  }
}

/**
 * Lines (without `\n`) sorted in plain string order. Holds at most about
 * `runChars` characters of lines in memory at a time.
 */
export class ExternalSort {
  private run: string[] = [];
  private runSorted = false;
  private runLength = 0;
  private readonly files: string[] = [];
  private dir: string | undefined;

  constructor(private readonly runChars = 4 * 1024 * 1024) {}

  add(line: string): void {
    this.run.push(line);
    this.runLength += line.length + 1;
    if (this.runLength >= this.runChars) this.spill();
  }

  /** Every line added, in order; may be read more than once, until close(). */
  *sorted(): Generator<string> {
    if (this.files.length === 0) {
      if (!this.runSorted) this.run.sort();
      this.runSorted = true;
      yield* this.run;
      return;
    }
    this.spill();
    const heads = new Heads();
    for (const file of this.files) heads.push(linesOf(file));
    for (let line = heads.pop(); line !== undefined; line = heads.pop()) yield line;
  }

  /** Removes the temporary files and lets the lines go. */
  close(): void {
    this.run = [];
    if (this.dir === undefined) return;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
    this.dir = undefined;
  }

  /** Sorts the lines in memory and writes them to a new temporary file. */
  private spill(): void {
    if (this.run.length === 0) return;
    try {
      if (this.dir === undefined) {
        this.dir = mkdtempSync(join(tmpdir(), "capcheck-sort-"));
        live.add(this.dir);
        if (!exitHookSet) {
          process.on("exit", removeLive);
          exitHookSet = true;
        }
      }
      const file = join(this.dir, `run-${this.files.length}`);
      writeFileSync(file, `${this.run.sort().join("\n")}\n`);
      this.files.push(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(
        this.dir ?? tmpdir(),
        null,
        `cannot write temporary files (${code}); set TMPDIR to a writable directory with room`,
      );
    }
    this.run = [];
    this.runLength = 0;
  }
}
