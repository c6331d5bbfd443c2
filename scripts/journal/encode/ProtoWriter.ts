// A minimal protobuf (proto2 wire format) writer: varints, zig-zag sint64, length-delimited
// fields. Written here on purpose instead of using protobufjs, so that the fixtures this
// tool writes are produced independently of any decoder they are meant to check.

/** Wire types of the protobuf encoding. */
export const WIRE_VARINT = 0;
export const WIRE_LEN = 2;

import { ByteSink } from './byte-sink.js';

const textEncoder = new TextEncoder();

/**
 * Appends protobuf fields to a growing buffer. Fields are written in the order they are
 * called; protobuf-java writes them in field-number order, so callers do the same.
 *
 * @example
 * const w = new ProtoWriter();
 * w.int64(2, 42).string(3, 'cart-1');
 * const bytes = w.finish(); // 10 2a 1a 06 63 61 72 74 2d 31
 */
export class ProtoWriter extends ByteSink {
  constructor() {
    super(128);
  }

  /** Unsigned varint of a non-negative safe integer, or of any int64 given as bigint (two's complement). */
  varint(value: number | bigint): this {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value)) {
      this.reserve(10);
      let v = value;
      // Division instead of >>> because values above 2^32 must keep their high bits.
      while (v >= 0x80) {
        this.buf[this.len++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      this.buf[this.len++] = v;
      return this;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    this.reserve(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** int32 / int64 field (negative values take 10 bytes, as protobuf-java writes them). */
  int64(field: number, value: number | bigint): this {
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  int32(field: number, value: number): this {
    return this.int64(field, value);
  }

  bool(field: number, value: boolean): this {
    return this.tag(field, WIRE_VARINT).varint(value ? 1 : 0);
  }

  /** sint64 field: zig-zag encoded. */
  sint64(field: number, value: number | bigint): this {
    const v = BigInt(value);
    const zigzag = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    return this.tag(field, WIRE_VARINT).varint(zigzag);
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN).varint(value.length);
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }
}
