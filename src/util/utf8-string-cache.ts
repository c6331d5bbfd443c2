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
//
// `ascii`: the caller has checked every byte is below 0x80 (table/json-object-fields.ts), so a miss
// makes its string with latin1Slice, the same string at about a third of the cost of a UTF-8
// decode (~80 ns against ~250 ns per 24-byte value); a flattened million events miss often.

export const defaults = {
  /** Slots; a power of two. */
  slots: 16_384,
  /** Longer byte runs are not cached: each slot reserves this much of the pool. */
  maxBytes: 64,
};

interface Latin1Slicer { latin1Slice(start: number, end: number): string }
const hasLatin1Slice = typeof (Buffer.prototype as unknown as Partial<Latin1Slicer>).latin1Slice === 'function';

/** The string of ASCII bytes `bytes[start, end)`, not cached. */
export function asciiString(bytes: Buffer, start: number, end: number): string {
  return hasLatin1Slice ? (bytes as unknown as Latin1Slicer).latin1Slice(start, end) : bytes.toString('latin1', start, end);
}

/** Strings by their UTF-8 bytes. */
export class Utf8StringCache {
  private readonly mask: number;
  private readonly strings: string[];
  /** Byte length per slot; -1 = empty. */
  private readonly lengths: Int32Array;
  private readonly pool: Uint8Array;
  private poolView: DataView | null = null;
  private readonly ascii: boolean;
  /** After `get`: the slot holding the string (-1: not cached), and whether it was there already. */
  slot = -1;
  hit = false;

  /** `slots` × `maxBytes` bytes of pool: 1 MiB by default. */
  constructor(slots = defaults.slots, private readonly maxBytes = defaults.maxBytes, { ascii = false }: { ascii?: boolean } = {}) {
    this.mask = slots - 1;
    this.strings = new Array<string>(slots).fill('');
    this.lengths = new Int32Array(slots).fill(-1);
    this.pool = new Uint8Array(slots * maxBytes);
    this.ascii = ascii;
  }

  /**
   * The string of `bytes[start, end)`, made once per distinct byte run while it stays cached.
   *
   * @example
   * persistenceId[i] = ids.get(value, slots.pidStart, slots.pidEnd);
   */
  get(bytes: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n > this.maxBytes || n === 0) {
      this.slot = -1;
      this.hit = false;
      return this.make(bytes, start, end);
    }
    // the hash reads the last 8 bytes and the length: ids and class names differ at their ends
    let h = 0x811c9dc5 ^ n;
    for (let i = n < 8 ? start : end - 8; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    const first = (h ^ (h >>> 15)) & this.mask & ~1;
    const lengths = this.lengths;
    this.hit = true;
    if (lengths[first] === n && this.holds(first, bytes, start, n)) return this.strings[(this.slot = first)]!;
    const second = first + 1;
    if (lengths[second] === n && this.holds(second, bytes, start, n)) return this.strings[(this.slot = second)]!;
    this.hit = false;
    this.slot = first;
    // a new key: the first slot's entry moves to the second, the new one takes the first
    const pool = this.pool;
    const at = first * this.maxBytes;
    const older = lengths[first]!;
    if (older > 0) pool.copyWithin(at + this.maxBytes, at, at + older);
    lengths[second] = older;
    this.strings[second] = this.strings[first]!;
    for (let i = 0; i < n; i++) pool[at + i] = bytes[start + i]!;
    lengths[first] = n;
    return (this.strings[first] = this.make(bytes, start, end));
  }

  /**
   * Whether slot `slot` holds exactly `bytes[start, start + n)` for its length n, with
   * `start + n < end`; returns n, or -1. Lets a reader that can guess the string (the key that
   * followed the previous key last time) check the guess without hashing. `view` spans `bytes`.
   */
  matchAt(slot: number, bytes: Uint8Array, view: DataView, start: number, end: number): number {
    const n = this.lengths[slot]!;
    if (n < 0 || start + n >= end) return -1;
    // four bytes a step through DataViews (the pool's slots are aligned, the text is not)
    const pool = (this.poolView ??= new DataView(this.pool.buffer));
    const at = slot * this.maxBytes;
    let i = 0;
    for (; i + 4 <= n; i += 4) if (pool.getUint32(at + i) !== view.getUint32(start + i)) return -1;
    for (; i < n; i++) if (this.pool[at + i] !== bytes[start + i]) return -1;
    return n;
  }

  /** The string in slot `slot` (after a successful matchAt). */
  stringAt(slot: number): string {
    return this.strings[slot]!;
  }

  private make(bytes: Buffer, start: number, end: number): string {
    return this.ascii ? asciiString(bytes, start, end) : bytes.toString('utf8', start, end);
  }

  private holds(slot: number, bytes: Uint8Array, start: number, n: number): boolean {
    const pool = this.pool;
    const at = slot * this.maxBytes;
    let i = n - 1;
    while (i >= 0 && pool[at + i] === bytes[start + i]) i--;
    return i < 0;
  }
}
