// PersistentPayload (akka-persistence MessageFormats.proto, proto2), the (serializer id, manifest,
// bytes) triple nested in PersistentMessage, snapshots, FSM snapshots and CompositeMetadata:
//   1 serializerId int32 (0x08) · 2 payload bytes (0x12) · 3 payloadManifest bytes, UTF-8 (0x1A)

import type { SerializedPayload } from '../types.js';
import { WireReader } from './protobuf-wire.js';
import { stringFromUtf8 } from './utf8.js';

const EMPTY = new Uint8Array(0);

/**
 * Reads a PersistentPayload message from `bytes[start, end)`. `bytes` of the result is a view
 * into the input (no copy).
 *
 * @example
 * const { serializerId, manifest, bytes: inner } = serializedPayloadFromProtobuf(bytes);
 */
export function serializedPayloadFromProtobuf(bytes: Uint8Array, start = 0, end = bytes.length): SerializedPayload {
  const r = new WireReader(bytes, start, end);
  let serializerId = 0;
  let manifest = '';
  let payload = EMPTY;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 0x08: serializerId = r.int32(); break;
      case 0x12: payload = r.bytesView(); break;
      case 0x1a: { const m = r.bytesView(); manifest = m.length === 0 ? '' : stringFromUtf8(m); break; }
      default: r.skip(tag & 7);
    }
  }
  return { serializerId, manifest, bytes: payload };
}
