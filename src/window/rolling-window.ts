// A rolling window over stream chunks, bounded by record time and/or event count.
//
// Storage: the chunks themselves (columnar, one per topic-partition fetch) in arrival order, each
// with a start index that eviction advances, so adding and evicting cost O(1) amortised per event
// and nothing is copied until a table is asked for.
//
// Time: the window ends at the newest record timestamp seen (event time, not arrival time), so
// replaying history from 'earliest' shows the history's own windows and an idle topic keeps its
// last window on screen. Records stamped more than `futureToleranceMs` ahead of the local clock
// do not move that end (one bad producer clock would otherwise empty the window). Records arrive
// roughly in time order, so eviction trims from the oldest chunk; a late record behind a newer
// one is dropped from tables at once and from memory when it reaches the front. The count cap
// (`maxEvents`) bounds memory in every case.
//
// Dedupe: (persistenceId, sequenceNr) pairs in the window are indexed; a pair seen again is
// dropped on arrival. Rows without both (undecodable ones) are keyed by topic/partition and offset.
import type { ColumnTable } from 'arquero';
import type { StreamChunk } from '../types.js';
import { createDedupeIndex } from './dedupe-index.js';
import type { WindowSpec } from './maybe-window.js';
import { tableFromSpans, type ChunkSpan } from './table-from-spans.js';

export const defaults = {
  /** Timestamps further ahead of the local clock than this do not advance the window's end. */
  futureToleranceMs: 60_000,
  /** Compact the chunk list once this many evicted entries sit at its front. */
  compactAfter: 1024,
};

export interface RollingWindowOptions {
  /** Clock used for the future-timestamp guard; default Date.now. */
  nowMs?: () => number;
  /** Default 60000. */
  futureToleranceMs?: number;
}

/** A window's state; `table()` is its content. */
export interface RollingWindow {
  /** Adds a chunk; returns the rows kept (duplicates removed), the same object when none were dropped. */
  append(chunk: StreamChunk): StreamChunk;
  /** The current window as an Arquero table (see tableFromSpans for the columns). */
  table(): ColumnTable;
  /** Rows held in memory; an upper bound of `table().numRows()`. */
  readonly size: number;
  /** Chunks held in memory. */
  readonly chunks: number;
  /** Redelivered events dropped so far. */
  readonly duplicates: number;
  /** End of the time window: the newest accepted record timestamp (epoch ms), -Infinity before any. */
  readonly endMs: number;
  /** Persistence ids indexed for dedupe (bounded by the window). */
  readonly indexedIds: number;
  clear(): void;
}

const EMPTY: StreamChunk = {
  length: 0, topic: '', partition: 0, persistenceId: [], sequenceNr: new Float64Array(0), event: [], eventType: [],
  offset: new Float64Array(0), timestampMs: new Float64Array(0), decodeError: null, raw: null,
};

interface Entry extends ChunkSpan {
  maxTs: number;
  keyless: string;
}

function subset(chunk: StreamChunk, keep: Uint8Array, kept: number): StreamChunk {
  const pick = <T>(column: T[]): T[] => {
    const out = new Array<T>(kept);
    for (let i = 0, o = 0; i < chunk.length; i++) if (keep[i]) out[o++] = column[i];
    return out;
  };
  const pickNumbers = <C extends Float64Array | Int32Array>(column: C): C => {
    const out = new (column.constructor as new (n: number) => C)(kept);
    for (let i = 0, o = 0; i < chunk.length; i++) if (keep[i]) out[o++] = column[i]!;
    return out;
  };
  return {
    length: kept,
    topic: chunk.topic,
    partition: chunk.partition,
    persistenceId: pick(chunk.persistenceId),
    sequenceNr: pickNumbers(chunk.sequenceNr),
    event: pick(chunk.event),
    eventType: pick(chunk.eventType),
    offset: pickNumbers(chunk.offset),
    timestampMs: pickNumbers(chunk.timestampMs),
    decodeError: chunk.decodeError && pick(chunk.decodeError),
    raw: chunk.raw && pick(chunk.raw),
    json: chunk.json == null ? null : { bytes: chunk.json.bytes, start: pickNumbers(chunk.json.start), length: pickNumbers(chunk.json.length) },
  };
}

