// krasserm akka-persistence-kafka snapshot records (KafkaSnapshotSerializer, id 15442; topic
// `snapshot-<journal topic>`), docs/journal-formats.md §4: int32 LITTLE-endian length N · N bytes
// protobuf SnapshotMetadataFormat { 1 persistenceId string · 2 sequenceNr int64 · 3 timestamp int64 }
// · SnapshotSerializer bytes (§3.3: LE header length, LE serializer id + manifest, payload).

import type { SerializedPayload } from '../types.js';
import { WireReader } from './protobuf-wire.js';
import { serializedPayloadFromSnapshot } from './snapshot.js';
import { stringFromUtf8 } from './utf8.js';

/** One record of a krasserm snapshot topic. */
export interface KafkaSnapshot {
  persistenceId: string;
  sequenceNr: number;
  /** Epoch ms, 0 when absent. */
  timestamp: number;
  payload: SerializedPayload;
}

/**
 * Reads a KafkaSnapshotSerializer record value; the payload's bytes are a view into `bytes`.
 * Throws a RangeError on corrupt bytes.
 *
 * @example
 * const snap = kafkaSnapshotFromBytes(message.value);
 * const state = registry.decode(snap.payload.serializerId, snap.payload.manifest, snap.payload.bytes);
 */
export function kafkaSnapshotFromBytes(bytes: Uint8Array): KafkaSnapshot {
  if (bytes.length < 4) throw new RangeError(`a Kafka snapshot record has at least 4 bytes, this one has ${bytes.length}`);
  const n = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24);
  if (n < 0 || 4 + n > bytes.length) throw new RangeError(`snapshot metadata length ${n} does not fit in ${bytes.length} bytes`);
  const r = new WireReader(bytes, 4, 4 + n);
  let persistenceId = '';
  let sequenceNr = 0;
  let timestamp = 0;
  while (r.more()) {
    const tag = r.tag();
    if (tag === 0x0a) persistenceId = stringFromUtf8(r.bytesView());
    else if (tag === 0x10) sequenceNr = Number(r.int64());
    else if (tag === 0x18) timestamp = Number(r.int64());
    else r.skip(tag & 7);
  }
  return { persistenceId, sequenceNr, timestamp, payload: serializedPayloadFromSnapshot(bytes.subarray(4 + n)) };
}
