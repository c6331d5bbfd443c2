// Akka's primitive serializers (akka-actor PrimitiveSerializers.scala, docs/journal-formats.md §2):
//   18 primitive-long: 8 bytes little-endian; 19 primitive-int: 4 bytes little-endian;
//   20 primitive-string: UTF-8; 35 primitive-boolean: 1 byte (01 / 00); 4 bytes: as is.

export const LONG_ID = 18;
export const INT_ID = 19;
export const STRING_ID = 20;
export const BOOLEAN_ID = 35;
export const BYTES_ID = 4;

const textEncoder = new TextEncoder();

/** @example stringBytes('hello') // 68 65 6c 6c 6f */
export function stringBytes(value: string): Uint8Array {
  return textEncoder.encode(value);
}

/** @example longBytes(1n) // 01 00 00 00 00 00 00 00 */
export function longBytes(value: number | bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt(value), true);
  return out;
}

/** @example intBytes(-2) // fe ff ff ff */
export function intBytes(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`primitive-int serializer: ${value} is not a 32-bit integer`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value, true);
  return out;
}

/** @example booleanBytes(true) // 01 */
export function booleanBytes(value: boolean): Uint8Array {
  return Uint8Array.of(value ? 1 : 0);
}
