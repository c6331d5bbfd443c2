// Collects the rows of a chunk whose JSON payloads are kept as bytes (StreamChunk.json).
//
// When every kept payload lies in one Buffer (raw record batches: the partition's part of the
// fetch response, or one decompressed batch) and the payloads fill at least half of it, the chunk
// points into that Buffer: no copy, no second allocation per fetch. The rest of the Buffer
// (record framing, envelopes, keys) then stays alive with the chunk; under half of it being
// payload (a key filter that drops most records, say) the payloads are copied out instead, so a
// window never pins much more than the bytes it shows.
import type { ChunkJson } from '../../types.js';

export const defaults = {
  /** Kept payload bytes ÷ source bytes from which the chunk points into the source. */
  minShareForView: 0.5,
};

/** The kept payloads of one chunk of `n` rows. */
export class UnparsedJson {
  private bytes = 0;
  private source: Uint8Array | null = null;
  /** Per row, once the payloads come from more than one source. */
  private sources: (Uint8Array | undefined)[] | null = null;
  private start: Int32Array | null = null;
  private length: Int32Array | null = null;

  constructor(private readonly n: number) {}

  /** Row `i`'s payload is `src[start, end)` (end > start). */
  add(i: number, src: Uint8Array, start: number, end: number): void {
    if (this.start === null) {
      this.start = new Int32Array(this.n);
      this.length = new Int32Array(this.n);
      this.source = src;
    } else if (src !== this.source && this.sources === null) {
      this.sources = new Array<Uint8Array | undefined>(this.n);
      for (let r = 0; r < i; r++) if (this.length![r]! > 0) this.sources[r] = this.source!;
    }
    if (this.sources !== null) this.sources[i] = src;
    this.start[i] = start;
    this.length![i] = end - start;
    this.bytes += end - start;
  }

  /**
   * The chunk's `json`, or null when no row was kept.
   *
   * @example
   * chunk.json = unparsed.finish();
   */
  finish(): ChunkJson | null {
    const { start, length, source, sources } = this;
    if (start === null || length === null || source === null) return null;
    if (sources === null && Buffer.isBuffer(source) && this.bytes >= defaults.minShareForView * source.length) {
      return { bytes: source, start, length };
    }
    const bytes = Buffer.allocUnsafeSlow(this.bytes);
    const at = new Int32Array(this.n);
    for (let i = 0, to = 0; i < this.n; i++) {
      const size = length[i]!;
      if (size === 0) continue;
      const from = sources === null ? source : sources[i]!;
      bytes.set(from.subarray(start[i]!, start[i]! + size), to);
      at[i] = to;
      to += size;
    }
    return { bytes, start: at, length };
  }
}
