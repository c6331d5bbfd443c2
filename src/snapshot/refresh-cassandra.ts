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
import { loadAllPersistenceIds, scanWrittenSince } from './scan-written-since.js';
import { planWrittenSince } from './written-since-plan.js';
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
  /**
   * 'written-since' with the time (ms) from which rows count as new (the snapshot's read time minus
   * the clock-skew margin), or 'key-scan'.
   */
  method: { name: 'written-since'; sinceMs: number } | { name: 'key-scan' };
  /** Called after each token range of the key scan and each re-read partition. */
  onProgress(stage: 'scan' | 'read', done: number, total: number, rows: number): void;
}

export interface RefreshResult {
  columns: SnapshotColumns;
  rowsRead: number;
  rowsDropped: number;
  /** The key scan's gate: its skip counters are those of a full reload ('key-scan' only). */
  gate: RowGate;
  /** The method used ('written-since' falls back to 'key-scan' when most ids vanished). */
  method: 'written-since' | 'key-scan';
}

/**
 * Refreshes `snapshot` (in key order) against the journal.
 *
 * @example
 * const { columns } = await refreshCassandraSnapshot(snapshot, source);
 */
export async function refreshCassandraSnapshot(snapshot: SnapshotColumns, source: RefreshSource): Promise<RefreshResult> {
  const { client, keyspace, table, layout } = source;
  if (source.method.name === 'written-since') {
    const result = await refreshWrittenSince(snapshot, source, source.method.sinceMs);
    if (result !== null) return result;
  }
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
  return { columns: takeRows(merged, keyOrderMerged(merged, keep, snapshot.rows)), rowsRead: fresh.rows, rowsDropped: dropped, gate, method: 'key-scan' };
}

/**
 * The 'written-since' refresh: only rows written since `sinceMs` come back from the scan; with the
 * vanished ids and deleted_to they decide which partitions are re-read. Null (use the key scan)
 * when more than half the snapshot's ids are missing from all_persistence_ids: the table is then
 * not kept up by the writers, and re-reading every partition one by one would cost more.
 */
async function refreshWrittenSince(snapshot: SnapshotColumns, source: RefreshSource, sinceMs: number): Promise<RefreshResult | null> {
  const { client, keyspace, table } = source;
  const onlyIds = source.persistenceIds ? new Set(source.persistenceIds) : null;
  // The three reads are independent: deletes, the ids that still exist, the rows written since.
  // The scan's work is on the server (it returns few rows), so it runs with twice the load's concurrency.
  let scanned = 0;
  const [deletedTo, allIds, written] = await Promise.all([
    loadDeletedTo(client, keyspace, source.tables, source.persistenceIds),
    source.tables.has('all_persistence_ids') ? loadAllPersistenceIds(client, keyspace, source.retries) : Promise.resolve(null),
    scanWrittenSince(client, keyspace, table, sinceMs, source.splits,
      { concurrency: source.concurrency * 2, pageSize: Math.max(source.pageSize, 5000), retries: source.retries },
      () => source.onProgress('scan', ++scanned, source.splits.length, 0)),
  ]);
  const vanished = new Set<string>();
  if (allIds !== null) {
    const ids = allIds;
    const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
    const present = new Uint8Array(pid.values.length);
    for (let i = 0; i < snapshot.rows; i++) present[pid.codes[i]!] = 1;
    let inSnapshot = 0;
    for (let c = 0; c < pid.values.length; c++) {
      if (present[c] === 0) continue;
      inSnapshot++;
      if (!ids.has(pid.values[c]!)) vanished.add(pid.values[c]!);
    }
    if (vanished.size > inSnapshot / 2 && vanished.size > 10) return null;
  }
  const { keep, reads, dropped } = planWrittenSince(snapshot, written, deletedTo, vanished, onlyIds, source.keepDuplicates);
  const gate = createRowGate(source.filter, deletedTo, source.keepDuplicates);
  const fresh = await readChanged(source, deletedTo, reads, gate);
  const merged = appendRows(snapshot, fresh);
  return { columns: takeRows(merged, keyOrderMerged(merged, keep, snapshot.rows)), rowsRead: fresh.rows, rowsDropped: dropped, gate, method: 'written-since' };
}

/** Re-reads each changed partition from its first changed sequence number, decoded as a load does. */
async function readChanged(
  source: RefreshSource, deletedTo: ReadonlyMap<string, number>, reads: readonly ReadFrom[],
  gate: RowGate = createRowGate(source.filter, deletedTo, source.keepDuplicates),
): Promise<SnapshotColumns> {
  const { client, keyspace, table, layout } = source;
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} ` +
    `WHERE ${quoteIdentifier(layout.persistenceIdColumn)} = ? AND partition_nr = ? AND sequence_nr >= ?`;
  const builder = createJournalTableBuilder();
  const undecodableBy: Record<string, number> = {};
  const paging: PagingOptions = { concurrency: source.concurrency, pageSize: source.pageSize, retries: source.retries, stop: { stopped: false } };
  const sink = (batch: RawEventBatch): void => {
    builder.append(batch, source.decode(batch, undecodableBy));
  };
  const ctx = { client, keyspace, table, layout, gate, paging, sink };
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < reads.length) {
      const r = reads[next++]!;
      await readPages(ctx, query, [r.persistenceId, r.partition, r.fromSequenceNr],
        () => `partition ${r.partition} of '${r.persistenceId}' from sequence number ${r.fromSequenceNr} in ${keyspace}.${table}`);
      source.onProgress('read', ++done, reads.length, builder.length);
    }
  };
  // More at once than a scan: these are many small reads, each a round trip.
  await Promise.all(Array.from({ length: Math.min(source.concurrency * 4, reads.length) }, worker));
  return columnsFromTable(builder.toTable(source.eventTypeFor));
}
