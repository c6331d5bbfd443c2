// What a 'written-since' refresh must read (docs/snapshots.md): the rows written since the
// snapshot (minus the clock-skew margin) that the snapshot does not already hold, the ids that
// vanished from all_persistence_ids, and the current deleted_to of every id.
//   - a row the snapshot holds with the same key and write time: nothing changed;
//   - otherwise its id changed from that sequence number on. An id the snapshot does not have, or
//     one changed only above the snapshot's last sequence number of that id (appends), takes its
//     new rows straight from the scan (`direct`); any other id (a rewrite below its last sequence
//     number) has its snapshot rows from there dropped, and every partition of the id that can hold
//     such rows (the snapshot's and the scan's) is re-read from there;
//   - an id that vanished: all its snapshot rows dropped, its partitions re-read from the start;
//   - rows at or below deleted_to: dropped (physical deletes always follow a deleted_to upsert).
import type { ReadFrom } from './refresh-plan.js';
import type { SnapshotColumns } from './snapshot-columns.js';
import type { WrittenKeys } from './scan-written-since.js';

/**
 * Per persistence id (dictionary code) of a snapshot in key order: its rows [start, end) (contiguous),
 * start -1 for a code no row uses, and its highest sequence number. The part of the plan that needs
 * only the file, so a refresh makes it while Cassandra scans.
 */
export interface SnapshotIdIndex {
  start: Int32Array;
  end: Int32Array;
  lastSeq: Float64Array;
}

/** The id index of `snapshot` (in key order). */
export function indexSnapshotIds(snapshot: SnapshotColumns): SnapshotIdIndex {
  const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
  const seq = (snapshot.columns['sequenceNr'] as { values: Float64Array }).values;
  const ids = pid.values.length;
  const start = new Int32Array(ids).fill(-1);
  const end = new Int32Array(ids);
  const lastSeq = new Float64Array(ids).fill(-Infinity);
  for (let i = 0; i < snapshot.rows; i++) {
    const c = pid.codes[i]!;
    if (start[c] === -1) start[c] = i;
    end[c] = i + 1;
    if (seq[i]! > lastSeq[c]!) lastSeq[c] = seq[i]!;
  }
  return { start, end, lastSeq };
}

export interface WrittenSincePlan {
  /** Snapshot rows to keep (indices, ascending). */
  keep: Int32Array;
  reads: ReadFrom[];
  /** Scan rows (indices into `written`) that are new rows as they stand, in key order. */
  direct: Int32Array;
  dropped: number;
}

/**
 * @example
 * const { keep, reads, direct } = planWrittenSince(snapshot, written, deletedTo, vanished, ids);
 */
