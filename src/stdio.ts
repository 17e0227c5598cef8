// Standard output and error for the command line (src/cli.ts). process.stdout and
// process.stderr are created only when needed: creating one loads Node's stream,
// net and tty modules, a good part of a short run's start-up (issue 16). Output to
// a file or a pipe goes to descriptor 1 by blocking writes of its own; on a
// terminal, or once a write would block (a pipe someone made non-blocking), it
// goes through process.stdout as before, in order.
import { once } from "node:events";
import { fstatSync, writeSync } from "node:fs";

type ErrorHandler = (error: NodeJS.ErrnoException) => void;

/** One of the two, its stream made (and its errors sent to `onError`) on first use. */
class StandardStream {
  #stream: NodeJS.WriteStream | undefined;
  #isTerminal: boolean | undefined;

  constructor(
    readonly fd: 1 | 2,
    protected readonly onError: ErrorHandler,
  ) {}

  protected get stream(): NodeJS.WriteStream {
    if (this.#stream === undefined) {
      this.#stream = this.fd === 1 ? process.stdout : process.stderr;
      this.#stream.on("error", this.onError);
    }
    return this.#stream;
  }

  protected get streamMade(): boolean {
    return this.#stream !== undefined;
  }

  /** Whether all written has left the process: nothing waits in its stream, if made. */
  get settled(): boolean {
    return this.#stream === undefined || this.#stream.writableLength === 0;
  }

  /** Only a character device can be a terminal: a file or a pipe is known without tty. */
  get isTerminal(): boolean {
    if (this.#isTerminal === undefined) {
      let device = true;
      try {
        device = fstatSync(this.fd).isCharacterDevice();
      } catch {
        // A closed descriptor: Node's stream says what it makes of it.
      }
      this.#isTerminal = device && this.stream.isTTY === true;
    }
    return this.#isTerminal;
  }

  /** The terminal's width, when it is one. */
  get columns(): number | undefined {
    return this.isTerminal ? this.stream.columns : undefined;
  }
}

export class StandardError extends StandardStream {
  constructor(onError: ErrorHandler) {
    super(2, onError);
  }

  write(text: string): void {
    this.stream.write(text);
  }
}

/** The longest text written through StandardOutput's reused buffer (see #scratch). */
const SCRATCH_CHARACTERS = 1 << 17;

export class StandardOutput extends StandardStream {
  constructor(onError: ErrorHandler) {
    super(1, onError);
  }

  /** Writes `text` or bytes; resolves when more may be written (a full pipe drained). */
  async write(text: string | Uint8Array): Promise<void> {
    const rest = this.streamMade ? text : this.#direct(text);
    if (rest === undefined || rest.length === 0) return;
    // Bytes may be a view of a buffer their maker reuses (ledger-csv.ts): the stream,
    // which may write them later, gets a copy.
    const kept = typeof rest === "string" ? rest : Buffer.from(rest);
    if (!this.stream.write(kept)) await once(this.stream, "drain");
  }

  /**
   * The bytes of each write of up to SCRATCH_CHARACTERS characters, in one buffer
   * reused: a new buffer a write was 150 MB of garbage outside the heap for a
   * 1M-row ledger, which V8 then had to collect.
   */
  #scratch: Buffer | undefined;

  /** Writes what it can straight to descriptor 1; returns what is left for the stream. */
  #direct(text: string | Uint8Array): Uint8Array | undefined {
    let bytes: Uint8Array;
    if (typeof text !== "string") bytes = text;
    else if (text.length <= SCRATCH_CHARACTERS) {
      // A UTF-16 code unit takes at most three bytes of UTF-8.
      this.#scratch ??= Buffer.allocUnsafeSlow(3 * SCRATCH_CHARACTERS);
      bytes = this.#scratch.subarray(0, this.#scratch.write(text));
    } else bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      // The rest may stay in the scratch buffer: once the stream is made, it takes
      // every later write (write() above), so the buffer is not written again.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") return bytes.subarray(written);
      this.onError(error as NodeJS.ErrnoException);
    }
    return undefined;
  }
}
