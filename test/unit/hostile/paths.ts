// Test helpers: one payload through the two paths a journal's bytes take, the same way the library
// wires them: a Cassandra load (eventsFromBatch over a RawEventBatch, as from-cassandra.ts calls it)
// and a Kafka stream (the akka format over raw record batches, inside the journal's limits, as
// from-kafka.ts builds it).
import { createRawBatch, pushRow } from '../../../src/cassandra/raw-batch.js';
import { eventsFromBatch } from '../../../src/decode/events-from-batch.js';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { eventFormatScanner } from '../../../src/decode/kafka-event-scan.js';
import { maybeDecodeLimits, withDecodeLimits } from '../../../src/decode/limits.js';
import { createDecoderRegistry, keepsJsonUnparsed } from '../../../src/decode/registry.js';
import { createAkkaFormat } from '../../../src/kafka/formats/akka-format.js';
import { eventOfChunk } from '../../../src/window/chunk-events.js';
import type { DecodeLimits } from '../../../src/types.js';
import { rawBatchesOf, recordBatchesOf } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { RawRecordCursor } from '../../../src/kafka/records/raw-record-cursor.js';
import type { RecordCursor } from '../../../src/kafka/records/record-cursor.js';
import { eventFormatBytes } from '../kafka/event-format-bytes.js';
import { kafkajsCodecs } from '../kafka/raw-records.js';

export interface Outcome {
  event: unknown;
  error: string | null;
}

const registry = createDecoderRegistry();

/** The row a Cassandra load makes of `bytes` (lazy JSON, as `eventTable` does by default). */
export function viaCassandra(serializerId: number, manifest: string, bytes: Uint8Array, limits?: Partial<DecodeLimits>): Outcome {
  const batch = createRawBatch(1);
  pushRow(batch, 'hostile-1', 0, 1, Date.now(), serializerId, manifest, bytes, 'w', null);
  const decoded = eventsFromBatch(batch, registry, {}, true, maybeDecodeLimits(limits, 'cassandraJournal'));
  return { event: decoded.events[0], error: decoded.errors?.[0] ?? null };
}

/** The row a Kafka stream (format 'akka') makes of `bytes` wrapped in an EventFormat record. */
export async function viaKafka(serializerId: number, manifest: string, bytes: Uint8Array, limits?: Partial<DecodeLimits>): Promise<Outcome> {
  const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry, keepUnparsed: keepsJsonUnparsed });
  const records = await rawRecordOf(Buffer.from('hostile-1'), eventFormatBytes('hostile-1', 1, serializerId, bytes, manifest));
  const chunk = withDecodeLimits(maybeDecodeLimits(limits, 'kafkaJournal'), () => toChunk('hostile', 0, records));
  const error = chunk.decodeError?.[0] ?? null;
  return { event: error === null ? eventOfChunk(chunk, 0) : null, error };
}

function varint(v: number): Buffer {
  const out: number[] = [];
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    out.push((u % 128) | 0x80);
    u = Math.floor(u / 128);
  }
  out.push(u);
  return Buffer.from(out);
}

/**
 * One record (offset 0) in a v2 record batch, read back the way a stream reads fetches. Built with
 * Buffers (raw-records.ts spreads bytes into push(), which overflows the stack on large values).
 */
export function rawRecordOf(key: Buffer | null, value: Buffer | null): Promise<RecordCursor> {
  return rawRecordsFrom([{ key, value }]);
}

/** Records at offsets 0, 1, … in one v2 record batch, read back the way a stream reads fetches. */
export async function rawRecordsFrom(records: readonly { key: Buffer | null; value: Buffer | null }[]): Promise<RecordCursor> {
  const field = (b: Buffer | null) => (b === null ? varint(-1) : Buffer.concat([varint(b.length), b]));
  const parts: Buffer[] = [];
  records.forEach(({ key, value }, i) => {
    const body = Buffer.concat([Buffer.from([0]), varint(0), varint(i), field(key), field(value), varint(0)]);
    parts.push(varint(body.length), body);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(0n, 0);
  header.writeInt32BE(61 - 12 + body.length, 8);
  header.writeInt8(2, 16);
  header.writeInt32BE(records.length - 1, 23);
  header.writeBigInt64BE(1_700_000_000_000n, 27);
  header.writeBigInt64BE(1_700_000_000_000n, 35);
  header.writeBigInt64BE(-1n, 43);
  header.writeInt32BE(records.length, 57);
  const batches = await recordBatchesOf(Buffer.concat([header, body]), kafkajsCodecs.lookupCodecByAttributes);
  return new RawRecordCursor(rawBatchesOf(batches) ?? [], 0);
}
