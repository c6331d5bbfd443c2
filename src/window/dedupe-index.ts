// Remembers which (persistenceId, sequenceNr) pairs are in the window, so that a redelivered event
// (consumer restart, producer retry) is counted once. Entries leave with the rows they belong to,
// so the index is never larger than the window.
//
// Shaped for the common case: most ids hold one or a few events at a time. An id with one event
// stores the number itself; a Set is made only for the second one (a Set per id cost ~3x the
// memory for a window of 1M distinct ids). No string is built per row.

type Entry = number | Set<number>;

/** The (id, number) membership set behind a rolling window's dedupe. */
export interface DedupeIndex {
  /** Adds the pair; false when it was already present (a duplicate). */
  add(id: string, seq: number): boolean;
  /** Forgets the pair (no-op when absent). */
  remove(id: string, seq: number): void;
  /** Number of ids that hold at least one pair. */
  readonly ids: number;
  clear(): void;
}

/**
 * Creates an empty index. `seq` must not be NaN: callers use a synthetic id (e.g. topic/partition)
 * and the offset for rows that carry no sequence number.
 *
 * @example
 * const seen = createDedupeIndex();
 * seen.add('cart-1', 1); // true
 * seen.add('cart-1', 1); // false: redelivered
 */
export function createDedupeIndex(): DedupeIndex {
  const byId = new Map<string, Entry>();
  return {
    add(id, seq) {
      const entry = byId.get(id);
      if (entry === undefined) {
        byId.set(id, seq);
        return true;
      }
      if (typeof entry === 'number') {
        if (entry === seq) return false;
        byId.set(id, new Set([entry, seq]));
        return true;
      }
      if (entry.has(seq)) return false;
      entry.add(seq);
      return true;
    },
    remove(id, seq) {
      const entry = byId.get(id);
      if (entry === undefined) return;
      if (typeof entry === 'number') {
        if (entry === seq) byId.delete(id);
        return;
      }
      entry.delete(seq);
      if (entry.size === 0) byId.delete(id);
    },
    get ids() {
      return byId.size;
    },
    clear() {
      byId.clear();
    },
  };
}
