// Events of stream chunks whose JSON is parsed on first read (see StreamChunk.json): the parsed
// value is kept in the chunk, so every later table of the window (each refresh) reuses it.
import { RowColumn } from '../table/row-column.js';
import type { StreamChunk } from '../types.js';

/**
 * The event of row `i` of `chunk`, parsing (once) a JSON payload kept unparsed.
 *
 * @example
 * const event = eventOfChunk(chunk, 0);
 */
export function eventOfChunk(chunk: StreamChunk, i: number): unknown {
  const v = chunk.event[i];
  if (v !== undefined) return v;
  const json = chunk.json;
  if (json == null) return v;
  const n = json.length[i]!;
  if (n === 0) return v;
  const start = json.start[i]!;
  const parsed: unknown = JSON.parse(json.bytes.toString('utf8', start, start + n));
  if (chunk.event.length < chunk.length) chunk.event = new Array<unknown>(chunk.length);
  chunk.event[i] = parsed;
  return parsed;
}

/** An Arquero column over rows of several chunks: row r is row `rowOf[r]` of `chunks[chunkOf[r]]`. */
export class ChunkEventColumn extends RowColumn<unknown> {
  readonly length: number;

  constructor(private readonly chunks: readonly StreamChunk[], readonly chunkOf: Int32Array, readonly rowOf: Int32Array) {
    super();
    this.length = chunkOf.length;
  }

  at(row: number): unknown {
    return eventOfChunk(this.chunks[this.chunkOf[row]!]!, this.rowOf[row]!);
  }
}
