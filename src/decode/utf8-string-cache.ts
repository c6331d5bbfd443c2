// Most records of a stream repeat a persistence id seen moments ago. Turning its UTF-8 bytes into
// a fresh string for each record cost more than anything else per record but the JSON check
// (bench/kafka, profiled), and every copy then had to be hashed again by the window's dedupe
// index and collected by the GC. This cache maps bytes to the string made for them last time:
// direct-mapped (a slot per hash, the newer entry wins), so it is bounded and never chains.

export const defaults = {
  /** Slots; a power of two. 16k ids × ~30 bytes ≈ 0.5 MiB of copies at most. */
  slots: 16_384,
  /** Longer byte runs are not cached (ids are short; long keys would only churn the cache). */
  maxBytes: 128,
};

/** Strings by their UTF-8 bytes. */
export class Utf8StringCache {
  private readonly mask: number;
  private readonly strings: (string | undefined)[];
  private readonly keys: (Uint8Array | undefined)[];

  constructor(slots = defaults.slots) {
    this.mask = slots - 1;
    this.strings = new Array<string | undefined>(slots).fill(undefined);
    this.keys = new Array<Uint8Array | undefined>(slots).fill(undefined);
  }

  /**
   * The string of `bytes[start, end)`, made once per distinct byte run while it stays cached.
   *
   * @example
   * persistenceId[i] = ids.get(value, slots.pidStart, slots.pidEnd);
   */
  get(bytes: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n > defaults.maxBytes) return bytes.toString('utf8', start, end);
    let h = 0x811c9dc5 ^ n;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const slot = (h ^ (h >>> 15)) & this.mask;
    const key = this.keys[slot];
    if (key !== undefined && key.length === n) {
      let i = 0;
      while (i < n && key[i] === bytes[start + i]) i++;
      if (i === n) return this.strings[slot]!;
    }
    const s = bytes.toString('utf8', start, end);
    this.keys[slot] = Uint8Array.prototype.slice.call(bytes, start, end);
    this.strings[slot] = s;
    return s;
  }
}
