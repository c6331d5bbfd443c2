// The `event` column of a journal table. Events whose payload is plain JSON are kept as their
// UTF-8 bytes, copied into large shared blocks, and parsed on first read (then kept parsed).
// A decoded event costs a heap object per row plus its strings, often twice its JSON text, and
// every one of them is work for the garbage collector while a million rows load; most notebook
// work (counts per type, per id, over time) never reads the event itself. The payloads were
// checked at load time (decode/json-validate.ts), so a read never fails and decodeError is
// complete when the load returns. Arquero asks of a column only length, at() and iteration.

import { RowColumn } from './row-column.js';

export const defaults = {
  /** Bytes per arena block; a payload larger than this gets a block of its own. */
  blockBytes: 4 * 1024 * 1024,
};

/** Append-only storage of JSON payload bytes; a slot is (block, start, length). */
export class JsonArena {
  readonly blocks: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;

  /** Copies `bytes` in; returns the block index and writes the start to `at.start`. */
  add(bytes: Uint8Array, at: { start: number }): number {
    const n = bytes.length;
    if (this.current === null || this.used + n > this.current.length) {
      this.seal();
      this.current = Buffer.allocUnsafeSlow(Math.max(defaults.blockBytes, n));
      this.blocks.push(this.current);
      this.used = 0;
    }
    this.current.set(bytes, this.used);
    at.start = this.used;
    this.used += n;
    return this.blocks.length - 1;
  }

  /** Shrinks the last block to its used bytes when that frees more than half of it. */
  seal(): void {
    const last = this.current;
    if (last === null || this.used * 2 > last.length) return;
    const exact = Buffer.allocUnsafeSlow(this.used);
    last.copy(exact, 0, 0, this.used);
    this.blocks[this.blocks.length - 1] = exact;
    this.current = exact;
  }
}

/** Where each row's JSON bytes sit; `length[row] === 0` = the row's value is in `values`. */
export interface JsonSlots {
  arena: JsonArena;
  block: Int32Array;
  start: Int32Array;
  length: Int32Array;
}

/**
 * The event of JSON bytes `bytes[start, end)`, as a row of an EventColumn reads. Bytes are checked
 * when loaded (a Cassandra load, or a snapshot file: snapshot/json-check.ts); should any still fail
 * to parse, the row reads as undecodable (null), never as a thrown error.
 */
export function parseEventJson(bytes: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', start, end)) as unknown;
  } catch {
    return null;
  }
}

/** An Arquero column of decoded events, some parsed on first read from their JSON bytes. */
export class EventColumn extends RowColumn<unknown> {
  /**
   * @param values Decoded values, `undefined` at the rows whose JSON is in `slots`; null when
   *   every row is in `slots` (the array is made on the first read).
   * @param slots  The JSON bytes of the other rows (null when every row is decoded).
   */
  constructor(private values: unknown[] | null, private readonly slots: JsonSlots | null, readonly length: number) {
    super();
  }

  /** The event of row `row`, parsed from its JSON on the first read. */
  at(row: number): unknown {
    if (this.values === null) this.values = new Array<unknown>(this.length);
    const v = this.values[row];
    if (v !== undefined || this.slots === null) return v;
    const s = this.slots;
    const n = s.length[row]!;
    if (n === 0) return v;
    const start = s.start[row]!;
    const parsed = parseEventJson(s.arena.blocks[s.block[row]!]!, start, start + n);
    this.values[row] = parsed;
    return parsed;
  }

  /**
   * The rows `rows` (in that order) as a column of their own over the same JSON bytes: nothing is
   * parsed, and what this column has parsed already comes along.
   */
  subset(rows: ArrayLike<number>): EventColumn {
    const n = rows.length;
    const values = this.values === null ? null : new Array<unknown>(n);
    if (values !== null) for (let i = 0; i < n; i++) values[i] = this.values![rows[i]!];
    if (this.slots === null) return new EventColumn(values, null, n);
    const { arena, block, start, length } = this.slots;
    const slots: JsonSlots = { arena, block: new Int32Array(n), start: new Int32Array(n), length: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      slots.block[i] = block[row]!;
      slots.start[i] = start[row]!;
      slots.length[i] = length[row]!;
    }
    return new EventColumn(values, slots, n);
  }

  /**
   * The storage, read-only, for readers that scan the JSON bytes themselves (flatten-events.ts):
   * `values[row]` is the decoded or already parsed event (undefined: not parsed yet, or the array
   * not made yet when `values` is null); `slots` hold the bytes of the rows whose length is not 0.
   */
  get storage(): { readonly values: readonly unknown[] | null; readonly slots: Readonly<JsonSlots> | null } {
    return { values: this.values, slots: this.slots };
  }

  /** Rows whose event has not been parsed yet. */
  get unparsed(): number {
    if (this.slots === null) return 0;
    let count = 0;
    for (let i = 0; i < this.length; i++) if (this.values?.[i] === undefined && this.slots.length[i] !== 0) count++;
    return count;
  }
}
