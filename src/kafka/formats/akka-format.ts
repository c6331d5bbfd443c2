// akka-persistence-kafka user-defined topics (journal-formats.md §4): key = persistenceId (UTF-8),
// value = KafkaEventSerializer (id 15443) bytes = protobuf EventFormat {1 persistenceId, 2 sequenceNr,
// 3 data EventDataFormat {1 serializerId, 2 data, 3 dataManifest}}; source krasserm/akka-persistence-kafka
// src/main/protobuf/EventFormats.proto. The envelope parser and the payload decoders are passed in
// (they live in decode/), so this file only maps records to columns.
import type { DecodeFn, DecoderRegistry, SerializedPayload } from '../../types.js';
import { eventFormatSlots, scanEventFormat } from '../../decode/kafka-event-scan.js';
import { stringFromUtf8 } from '../../decode/utf8.js';
import { emptyChunk, markUndecodable, numberFromDecimal, reasonOf, type ChunkFromMessages } from './chunk-builder.js';

export const defaults = {
  /** Distinct manifests kept as one shared string each. */
  internedStrings: 100_000,
};

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
 * const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, registry: createDecoderRegistry() });
 * const chunk = toChunk(batch.topic, batch.partition, batch.messages);
 */
export function createAkkaFormat({ eventFromBytes, registry, keepUnparsed }: AkkaFormatDeps): ChunkFromMessages {
  // Manifests repeat on almost every row: each distinct one is kept once, so a window of a million
  // rows does not hold a million copies. Bounded, so a stream of unique manifests cannot grow it.
  // (Persistence ids are not interned: the lookup of each fresh id cost more time than the copies
  // cost the garbage collector, measured with bench/kafka.bench.ts.)
  const interned = new Map<string, string>();
  const intern = (s: string): string => {
    const c = interned.get(s);
    if (c !== undefined) return c;
    if (interned.size < defaults.internedStrings) interned.set(s, s);
    return s;
  };
  // Consecutive rows mostly share serializer and manifest: the decoder is looked up once per run.
  let lastId = NaN;
  let lastManifest = '';
  let lastType: string | null = null;
  let lastDecode: DecodeFn | undefined;
  const slots = eventFormatSlots();
  // The bytes of the last manifest seen: a record whose manifest bytes match reuses its string.
  let lastManifestBytes = new Uint8Array(0);
  return (topic, partition, messages) => {
    const n = messages.length;
    const chunk = emptyChunk(topic, partition, n);
    const { persistenceId, sequenceNr, event, eventType, offset, timestampMs } = chunk;
    // Payloads kept unparsed: where they are first, copied into one buffer of the chunk at the end
    // (a view would pin kafkajs's whole fetch response).
    let unparsedFrom: (Uint8Array | undefined)[] | null = null;
    let unparsedStart: Int32Array | null = null;
    let unparsedEnd: Int32Array | null = null;
    let unparsedBytes = 0;
    let unparsedRows = 0;
    for (let i = 0; i < n; i++) {
      const message = messages[i];
      offset[i] = numberFromDecimal(message.offset);
      timestampMs[i] = numberFromDecimal(message.timestamp);
      const value = message.value;
      // The record's payload is src[dataStart, dataEnd).
      let src: Uint8Array;
      let dataStart: number;
      let dataEnd: number;
      let serializerId: number;
      let manifest: string;
      if (value !== null && scanEventFormat(value, slots)) {
        persistenceId[i] = slots.pidEnd > slots.pidStart ? stringFromUtf8(value, slots.pidStart, slots.pidEnd)
          : message.key === null ? '' : message.key.toString('utf8');
        sequenceNr[i] = slots.sequenceNr;
        serializerId = slots.serializerId;
        manifest = serializerId === lastId && sameBytes(value, slots.manifestStart, slots.manifestEnd, lastManifestBytes) ? lastManifest
          : slots.manifestEnd === slots.manifestStart ? '' : stringFromUtf8(value, slots.manifestStart, slots.manifestEnd);
        if (manifest !== lastManifest || serializerId !== lastId) lastManifestBytes = value.slice(slots.manifestStart, slots.manifestEnd);
        src = value;
        dataStart = slots.dataStart;
        dataEnd = slots.dataEnd;
      } else {
        // Not readable the fast way: the reference reader decides (and says why it is not a record).
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
        persistenceId[i] = fields.persistenceId || (message.key === null ? '' : message.key.toString('utf8'));
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
        lastType = manifest === '' ? null : intern(manifest);
        lastDecode = registry.lookup(serializerId, manifest);
      }
      eventType[i] = lastType;
      if (keepUnparsed !== undefined && lastDecode !== undefined && dataEnd > dataStart && keepUnparsed(lastDecode, src, dataStart, dataEnd)) {
        if (unparsedFrom === null) {
          unparsedFrom = new Array<Uint8Array | undefined>(n);
          unparsedStart = new Int32Array(n);
          unparsedEnd = new Int32Array(n);
        }
        unparsedFrom[i] = src;
        unparsedStart![i] = dataStart;
        unparsedEnd![i] = dataEnd;
        unparsedBytes += dataEnd - dataStart;
        unparsedRows++;
        continue;
      }
      const bytes = dataStart === 0 && dataEnd === src.length ? src : src.subarray(dataStart, dataEnd);
      try {
        if (lastDecode === undefined) throw undefined;
        event[i] = lastDecode(bytes, manifest, serializerId);
      } catch {
        // the registry's own call builds its DecodeError (which decoder, why, what to do)
        try {
          event[i] = registry.decode(serializerId, manifest, bytes);
        } catch (error) {
          markUndecodable(chunk, i, reasonOf(error), value);
        }
      }
    }
    if (unparsedFrom !== null) {
      const bytes = Buffer.allocUnsafeSlow(unparsedBytes);
      const start = new Int32Array(n);
      const length = new Int32Array(n);
      for (let i = 0, at = 0; i < n; i++) {
        const from = unparsedFrom[i];
        if (from === undefined) continue;
        const s0 = unparsedStart![i]!;
        const s1 = unparsedEnd![i]!;
        if (Buffer.isBuffer(from)) from.copy(bytes, at, s0, s1);
        else bytes.set(from.subarray(s0, s1), at);
        start[i] = at;
        length[i] = s1 - s0;
        at += s1 - s0;
      }
      chunk.json = { bytes, start, length };
      // Nothing parsed yet: no array of n empty slots for the window to hold (made on first read).
      if (unparsedRows === n) chunk.event = [];
    }
    return chunk;
  };
}

function sameBytes(a: Uint8Array, start: number, end: number, b: Uint8Array): boolean {
  if (end - start !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[start + i] !== b[i]) return false;
  return true;
}
