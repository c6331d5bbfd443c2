// Akka/Pekko primitive serializers (akka-actor PrimitiveSerializers, ByteArraySerializer,
// NullSerializer), docs/journal-formats.md §2: long 18 = 8 bytes LE, int 19 = 4 bytes LE,
// string 20 = UTF-8, bytestring 21 and bytes 4 = raw, boolean 35 = one byte, null 0 = empty.

import type { DecodeFn } from '../types.js';
import { int64FromPair } from '../util/varint.js';
import { stringFromUtf8 } from './utf8.js';

function exactly(bytes: Uint8Array, n: number, what: string): void {
  if (bytes.length !== n) throw new RangeError(`a ${what} payload has ${n} bytes, this one has ${bytes.length}`);
}

/**
 * Serializer 18: a little-endian int64 → number, or bigint outside ±(2^53−1).
 *
 * @example
 * decodeLong(new Uint8Array([42, 0, 0, 0, 0, 0, 0, 0]), '', 18); // 42
 */
export const decodeLong: DecodeFn = (bytes) => {
  exactly(bytes, 8, 'primitive-long');
  const lo = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  const hi = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
  return int64FromPair(hi, lo, true);
};

/**
 * Serializer 19: a little-endian int32.
 *
 * @example
 * decodeInt(new Uint8Array([255, 255, 255, 255]), '', 19); // -1
 */
export const decodeInt: DecodeFn = (bytes) => {
  exactly(bytes, 4, 'primitive-int');
  return bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
};

/**
 * Serializer 20: UTF-8 text.
 *
 * @example
 * decodeString(Buffer.from('hi'), '', 20); // 'hi'
 */
export const decodeString: DecodeFn = (bytes) => stringFromUtf8(bytes);

/**
 * Serializer 35: one byte, 1 = true, 0 = false.
 *
 * @example
 * decodeBoolean(new Uint8Array([1]), '', 35); // true
 */
export const decodeBoolean: DecodeFn = (bytes) => {
  exactly(bytes, 1, 'primitive-boolean');
  return bytes[0] !== 0;
};

/**
 * Serializers 4 (byte[]) and 21 (ByteString): the bytes, copied into a plain Uint8Array so a
 * decoded value never pins the driver's much larger network buffer.
 *
 * @example
 * decodeBytes(Buffer.from([1, 2]), '', 4); // Uint8Array [1, 2]
 */
export const decodeBytes: DecodeFn = (bytes) => new Uint8Array(bytes);

/**
 * Serializer 0 (Akka 2.3 NullSerializer): always null.
 *
 * @example
 * decodeNull(new Uint8Array(0), '', 0); // null
 */
export const decodeNull: DecodeFn = () => null;
