// The strings of a reader's values made from bytes, each repeated one (a date, a
// name, a unit, an amount) made once: a value whose bytes are in the table is that
// string again. Fewer strings are made, and each kept one carries its hash into
// every Map that later looks it up. Only short values are kept, and at most half
// the table's slots: when they are taken, the table doubles, up to SLOTS, and
// then starts afresh, so the memory held is bounded (about 400 KB and 8,192
// strings of 32 characters at most). It starts small: a 10-row file's start-up
// spent 0.6 ms making the full table.

const QUOTE = 34;
const BACKSLASH = 92;

/** Slots in the table at most (a power of two); half of them are filled at most. */
const SLOTS = 1 << 14;
/** Slots in a new table. */
const FIRST_SLOTS = 1 << 10;
/** The longest value kept, in bytes; longer ones are decoded each time. */
const MAX_BYTES = 32;
/** FNV-1a's offset basis, as the 32-bit integer it is (as a larger number, V8 would hash in floating point). */
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

export class ValueStrings {
  /** The string `stringEnd` read last. */
  last = "";
  /** The slot of the value looked up last, -1 when it was too long to keep. */
  slot = -1;
  /**
   * How often the table grew or started afresh: each time the texts move to other
   * slots, so what a caller keeps by slot is void.
   */
  resets = 0;
  /** The slots in the table now. */
  slots = FIRST_SLOTS;
  private strings: (string | undefined)[] = new Array(FIRST_SLOTS).fill(undefined);
  private hashes = new Int32Array(FIRST_SLOTS);
  private lengths = new Uint8Array(FIRST_SLOTS);
  /** Where each kept value's bytes start in `pool`. */
  private starts = new Int32Array(FIRST_SLOTS);
  private pool = new Uint8Array((FIRST_SLOTS / 2) * MAX_BYTES);
  private kept = 0;
  private poolEnd = 0;

  /**
   * The closing quote of the plain JSON string whose text starts at `i`, with the
   * text as `last`; -1 for an escape, a control character or no closing quote.
   */
  stringEnd(bytes: Buffer, i: number, end: number): number {
    const start = i;
    let hash = FNV_BASIS;
    for (; i < end; i++) {
      const c = bytes[i] as number;
      if (c === QUOTE) {
        this.last = this.lookUp(bytes, start, i, hash);
        return i;
      }
      if (c === BACKSLASH || c < 32) return -1;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    return -1;
  }

  /** The text of `bytes[start, end)`. */
  of(bytes: Buffer, start: number, end: number): string {
    let hash = FNV_BASIS;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
    return this.lookUp(bytes, start, end, hash);
  }

  /** The text of `bytes[start, end)`, whose FNV-1a hash is `hash`. */
  private lookUp(bytes: Buffer, start: number, end: number, hash: number): string {
    const length = end - start;
    if (length > MAX_BYTES) {
      this.slot = -1;
      return bytes.toString("utf8", start, end);
    }
    // Mixed, so that the low bits that pick a slot depend on every byte.
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d);
    hash ^= hash >>> 12;
    const mask = this.slots - 1;
    let slot = hash & mask;
    for (let known = this.strings[slot]; known !== undefined; known = this.strings[slot]) {
      if (this.hashes[slot] === hash && this.lengths[slot] === length) {
        const at = this.starts[slot] as number;
        let k = 0;
        while (k < length && this.pool[at + k] === bytes[start + k]) k++;
        if (k === length) {
          this.slot = slot;
          return known;
        }
      }
      slot = (slot + 1) & mask;
    }
    const text = bytes.toString("utf8", start, end);
    if (this.kept === this.slots / 2) {
      if (this.slots < SLOTS) this.grow();
      else {
        this.strings.fill(undefined);
        this.kept = 0;
        this.poolEnd = 0;
      }
      this.resets++;
      slot = this.freeSlot(hash);
    }
    this.kept++;
    this.strings[slot] = text;
    this.hashes[slot] = hash;
    this.lengths[slot] = length;
    this.starts[slot] = this.poolEnd;
    this.pool.set(bytes.subarray(start, end), this.poolEnd);
    this.poolEnd += length;
    this.slot = slot;
    return text;
  }

  /** The first empty slot from the one `hash` picks. */
  private freeSlot(hash: number): number {
    const mask = this.slots - 1;
    let slot = hash & mask;
    while (this.strings[slot] !== undefined) slot = (slot + 1) & mask;
    return slot;
  }

  /** Doubles the table, every kept text moved to its slot in the larger one. */
  private grow(): void {
    const { strings, hashes, lengths, starts } = this;
    this.slots *= 2;
    this.strings = new Array(this.slots).fill(undefined);
    this.hashes = new Int32Array(this.slots);
    this.lengths = new Uint8Array(this.slots);
    this.starts = new Int32Array(this.slots);
    const pool = new Uint8Array((this.slots / 2) * MAX_BYTES);
    pool.set(this.pool.subarray(0, this.poolEnd));
    this.pool = pool;
    for (let old = 0; old < strings.length; old++) {
      const text = strings[old];
      if (text === undefined) continue;
      const slot = this.freeSlot(hashes[old] as number);
      this.strings[slot] = text;
      this.hashes[slot] = hashes[old] as number;
      this.lengths[slot] = lengths[old] as number;
      this.starts[slot] = starts[old] as number;
    }
  }
}

/**
 * A rule's values for texts of a table, kept by the texts' slots: a column of a
 * CSV file, or a field of NDJSON lines, whose texts repeat (dates, names, units,
 * amounts) has its rule run once for each distinct text, not once a record. A
 * fresh start or growth of the table voids them all. Up to 32 KB of places and the
 * values of at most the texts the table keeps.
 */
export class SlotValues {
  /** Each slot's value's place in `values`, plus one; 0 for none yet. */
  private places = new Uint16Array(0);
  private readonly values: unknown[] = [];
  /** The table's resets these places are of (-1: none yet). */
  private resets = -1;

  /** `rule` also reads the values that are not texts of the table (JSON true, false, null). */
  constructor(readonly rule: (value: unknown) => unknown) {}

  /** The rule's value for `text`, which `strings` looked up last. */
  of(strings: ValueStrings, text: string): unknown {
    const { slot } = strings;
    if (slot < 0) return this.rule(text);
    if (this.resets !== strings.resets) {
      if (this.places.length === strings.slots) this.places.fill(0);
      else this.places = new Uint16Array(strings.slots);
      this.values.length = 0;
      this.resets = strings.resets;
    }
    const place = this.places[slot] as number;
    if (place !== 0) return this.values[place - 1];
    const value = this.rule(text);
    this.places[slot] = this.values.push(value);
    return value;
  }
}
