// What a 'written-since' refresh must re-read (docs/snapshots.md): the rows written since the
// snapshot (minus the clock-skew margin) that the snapshot does not already hold, the ids that
// vanished from all_persistence_ids, and the current deleted_to of every id.
//   - a row the snapshot holds with the same key and write time: nothing changed;
//   - otherwise its id changed from that sequence number on: the id's snapshot rows from there
//     are dropped, and every partition of the id that can hold such rows (the snapshot's and the
//     scan's) is re-read from there;
//   - an id that vanished: all its snapshot rows dropped, its partitions re-read from the start;
//   - rows at or below deleted_to: dropped (physical deletes always follow a deleted_to upsert).
import type { ReadFrom } from './refresh-plan.js';
import type { SnapshotColumns } from './snapshot-columns.js';
import type { WrittenKeys } from './scan-written-since.js';

export interface WrittenSincePlan {
  /** Snapshot rows to keep (indices, ascending). */
  keep: Int32Array;
  reads: ReadFrom[];
  dropped: number;
}

/**
 * @example
 * const { keep, reads } = planWrittenSince(snapshot, written, deletedTo, vanished, ids);
 */
export function planWrittenSince(
  snapshot: SnapshotColumns, written: WrittenKeys, deletedTo: ReadonlyMap<string, number>,
  vanished: ReadonlySet<string>, onlyIds: ReadonlySet<string> | null,
): WrittenSincePlan {
  const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
  const partition = (snapshot.columns['partition'] as { values: Float64Array }).values;
  const seq = (snapshot.columns['sequenceNr'] as { values: Float64Array }).values;
  const ts = (snapshot.columns['timestamp'] as { values: Float64Array }).values;
  const n = snapshot.rows;
  // id → its partitions' [start, end) (contiguous: the snapshot is in key order).
  const byId = new Map<string, { partition: number; start: number; end: number }[]>();
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && pid.codes[j] === pid.codes[i] && partition[j] === partition[i]) j++;
    const id = pid.values[pid.codes[i]!]!;
    let parts = byId.get(id);
    if (parts === undefined) byId.set(id, parts = []);
    parts.push({ partition: partition[i]!, start: i, end: j });
    i = j;
  }
  // id → the lowest sequence number from which its rows changed, and the scan's partitions of it.
  const changedFrom = new Map<string, number>();
  const scannedParts = new Map<string, Set<number>>();
  for (let r = 0; r < written.sequenceNrs.length; r++) {
    const id = written.persistenceIds[r]!;
    if (onlyIds !== null && !onlyIds.has(id)) continue;
    const p = written.partitions[r]!;
    const s = written.sequenceNrs[r]!;
    const part = byId.get(id)?.find((x) => x.partition === p);
    if (part !== undefined && holds(seq, ts, part.start, part.end, s, written.timestampsMs[r]!)) continue;
    if (!(changedFrom.get(id)! <= s)) changedFrom.set(id, s);
    let set = scannedParts.get(id);
    if (set === undefined) scannedParts.set(id, set = new Set());
    set.add(p);
  }
  for (const id of vanished) if (byId.has(id)) changedFrom.set(id, -Infinity);

  const keep = new Uint8Array(n);
  const reads: ReadFrom[] = [];
  for (const [id, parts] of byId) {
    const deleted = deletedTo.get(id) ?? -Infinity;
    const from = changedFrom.get(id) ?? Infinity;
    for (const part of parts) {
      let reread = false;
      for (let i = part.start; i < part.end; i++) {
        if (seq[i]! >= from) reread = true;
        else if (seq[i]! > deleted) keep[i] = 1;
      }
      if (reread) reads.push({ persistenceId: id, partition: part.partition, fromSequenceNr: Math.max(0, from) });
    }
  }
  for (const [id, parts] of scannedParts) {
    const from = Math.max(0, changedFrom.get(id)!);
    const known = new Set(reads.filter((r) => r.persistenceId === id).map((r) => r.partition));
    for (const p of parts) if (!known.has(p)) reads.push({ persistenceId: id, partition: p, fromSequenceNr: from });
  }
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i]!;
  const rows = new Int32Array(kept);
  for (let i = 0, o = 0; i < n; i++) if (keep[i] === 1) rows[o++] = i;
  return { keep: rows, reads, dropped: n - kept };
}

/** Does [start, end) (ascending sequence numbers) hold a row with sequence number `s` written at `ms`? */
function holds(seq: Float64Array, ts: Float64Array, start: number, end: number, s: number, ms: number): boolean {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < end && seq[i] === s; i++) if (ts[i] === ms) return true;
  return false;
}