export function planWrittenSince(
  snapshot: SnapshotColumns, written: WrittenKeys, deletedTo: ReadonlyMap<string, number>,
  vanished: ReadonlySet<string>, onlyIds: ReadonlySet<string> | null, keepDuplicates = false,
  index: SnapshotIdIndex = indexSnapshotIds(snapshot),
): WrittenSincePlan {
  // Rows let go by the scan (too many to keep): every changed id is re-read.
  const fromScan = written.rows !== null;
  const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
  const partition = (snapshot.columns['partition'] as { values: Float64Array }).values;
  const seq = (snapshot.columns['sequenceNr'] as { values: Float64Array }).values;
  const ts = (snapshot.columns['timestamp'] as { values: Float64Array }).values;
  const n = snapshot.rows;
  const ids = pid.values.length;
  // Per dictionary code: its rows (index), the sequence number its rows changed from, and its
  // deleted_to. No object per row or partition.
  const { start, end, lastSeq } = index;
  // Codes of the ids the scan returned or that vanished only (a few), and deleted_to per code: one
  // pass over the dictionary, no map of every id.
  const named = new Set<string>(written.persistenceIds);
  for (const id of vanished) named.add(id);
  const codeOf = new Map<string, number>();
  const changedFrom = new Float64Array(ids).fill(Infinity);
  const deleted = new Float64Array(ids).fill(-Infinity);
  for (let c = 0; c < ids; c++) {
    if (start[c] === -1) continue;
    const id = pid.values[c]!;
    if (named.has(id)) codeOf.set(id, c);
    if (deletedTo.size > 0) {
      const to = deletedTo.get(id);
      if (to !== undefined) deleted[c] = to;
    }
  }
  // Ids the snapshot does not have: their lowest new sequence number and the partitions written.
  const newFrom = new Map<string, number>();
  const scanned = new Map<string, Set<number>>();
  // Scan rows that are changes (not held by the snapshot), in scan order.
  const changed = new Uint8Array(written.sequenceNrs.length);
  for (let r = 0; r < written.sequenceNrs.length; r++) {
    const id = written.persistenceIds[r]!;
    if (onlyIds !== null && !onlyIds.has(id)) continue;
    const p = written.partitions[r]!;
    const s = written.sequenceNrs[r]!;
    const c = codeOf.get(id);
    if (c !== undefined && holds(partition, seq, ts, start[c]!, end[c]!, p, s, written.timestampsMs[r]!, keepDuplicates)) continue;
    changed[r] = 1;
    if (c !== undefined) changedFrom[c] = Math.min(changedFrom[c]!, s);
    else newFrom.set(id, Math.min(newFrom.get(id) ?? Infinity, s));
    let set = scanned.get(id);
    if (set === undefined) scanned.set(id, set = new Set());
    set.add(p);
  }
  for (const id of vanished) {
    const c = codeOf.get(id);
    if (c !== undefined) changedFrom[c] = -Infinity;
  }
  // Taken from the scan: new ids, and ids changed only above their last snapshot row (appends).
  // Every row of such an id written since the cut-off came back; older ones are in the snapshot.
  const isDirect = (id: string): boolean => {
    const c = codeOf.get(id);
    return c === undefined ? !vanished.has(id) : changedFrom[c]! > lastSeq[c]!;
  };
  const directIds = new Set<string>();
  if (fromScan) for (const id of scanned.keys()) if (isDirect(id)) directIds.add(id);
  const directRows: number[] = [];
  for (let r = 0; r < changed.length; r++) if (changed[r] === 1 && directIds.has(written.persistenceIds[r]!)) directRows.push(r);
  const w = written;
  // Key order, duplicates oldest first (the order of a partition's rows: the gate keeps the last).
  directRows.sort((x, y) => {
    const a = w.persistenceIds[x]!;
    const b = w.persistenceIds[y]!;
    return a < b ? -1 : a > b ? 1 : w.partitions[x]! - w.partitions[y]! || w.sequenceNrs[x]! - w.sequenceNrs[y]!
      || w.timestampsMs[x]! - w.timestampsMs[y]! || x - y;
  });

  const keep = new Uint8Array(n);
  const reads: ReadFrom[] = [];
  const readKeys = new Set<string>();
  const read = (id: string, p: number, from: number): void => {
    const key = `${id}\u0000${p}`;
    if (readKeys.has(key)) return;
    readKeys.add(key);
    reads.push({ persistenceId: id, partition: p, fromSequenceNr: Math.max(0, from) });
  };
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const c = pid.codes[i]!;
    const s = seq[i]!;
    if (s >= changedFrom[c]!) {
      // Rows of one partition are contiguous: one read per partition.
      if (i === start[c] || partition[i - 1] !== partition[i] || seq[i - 1]! < changedFrom[c]!) read(pid.values[c]!, partition[i]!, changedFrom[c]!);
    } else if (s > deleted[c]!) {
      keep[i] = 1;
      kept++;
    }
  }
  for (const [id, parts] of scanned) {
    if (directIds.has(id)) continue;
    const c = codeOf.get(id);
    const from = c !== undefined ? changedFrom[c]! : newFrom.get(id)!;
    for (const p of parts) read(id, p, from);
  }
  const rows = new Int32Array(kept);
  for (let i = 0, o = 0; i < n; i++) if (keep[i] === 1) rows[o++] = i;
  return { keep: rows, reads, direct: Int32Array.from(directRows), dropped: n - kept };
}

/**
 * Do the rows [start, end) of one id (in (partition, sequence number) order) hold partition `p`,
 * sequence number `s`, written at `ms`? Unless duplicates are kept, a snapshot row of that sequence
 * number written later also counts: the older row is the duplicate a load drops.
 */
function holds(
  partition: Float64Array, seq: Float64Array, ts: Float64Array, start: number, end: number, p: number, s: number, ms: number, keepDuplicates: boolean,
): boolean {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (partition[mid]! < p || (partition[mid] === p && seq[mid]! < s)) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < end && partition[i] === p && seq[i] === s; i++) if (ts[i] === ms || (!keepDuplicates && ts[i]! > ms)) return true;
  return false;
}
