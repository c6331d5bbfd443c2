// persistence id → int index for the health state: an open-addressing hash table of Int32s over
// the ids' own strings. A Map<string, number> cost about 28 bytes per id plus a rehashed copy left
// as garbage at each doubling (11 MB at the peak of a 135 000-id scan); this table costs 8 bytes
// per id (slot and hash). Lookups happen once per partition run of a page, not per row.
import { growableColumn, withCapacity } from './growable-column.js';

const EMPTY = 0;

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The index of each id in `pids` (the caller's array, in index order).
 *
 * @example
 * const index = new PidIndex(pids);
 * pids.push('cart-1'); index.add(pids.length - 1);
 * index.find('cart-1'); // 0
 */
export class PidIndex {
  /** Index + 1 per table entry; EMPTY where free. Capacity a power of two, at most half full. */
  private table = growableColumn(Int32Array, 1024);
  private hashes = growableColumn(Int32Array, 1024);
  private count = 0;

  constructor(private readonly pids: readonly string[]) {}

  /** The index of `pid`, or -1. */
  find(pid: string): number {
    const mask = this.table.length - 1;
    for (let at = hashOf(pid) & mask; ; at = (at + 1) & mask) {
      const entry = this.table[at]!;
      if (entry === EMPTY) return -1;
      if (this.pids[entry - 1] === pid) return entry - 1;
    }
  }

  /** Adds index `id` (its id is `pids[id]`, not yet in the table). */
  add(id: number): void {
    if (id >= this.hashes.length) this.hashes = withCapacity(this.hashes, Math.max(id + 1, this.hashes.length * 2));
    this.hashes[id] = hashOf(this.pids[id]!);
    if (++this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id);
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let at = this.hashes[id]! & mask;
    while (this.table[at] !== EMPTY) at = (at + 1) & mask;
    this.table[at] = id + 1;
  }

  /** Grows the table in place (no old table left as garbage) and places every id again from its hash. */
  private rehash(capacity: number): void {
    this.table = withCapacity(this.table, capacity);
    this.table.fill(EMPTY);
    for (let id = 0; id < this.count; id++) this.place(id);
  }
}
