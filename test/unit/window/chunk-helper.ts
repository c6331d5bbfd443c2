// Builds StreamChunks for window tests: rows given as [persistenceId, sequenceNr, timestampMs].
import type { StreamChunk } from '../../../src/types.js';

let nextOffset = 0;

export function chunkOf(rows: [string, number, number][], topic = 't', partition = 0, firstOffset?: number): StreamChunk {
  const n = rows.length;
  const base = firstOffset ?? nextOffset;
  nextOffset = base + n;
  return {
    length: n,
    topic,
    partition,
    persistenceId: rows.map((r) => r[0]),
    sequenceNr: Float64Array.from(rows.map((r) => r[1])),
    event: rows.map((r) => ({ pid: r[0], seq: r[1] })),
    eventType: rows.map(() => 'E'),
    offset: Float64Array.from(rows.map((_, i) => base + i)),
    timestampMs: Float64Array.from(rows.map((r) => r[2])),
    decodeError: null,
    raw: null,
  };
}
