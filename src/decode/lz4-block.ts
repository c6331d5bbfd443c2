// LZ4 *block* format (not the frame format): what lz4-java's LZ4Compressor writes and what
// Akka/Pekko's JacksonSerializer stores after its 8-byte header (magic 87 D9 6D F6 + BE int32
// uncompressed length, docs/journal-formats.md §2.1).
//
// A block is a run of sequences: token (hi nibble = literal length, lo nibble = match length − 4,
// 15 = "more length bytes follow, each adding 0..255 until one is < 255"), the literals, then a
// 2-byte little-endian match offset and the match. The last sequence has literals only.
//
// The announced length is checked before the output is allocated: against limits.maxEventBytes,
// and against what the block can produce at all (each input byte adds at most 255 output bytes).

import { decodeLimits, limitExceeded } from './limits.js';

/** Output bytes one input byte can produce at most (a 255 length-extension byte), plus slack for the first token. */
const MAX_RATIO = 255;

/**
 * Decompresses one LZ4 block into a new Uint8Array (a Buffer under Node) of exactly
 * `uncompressedLength` bytes.
 * Throws a RangeError when the block is corrupt (offset before the start, output overrun,
 * input ending early, fewer bytes produced than announced, or more announced than `src` can
 * hold), and a LimitExceededError when the announced length is above limits.maxEventBytes.
 *
 * @example
 * const out = lz4BlockDecompress(bytes.subarray(8), bytes.readInt32BE(4));
 */
export function lz4BlockDecompress(src: Uint8Array, uncompressedLength: number): Uint8Array {
  if (!(Number.isInteger(uncompressedLength) && uncompressedLength >= 0)) {
    throw new RangeError(`LZ4 header announces ${uncompressedLength} bytes`);
  }
  if (uncompressedLength > decodeLimits().maxEventBytes) {
    throw limitExceeded('maxEventBytes', `the LZ4 header announces ${uncompressedLength} bytes, more than`);
  }
  if (uncompressedLength > src.length * MAX_RATIO + 16) {
    throw new RangeError(`LZ4 header announces ${uncompressedLength} bytes, more than a block of ${src.length} bytes can hold`);
  }
  // a Buffer where there is one: its native utf8 toString is what the JSON path uses next
  const dst: Uint8Array = typeof Buffer === 'function' ? Buffer.allocUnsafe(uncompressedLength) : new Uint8Array(uncompressedLength);
  const srcEnd = src.length;
  let s = 0;
  let d = 0;
  while (s < srcEnd) {
    const token = src[s++]!;
    // literals
    let literals = token >>> 4;
    if (literals === 15) {
      let b: number;
      do {
        if (s >= srcEnd) throw new RangeError('LZ4 block ends inside a literal length');
        b = src[s++]!;
        literals += b;
      } while (b === 255);
    }
    if (literals > 0) {
      if (s + literals > srcEnd) throw new RangeError(`LZ4 block ends inside ${literals} literal bytes`);
      if (d + literals > uncompressedLength) throw new RangeError('LZ4 literals overrun the announced length');
      if (literals < 32) {
        // short runs dominate JSON; a loop beats creating a subarray view per run
        for (let end = s + literals; s < end; ) dst[d++] = src[s++]!;
      } else {
        dst.set(src.subarray(s, s + literals), d);
        s += literals;
        d += literals;
      }
    }
    if (s >= srcEnd) break; // last sequence: literals only
    // match
    if (s + 2 > srcEnd) throw new RangeError('LZ4 block ends inside a match offset');
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0 || offset > d) throw new RangeError(`LZ4 match offset ${offset} points before the output start`);
    let matchLength = (token & 15) + 4;
    if ((token & 15) === 15) {
      let b: number;
      do {
        if (s >= srcEnd) throw new RangeError('LZ4 block ends inside a match length');
        b = src[s++]!;
        matchLength += b;
      } while (b === 255);
    }
    if (d + matchLength > uncompressedLength) throw new RangeError('LZ4 match overruns the announced length');
    let from = d - offset;
    if (offset >= matchLength && matchLength >= 32) {
      // long, non-overlapping: one native copy
      dst.copyWithin(d, from, from + matchLength);
      d += matchLength;
    } else {
      // short or overlapping (a run): byte by byte, so bytes copied earlier in this match are read again
      const end = d + matchLength;
      while (d < end) dst[d++] = dst[from++]!;
    }
  }
  if (d !== uncompressedLength) {
    throw new RangeError(`LZ4 block produced ${d} bytes, the header announced ${uncompressedLength}`);
  }
  return dst;
}
