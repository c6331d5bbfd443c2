// A tiny protobuf wire-format reader (no schema, no dependency) for the fixed akka-persistence
// messages: varints (incl. 64-bit), zig-zag, fixed32/64 and length-delimited fields.
// Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3/4 groups are skipped too).

import { decodeLimits, limitExceeded } from './limits.js';

const TWO_32 = 4294967296;

/**
 * Reads protobuf fields in order from a byte range; one instance per message.
 *
 * @example
 * const r = new WireReader(bytes);
 * while (r.more()) {
 *   const tag = r.tag();
 *   if (tag === 0x10) seq = r.int64(); else r.skip(tag & 7);
 * }
 */
export class WireReader {
  pos: number;

  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  more(): boolean {
    return this.pos < this.end;
  }

  /** The next field key: `(fieldNumber << 3) | wireType`. */
  tag(): number {
    return this.uint32();
  }

  /** A varint of up to 32 significant bits, as an unsigned number. */
  uint32(): number {
    const b = this.bytes;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError(`protobuf varint truncated at offset ${this.pos}`);
      const byte = b[this.pos++]!;
      if (shift < 28) result |= (byte & 0x7f) << shift;
      else if (shift === 28) result += (byte & 0x0f) * 2 ** 28; // bits 28..31, kept unsigned
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new RangeError(`protobuf varint longer than 10 bytes at offset ${this.pos}`);
    }
  }

  /** An int32 field (negative values are sign-extended 10-byte varints). */
  int32(): number {
    const [lo] = this.varint64();
    return lo | 0;
  }

  /** An int64/uint64 varint as a number when it is within ±(2^53−1), else a bigint. */
  int64(): number | bigint {
    const [lo, hi] = this.varint64();
    return numberFromHiLo(hi, lo, true);
  }

  /** A sint64 (zig-zag) varint as a number when safe, else a bigint. */
  sint64(): number | bigint {
    const [lo, hi] = this.varint64();
    // zig-zag: (n >>> 1) ^ -(n & 1), on the 64-bit pair
    const neg = lo & 1;
    let l = ((lo >>> 1) | (hi << 31)) >>> 0;
    let h = hi >>> 1;
    if (neg) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    }
    return numberFromHiLo(h, l, true);
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** A length-delimited field as a view (no copy) of the underlying bytes. */
  bytesView(): Uint8Array {
    const n = this.uint32();
    const start = this.pos;
    if (start + n > this.end) throw new RangeError(`protobuf field of ${n} bytes overruns the message at offset ${start}`);
    this.pos = start + n;
    return this.bytes.subarray(start, start + n);
  }

  /** Skips one field value of the given wire type; groups nest at most limits.maxDepth deep. */
  skip(wireType: number, depth = 0): void {
    switch (wireType) {
      case 0: this.varint64(); return;
      case 1: this.advance(8); return;
      case 2: this.advance(this.uint32()); return;
      case 5: this.advance(4); return;
      case 3: { // start group: skip until the matching end group
        if (depth >= decodeLimits().maxDepth) throw limitExceeded('maxDepth', 'protobuf groups nested deeper than');
        for (;;) {
          const t = this.tag();
          if ((t & 7) === 4) return;
          this.skip(t & 7, depth + 1);
        }
      }
      default: throw new RangeError(`protobuf wire type ${wireType} at offset ${this.pos} is not valid`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new RangeError(`protobuf field of ${n} bytes overruns the message at offset ${this.pos}`);
    this.pos += n;
  }

  // Reused pair: varint64 is on the hot path of every PersistentRepr; no allocation per call.
  private readonly pair: [number, number] = [0, 0];

  /** Low and high 32 bits (unsigned) of a varint of up to 64 bits. */
  private varint64(): [number, number] {
    const b = this.bytes;
    let lo = 0;
    let hi = 0;
    let i = 0;
    for (;; i++) {
      if (this.pos >= this.end) throw new RangeError(`protobuf varint truncated at offset ${this.pos}`);
      if (i > 9) throw new RangeError(`protobuf varint longer than 10 bytes at offset ${this.pos}`);
      const byte = b[this.pos++]!;
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if ((byte & 0x80) === 0) break;
    }
    this.pair[0] = lo >>> 0;
    this.pair[1] = hi >>> 0;
    return this.pair;
  }
}

/** Two unsigned 32-bit halves → number when within ±(2^53−1), else bigint. */
export function numberFromHiLo(hi: number, lo: number, signed: boolean): number | bigint {
  if (signed && hi & 0x80000000) {
    // negative two's complement: -(~x + 1)
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi < 0x200000) return -(nhi * TWO_32 + nlo);
    return -((BigInt(nhi) << 32n) | BigInt(nlo));
  }
  if (hi < 0x200000) return hi * TWO_32 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}
