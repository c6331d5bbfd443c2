// Remembers which (persistenceId, sequenceNr) pairs are in the window, so that a redelivered event
// (consumer restart, producer retry) is counted once. Entries leave with the rows they belong to,
// so the index is never larger than the window.
//
// Shaped for the common case: the events of an id arrive in sequence order and leave oldest
// first, so the numbers an id holds form one run lo..hi. An id with one event stores the number
// itself, an id with a run stores its two ends, and only an id whose numbers have gaps gets a Set
// (a Set per id cost ~3x the memory for a window of 1M distinct ids, and a Set lookup per event was
// the window's largest cost on a 2M-event ingest). No string is built per row.

/** The numbers lo..hi, or (set !== null) exactly the numbers in set. */
interface Run {
  lo: number;
  hi: number;
  set: Set<number> | null;
}

type Entry = number | Run;

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

function setOf(run: Run): Set<number> {
  const set = new Set<number>();
  for (let s = run.lo; s <= run.hi; s++) set.add(s);
  return set;
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
        // (runs hold integers only: a run 1.5..2.5 would claim 2)
        if (seq === entry + 1 && Number.isInteger(seq)) byId.set(id, { lo: entry, hi: seq, set: null });
        else if (seq === entry - 1 && Number.isInteger(seq)) byId.set(id, { lo: seq, hi: entry, set: null });
        else byId.set(id, { lo: 0, hi: 0, set: new Set([entry, seq]) });
        return true;
      }
      const set = entry.set;
      if (set === null) {
        if (seq === entry.hi + 1) entry.hi = seq;
        else if (seq === entry.lo - 1) entry.lo = seq;
        else if (seq >= entry.lo && seq <= entry.hi && Number.isInteger(seq)) return false;
        else (entry.set = setOf(entry)).add(seq);
        return true;
      }
      if (set.has(seq)) return false;
      set.add(seq);
      return true;
    },
    remove(id, seq) {
      const entry = byId.get(id);
      if (entry === undefined) return;
      if (typeof entry === 'number') {
        if (entry === seq) byId.delete(id);
        return;
      }
      if (entry.set === null) {
        if (seq === entry.lo) entry.lo++;
        else if (seq === entry.hi) entry.hi--;
        else if (seq > entry.lo && seq < entry.hi && Number.isInteger(seq)) (entry.set = setOf(entry)).delete(seq);
        else return;
        if (entry.set === null && entry.lo > entry.hi) byId.delete(id);
        return;
      }
      entry.set.delete(seq);
      if (entry.set.size === 0) byId.delete(id);
    },
    get ids() {
      return byId.size;
    },
    clear() {
      byId.clear();
    },
  };
}
