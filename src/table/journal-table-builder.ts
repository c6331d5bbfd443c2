import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { RawEventBatch } from '../types.js';
import { DateColumn } from './date-column.js';
import { appendValues, filled, growableFloat64, growableInt32 } from './growable.js';


/** The decoded half of a batch (see decode/events-from-batch.ts). */
export interface BatchEvents {
  events: unknown[];
  errors: (string | null)[] | null;
}

/** Accumulates decoded batches into the columns of a journal table. */
export interface JournalTableBuilder {
  readonly length: number;
  /** Appends the first `count` rows (default all) of a batch and its decoded events. */
  append(batch: RawEventBatch, decoded: BatchEvents, count?: number): void;
  /** The Arquero table: persistenceId, partition, sequenceNr, timestamp, eventType, event, serId, writerUuid, tags, decodeError (+ raw). */
  toTable(eventTypeFor: (serializerId: number) => string): ColumnTable;
}

/**
 * A builder whose numeric columns are typed arrays and whose other columns are plain arrays; raw
 * payload bytes are kept only for rows that could not be decoded, so a load does not hold twice
 * the journal in memory.
 *
 * @example
 * const builder = createJournalTableBuilder();
 * builder.append(batch, eventsFromBatch(batch, registry, {}));
 * const table = builder.toTable(serializerName);
 */
export function createJournalTableBuilder(): JournalTableBuilder {
  const persistenceId: string[] = [];
  const partition = growableFloat64();
  const sequenceNr = growableFloat64();
  const timestampMs = growableFloat64();
  const serId = growableInt32();
  const manifest: string[] = [];
  const event: unknown[] = [];
  const writerUuid: string[] = [];
  const tags: (readonly string[] | null)[] = [];
  let decodeError: (string | null)[] | null = null;
  let raw: (Uint8Array | null)[] | null = null;
  let length = 0;

  return {
    get length() {
      return length;
    },
    append(batch, decoded, count = batch.length) {
      const start = length;
      appendValues(partition, batch.partition, count);
      appendValues(sequenceNr, batch.sequenceNr, count);
      appendValues(timestampMs, batch.timestampMs, count);
      appendValues(serId, batch.serializerId, count);
      for (let i = 0; i < count; i++) {
        persistenceId.push(batch.persistenceId[i]!);
        manifest.push(batch.manifest[i]!);
        event.push(decoded.events[i]);
        writerUuid.push(batch.writerUuid[i]!);
        tags.push(batch.tags[i]!);
      }
      length += count;
      const errors = decoded.errors;
      if (errors !== null) {
        if (decodeError === null) {
          decodeError = new Array<string | null>(start).fill(null);
          raw = new Array<Uint8Array | null>(start).fill(null);
        }
        for (let i = 0; i < count; i++) {
          decodeError.push(errors[i]!);
          // A copy: the payload may be a view of the driver's network buffer.
          const payload = batch.payload[i]!;
          raw!.push(errors[i] === null || payload === null ? null : Uint8Array.prototype.slice.call(payload));
        }
      } else if (decodeError !== null) {
        for (let i = 0; i < count; i++) {
          decodeError.push(null);
          raw!.push(null);
        }
      }
    },
    toTable(eventTypeFor) {
      const ids = filled(serId).slice();
      // The manifests become the eventType column in place: one array, not two, at the peak.
      const eventType = manifest;
      for (let i = 0; i < length; i++) {
        if (eventType[i] === '') eventType[i] = eventTypeFor(ids[i]!);
      }
      const timestamp = new DateColumn(filled(timestampMs).slice());
      const columns: Record<string, unknown[] | Float64Array | Int32Array | DateColumn> = {
        persistenceId,
        // Copies at the exact length let the doubled growth buffers go.
        partition: filled(partition).slice(),
        sequenceNr: filled(sequenceNr).slice(),
        timestamp,
        eventType,
        event,
        serId: ids,
        writerUuid,
        tags,
        decodeError: decodeError ?? new Array<null>(length).fill(null),
      };
      if (raw !== null) columns['raw'] = raw;
      return aq.table(columns as Parameters<typeof aq.table>[0]);
    },
  };
}
