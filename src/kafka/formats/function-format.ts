// A record format written by the user: a function from one record to the row's fields.
import type { IHeaders } from 'kafkajs';
import { keyString } from '../records/record-cursor.js';
import { emptyChunk, markUndecodable, reasonOf, trimChunk, type ChunkFromRecords } from './chunk-builder.js';

/** One Kafka record as a format function sees it. */
export interface StreamMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  topic: string;
  partition: number;
  offset: number;
  timestamp: Date;
}

/** What a format function returns for one record; null or undefined skips the record. */
export interface StreamRecordFields {
  persistenceId: string;
  sequenceNr: number | bigint | string;
  event: unknown;
  eventType?: string | null;
}

/** A user's record format. Throwing marks the record undecodable (it is kept, with `decodeError`). */
export type MessageFormatFn = (message: StreamMessage) => StreamRecordFields | null | undefined;

/**
 * Wraps a user's format function. Records for which it returns null/undefined are left out;
 * records for which it throws, or returns something without a string persistenceId, are kept as
 * rows with `decodeError` and their bytes in `raw`.
 *
 * @example
 * const toChunk = createFunctionFormat((m) => ({
 *   persistenceId: m.key!.toString(), sequenceNr: Number(m.headers.seq), event: m.value!.toString(),
 * }));
 */
export function createFunctionFormat(format: MessageFormatFn): ChunkFromRecords {
  return (topic, partition, records) => {
    const chunk = emptyChunk(topic, partition, records.count);
    let o = 0;
    while (records.next()) {
      const offset = records.offset;
      const timestampMs = records.timestampMs;
      chunk.offset[o] = offset;
      chunk.timestampMs[o] = timestampMs;
      const value = records.value();
      let fields: StreamRecordFields | null | undefined;
      try {
        fields = format({
          key: records.key(), value, headers: records.headers(), topic, partition, offset,
          timestamp: new Date(timestampMs),
        });
        if (fields === null || fields === undefined) continue;
        if (typeof fields !== 'object' || typeof fields.persistenceId !== 'string') {
          throw new Error(`the format function must return { persistenceId: string, sequenceNr, event }, got ${JSON.stringify(fields)}`);
        }
      } catch (error) {
        chunk.persistenceId[o] = keyString(records);
        chunk.sequenceNr[o] = NaN;
        chunk.eventType[o] = null;
        markUndecodable(chunk, o, `format function failed: ${reasonOf(error)}`, value);
        o++;
        continue;
      }
      chunk.persistenceId[o] = fields.persistenceId;
      chunk.sequenceNr[o] = Number(fields.sequenceNr);
      chunk.event[o] = fields.event;
      chunk.eventType[o] = fields.eventType ?? null;
      if (chunk.decodeError !== null) chunk.decodeError[o] = null;
      o++;
    }
    return trimChunk(chunk, o);
  };
}
