// Window rows → one Arquero table. Columns are copied out of the chunks in single passes with
// typed arrays for numbers; the only per-row objects made are the `timestamp` Dates, and those
// are made once per chunk and reused by every later refresh (cached beside the chunk).
import { table, type ColumnTable } from 'arquero';
import type { StreamChunk } from '../types.js';
import { ChunkEventColumn } from './chunk-events.js';
import { orderPerId } from './order-per-id.js';

/** Rows [start, end) of one chunk. */
export interface ChunkSpan {
  chunk: StreamChunk;
  start: number;
  end: number;
}

/** The column names of a stream table, in order. */
export const STREAM_COLUMNS = [
  'persistenceId', 'sequenceNr', 'event', 'eventType', 'topic', 'partition', 'offset', 'timestamp', 'decodeError', 'raw',
] as const;

const datesByChunk = new WeakMap<StreamChunk, Date[]>();

function datesOf(chunk: StreamChunk): Date[] {
  let dates = datesByChunk.get(chunk);
  if (dates === undefined) {
    const ts = chunk.timestampMs;
    const n = chunk.length;
    dates = new Array<Date>(n);
    for (let i = 0; i < n; i++) dates[i] = new Date(ts[i]);
    datesByChunk.set(chunk, dates);
  }
  return dates;
}

type Column = unknown[] | Float64Array | Int32Array;

function permuted<C extends Column>(column: C, perm: Int32Array): C {
  const out = (Array.isArray(column) ? new Array(column.length) : new (column.constructor as Float64ArrayConstructor)(column.length)) as C;
  for (let i = 0; i < perm.length; i++) (out as unknown[])[i] = column[perm[i]];
  return out;
}

/**
 * Builds the stream table from `spans`, keeping rows whose timestamp is at least `minTimestampMs`
 * (pass -Infinity for all) and at most the last `maxRows` of them; each persistence id's rows are
 * put in sequenceNr order (see orderPerId). Columns: see STREAM_COLUMNS; `decodeError` and `raw`
 * are null on decoded rows.
 *
 * @example
 * const t = tableFromSpans([{ chunk, start: 0, end: chunk.length }]);
 * t.numRows() === chunk.length;
 */
export function tableFromSpans(spans: readonly ChunkSpan[], minTimestampMs = -Infinity, maxRows = Infinity): ColumnTable {
  let n = 0;
  for (const { chunk, start, end } of spans) {
    if (minTimestampMs === -Infinity) n += end - start;
    else {
      const ts = chunk.timestampMs;
      for (let i = start; i < end; i++) if (ts[i] >= minTimestampMs) n++;
    }
  }
  let skip = n > maxRows ? n - maxRows : 0;
  n -= skip;
  // With unparsed JSON in any chunk, the event column points into the chunks instead of holding values.
  let lazy = false;
  for (const { chunk } of spans) if (chunk.json != null) lazy = true;
  const chunkList: StreamChunk[] = [];
  const chunkOf = new Int32Array(lazy ? n : 0);
  const rowOf = new Int32Array(lazy ? n : 0);

  const persistenceId = new Array<string>(n);
  const sequenceNr = new Float64Array(n);
  const event = new Array<unknown>(lazy ? 0 : n);
  const eventType = new Array<string | null>(n);
  const topic = new Array<string>(n);
  const partition = new Int32Array(n);
  const offset = new Float64Array(n);
  const timestamp = new Array<Date>(n);
  const decodeError = new Array<string | null>(n).fill(null);
  const raw = new Array<Uint8Array | null>(n).fill(null);

  // Written out with no row object or callback: a refresh of a 1M-row window is then a few copying
  // passes, and it runs every interval.
  let o = 0;
  for (const { chunk, start, end } of spans) {
    const ts = chunk.timestampMs;
    const dates = datesOf(chunk);
    const c = chunkList.length;
    if (lazy) chunkList.push(chunk);
    const errors = chunk.decodeError;
    for (let i = start; i < end; i++) {
      if (ts[i] < minTimestampMs) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      persistenceId[o] = chunk.persistenceId[i];
      sequenceNr[o] = chunk.sequenceNr[i];
      if (lazy) {
        chunkOf[o] = c;
        rowOf[o] = i;
      } else {
        event[o] = chunk.event[i];
      }
      eventType[o] = chunk.eventType[i];
      topic[o] = chunk.topic;
      partition[o] = chunk.partition;
      offset[o] = chunk.offset[i];
      timestamp[o] = dates[i];
      if (errors !== null && errors[i] !== null) {
        decodeError[o] = errors[i];
        raw[o] = chunk.raw?.[i] ?? null;
      }
      o++;
    }
  }

  const perm = orderPerId(persistenceId, sequenceNr, n);
  const columns: Record<string, Column | ChunkEventColumn> = { persistenceId, sequenceNr, event, eventType, topic, partition, offset, timestamp, decodeError, raw };
  if (perm !== null) {
    for (const name of STREAM_COLUMNS) if (name !== 'event' || !lazy) columns[name] = permuted(columns[name] as Column, perm);
  }
  if (lazy) columns['event'] = new ChunkEventColumn(chunkList, perm === null ? chunkOf : permuted(chunkOf, perm), perm === null ? rowOf : permuted(rowOf, perm));
  return table(columns as Record<string, Column>);
}

/**
 * One table of whole chunks (a micro-batch), same columns as a window table.
 *
 * @example
 * stream.onBatch((batch) => console.log(batch.numRows()));  // batches are built by tableFromChunks
 */
export function tableFromChunks(chunks: readonly StreamChunk[]): ColumnTable {
  return tableFromSpans(chunks.map((chunk) => ({ chunk, start: 0, end: chunk.length })));
}
