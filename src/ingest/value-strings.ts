// The strings of a reader's values made from bytes, each repeated one (a date, a
// name, a unit, an amount) made once: a value whose bytes are in the table is that
// string again. Fewer strings are made, and each kept one carries its hash into
// every Map that later looks it up. Only short values are kept, and at most half
// the table's slots: when they are taken, the table starts afresh, so the memory
// held is bounded (about 400 KB and 8,192 strings of 32 characters at most).

const QUOTE = 34;
const BACKSLASH = 92;

/** Slots in the table (a power of two); half of them are filled at most. */
const SLOTS = 1 << 14;
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
  /** How often the table started afresh: what a caller keeps by slot is void after each. */
  resets = 0;
  private readonly strings: (string | undefined)[] = new Array(SLOTS).fill(undefined);
  private readonly hashes = new Int32Array(SLOTS);
  private readonly lengths = new Uint8Array(SLOTS);
  /** Where each kept value's bytes start in `pool`. */
  private readonly starts = new Int32Array(SLOTS);
  private readonly pool = new Uint8Array((SLOTS / 2) * MAX_BYTES);
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
    let slot = hash & (SLOTS - 1);
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
      slot = (slot + 1) & (SLOTS - 1);
    }
    const text = bytes.toString("utf8", start, end);
    if (this.kept === SLOTS / 2) {
      this.strings.fill(undefined);
      this.resets++;
      this.kept = 0;
      this.poolEnd = 0;
      slot = hash & (SLOTS - 1);
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
}

/**
 * A rule's values for texts of a table, kept by the texts' slots: a column of a
 * CSV file, or a field of NDJSON lines, whose texts repeat (dates, names, units,
 * amounts) has its rule run once for each distinct text, not once a record. A
 * fresh start of the table voids them all. 32 KB of places and the values of at
 * most the texts the table keeps.
 */
export class SlotValues {
  /** Each slot's value's place in `values`, plus one; 0 for none yet. */
  private readonly places = new Uint16Array(SLOTS);
  private readonly values: unknown[] = [];
  private resets = 0;

  /** `rule` also reads the values that are not texts of the table (JSON true, false, null). */
  constructor(readonly rule: (value: unknown) => unknown) {}

  /** The rule's value for `text`, which `strings` looked up last. */
  of(strings: ValueStrings, text: string): unknown {
    const { slot } = strings;
    if (slot < 0) return this.rule(text);
    if (this.resets !== strings.resets) {
      this.places.fill(0);
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
