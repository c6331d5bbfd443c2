// A tiny protobuf wire-format reader (no schema, no dependency) for the fixed akka-persistence
// messages: varints (incl. 64-bit), zig-zag, fixed32/64 and length-delimited fields.
// Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 (3/4 groups are skipped too).

import { decodeLimits, limitExceeded } from './limits.js';
import { int64FromPair, readUint32, readVarint64, VARINT_TRUNCATED, varintEnd, varintHi, varintLo, zigzagFromPair } from '../util/varint.js';

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
    const v = readUint32(this.bytes, this.pos, this.end);
    if (varintEnd < 0) throw this.badVarint();
    this.pos = varintEnd;
    return v;
  }

  /** An int32 field (negative values are sign-extended 10-byte varints). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** An int64/uint64 varint as a number when it is within ±(2^53−1), else a bigint. */
  int64(): number | bigint {
    this.varint64();
    return int64FromPair(varintHi, varintLo, true);
  }

  /** A sint64 (zig-zag) varint as a number when safe, else a bigint. */
  sint64(): number | bigint {
    this.varint64();
    return zigzagFromPair(varintHi, varintLo);
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

  /** Reads a varint of up to 64 bits into varintLo / varintHi. */
  private varint64(): void {
    if (readVarint64(this.bytes, this.pos, this.end) < 0) throw this.badVarint();
    this.pos = varintEnd;
  }

  private badVarint(): RangeError {
    return new RangeError(varintEnd === VARINT_TRUNCATED ? `protobuf varint truncated at offset ${this.pos}` : `protobuf varint longer than 10 bytes at offset ${this.pos}`);
  }
}
