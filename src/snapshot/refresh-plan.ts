// What a refresh must re-read: the key scan's partitions compared with the snapshot's rows.
// A partition whose surviving keys (sequence number and write time, after deletes and the
// duplicate rule) equal the snapshot's keeps its snapshot rows; otherwise its rows from the
// first difference on are dropped and re-read. Partitions the scan no longer finds are dropped.
import type { KeyGroup } from './scan-keys.js';
import type { SnapshotColumns } from './snapshot-columns.js';

/** One partition to re-read from `fromSequenceNr` on. */
export interface ReadFrom {
  persistenceId: string;
  partition: number;
  fromSequenceNr: number;
}

export interface RefreshPlan {
  /** Feed every key group of the scan. */
  onGroup(group: KeyGroup): void;
  /** After the scan: snapshot rows to keep (indices, ascending) and partitions to re-read. */
  finish(): { keep: Int32Array; reads: ReadFrom[]; dropped: number };
}

/**
 * A plan over a snapshot in key order (persistenceId, partition, sequenceNr), given each id's
 * current deleted_to.
 *
 * @example
 * const plan = createRefreshPlan(snapshot, deletedTo);
 * await scanKeys(..., plan.onGroup, ...);
 * const { keep, reads } = plan.finish();
 */
export function createRefreshPlan(snapshot: SnapshotColumns, deletedTo: ReadonlyMap<string, number>): RefreshPlan {
  const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
  const partition = (snapshot.columns['partition'] as { values: Float64Array }).values;
  const seq = (snapshot.columns['sequenceNr'] as { values: Float64Array }).values;
  const ts = (snapshot.columns['timestamp'] as { values: Float64Array }).values;
  const n = snapshot.rows;
  // Partition → [start, end) of its rows (contiguous: the snapshot is in key order).
  const groups = new Map<string, { start: number; end: number; seen: boolean }>();
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && pid.codes[j] === pid.codes[i] && partition[j] === partition[i]) j++;
    groups.set(`${pid.values[pid.codes[i]!]}\u0000${partition[i]}`, { start: i, end: j, seen: false });
    i = j;
  }
  const keep = new Uint8Array(n);
  const reads: ReadFrom[] = [];

  return {
    onGroup(g) {
      const known = groups.get(`${g.persistenceId}\u0000${g.partition}`);
      if (known === undefined) {
        if (g.length > 0) reads.push({ persistenceId: g.persistenceId, partition: g.partition, fromSequenceNr: g.sequenceNr[0]! });
        return;
      }
      known.seen = true;
      const deleted = deletedTo.get(g.persistenceId) ?? -Infinity;
      let s = known.start;
      while (s < known.end && seq[s]! <= deleted) s++;
      let k = 0;
      while (k < g.length && s + k < known.end && g.sequenceNr[k] === seq[s + k] && sameTime(g.timestampMs[k]!, ts[s + k]!)) k++;
      const scanNext = k < g.length ? g.sequenceNr[k]! : Infinity;
      const snapNext = s + k < known.end ? seq[s + k]! : Infinity;
      const from = Math.min(scanNext, snapNext);
      for (let r = s; r < known.end && seq[r]! < from; r++) keep[r] = 1;
      if (scanNext !== Infinity) reads.push({ persistenceId: g.persistenceId, partition: g.partition, fromSequenceNr: from });
    },
    finish() {
      let kept = 0;
      for (let i = 0; i < n; i++) kept += keep[i]!;
      const rows = new Int32Array(kept);
      for (let i = 0, o = 0; i < n; i++) if (keep[i] === 1) rows[o++] = i;
      return { keep: rows, reads, dropped: n - kept };
    },
  };
}

function sameTime(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
