// The journal layout a health scan reads through: the era's own page loop (cassandra/layouts),
// without the payload columns (`event`, `message`), so a scan moves keys, times, writers and
// tags only. Two things the event loops drop on purpose are kept here, because a health check
// must see them (docs/health-checks.md):
// - FilteredPayload placeholders (serializer 34, manifest 'F') fill their sequence number;
// - L0 'B' markers are logical deletes: their sequence numbers are reported to `onDeleted`.
import type { types } from 'cassandra-driver';
import type { JournalLayout } from '../cassandra/layouts/journal-layout.js';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import type { RowGate } from '../cassandra/row-gate.js';
import type { RawEventBatch } from '../types.js';

/** Serializer id a placeholder row gets in a health batch (the real 34 would be skipped by the layout). */
export const PLACEHOLDER_SERIALIZER_ID = -34;

const PAYLOAD_COLUMNS = new Set(['event', 'message']);

/** Interned strings (manifests, writer ids) a health scan lets the gate keep between pages. */
const MAX_INTERNED = 1000;

/**
 * `layout` reading no payload bytes; `onDeleted(pid, partition, seq)` hears each L0 'B' marker.
 *
 * @example
 * const layout = healthLayoutFrom(layoutFromColumns(ks, 'messages', columns), tracker.markDeleted);
 */
export function healthLayoutFrom(layout: JournalLayout, onDeleted: (pid: string, partition: number, seq: number) => void): JournalLayout {
  const columns = layout.columns.filter((c) => !PAYLOAD_COLUMNS.has(c));
  const hasSerId = columns.includes('ser_id');
  const isProcessor = layout.name === 'legacy-processor';
  return {
    ...layout,
    columns,
    appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void {
      const n = rows.length;
      // Written out: one pass over the page before the era's loop; no closure per row.
      if (hasSerId) {
        for (let r = 0; r < n; r++) {
          const row = rows[r]!;
          if (row['ser_id'] === 34 && row['ser_manifest'] === 'F') row['ser_id'] = PLACEHOLDER_SERIALIZER_ID;
        }
      } else if (isProcessor) {
        for (let r = 0; r < n; r++) {
          const row = rows[r]!;
          if (row['marker'] === 'B') {
            onDeleted(row['processor_id'] as string, numberFromLong(row['partition_nr'] as LongLike), numberFromLong(row['sequence_nr'] as LongLike));
          }
        }
      }
      layout.appendPage(rows, batch, gate);
      // The era's loop interns writer ids for the table eventTable builds; a health scan keeps one
      // copy per partition itself (sequence-tracker.ts), so the gate's copies (one per writer
      // incarnation, up to 100 000) would only add to its peak.
      if (gate.strings.size > MAX_INTERNED) gate.strings.clear();
    },
  };
}
