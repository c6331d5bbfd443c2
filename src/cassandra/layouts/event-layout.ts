// L3–L5 messages (APC 0.10 … 1.3, Pekko): ((persistence_id, partition_nr), sequence_nr, timestamp[, timebucket]);
// event blob + ser_id int + ser_manifest text, writer_uuid, tags set<text> (0.80+). Tables migrated from
// 0.x may keep `message` (a whole PersistentRepr, non-null in rows written before 0.10) and tag1..tag3.
import type { types } from 'cassandra-driver';
import { PERSISTENT_REPR_PAYLOAD, type RawEventBatch } from '../../types.js';
import { numberFromLong, type LongLike } from '../long.js';
import { pushRow } from '../raw-batch.js';
import { admitRow, intern, type RowGate } from '../row-gate.js';
import { msFromTimeUuidBytes } from '../time-uuid.js';
import { tagsFrom, type JournalLayout } from './journal-layout.js';

const FILTERED_PAYLOAD_ID = 34;

/** The layout of a table with `event`/`ser_id` columns, given the columns it has. */
export function eventLayout(columns: ReadonlySet<string>): JournalLayout {
  const hasMessage = columns.has('message');
  const hasTagSet = columns.has('tags');
  const tagSlots = columns.has('tag3') ? 3 : columns.has('tag2') ? 2 : columns.has('tag1') ? 1 : 0;
  const hasWriter = columns.has('writer_uuid');
  const wanted = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'writer_uuid', 'ser_id',
    'ser_manifest', 'event', 'message', 'tags', 'tag1', 'tag2', 'tag3'];
  return {
    name: hasMessage ? 'event-with-message' : 'event',
    persistenceIdColumn: 'persistence_id',
    columns: wanted.filter((c) => columns.has(c)),
    defaultPartitionSize: 500_000,
    appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void {
      const n = rows.length;
      let prevPid = '';
      let prevManifest = '';
      let prevWriter = '';
      // Written out as one loop per layout: a callback per row cost measurably on 1M-row scans.
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        gate.counters.scanned++;
        const seqValue = row['sequence_nr'] as LongLike | null;
        if (seqValue === null) continue; // a 0.x partition holding only the static `used` cell
        let pid = row['persistence_id'] as string;
        if (pid === prevPid) pid = prevPid;
        else prevPid = pid;
        const seq = numberFromLong(seqValue);
        const uuid = row['timestamp'] as types.TimeUuid | null;
        const ms = uuid === null ? NaN : msFromTimeUuidBytes(uuid.getBuffer());
        const message = hasMessage ? (row['message'] as Uint8Array | null) : null;
        let serId: number;
        let manifest: string;
        let payload: Uint8Array | null;
        if (message !== null) {
          serId = PERSISTENT_REPR_PAYLOAD;
          manifest = '';
          payload = message;
        } else {
          serId = (row['ser_id'] as number | null) ?? -1;
          manifest = (row['ser_manifest'] as string | null) ?? '';
          manifest = manifest === prevManifest ? prevManifest : (prevManifest = intern(gate, manifest));
          payload = row['event'] as Uint8Array | null;
          if (serId === FILTERED_PAYLOAD_ID && manifest === 'F') {
            gate.counters.filteredSkipped++;
            continue;
          }
        }
        if (!admitRow(gate, batch, pid, seq, ms)) continue;
        const writer = hasWriter ? (row['writer_uuid'] as string | null) ?? '' : '';
        pushRow(batch, pid, numberFromLong(row['partition_nr'] as LongLike), seq, ms, serId, manifest, payload,
          writer === prevWriter ? prevWriter : (prevWriter = intern(gate, writer)), tagsFrom(row, hasTagSet, tagSlots, gate));
      }
    },
  };
}
