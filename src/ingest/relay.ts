// How a reader hands its records on: in small groups, each taken as soon as it is full.
import type { RawRecord, TakeRecords } from "./types.js";

/**
 * Records held before they are taken. One at a time, the reader's code and the
 * sink's took turns for every record, and each pushed the other out of the cache
 * (5-8 % slower, issue 16); a chunk's worth (some 1,400) at a time, they were all
 * alive whenever a young-generation collection came, which copied and promoted them.
 * A sink takes a group in steps too (CheckCore.addAll).
 */
const HELD = 256;

/** Passes a reader's records on to `take` in groups of HELD, and counts them. */
export class Relay {
  private readonly held: RawRecord[] = [];
  private count = 0;

  constructor(private readonly take: TakeRecords) {}

  hold(raw: RawRecord): void {
    this.count++;
    if (this.held.push(raw) === HELD) this.pass();
  }

  /** Passes the records held on to `take`. */
  pass(): void {
    if (this.held.length === 0) return;
    this.take(this.held);
    this.held.length = 0;
  }

  /** Passes the records held, and returns how many were held since the last call. */
  taken(): number {
    this.pass();
    const { count } = this;
    this.count = 0;
    return count;
  }
}
