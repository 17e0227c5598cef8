// The progress line (contract §14): on a terminal's stderr, once a run passes one
// second, one line of records, MB, MB/s and the current file, redrawn a few times
// a second and cleared before the report. Never in pipes, under CI or with -q.
import { formatCount } from "./domain/number-format.js";
import { outputWidth, truncate } from "./report/width.js";

export interface ProgressSink {
  write(text: string): void;
  readonly columns: number | undefined;
}

const FIRST_AFTER_MS = 1000;
const EVERY_MS = 200;
const MB = 1_000_000;

/** A progress line for a run, when one is wanted (see progressWanted). */
export function progressFor(
  stderr: ProgressSink & { readonly isTerminal: boolean },
  env: Readonly<Record<string, string | undefined>>,
  quiet: boolean,
): Progress | undefined {
  return progressWanted({ stderrIsTerminal: stderr.isTerminal, env, quiet })
    ? new Progress(stderr)
    : undefined;
}

/** Reading options that tell `progress`, if any, how reading goes. */
export function withProgress<T extends object>(
  read: T,
  progress: Progress | undefined,
): T & { onProgress?: (records: number, bytes: number, source: string) => void } {
  if (progress === undefined) return read;
  return { ...read, onProgress: (records, bytes, source) => progress.tick(records, bytes, source) };
}

export function progressWanted(options: {
  stderrIsTerminal: boolean;
  env: Readonly<Record<string, string | undefined>>;
  quiet: boolean;
}): boolean {
  const ci = options.env.CI;
  return (
    options.stderrIsTerminal && !options.quiet && (ci === undefined || ci === "" || ci === "false")
  );
}

/** The progress whose line is on the terminal now, if any. */
let showing: Progress | undefined;

/** Clears the line on the terminal, if one is shown: Ctrl-C's message goes on a line of its own. */
export function clearProgress(): void {
  showing?.clear();
}

export class Progress {
  private readonly started: number;
  private drawnAt = -Infinity;
  private shown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Called as reading goes on; draws at most every EVERY_MS, from the first second on. */
  tick(records: number, bytes: number, file: string): void {
    const now = this.now();
    const elapsed = now - this.started;
    if (elapsed < FIRST_AFTER_MS || now - this.drawnAt < EVERY_MS) return;
    this.drawnAt = now;
    const rate = bytes / MB / (elapsed / 1000);
    const line = `capcheck: ${formatCount(records)} records · ${(bytes / MB).toFixed(1)} MB · ${rate.toFixed(1)} MB/s · ${file}`;
    // One column spare: a line as wide as the terminal wraps on some terminals. A pty
    // whose size was never set says 0 columns: 80, as for the report's table.
    const width = outputWidth({}, this.sink.columns);
    this.sink.write(`\r\x1b[K${truncate(line, width - 1)}`);
    this.shown = true;
    showing = this;
  }

  /** Clears the line, if one was drawn, before anything else is written. */
  clear(): void {
    if (this.shown) this.sink.write("\r\x1b[K");
    this.shown = false;
    if (showing === this) showing = undefined;
  }
}
