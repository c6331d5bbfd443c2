// Jackson JSON payloads (ids 31, 32 and the Lagom JSON ids): UTF-8 JSON, possibly compressed.
// Compression is detected the way Akka/Pekko's JacksonSerializer.decompress does (§2.1):
// `1F 8B` → gzip; `87 D9 6D F6` + BE int32 uncompressed length + LZ4 block → LZ4; else plain.

import { gunzipSync } from 'node:zlib';
import { lz4BlockDecompress } from './lz4-block.js';
import { stringFromUtf8 } from './utf8.js';

/** Big-endian int magic that Akka/Pekko put in front of an LZ4 block. */
export const LZ4_MAGIC = 0x87d96df6;

/**
 * The payload bytes without Jackson's compression (gzip or LZ4); the input itself when uncompressed.
 *
 * @example
 * const json = stringFromUtf8(uncompressedJacksonBytes(bytes));
 */
export function uncompressedJacksonBytes(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  if (n >= 8 && bytes[0] === 0x87 && bytes[1] === 0xd9 && bytes[2] === 0x6d && bytes[3] === 0xf6) {
    const length = ((bytes[4]! << 24) | (bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0;
    return lz4BlockDecompress(bytes.subarray(8), length);
  }
  return bytes;
}

/**
 * Decodes a Jackson JSON payload (plain, gzip or LZ4) with JSON.parse.
 *
 * @example
 * jsonFromJacksonBytes(Buffer.from('{"a":1}')); // { a: 1 }
 */
export function jsonFromJacksonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(stringFromUtf8(uncompressedJacksonBytes(bytes)));
}
