// PersistentMessage protobuf (akka-persistence MessageFormats.proto, proto2): the whole
// PersistentRepr as MessageSerializer (id 7) writes it into the legacy `message` column
// and into akka-persistence-kafka journal topics (docs/journal-formats.md §3.1).
//   PersistentMessage { 1 payload PersistentPayload, 2 sequenceNr int64, 3 persistenceId string,
//     4 deleted bool, 6 redeliveries int32, 8 confirmable bool (these three: Akka 2.3 only),
//     11 sender string, 12 manifest string, 13 writerUuid string,
//     14 timestamp sint64 (epoch ms, only when > 0; Akka 2.5.28+/2.6.2+) }
//   PersistentPayload { 1 serializerId int32, 2 payload bytes, 3 payloadManifest bytes }
import { ProtoWriter } from './ProtoWriter.js';

/** The fields of one PersistentRepr; optional ones are left out of the bytes when absent. */
export interface PersistentMessageFields {
  payload: { serializerId: number; bytes: Uint8Array; manifest?: string };
  sequenceNr: number;
  persistenceId: string;
  /** Event-adapter manifest (field 12), written when non-empty (Akka 2.4+). */
  eventManifest?: string;
  /** Field 13, written when non-empty (Akka 2.4+). */
  writerUuid?: string;
  /** Epoch ms (field 14, sint64), written only when > 0. */
  timestamp?: number;
  /** Field 4: Akka 2.3 always wrote it (false unless deleted); leave undefined for 2.4+ bytes. */
  deleted?: boolean;
  /** Field 6: Akka 2.3 always wrote it (0 unless redelivered through a channel). */
  redeliveries?: number;
  /** Field 8: Akka 2.3 always wrote it (false unless sent through a channel). */
  confirmable?: boolean;
  /** Field 11: sender actor path (Akka 2.3 data only). */
  sender?: string;
}

const textEncoder = new TextEncoder();

/** PersistentPayload bytes: serializer id, payload, and the manifest when non-empty. */
export function persistentPayloadFromFields(payload: PersistentMessageFields['payload']): Uint8Array {
  const w = new ProtoWriter();
  w.int32(1, payload.serializerId).bytes(2, payload.bytes);
  if (payload.manifest) w.bytes(3, textEncoder.encode(payload.manifest));
  return w.finish();
}

/**
 * Encodes a PersistentRepr as MessageSerializer's `PersistentMessage`, fields in number order
 * as protobuf-java writes them.
 *
 * @example
 * const bytes = persistentMessageFromFields({
 *   payload: { serializerId: 20, bytes: new TextEncoder().encode('hello') },
 *   sequenceNr: 1, persistenceId: 'p-1', writerUuid: 'w-1',
 * });
 */
export function persistentMessageFromFields(fields: PersistentMessageFields): Uint8Array {
  const w = new ProtoWriter();
  w.bytes(1, persistentPayloadFromFields(fields.payload));
  w.int64(2, fields.sequenceNr);
  w.string(3, fields.persistenceId);
  if (fields.deleted !== undefined) w.bool(4, fields.deleted);
  if (fields.redeliveries !== undefined) w.int32(6, fields.redeliveries);
  if (fields.confirmable !== undefined) w.bool(8, fields.confirmable);
  if (fields.sender) w.string(11, fields.sender);
  if (fields.eventManifest) w.string(12, fields.eventManifest);
  if (fields.writerUuid) w.string(13, fields.writerUuid);
  if (fields.timestamp !== undefined && fields.timestamp > 0) w.sint64(14, fields.timestamp);
  return w.finish();
}
