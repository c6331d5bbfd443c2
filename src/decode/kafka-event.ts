// krasserm akka-persistence-kafka user-topic records (KafkaEventSerializer, id 15443),
// docs/journal-formats.md §4. proto2, all fields optional:
//   EventFormat     { 1 persistenceId string (0x0A) · 2 sequenceNr int64 (0x10) · 3 data EventDataFormat (0x1A) }
//   EventDataFormat { 1 serializerId int32 (0x08) · 2 data bytes (0x12) · 3 dataManifest bytes (0x1A) }
// EventDataFormat has the same field numbers and types as PersistentPayload, so one reader serves both.

import type { SerializedPayload } from '../types.js';
import { serializedPayloadFromProtobuf } from './persistent-payload.js';
import { WireReader } from './protobuf-wire.js';
import { stringFromUtf8 } from './utf8.js';

/** One record of a krasserm `events` topic. */
export interface KafkaEvent {
  persistenceId: string;
  sequenceNr: number;
  payload: SerializedPayload;
}

/**
 * Reads an EventFormat record value. The payload's bytes are a view into `bytes`; decode them with
 * the registry. Throws a RangeError on corrupt bytes.
 *
 * @example
 * const ev = kafkaEventFromBytes(message.value);
 * const value = registry.decode(ev.payload.serializerId, ev.payload.manifest, ev.payload.bytes);
 */
export function kafkaEventFromBytes(bytes: Uint8Array): KafkaEvent {
  const r = new WireReader(bytes);
  let persistenceId = '';
  let sequenceNr = 0;
  let payload: SerializedPayload | undefined;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 0x0a: { const v = r.bytesView(); persistenceId = v.length === 0 ? '' : stringFromUtf8(v); break; }
      case 0x10: {
        // Beyond ±(2^53−1) a number would be rounded to a neighbour: NaN, as the fast scanner gives.
        const v = r.int64();
        sequenceNr = typeof v === 'bigint' ? NaN : v;
        break;
      }
      case 0x1a: { const v = r.bytesView(); payload = serializedPayloadFromProtobuf(v); break; }
      default: r.skip(tag & 7);
    }
  }
  return { persistenceId, sequenceNr, payload: payload ?? { serializerId: 0, manifest: '', bytes: new Uint8Array(0) } };
}
