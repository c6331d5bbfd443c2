// akka-persistence-kafka user-defined topics (docs/journal-formats.md §4): key = persistenceId (UTF-8),
// value = KafkaEventSerializer (id 15443) bytes = protobuf EventFormat {1 persistenceId, 2 sequenceNr,
// 3 data EventDataFormat {1 serializerId, 2 data, 3 dataManifest}}; source krasserm/akka-persistence-kafka
// src/main/protobuf/EventFormats.proto. The envelope parser, its allocation-free scanner and the
// payload decoders are passed in (they live in decode/), so this file only maps records to columns.
import type { DecodeFn, DecoderRegistry, SerializedPayload } from '../../types.js';
import type { EventFormatScanner } from '../../decode/kafka-event-scan.js';
import { Utf8StringCache } from '../../util/utf8-string-cache.js';
import { internString, type StringPool } from '../../util/string-pool.js';
import { UnparsedJson } from './unparsed-json.js';
import { keyString } from '../records/record-cursor.js';
import { emptyChunk, eventsOf, markUndecodable, reasonOf, trimChunk, type ChunkFromRecords } from './chunk-builder.js';

/** What the envelope parser returns (decode/kafka-event.ts `kafkaEventFromBytes`). */
export interface KafkaEventFields {
  persistenceId: string;
  sequenceNr: number;
  payload: SerializedPayload;
}

export interface AkkaFormatDeps {
  /** Parses EventFormat bytes; throws on bytes that are not one. */
  eventFromBytes: (bytes: Uint8Array) => KafkaEventFields;
  /** Reads EventFormat bytes in place, without allocating (decode/kafka-event-scan.ts `eventFormatScanner`). */
  scanner: EventFormatScanner;
  /** Decodes the inner payload by serializer id and manifest; throws DecodeError. */
  registry: DecoderRegistry;
  /**
   * When given, payloads for which it answers true (plain JSON that the built-in decoder would
   * parse, and that is valid) are kept as bytes and parsed when read (StreamChunk.json).
   */
  keepUnparsed?: (decode: DecodeFn, bytes: Uint8Array, start: number, end: number) => boolean;
}

/**
 * Creates the `akka` record format: one row per record, `eventType` = the payload manifest (null
 * when empty). A record that is not an EventFormat, or whose payload no decoder takes, becomes a
 * row with `decodeError` and its bytes in `raw`; its persistenceId falls back to the record key.
 *
 * @example
 * const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry: createDecoderRegistry() });
 * const chunk = toChunk(batch.topic, batch.partition, records);
 */
export function createAkkaFormat({ eventFromBytes, scanner, registry, keepUnparsed }: AkkaFormatDeps): ChunkFromRecords {
  // Manifests repeat on almost every row: each distinct one is kept once (util/string-pool.ts), so
  // a window of a million rows does not hold a million copies, even of manifests the byte cache
  // below has forgotten or that the reference reader made. Bounded: unique manifests cannot grow it.
  const eventTypes: StringPool = new Map();
  // Consecutive rows mostly share serializer and manifest: the decoder is looked up once per run.
  let lastId = NaN;
  let lastManifest = '';
  let lastType: string | null = null;
  let lastDecode: DecodeFn | undefined;
  const slots = scanner.slots();
  const scanEventFormat = scanner.scan; // one local function per format, called once per record
  // Strings by their bytes: a repeated id or manifest makes no new string.
  const ids = new Utf8StringCache();
  // (manifests are class names, some long: 256 bytes per slot)
  const manifests = new Utf8StringCache(1024, 256);
  return (topic, partition, records) => {
    const n = records.count;
    // no event column until a row is decoded now (lazy JSON rows need none)
    const chunk = emptyChunk(topic, partition, n, { events: keepUnparsed === undefined });
    const { persistenceId, sequenceNr, eventType, offset, timestampMs } = chunk;
    const unparsed = new UnparsedJson(n);
    let i = 0;
    for (; records.next(); i++) {
      offset[i] = records.offset;
      timestampMs[i] = records.timestampMs;
      const value = records.valueBytes;
      const valueStart = records.valueStart;
      // The record's payload is src[dataStart, dataEnd).
      let src: Uint8Array;
      let dataStart: number;
      let dataEnd: number;
      let serializerId: number;
      let manifest: string;
      if (valueStart >= 0 && scanEventFormat(value, slots, valueStart, records.valueEnd)) {
        persistenceId[i] = slots.pidEnd > slots.pidStart ? ids.get(value, slots.pidStart, slots.pidEnd) : keyString(records);
        sequenceNr[i] = slots.sequenceNr;
        serializerId = slots.serializerId;
        manifest = slots.manifestEnd === slots.manifestStart ? '' : manifests.get(value, slots.manifestStart, slots.manifestEnd);
        src = value;
        dataStart = slots.dataStart;
        dataEnd = slots.dataEnd;
      } else {
        // Not readable the fast way: the reference reader decides (and says why it is not a record).
        let fields: KafkaEventFields;
        const bytes = records.value();
        try {
          if (bytes === null) throw new Error('the record has no value (a tombstone)');
          fields = eventFromBytes(bytes);
        } catch (error) {
          persistenceId[i] = keyString(records);
          sequenceNr[i] = NaN;
          markUndecodable(chunk, i, `not an akka-persistence-kafka EventFormat record: ${reasonOf(error)}`, bytes);
          continue;
        }
        persistenceId[i] = fields.persistenceId || keyString(records);
        sequenceNr[i] = fields.sequenceNr;
        serializerId = fields.payload.serializerId;
        manifest = fields.payload.manifest;
        src = fields.payload.bytes;
        dataStart = 0;
        dataEnd = src.length;
      }
      if (serializerId !== lastId || manifest !== lastManifest) {
        lastId = serializerId;
        lastManifest = manifest;
        lastType = manifest === '' ? null : internString(eventTypes, manifest);
        lastDecode = registry.lookup(serializerId, manifest);
      }
      eventType[i] = lastType;
      if (keepUnparsed !== undefined && lastDecode !== undefined && dataEnd > dataStart && keepUnparsed(lastDecode, src, dataStart, dataEnd)) {
        unparsed.add(i, src, dataStart, dataEnd);
        continue;
      }
      const bytes = dataStart === 0 && dataEnd === src.length ? src : src.subarray(dataStart, dataEnd);
      try {
        if (lastDecode === undefined) throw undefined;
        eventsOf(chunk)[i] = lastDecode(bytes, manifest, serializerId);
      } catch {
        // the registry's own call builds its DecodeError (which decoder, why, what to do)
        try {
          eventsOf(chunk)[i] = registry.decode(serializerId, manifest, bytes);
        } catch (error) {
          markUndecodable(chunk, i, reasonOf(error), records.value());
        }
      }
    }
    chunk.json = unparsed.finish();
    return trimChunk(chunk, i);
  };
}
