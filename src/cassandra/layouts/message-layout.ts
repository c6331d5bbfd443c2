// L1/L2 messages (APC 0.4 … 0.9): ((persistence_id, partition_nr), sequence_nr[, timestamp, timebucket]),
// static `used`, `message` blob = a whole serialized PersistentRepr, tag1..tag3 (L2).
import type { types } from 'cassandra-driver';
import { PERSISTENT_REPR_PAYLOAD, type RawEventBatch } from '../../types.js';
import { numberFromLong, type LongLike } from '../long.js';
import { pushRow } from '../raw-batch.js';
import { admitRow, type RowGate } from '../row-gate.js';
import { msFromTimeUuidBytes } from '../time-uuid.js';
import { tagsFrom, type JournalLayout } from './journal-layout.js';

/** The layout of a table whose events live only in the `message` column. */
export function messageLayout(columns: ReadonlySet<string>): JournalLayout {
  const hasTimestamp = columns.has('timestamp');
  const tagSlots = columns.has('tag3') ? 3 : columns.has('tag2') ? 2 : columns.has('tag1') ? 1 : 0;
  const hasTagSet = columns.has('tags');
  const wanted = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'message', 'tags', 'tag1', 'tag2', 'tag3'];
  return {
    name: 'message',
    persistenceIdColumn: 'persistence_id',
    columns: wanted.filter((c) => columns.has(c)),
    defaultPartitionSize: 500_000,
    appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void {
      const n = rows.length;
      let prevPid = '';
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        gate.counters.scanned++;
        const seqValue = row['sequence_nr'] as LongLike | null;
        const message = row['message'] as Uint8Array | null;
        if (seqValue === null || message === null) continue; // static-only partition row
        let pid = row['persistence_id'] as string;
        if (pid === prevPid) pid = prevPid;
        else prevPid = pid;
        const seq = numberFromLong(seqValue);
        const uuid = hasTimestamp ? (row['timestamp'] as types.TimeUuid | null) : null;
        const ms = uuid === null ? NaN : msFromTimeUuidBytes(uuid.getBuffer());
        if (!admitRow(gate, batch, pid, seq, ms)) continue;
        pushRow(batch, pid, numberFromLong(row['partition_nr'] as LongLike), seq, ms, PERSISTENT_REPR_PAYLOAD, '', message, '',
          tagsFrom(row, hasTagSet, tagSlots, gate));
      }
    },
  };
}
