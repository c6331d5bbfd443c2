// PersistentMessage (MessageSerializer id 7; the legacy `message` column and Kafka journal topics),
// docs/journal-formats.md §3.1. Fields: 1 payload PersistentPayload (0x0A) · 2 sequenceNr int64
// (0x10) · 3 persistenceId (0x1A) · 4 deleted bool (0x20) · 6 redeliveries, 7 confirms,
// 8 confirmable, 9 confirmMessage, 10 confirmTarget (2.3 only, skipped) · 11 sender (skipped) ·
// 12 manifest (0x62) · 13 writerUuid (0x6A) · 14 timestamp sint64 (0x70) · 15 metadata (skipped
// here; see persistentReprMetadataFromBytes).

import type { PersistentReprFields, SerializedPayload } from '../types.js';
import { serializedPayloadFromProtobuf } from './persistent-payload.js';
import { WireReader } from './protobuf-wire.js';
import { stringFromUtf8 } from './utf8.js';

const NO_PAYLOAD: SerializedPayload = Object.freeze({ serializerId: 0, manifest: '', bytes: new Uint8Array(0) }) as SerializedPayload;

/**
 * Reads the fields of a serialized PersistentRepr (Akka 2.3 … 2.10, Pekko). The payload's bytes
 * are a view into `bytes`; decode them with `registry.decode(p.serializerId, p.manifest, p.bytes)`.
 * Missing fields read as 0 / '' / false (proto2 optional). Throws a RangeError on corrupt bytes.
 *
 * @example
 * const repr = persistentReprFromBytes(row.message);
 * const event = registry.decode(repr.payload.serializerId, repr.payload.manifest, repr.payload.bytes);
 */
export function persistentReprFromBytes(bytes: Uint8Array): PersistentReprFields {
  const r = new WireReader(bytes);
  let payload = NO_PAYLOAD;
  let sequenceNr = 0;
  let persistenceId = '';
  let eventManifest = '';
  let writerUuid = '';
  let timestamp = 0;
  let deleted = false;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 0x0a: { const v = r.bytesView(); payload = serializedPayloadFromProtobuf(v); break; }
      case 0x10: sequenceNr = Number(r.int64()); break;
      case 0x1a: persistenceId = utf8(r.bytesView()); break;
      case 0x20: deleted = r.bool(); break;
      case 0x62: eventManifest = utf8(r.bytesView()); break;
      case 0x6a: writerUuid = utf8(r.bytesView()); break;
      case 0x70: timestamp = Number(r.sint64()); break;
      default: r.skip(tag & 7);
    }
  }
  return { payload, sequenceNr, persistenceId, eventManifest, writerUuid, timestamp, deleted };
}

/**
 * The optional metadata payload (field 15, Akka 2.6.9+) of a serialized PersistentRepr, or
 * undefined when there is none.
 *
 * @example
 * const meta = persistentReprMetadataFromBytes(row.message);
 * if (meta) registry.decode(meta.serializerId, meta.manifest, meta.bytes);
 */
export function persistentReprMetadataFromBytes(bytes: Uint8Array): SerializedPayload | undefined {
  const r = new WireReader(bytes);
  let meta: SerializedPayload | undefined;
  while (r.more()) {
    const tag = r.tag();
    if (tag === 0x7a) { const v = r.bytesView(); meta = serializedPayloadFromProtobuf(v); } else r.skip(tag & 7);
  }
  return meta;
}

function utf8(v: Uint8Array): string {
  return v.length === 0 ? '' : stringFromUtf8(v);
}
