// Most records of a stream repeat a persistence id seen moments ago. Turning its UTF-8 bytes into
// a fresh string for each record cost more than anything else per record but the JSON check
// (bench/kafka, profiled), and every copy then had to be hashed again by the window's dedupe
// index and collected by the GC. This cache maps bytes to the string made for them last time.
//
// Two-way set-associative: a key lives in one of the two slots of its pair; a new key takes the
// first slot and pushes that slot's key to the second. Each slot owns `maxBytes` bytes of one flat
// pool, so a lookup touches no object but the string it returns.
//
// Strings something else has already made (driver rows, JSON values) go to util/string-pool.ts
// instead: with no bytes at hand there is no string to save making, only copies to share.

export const defaults = {
  /** Slots; a power of two. */
  slots: 16_384,
  /** Longer byte runs are not cached: each slot reserves this much of the pool. */
  maxBytes: 64,
};

/** Strings by their UTF-8 bytes. */
export class Utf8StringCache {
  private readonly mask: number;
  private readonly strings: string[];
  /** Byte length per slot; -1 = empty. */
  private readonly lengths: Int32Array;
  private readonly pool: Uint8Array;

  /** `slots` × `maxBytes` bytes of pool: 1 MiB by default. */
  constructor(slots = defaults.slots, private readonly maxBytes = defaults.maxBytes) {
    this.mask = slots - 1;
    this.strings = new Array<string>(slots).fill('');
    this.lengths = new Int32Array(slots).fill(-1);
    this.pool = new Uint8Array(slots * maxBytes);
  }

  /**
   * The string of `bytes[start, end)`, made once per distinct byte run while it stays cached.
   *
   * @example
   * persistenceId[i] = ids.get(value, slots.pidStart, slots.pidEnd);
   */
  get(bytes: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n > this.maxBytes || n === 0) return bytes.toString('utf8', start, end);
    // the hash reads the last 8 bytes and the length: ids and class names differ at their ends
    let h = 0x811c9dc5 ^ n;
    for (let i = n < 8 ? start : end - 8; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    const first = (h ^ (h >>> 15)) & this.mask & ~1;
    const lengths = this.lengths;
    if (lengths[first] === n && this.holds(first, bytes, start, n)) return this.strings[first]!;
    const second = first + 1;
    if (lengths[second] === n && this.holds(second, bytes, start, n)) return this.strings[second]!;
    // a new key: the first slot's entry moves to the second, the new one takes the first
    const pool = this.pool;
    const at = first * this.maxBytes;
    const older = lengths[first]!;
    if (older > 0) pool.copyWithin(at + this.maxBytes, at, at + older);
    lengths[second] = older;
    this.strings[second] = this.strings[first]!;
    for (let i = 0; i < n; i++) pool[at + i] = bytes[start + i]!;
    lengths[first] = n;
    return (this.strings[first] = bytes.toString('utf8', start, end));
  }

  private holds(slot: number, bytes: Uint8Array, start: number, n: number): boolean {
    const pool = this.pool;
    const at = slot * this.maxBytes;
    let i = n - 1;
    while (i >= 0 && pool[at + i] === bytes[start + i]) i--;
    return i < 0;
  }
}
