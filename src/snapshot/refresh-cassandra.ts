// Incremental refresh of a Cassandra snapshot (see docs/snapshots.md): the journal's current
// deletes (metadata.deleted_to), a key-only scan of every row, and a re-read, payloads and all,
// of only the partitions whose keys differ from the snapshot's, from the first difference on.
// The result is the snapshot's unchanged rows merged with the re-read ones, in key order: the
// rows a full reload would return. Like the root wiring files, this one calls cassandra/,
// decode/ (through `decode`) and table/ in path order.
import type cassandra from 'cassandra-driver';
import { loadDeletedTo } from '../cassandra/journal-metadata.js';
import type { JournalLayout } from '../cassandra/layouts/journal-layout.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import { createRowGate, type RowFilter, type RowGate } from '../cassandra/row-gate.js';
import { readPages, type PagingOptions } from '../cassandra/scan-token-ranges.js';
import type { TokenSplit } from '../cassandra/token-splits.js';
import { createJournalTableBuilder, type BatchEvents } from '../table/journal-table-builder.js';
import type { RawEventBatch } from '../types.js';
import { appendRows, keyOrderMerged, takeRows } from './column-ops.js';
import { columnsFromTable } from './columns-from-table.js';
import { createRefreshPlan, type ReadFrom } from './refresh-plan.js';
import { scanKeys } from './scan-keys.js';
import type { SnapshotColumns } from './snapshot-columns.js';

export interface RefreshSource {
  client: cassandra.Client;
  keyspace: string;
  table: string;
  layout: JournalLayout;
  /** Tables of the keyspace (is there a `metadata` table?). */
  tables: ReadonlySet<string>;
  filter: RowFilter;
  keepDuplicates: boolean;
  persistenceIds: readonly string[] | undefined;
  splits: readonly TokenSplit[];
  concurrency: number;
  pageSize: number;
  retries: number;
  /** Decodes a batch of re-read rows as the loader does. */
  decode(batch: RawEventBatch, undecodableBy: Record<string, number>): BatchEvents;
  /** The event type of rows without a manifest (the serializer's name). */
  eventTypeFor(serializerId: number): string;
  /** Called after each token range of the key scan and each re-read partition. */
  onProgress(stage: 'scan' | 'read', done: number, total: number, rows: number): void;
}

export interface RefreshResult {
  columns: SnapshotColumns;
  rowsRead: number;
  rowsDropped: number;
  /** The key scan's gate: its skip counters are those of a full reload. */
  gate: RowGate;
}

/**
 * Refreshes `snapshot` (in key order) against the journal.
 *
 * @example
 * const { columns } = await refreshCassandraSnapshot(snapshot, source);
 */
export async function refreshCassandraSnapshot(snapshot: SnapshotColumns, source: RefreshSource): Promise<RefreshResult> {
  const { client, keyspace, table, layout } = source;
  const deletedTo = await loadDeletedTo(client, keyspace, source.tables, source.persistenceIds);
  const gate = createRowGate(source.filter, deletedTo, source.keepDuplicates);
  const plan = createRefreshPlan(snapshot, deletedTo);
  let scanned = 0;
  // ser_id and ser_manifest are read too, only so that placeholders are skipped (and counted) as a
  // load does: without them the scan was about a third faster here, but every partition with a
  // placeholder past its snapshot rows would be re-read on each refresh and filteredSkipped be lost.
  await scanKeys(client, keyspace, table, layout.columns.includes('ser_id'), gate, source.splits, {
    concurrency: source.concurrency, pageSize: Math.max(source.pageSize, 5000), retries: source.retries,
    persistenceIds: source.persistenceIds ? new Set(source.persistenceIds) : null,
  }, plan.onGroup, () => source.onProgress('scan', ++scanned, source.splits.length, gate.counters.scanned));
  const { keep, reads, dropped } = plan.finish();
  const fresh = await readChanged(source, deletedTo, reads);
  // One append, one gather: the kept snapshot rows and the re-read ones, in key order.
  const merged = appendRows(snapshot, fresh);
  return { columns: takeRows(merged, keyOrderMerged(merged, keep, snapshot.rows)), rowsRead: fresh.rows, rowsDropped: dropped, gate };
}

/** Re-reads each changed partition from its first changed sequence number, decoded as a load does. */
async function readChanged(source: RefreshSource, deletedTo: ReadonlyMap<string, number>, reads: readonly ReadFrom[]): Promise<SnapshotColumns> {
  const { client, keyspace, table, layout } = source;
  const gate = createRowGate(source.filter, deletedTo, source.keepDuplicates);
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} ` +
    `WHERE ${quoteIdentifier(layout.persistenceIdColumn)} = ? AND partition_nr = ? AND sequence_nr >= ?`;
  const builder = createJournalTableBuilder();
  const undecodableBy: Record<string, number> = {};
  const paging: PagingOptions = { concurrency: source.concurrency, pageSize: source.pageSize, retries: source.retries, stop: { stopped: false } };
  const sink = (batch: RawEventBatch): void => {
    builder.append(batch, source.decode(batch, undecodableBy));
  };
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < reads.length) {
      const r = reads[next++]!;
      await readPages(client, query, [r.persistenceId, r.partition, r.fromSequenceNr], layout, gate, paging, sink,
        () => `partition ${r.partition} of '${r.persistenceId}' from sequence number ${r.fromSequenceNr} in ${keyspace}.${table}`);
      source.onProgress('read', ++done, reads.length, builder.length);
    }
  };
  // More at once than a scan: these are many small reads, each a round trip.
  await Promise.all(Array.from({ length: Math.min(source.concurrency * 4, reads.length) }, worker));
  return columnsFromTable(builder.toTable(source.eventTypeFor));
}
