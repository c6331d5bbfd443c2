// Column storage for one fetch of one topic-partition, filled in place by a record format.
// `decodeError` and `raw` are allocated on the first undecodable row only.
import type { StreamChunk } from '../../types.js';
import type { RecordCursor } from '../records/record-cursor.js';

/**
 * Turns the records of one topic-partition fetch into columns; never throws on bad records.
 * Consumes the cursor.
 */
export type ChunkFromRecords = (topic: string, partition: number, records: RecordCursor) => StreamChunk;

/**
 * Allocates the columns for `n` rows; the caller fills them and may `trimChunk` afterwards.
 * With `events: false` the event column starts empty (a chunk whose JSON is kept unparsed may
 * never need it); `eventsOf` makes it when a row needs it.
 *
 * @example
 * const chunk = emptyChunk('events', 0, records.count);
 */
export function emptyChunk(topic: string, partition: number, n: number, { events = true } = {}): StreamChunk {
  return {
    length: n,
    topic,
    partition,
    persistenceId: new Array<string>(n),
    sequenceNr: new Float64Array(n),
    event: events ? new Array<unknown>(n) : [],
    eventType: new Array<string | null>(n),
    offset: new Float64Array(n),
    timestampMs: new Float64Array(n),
    decodeError: null,
    raw: null,
  };
}

/**
 * Marks row `i` undecodable: keeps `reason` and a copy of the value bytes (a copy, because
 * record values are views of the whole fetch response, which a kept view would pin in memory).
 *
 * @example
 * markUndecodable(chunk, i, 'not JSON: Unexpected token', records.value());
 */
export function markUndecodable(chunk: StreamChunk, i: number, reason: string, value: Uint8Array | null): void {
  if (chunk.decodeError === null) {
    chunk.decodeError = new Array<string | null>(chunk.length).fill(null);
    chunk.raw = new Array<Uint8Array | null>(chunk.length).fill(null);
  }
  chunk.decodeError[i] = reason;
  chunk.raw![i] = value === null ? null : new Uint8Array(value);
  eventsOf(chunk)[i] = null;
  if (chunk.eventType[i] === undefined) chunk.eventType[i] = null;
}

/**
 * The chunk's event column, made full length if it was left empty.
 *
 * @example
 * eventsOf(chunk)[i] = decoded;
 */
export function eventsOf(chunk: StreamChunk): unknown[] {
  if (chunk.event.length === 0 && chunk.length > 0) chunk.event = new Array<unknown>(chunk.length);
  return chunk.event;
}

/**
 * Shrinks a chunk to its first `n` rows (after a format or the cursor skipped records); no copy
 * when nothing was skipped.
 *
 * @example
 * return trimChunk(chunk, kept);
 */
export function trimChunk(chunk: StreamChunk, n: number): StreamChunk {
  if (n === chunk.length) return chunk;
  return {
    ...chunk,
    length: n,
    persistenceId: chunk.persistenceId.slice(0, n),
    sequenceNr: chunk.sequenceNr.slice(0, n),
    event: chunk.event.slice(0, n),
    eventType: chunk.eventType.slice(0, n),
    offset: chunk.offset.slice(0, n),
    timestampMs: chunk.timestampMs.slice(0, n),
    decodeError: chunk.decodeError && chunk.decodeError.slice(0, n),
    raw: chunk.raw && chunk.raw.slice(0, n),
    json: chunk.json == null ? null : { bytes: chunk.json.bytes, start: chunk.json.start.slice(0, n), length: chunk.json.length.slice(0, n) },
  };
}

/** The message text of anything thrown. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Counts the undecodable rows of a chunk.
 *
 * @example
 * undecodable += undecodableCount(chunk);
 */
export function undecodableCount(chunk: StreamChunk): number {
  const errors = chunk.decodeError;
  if (errors === null) return 0;
  let n = 0;
  for (let i = 0; i < chunk.length; i++) if (errors[i] !== null) n++;
  return n;
}
