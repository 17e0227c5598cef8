// How a reader hands its records on: in small groups, each taken as soon as it is full.
import type { RawRecord, TakeRecord } from "./types.js";

/**
 * Records held before they are taken. One at a time, the reader's code and the
 * sink's took turns for every record, and each pushed the other out of the cache
 * (5-8 % slower, issue 16); a chunk's worth (some 1,400) at a time, they were all
 * alive whenever a young-generation collection came, which copied and promoted them.
 */
const HELD = 256;

/** Passes a reader's records to `take` in groups of HELD, and counts them. */
export class Relay {
  private readonly held: RawRecord[] = [];
  private count = 0;

  constructor(private readonly take: TakeRecord) {}

  hold(raw: RawRecord): void {
    this.count++;
    if (this.held.push(raw) === HELD) this.pass();
  }

  /** Passes the records held on to `take`. */
  pass(): void {
    const { held, take } = this;
    for (const raw of held) take(raw);
    held.length = 0;
  }

  /** Passes the records held, and returns how many were held since the last call. */
  taken(): number {
    this.pass();
    const { count } = this;
    this.count = 0;
    return count;
  }
}
