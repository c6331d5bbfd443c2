// akka-persistence-kafka user-defined topics (journal-formats.md §4): key = persistenceId (UTF-8),
// value = KafkaEventSerializer (id 15443) bytes = protobuf EventFormat {1 persistenceId, 2 sequenceNr,
// 3 data EventDataFormat {1 serializerId, 2 data, 3 dataManifest}}; source krasserm/akka-persistence-kafka
// src/main/protobuf/EventFormats.proto. The envelope parser and the payload decoders are passed in
// (they live in decode/), so this file only maps records to columns.
import type { DecoderRegistry, SerializedPayload } from '../../types.js';
import { emptyChunk, markUndecodable, reasonOf, type ChunkFromMessages } from './chunk-builder.js';

/** What the envelope parser returns (decode/kafka-event.ts `kafkaEventFromBytes`). */
export interface KafkaEventFields {
  persistenceId: string;
  sequenceNr: number;
  payload: SerializedPayload;
}

export interface AkkaFormatDeps {
  /** Parses EventFormat bytes; throws on bytes that are not one. */
  eventFromBytes: (bytes: Uint8Array) => KafkaEventFields;
  /** Decodes the inner payload by serializer id and manifest; throws DecodeError. */
  registry: DecoderRegistry;
}

/**
 * Creates the `akka` record format: one row per record, `eventType` = the payload manifest (null
 * when empty). A record that is not an EventFormat, or whose payload no decoder takes, becomes a
 * row with `decodeError` and its bytes in `raw`; its persistenceId falls back to the record key.
 *
 * @example
 * const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, registry: createDecoderRegistry() });
 * const chunk = toChunk(batch.topic, batch.partition, batch.messages);
 */
export function createAkkaFormat({ eventFromBytes, registry }: AkkaFormatDeps): ChunkFromMessages {
  return (topic, partition, messages) => {
    const n = messages.length;
    const chunk = emptyChunk(topic, partition, n);
    const { persistenceId, sequenceNr, event, eventType, offset, timestampMs } = chunk;
    for (let i = 0; i < n; i++) {
      const message = messages[i];
      offset[i] = Number(message.offset);
      timestampMs[i] = Number(message.timestamp);
      const value = message.value;
      let fields: KafkaEventFields;
      try {
        if (value === null) throw new Error('the record has no value (a tombstone)');
        fields = eventFromBytes(value);
      } catch (error) {
        persistenceId[i] = message.key === null ? '' : message.key.toString('utf8');
        sequenceNr[i] = NaN;
        markUndecodable(chunk, i, `not an akka-persistence-kafka EventFormat record: ${reasonOf(error)}`, value);
        continue;
      }
      const { serializerId, manifest, bytes } = fields.payload;
      persistenceId[i] = fields.persistenceId || (message.key === null ? '' : message.key.toString('utf8'));
      sequenceNr[i] = fields.sequenceNr;
      eventType[i] = manifest === '' ? null : manifest;
      try {
        event[i] = registry.decode(serializerId, manifest, bytes);
      } catch (error) {
        markUndecodable(chunk, i, reasonOf(error), value);
      }
    }
    return chunk;
  };
}
