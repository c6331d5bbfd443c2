// Within a window, each persistence id's events must read in sequenceNr order even when they
// arrived out of order (two partitions, a producer retry, a replay). Rows keep their arrival
// slots: an id's slots are refilled with its rows sorted by sequenceNr, so the table stays in
// arrival order across ids and in sequence order within each id.

/**
 * Returns the row permutation that puts every id's rows in sequenceNr order (`perm[slot] = row`),
 * or null when they already are (the common case, checked in one pass without sorting).
 * Rows whose sequence number is NaN keep their place.
 *
 * @example
 * orderPerId(['a', 'b', 'a'], new Float64Array([2, 1, 1]), 3); // Int32Array [2, 1, 0]
 */
export function orderPerId(ids: readonly string[], seqs: Float64Array, n: number): Int32Array | null {
  const highest = new Map<string, number>();
  let unordered: Set<string> | null = null;
  for (let i = 0; i < n; i++) {
    const seq = seqs[i];
    if (seq !== seq) continue;
    const id = ids[i];
    const prev = highest.get(id);
    if (prev === undefined || seq >= prev) highest.set(id, seq);
    else (unordered ??= new Set()).add(id);
  }
  if (unordered === null) return null;

  const slotsById = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const seq = seqs[i];
    if (seq !== seq || !unordered.has(ids[i])) continue;
    const slots = slotsById.get(ids[i]);
    if (slots === undefined) slotsById.set(ids[i], [i]);
    else slots.push(i);
  }
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  // One comparator for all groups; ties (redelivered copies never reach here) keep arrival order.
  const bySeq = (a: number, b: number) => seqs[a] - seqs[b] || a - b;
  for (const slots of slotsById.values()) {
    const rows = slots.slice().sort(bySeq);
    for (let k = 0; k < slots.length; k++) perm[slots[k]] = rows[k];
  }
  return perm;
}