/**
 * Creates an empty rolling window for `spec` (see maybeWindow).
 *
 * @example
 * const win = createRollingWindow(maybeWindow({ seconds: 60 }));
 * win.append(chunk);
 * win.table().numRows();
 */
export function createRollingWindow(spec: WindowSpec, options: RollingWindowOptions = {}): RollingWindow {
  const nowMs = options.nowMs ?? Date.now;
  const futureToleranceMs = options.futureToleranceMs ?? defaults.futureToleranceMs;
  const { windowMs, maxEvents } = spec;
  const index = createDedupeIndex();
  let entries: Entry[] = [];
  let head = 0;
  let size = 0;
  let duplicates = 0;
  let endMs = -Infinity;

  function forget(entry: Entry, from: number, to: number): void {
    const { persistenceId, sequenceNr, offset } = entry.chunk;
    for (let i = from; i < to; i++) {
      const seq = sequenceNr[i];
      const id = persistenceId[i];
      if (seq !== seq || id === '') index.remove(entry.keyless, offset[i]);
      else index.remove(id, seq);
    }
    size -= to - from;
    entry.start = to;
    // An emptied entry may wait for compaction; let its columns go now.
    if (to === entry.end) entry.chunk = EMPTY;
  }

  function evict(): void {
    while (size > maxEvents) {
      const entry = entries[head];
      forget(entry, entry.start, Math.min(entry.end, entry.start + (size - maxEvents)));
      if (entry.start === entry.end) head++;
    }
    if (windowMs !== Infinity) {
      const cutoff = endMs - windowMs;
      while (head < entries.length) {
        const entry = entries[head];
        if (entry.maxTs < cutoff) {
          forget(entry, entry.start, entry.end);
          head++;
          continue;
        }
        const ts = entry.chunk.timestampMs;
        let i = entry.start;
        while (i < entry.end && ts[i] < cutoff) i++;
        forget(entry, entry.start, i);
        if (i < entry.end) break;
        head++;
      }
    }
    if (head >= defaults.compactAfter && head * 2 >= entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  }

  return {
    append(chunk) {
      const n = chunk.length;
      const keyless = `\u0000${chunk.topic}/${chunk.partition}`;
      const { persistenceId, sequenceNr, offset } = chunk;
      let keep: Uint8Array | null = null;
      let kept = n;
      for (let i = 0; i < n; i++) {
        const seq = sequenceNr[i];
        const id = persistenceId[i];
        const fresh = seq !== seq || id === '' ? index.add(keyless, offset[i]) : index.add(id, seq);
        if (!fresh) {
          if (keep === null) keep = new Uint8Array(n).fill(1);
          keep[i] = 0;
          kept--;
        }
      }
      duplicates += n - kept;
      const accepted = keep === null ? chunk : subset(chunk, keep, kept);
      if (kept === 0) return accepted;

      const horizon = nowMs() + futureToleranceMs;
      const ts = accepted.timestampMs;
      let maxTs = -Infinity;
      for (let i = 0; i < kept; i++) {
        const t = ts[i];
        if (t > maxTs) maxTs = t;
        if (t > endMs && t <= horizon) endMs = t;
      }
      entries.push({ chunk: accepted, start: 0, end: kept, maxTs, keyless });
      size += kept;
      evict();
      return accepted;
    },
    table() {
      const minTs = windowMs === Infinity ? -Infinity : endMs - windowMs;
      return tableFromSpans(head === 0 ? entries : entries.slice(head), minTs, maxEvents);
    },
    get size() {
      return size;
    },
    get chunks() {
      return entries.length - head;
    },
    get duplicates() {
      return duplicates;
    },
    get endMs() {
      return endMs;
    },
    get indexedIds() {
      return index.ids;
    },
    clear() {
      entries = [];
      head = 0;
      size = 0;
      endMs = -Infinity;
      index.clear();
    },
  };
}
