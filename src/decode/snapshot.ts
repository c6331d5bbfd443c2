// Serializer 8, akka-persistence SnapshotSerializer (legacy `snapshot` column, Kafka snapshots),
// docs/journal-formats.md §3.3: int32 LE header length H · header = int32 LE serializer id +
// UTF-8 manifest (H − 4 bytes, may be empty) · the inner payload bytes.

import type { DecoderRegistry, DecodeFn, SerializedPayload } from '../types.js';
import { stringFromUtf8 } from './utf8.js';

/**
 * Splits a SnapshotSerializer blob into the inner payload triple (`bytes` is a view, no copy).
 * Throws a RangeError when the header does not fit.
 *
 * @example
 * const inner = serializedPayloadFromSnapshot(row.snapshot);
 */
export function serializedPayloadFromSnapshot(bytes: Uint8Array): SerializedPayload {
  if (bytes.length < 8) throw new RangeError(`a snapshot blob has at least 8 bytes, this one has ${bytes.length}`);
  const headerLength = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
  if (headerLength < 4 || 4 + headerLength > bytes.length) {
    throw new RangeError(`snapshot header length ${headerLength} does not fit in ${bytes.length} bytes`);
  }
  const serializerId = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  const manifest = headerLength > 4 ? stringFromUtf8(bytes, 8, 4 + headerLength) : '';
  return { serializerId, manifest, bytes: bytes.subarray(4 + headerLength) };
}

/**
 * A decoder for serializer 8 that decodes the snapshot's payload through `registry`.
 *
 * @example
 * registry.register(8, snapshotDecoder(registry));
 */
export function snapshotDecoder(registry: DecoderRegistry): DecodeFn {
  return function decodeSnapshot(bytes) {
    const p = serializedPayloadFromSnapshot(bytes);
    return registry.decode(p.serializerId, p.manifest, p.bytes);
  };
}
