// krasserm/akka-persistence-kafka user-topic value: KafkaEventSerializer (id 15443) bytes =
// protobuf EventFormat (journal-formats.md §4, KK@HEAD src/main/protobuf/EventFormats.proto):
//   EventFormat     { 1 persistenceId string, 2 sequenceNr int64, 3 data EventDataFormat }
//   EventDataFormat { 1 serializerId int32, 2 data bytes, 3 dataManifest bytes (class name, only
//                     when the inner serializer includes a manifest) }
import { ProtoWriter } from './ProtoWriter.js';

export interface EventFormatFields {
  persistenceId: string;
  sequenceNr: number;
  serializerId: number;
  bytes: Uint8Array;
  /** Written as field 3 of EventDataFormat when non-empty. */
  manifest?: string;
}

const textEncoder = new TextEncoder();

/**
 * Encodes one `Event(persistenceId, sequenceNr, data)` as the plugin publishes it to `events`.
 *
 * @example
 * const value = eventFormatFromFields({ persistenceId: 'ShoppingCart|cart-1', sequenceNr: 3,
 *   serializerId: 31, bytes: new TextEncoder().encode('{"cartId":"cart-1"}'),
 *   manifest: 'com.example.cart.ShoppingCart$ItemAdded' });
 */
export function eventFormatFromFields(fields: EventFormatFields): Uint8Array {
  const data = new ProtoWriter();
  data.int32(1, fields.serializerId).bytes(2, fields.bytes);
  if (fields.manifest) data.bytes(3, textEncoder.encode(fields.manifest));
  const w = new ProtoWriter();
  w.string(1, fields.persistenceId).int64(2, fields.sequenceNr).bytes(3, data.finish());
  return w.finish();
}
