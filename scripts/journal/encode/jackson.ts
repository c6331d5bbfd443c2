// Akka's Jackson serializers (akka-serialization-jackson, docs/journal-formats.md §2.1):
//   31 jackson-json: UTF-8 JSON, then compression when enabled and bytes.length > compress-larger-than
//      (Akka default for jackson-json: gzip above 32 KiB; `lz4` since Akka 2.6.6)
//   33 jackson-cbor: CBOR, never compressed by default
// Compression is applied to the serialized bytes, so a reader detects it by magic: 1F 8B = gzip,
// 87 D9 6D F6 = Akka's LZ4 envelope.
import { gzipSync } from 'node:zlib';
import { akkaLz4FromBytes } from './lz4-block.js';
import { cborFromValue } from './cbor.js';

export const JACKSON_JSON_ID = 31;
export const JACKSON_CBOR_ID = 33;

export const jacksonDefaults = {
  /** `akka.serialization.jackson.jackson-json.compression.compress-larger-than` = 32 KiB. */
  compressLargerThan: 32 * 1024,
};

/**
 * 'auto' = Akka's default for jackson-json (gzip above 32 KiB); 'gzip' / 'lz4' = always that
 * algorithm (as with compress-larger-than = 0); 'off' = plain JSON.
 */
export type JacksonCompression = 'auto' | 'gzip' | 'lz4' | 'off';

const textEncoder = new TextEncoder();

/** Applies Akka's Jackson compression to already-serialized bytes. */
export function compressJackson(bytes: Uint8Array, compression: JacksonCompression): Uint8Array {
  switch (compression) {
    case 'off':
      return bytes;
    case 'auto':
      return bytes.length > jacksonDefaults.compressLargerThan ? new Uint8Array(gzipSync(bytes)) : bytes;
    case 'gzip':
      return new Uint8Array(gzipSync(bytes));
    case 'lz4':
      return akkaLz4FromBytes(bytes);
  }
}

/**
 * JSON bytes as Akka's jackson-json serializer stores them. A Uint8Array is taken as
 * already-serialized JSON and only compressed.
 *
 * @example
 * jsonBytesFromValue({ cartId: 'cart-1', itemId: 'socks', quantity: 2 }); // plain UTF-8 JSON
 * jsonBytesFromValue(hugeObject);          // gzip, because it is larger than 32 KiB
 * jsonBytesFromValue(smallObject, 'lz4');  // 87 D9 6D F6 <len> <lz4 block>
 */
export function jsonBytesFromValue(value: unknown, compression: JacksonCompression = 'auto'): Uint8Array {
  const bytes = value instanceof Uint8Array ? value : textEncoder.encode(JSON.stringify(value));
  return compressJackson(bytes, compression);
}

/**
 * CBOR bytes as Akka's jackson-cbor serializer (id 33) stores them (Jackson writes objects
 * as indefinite-length maps). A Uint8Array is taken as already-encoded CBOR.
 *
 * @example
 * cborBytesFromValue({ cartId: 'cart-1', eventTime: '2024-05-01T10:00:00Z' });
 */
export function cborBytesFromValue(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : cborFromValue(value);
}
