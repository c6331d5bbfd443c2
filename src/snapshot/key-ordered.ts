// A snapshot's rows in key order (persistenceId, partition, sequenceNr), which the refresh's plan and
// merge need. Files written by eventTable are already in that order, so the check usually suffices.
import { keyOrder, takeRows } from './column-ops.js';
import type { SnapshotColumns } from './snapshot-columns.js';

/** `columns` itself when its rows are in key order, else its rows sorted by key. */
export function inKeyOrder(columns: SnapshotColumns): SnapshotColumns {
  return isKeyOrdered(columns) ? columns : takeRows(columns, keyOrder(columns));
}

function isKeyOrdered(columns: SnapshotColumns): boolean {
  const pid = columns.columns['persistenceId'];
  const p = columns.columns['partition'];
  const s = columns.columns['sequenceNr'];
  if (pid?.kind !== 'dictionary' || p?.kind !== 'int64' || s?.kind !== 'int64') return false;
  for (let i = 1; i < columns.rows; i++) {
    const a = pid.values[pid.codes[i - 1]!]!;
    const b = pid.values[pid.codes[i]!]!;
    if (a < b) continue;
    if (a > b) return false;
    if (p.values[i - 1]! < p.values[i]!) continue;
    if (p.values[i - 1]! > p.values[i]!) return false;
    if (s.values[i - 1]! > s.values[i]!) return false;
  }
  return true;
}
