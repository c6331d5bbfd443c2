// The journal layout a health scan reads through, without the payload columns (`event`,
// `message`), so a scan moves keys, times, writers and (where a caller needs them) tags only.
// Two things the event loops drop on purpose are kept here, because a health check must see
// them (docs/health-checks.md):
// - FilteredPayload placeholders (serializer 34, manifest 'F') fill their sequence number;
// - L0 'B' markers are logical deletes: their sequence numbers are reported to `onDeleted`.
// In the event eras (APC 0.10+, Pekko) the SELECT is narrower still (`select`): the numbers come
// as doubles computed by Cassandra (CAST(sequence_nr AS double), toUnixTimestamp(timestamp)), so
// a row brings no Long, TimeUuid or Buffer objects, no serializer columns (a placeholder is then
// a row like any other) and no tags unless asked for. The driver's row objects are most of the
// garbage a scan makes, and that garbage is most of health()'s peak memory.
import type { types } from 'cassandra-driver';
import type { JournalLayout } from '../cassandra/layouts/journal-layout.js';
import { tagsFrom } from '../cassandra/layouts/journal-layout.js';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { quoteIdentifier } from '../cassandra/quote.js';
import { pushRow } from '../cassandra/raw-batch.js';
import type { RowGate } from '../cassandra/row-gate.js';
import type { RawEventBatch } from '../types.js';

/** Serializer id a placeholder row gets in a health batch (the real 34 would be skipped by the layout). */
export const PLACEHOLDER_SERIALIZER_ID = -34;

/** A layout with the select list a health scan queries (plain quoted columns, or computed ones). */
export interface HealthLayout extends JournalLayout {
  /** What goes between SELECT and FROM. */
  select: string;
}

/** What the scan's consumer reads of a row besides its key, time and writer. */
export interface HealthColumns {
  /** Tags (`tags`, `tag1..3`): read only when true. */
  tags: boolean;
  /** Event eras: numbers computed by Cassandra (needs CAST, Cassandra 3.2+). False: the era's own loop. */
  computed: boolean;
}

const PAYLOAD_COLUMNS = new Set(['event', 'message']);
const TAG_COLUMNS = new Set(['tags', 'tag1', 'tag2', 'tag3']);

/** Interned strings (manifests, writer ids) a health scan lets the gate keep between pages. */
const MAX_INTERNED = 1000;

/**
 * `layout` reading no payload bytes; `onDeleted(pid, partition, seq)` hears each L0 'B' marker.
 *
 * @example
 * const layout = healthLayoutFrom(layoutFromColumns(ks, 'messages', columns), tracker.markDeleted, { tags: false, computed: true });
 */
export function healthLayoutFrom(layout: JournalLayout, onDeleted: (pid: string, partition: number, seq: number) => void, wanted: HealthColumns): HealthLayout {
  const isEventEra = layout.name === 'event' || layout.name === 'event-with-message';
  if (isEventEra && wanted.computed) return computedEventLayout(layout, wanted.tags);
  const columns = layout.columns.filter((c) => !PAYLOAD_COLUMNS.has(c));
  const hasSerId = columns.includes('ser_id');
  const isProcessor = layout.name === 'legacy-processor';
  return {
    ...layout,
    columns,
    select: columns.map(quoteIdentifier).join(', '),
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

/** Column aliases of the computed select list. */
const MS = 'health_ms';
const SEQ = 'health_seq';
const PARTITION = 'health_partition';

/**
 * The event eras' rows as Cassandra computes them: every row above the watermark is present
 * (placeholders included), so no serializer column is read; numbers arrive as doubles.
 */
function computedEventLayout(layout: JournalLayout, keepTags: boolean): HealthLayout {
  const has = new Set(layout.columns);
  const hasTimestamp = has.has('timestamp');
  const hasWriter = has.has('writer_uuid');
  const hasTagSet = keepTags && has.has('tags');
  const tagSlots = !keepTags ? 0 : has.has('tag3') ? 3 : has.has('tag2') ? 2 : has.has('tag1') ? 1 : 0;
  const select = [
    quoteIdentifier('persistence_id'),
    `CAST(${quoteIdentifier('partition_nr')} AS double) AS ${PARTITION}`,
    `CAST(${quoteIdentifier('sequence_nr')} AS double) AS ${SEQ}`,
    ...(hasTimestamp ? [`CAST(toUnixTimestamp(${quoteIdentifier('timestamp')}) AS double) AS ${MS}`] : []),
    ...(hasWriter ? [quoteIdentifier('writer_uuid')] : []),
    ...layout.columns.filter((c) => keepTags && TAG_COLUMNS.has(c)).map(quoteIdentifier),
  ].join(', ');
  return {
    ...layout,
    columns: layout.columns.filter((c) => !PAYLOAD_COLUMNS.has(c) && (keepTags || !TAG_COLUMNS.has(c)) && c !== 'ser_id' && c !== 'ser_manifest'),
    select,
    appendPage(rows: readonly types.Row[], batch: RawEventBatch, gate: RowGate): void {
      const n = rows.length;
      let prevPid = '';
      let prevWriter = '';
      // Written out, as the era loops: no closure per row; equal neighbours share one string.
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        gate.counters.scanned++;
        const seq = row[SEQ] as number | null;
        if (seq === null) continue; // a 0.x partition holding only the static `used` cell
        let pid = row['persistence_id'] as string;
        if (pid === prevPid) pid = prevPid;
        else prevPid = pid;
        const ms = hasTimestamp ? (row[MS] as number | null) ?? NaN : NaN;
        let writer = hasWriter ? (row['writer_uuid'] as string | null) ?? '' : '';
        if (writer === prevWriter) writer = prevWriter;
        else prevWriter = writer;
        pushRow(batch, pid, row[PARTITION] as number, seq, ms, -1, '', null, writer,
          keepTags ? tagsFrom(row, hasTagSet, tagSlots, gate) : null);
      }
    },
  };
}
