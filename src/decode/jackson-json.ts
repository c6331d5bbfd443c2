// Jackson JSON payloads (ids 31, 32 and the Lagom JSON ids): UTF-8 JSON, possibly compressed.
// Compression is detected the way Akka/Pekko's JacksonSerializer.decompress does (§2.1):
// `1F 8B` → gzip; `87 D9 6D F6` + BE int32 uncompressed length + LZ4 block → LZ4; else plain.

import { gunzipSync } from 'node:zlib';
import { decodeLimits, limitExceeded } from './limits.js';
import { lz4BlockDecompress } from './lz4-block.js';
import { stringFromUtf8 } from './utf8.js';

/** Big-endian int magic that Akka/Pekko put in front of an LZ4 block. */
export const LZ4_MAGIC = 0x87d96df6;

/**
 * The payload bytes without Jackson's compression (gzip or LZ4); the input itself when uncompressed.
 * Inflating stops at limits.maxEventBytes (a LimitExceededError): zlib's maxOutputLength ends
 * the inflate there, and an LZ4 length header is checked before anything is allocated.
 *
 * @example
 * const json = stringFromUtf8(uncompressedJacksonBytes(bytes));
 */
export function uncompressedJacksonBytes(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipWithin(bytes, decodeLimits().maxEventBytes);
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

// zlib's maxOutputLength must be a safe integer ≤ buffer.kMaxLength; Infinity means "no limit".
const MAX_BUFFER = 2 ** 32;

function gunzipWithin(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.min(maxBytes, MAX_BUFFER) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw limitExceeded('maxEventBytes', 'the gzip payload inflates past');
    throw error;
  }
}
