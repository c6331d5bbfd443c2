import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { RawEventBatch } from '../types.js';
import { DateColumn } from './date-column.js';
import { EventColumn, JsonArena, type JsonSlots } from './event-column.js';
import { appendValues, growableFloat64, growableInt32, pushValue, trimmed, type Growable } from './growable.js';
import { NullColumn } from './null-column.js';
import { DictionaryBuilder, DictionaryColumn } from './dictionary-column.js';


/** The decoded half of a batch (see decode/events-from-batch.ts); `lazy[i]` = 1: row i's payload is JSON left unparsed. */
export interface BatchEvents {
  events: unknown[];
  errors: (string | null)[] | null;
  lazy?: Uint8Array | null;
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
  const persistenceId = new DictionaryBuilder<string>();
  const partition = growableFloat64();
  const sequenceNr = growableFloat64();
  const timestampMs = growableFloat64();
  const serId = growableInt32();
  const manifest = new DictionaryBuilder<string>();
  // Made at the first row with a parsed event: a load of JSON events only has none.
  let event: unknown[] | null = null;
  const writerUuid = new DictionaryBuilder<string>();
  const tags = new DictionaryBuilder<readonly string[] | null>();
  let decodeError: (string | null)[] | null = null;
  let raw: (Uint8Array | null)[] | null = null;
  let length = 0;
  // JSON payloads left unparsed: their bytes, and per row where they are (length 0 = none).
  let json: JsonSlotsBuilder | null = null;
  const at = { start: 0 };

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
      const lazy = decoded.lazy ?? null;
      for (let i = 0; i < count; i++) {
        persistenceId.push(batch.persistenceId[i]!);
        manifest.push(batch.manifest[i]!);
        writerUuid.push(batch.writerUuid[i]!);
        tags.push(batch.tags[i]!);
      }
      if (event === null && !(lazy !== null && allSet(lazy, count))) event = new Array<unknown>(start);
      if (event !== null) for (let i = 0; i < count; i++) event.push(decoded.events[i]);
      if (lazy !== null && json === null) {
        json = { arena: new JsonArena(), block: growableInt32(), start: growableInt32(), length: growableInt32() };
        for (let i = 0; i < start; i++) pushSlot(json, 0, 0, 0);
      }
      if (json !== null) {
        for (let i = 0; i < count; i++) {
          if (lazy !== null && lazy[i] === 1) {
            const bytes = batch.payload[i]!;
            pushSlot(json, json.arena.add(bytes, at), at.start, bytes.length);
          } else {
            pushSlot(json, 0, 0, 0);
          }
        }
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
      const ids = trimmed(serId);
      // An empty manifest reads as the serializer's name: those rows get that name's code, in place.
      const typeCodes = trimmed(manifest.codes);
      const emptyCode = manifest.values.indexOf('');
      if (emptyCode >= 0) {
        const codeBySerializer = new Map<number, number>();
        for (let i = 0; i < length; i++) {
          if (typeCodes[i] !== emptyCode) continue;
          let code = codeBySerializer.get(ids[i]!);
          if (code === undefined) codeBySerializer.set(ids[i]!, (code = manifest.code(eventTypeFor(ids[i]!))));
          typeCodes[i] = code;
        }
      }
      const eventType = new DictionaryColumn(typeCodes, manifest.values);
      const timestamp = new DateColumn(trimmed(timestampMs));
      json?.arena.seal();
      const slots: JsonSlots | null = json === null ? null
        : { arena: json.arena, block: trimmed(json.block), start: trimmed(json.start), length: trimmed(json.length) };
      const columns: Record<string, unknown[] | Float64Array | Int32Array | DateColumn | EventColumn | NullColumn | DictionaryColumn<unknown>> = {
        persistenceId: persistenceId.finish(),
        partition: trimmed(partition),
        sequenceNr: trimmed(sequenceNr),
        timestamp,
        eventType,
        event: new EventColumn(event, slots, length),
        serId: ids,
        writerUuid: writerUuid.finish(),
        tags: tags.finish(),
        decodeError: decodeError ?? new NullColumn(length),
      };
      if (raw !== null) columns['raw'] = raw;
      return aq.table(columns as Parameters<typeof aq.table>[0]);
    },
  };
}

/** Where each row's unparsed JSON goes (see JsonSlots); block 0, start 0, length 0 = none. */
interface JsonSlotsBuilder {
  arena: JsonArena;
  block: Growable<Int32Array>;
  start: Growable<Int32Array>;
  length: Growable<Int32Array>;
}

function pushSlot(json: JsonSlotsBuilder, block: number, start: number, length: number): void {
  pushValue(json.block, block);
  pushValue(json.start, start);
  pushValue(json.length, length);
}

function allSet(flags: Uint8Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (flags[i] !== 1) return false;
  return true;
}
