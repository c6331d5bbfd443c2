// Test helpers: one payload through the two paths a journal's bytes take, the same way the library
// wires them: a Cassandra load (eventsFromBatch over a RawEventBatch, as from-cassandra.ts calls it)
// and a Kafka stream (the akka format over raw record batches, inside the journal's limits, as
// from-kafka.ts builds it).
import { createRawBatch, pushRow } from '../../../src/cassandra/raw-batch.js';
import { eventsFromBatch } from '../../../src/decode/events-from-batch.js';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { maybeDecodeLimits, withDecodeLimits } from '../../../src/decode/limits.js';
import { createDecoderRegistry, keepsJsonUnparsed } from '../../../src/decode/registry.js';
import { createAkkaFormat } from '../../../src/kafka/formats/akka-format.js';
import { eventOfChunk } from '../../../src/window/chunk-events.js';
import type { DecodeLimits } from '../../../src/types.js';
import { eventFormatBytes, message } from '../kafka/event-format-bytes.js';
import { rawRecordsOf } from '../kafka/raw-records.js';

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
  const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, registry, keepUnparsed: keepsJsonUnparsed });
  const records = await rawRecordsOf([message(eventFormatBytes('hostile-1', 1, serializerId, bytes, manifest), 'hostile-1')]);
  const chunk = withDecodeLimits(maybeDecodeLimits(limits, 'kafkaJournal'), () => toChunk('hostile', 0, records));
  const error = chunk.decodeError?.[0] ?? null;
  return { event: error === null ? eventOfChunk(chunk, 0) : null, error };
}
