// Strings by their bytes, for byte runs known to be plain ASCII (json-object-fields.ts checks
// every byte before it asks). The same two-way set-associative layout as
// decode/utf8-string-cache.ts, but a miss makes its string with Buffer's latin1Slice, which for
// ASCII is the same string at about a third of the cost of a UTF-8 decode (measured: ~80 ns
// against ~250 ns per 24-byte value); a flattened million events miss often (timestamps, ids).

const maxBytes = 64;

interface Latin1Slicer { latin1Slice(start: number, end: number): string }
const hasLatin1Slice = typeof (Buffer.prototype as unknown as Partial<Latin1Slicer>).latin1Slice === 'function';

/** The string of ASCII bytes `bytes[start, end)`, not cached. */
export function asciiString(bytes: Buffer, start: number, end: number): string {
  return hasLatin1Slice ? (bytes as unknown as Latin1Slicer).latin1Slice(start, end) : bytes.toString('latin1', start, end);
}

/** Strings by their ASCII bytes; runs longer than 64 bytes are made each time. */
export class AsciiStringCache {
  private readonly mask: number;
  private readonly strings: string[];
  /** Byte length per slot; -1 = empty. */
  private readonly lengths: Int32Array;
  private readonly pool: Uint8Array;
  private readonly poolView: DataView;
  /** After `get`: the slot holding the string (-1: not cached), and whether it was there already. */
  slot = -1;
  hit = false;

  /** `slots` (a power of two) × 64 bytes of pool. */
  constructor(slots: number) {
    this.mask = slots - 1;
    this.strings = new Array<string>(slots).fill('');
    this.lengths = new Int32Array(slots).fill(-1);
    this.pool = new Uint8Array(slots * maxBytes);
    this.poolView = new DataView(this.pool.buffer);
  }

  /**
   * The string of the ASCII bytes `bytes[start, end)`, made once per distinct run while it stays cached.
   *
   * @example
   * const currency = cache.get(block, valueStart, valueEnd);
   */
  get(bytes: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n > maxBytes || n === 0) {
      this.slot = -1;
      this.hit = false;
      return asciiString(bytes, start, end);
    }
    // the hash reads the last 8 bytes and the length: ids and timestamps differ at their ends
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
    // a new run: the first slot's entry moves to the second, the new one takes the first
    const pool = this.pool;
    const at = first * maxBytes;
    const older = lengths[first]!;
    for (let i = 0; i < older; i++) pool[at + maxBytes + i] = pool[at + i]!;
    lengths[second] = older;
    this.strings[second] = this.strings[first]!;
    for (let i = 0; i < n; i++) pool[at + i] = bytes[start + i]!;
    lengths[first] = n;
    return (this.strings[first] = asciiString(bytes, start, end));
  }

  /**
   * Whether slot `slot` holds exactly `bytes[start, start + n)` for its length n, with
   * `start + n < end`; returns n, or -1. Lets a reader that can guess the string (the key that
   * followed the previous key last time) check the guess without hashing.
   */
  matchAt(slot: number, bytes: Uint8Array, view: DataView, start: number, end: number): number {
    const n = this.lengths[slot]!;
    if (n < 0 || start + n >= end) return -1;
    // four bytes a step through DataViews (the pool's slots are 64-byte aligned, the text is not)
    const pool = this.poolView;
    const at = slot * maxBytes;
    let i = 0;
    for (; i + 4 <= n; i += 4) if (pool.getUint32(at + i) !== view.getUint32(start + i)) return -1;
    for (; i < n; i++) if (this.pool[at + i] !== bytes[start + i]) return -1;
    return n;
  }

  /** The string in slot `slot` (after a successful matchAt). */
  stringAt(slot: number): string {
    return this.strings[slot]!;
  }

  private holds(slot: number, bytes: Uint8Array, start: number, n: number): boolean {
    const pool = this.pool;
    const at = slot * maxBytes;
    let i = n - 1;
    while (i >= 0 && pool[at + i] === bytes[start + i]) i--;
    return i < 0;
  }
}
