// L0 messages (APC v-0.1 … v-0.3.9, Akka 2.3): ((processor_id, partition_nr), sequence_nr, marker), message blob.
// Marker 'A' = the persisted PersistentRepr, 'B' = logical delete of that sequence_nr (sorts right after its 'A'),
// 'H' = partition header at sequence_nr 0, 'C-<channel>' = channel confirmation.
import type { types } from 'cassandra-driver';
import { PERSISTENT_REPR_PAYLOAD, type RawEventBatch } from '../../types.js';
import { numberFromLong, type LongLike } from '../long.js';
import { pushRow } from '../raw-batch.js';
import { admitRow, type RowGate } from '../row-gate.js';
import type { JournalLayout } from './journal-layout.js';

/** The layout of an Akka 2.3-era table keyed by processor_id and marker. */
export function processorLayout(): JournalLayout {
  return {
    name: 'legacy-processor',
    persistenceIdColumn: 'processor_id',
    columns: ['processor_id', 'partition_nr', 'sequence_nr', 'marker', 'message'],
    defaultPartitionSize: 5_000_000,
    appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void {
      const n = rows.length;
      let prevPid = '';
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        gate.counters.scanned++;
        const marker = row['marker'] as string | null;
        let pid = row['processor_id'] as string;
        if (pid === prevPid) pid = prevPid;
        else prevPid = pid;
        const seq = numberFromLong(row['sequence_nr'] as LongLike);
        if (marker === 'B') {
          const last = batch.length - 1;
          if (last >= 0 && batch.sequenceNr[last] === seq && batch.persistenceId[last] === pid) {
            batch.length--;
            gate.counters.deletedSkipped++;
          }
          continue;
        }
        if (marker !== 'A') continue;
        if (!admitRow(gate, batch, pid, seq, NaN)) continue;
        pushRow(batch, pid, numberFromLong(row['partition_nr'] as LongLike), seq, NaN, PERSISTENT_REPR_PAYLOAD, '',
          row['message'] as Uint8Array | null, '', null);
      }
    },
  };
}
