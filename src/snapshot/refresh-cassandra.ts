// Incremental refresh of a Cassandra snapshot (see docs/snapshots.md): the journal's current
// deletes (metadata.deleted_to), a scan of the rows written since the snapshot (or of every key),
// the appended rows and new ids taken from that scan, and a re-read, payloads and all, of only the
// partitions rewritten below their last snapshot row, from the first difference on. The result is
// the snapshot's unchanged rows merged with the new ones, in key order: the rows a full reload
// would return. Like the root wiring files, this one calls cassandra/,
// decode/ (through `decode`) and table/ in path order.
import type cassandra from 'cassandra-driver';
import { loadDeletedTo } from '../cassandra/journal-metadata.js';
import type { JournalLayout } from '../cassandra/layouts/journal-layout.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import { createRowGate, type RowFilter, type RowGate } from '../cassandra/row-gate.js';
import { readPages, type PagingOptions } from '../cassandra/scan-token-ranges.js';
import type { TokenSplit } from '../cassandra/token-splits.js';
import { createRawBatch, trimRawBatch } from '../cassandra/raw-batch.js';
import { createJournalTableBuilder, type BatchEvents, type JournalTableBuilder } from '../table/journal-table-builder.js';
import type { RawEventBatch } from '../types.js';
import { columnsFromTable } from './columns-from-table.js';
import { mergeKeyOrdered } from './refresh-merge.js';
import { createRefreshPlan, type ReadFrom } from './refresh-plan.js';
import { scanKeys } from './scan-keys.js';
import { loadAllPersistenceIds, scanWrittenSince } from './scan-written-since.js';
import { planWrittenSince, type SnapshotIdIndex } from './written-since-plan.js';
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

/** A snapshot's rows in key order, and its id index. */
export interface PreparedSnapshot {
  columns: SnapshotColumns;
  ids: SnapshotIdIndex;
}

export interface RefreshResult {
  columns: SnapshotColumns;
  rowsRead: number;
  rowsDropped: number;
  /** The key scan's gate: its skip counters are those of a full reload ('key-scan' only). */
  gate: RowGate;
  /** The method used ('written-since' falls back to 'key-scan' when most ids vanished). */
  method: 'written-since' | 'key-scan';
  /** Milliseconds per phase (scan, plan, read, merge), for the benchmark. */
  phases: Record<string, number>;
  /** 'written-since': new rows taken from the scan as they stood (part of rowsRead). */
  rowsFromScan?: number;
  /** Partitions re-read (from some sequence number on). */
  partitionsRead: number;
}

/**
 * Refreshes the snapshot that `readSnapshot` gives (in key order) against the journal. The
 * 'written-since' refresh reads the file while Cassandra works on its scan.
 *
 * @example
 * const { columns } = await refreshCassandraSnapshot(async () => snapshot, source);
 */
export async function refreshCassandraSnapshot(readSnapshot: () => Promise<PreparedSnapshot>, source: RefreshSource): Promise<RefreshResult> {
  const { client, keyspace, table, layout } = source;
  let read: Promise<PreparedSnapshot> | undefined;
  const snapshotOnce = (): Promise<PreparedSnapshot> => (read ??= readSnapshot());
  if (source.method.name === 'written-since') {
    const result = await refreshWrittenSince(snapshotOnce, source, source.method.sinceMs);
    if (result !== null) return result;
  }
  const snapshot = (await snapshotOnce()).columns;
  const deletedTo = await loadDeletedTo(client, keyspace, source.tables, source.persistenceIds);
  const gate = createRowGate(source.filter, deletedTo, source.keepDuplicates);
  const plan = createRefreshPlan(snapshot, deletedTo);
  let scanned = 0;
  const phases: Record<string, number> = {};
  let t = performance.now();
  // ser_id and ser_manifest are read too, only so that placeholders are skipped (and counted) as a
  // load does: without them the scan was about a third faster here, but every partition with a
  // placeholder past its snapshot rows would be re-read on each refresh and filteredSkipped be lost.
  await scanKeys(client, keyspace, table, layout.columns.includes('ser_id'), gate, source.splits, {
    concurrency: source.concurrency, pageSize: Math.max(source.pageSize, 5000), retries: source.retries,
    persistenceIds: source.persistenceIds ? new Set(source.persistenceIds) : null,
  }, plan.onGroup, () => source.onProgress('scan', ++scanned, source.splits.length, gate.counters.scanned));
  const { keep, reads, dropped } = plan.finish();
  t = lap(phases, 'scan', t);
  // A gate of its own: the scan's counters are already a full reload's.
  const fresh = await readChanged(source, reads, createRowGate(source.filter, deletedTo, source.keepDuplicates));
  t = lap(phases, 'read', t);
  // The kept snapshot rows and the re-read ones, in key order, copied run by run.
  const columns = mergeKeyOrdered(snapshot, keep, fresh);
  lap(phases, 'merge', t);
  return { columns, rowsRead: fresh.rows, rowsDropped: dropped, gate, method: 'key-scan', phases, partitionsRead: reads.length };
}

function lap(phases: Record<string, number>, name: string, since: number): number {
  const now = performance.now();
  phases[name] = (phases[name] ?? 0) + now - since;
  return now;
}

/**
 * The 'written-since' refresh: only rows written since `sinceMs` come back from the scan; with the
 * vanished ids and deleted_to they decide which partitions are re-read. Null (use the key scan)
 * when more than half the snapshot's ids are missing from all_persistence_ids: the table is then
 * not kept up by the writers, and re-reading every partition one by one would cost more.
 */
async function refreshWrittenSince(readSnapshot: () => Promise<PreparedSnapshot>, source: RefreshSource, sinceMs: number): Promise<RefreshResult | null> {
  const { client, keyspace, table } = source;
  const onlyIds = source.persistenceIds ? new Set(source.persistenceIds) : null;
  // The three reads are independent: deletes, the ids that still exist, the rows written since.
  // The scan's work is on the server (it returns few rows), so it runs with twice the load's concurrency.
  let scanned = 0;
  const phases: Record<string, number> = {};
  let t = performance.now();
  const lookups = Promise.all([
    loadDeletedTo(client, keyspace, source.tables, source.persistenceIds),
    source.tables.has('all_persistence_ids') ? loadAllPersistenceIds(client, keyspace, source.retries) : Promise.resolve(null),
    scanWrittenSince(client, keyspace, table, sinceMs, source.splits,
      { concurrency: source.concurrency * 2, pageSize: Math.max(source.pageSize, 5000), retries: source.retries },
      () => source.onProgress('scan', ++scanned, source.splits.length, 0), source.layout.columns),
  ]);
  // Handled here so that a failed read cannot go unhandled while the file is read; awaited below.
  lookups.catch(() => undefined);
  // The file is read while Cassandra works on the scan (its work is on the server).
  const { columns: snapshot, ids: index } = await readSnapshot();
  const [deletedTo, allIds, written] = await lookups;
  t = lap(phases, 'scan', t);
  const vanished = new Set<string>();
  if (allIds !== null) {
    const ids = allIds;
    const pid = snapshot.columns['persistenceId'] as Extract<SnapshotColumns['columns'][string], { kind: 'dictionary' }>;
    let inSnapshot = 0;
    for (let c = 0; c < pid.values.length; c++) {
      if (index.start[c] === -1) continue;
      inSnapshot++;
      if (!ids.has(pid.values[c]!)) vanished.add(pid.values[c]!);
    }
    if (vanished.size > inSnapshot / 2 && vanished.size > 10) return null;
  }
  const { keep, reads, direct, dropped } = planWrittenSince(snapshot, written, deletedTo, vanished, onlyIds, source.keepDuplicates, index);
  t = lap(phases, 'plan', t);
  const gate = createRowGate(source.filter, deletedTo, source.keepDuplicates);
  const builder = createJournalTableBuilder();
  const undecodableBy: Record<string, number> = {};
  // Appends and new ids: the scan's rows, through the loader's gate and decoders.
  const scanRows = written.rows ?? [];
  for (let at = 0; at < direct.length; at += source.pageSize) {
    const rows = Array.from(direct.subarray(at, at + source.pageSize), (r) => scanRows[r]!);
    const batch = createRawBatch(rows.length);
    source.layout.appendPage(rows, batch, gate);
    if (batch.length > 0) {
      const trimmed = trimRawBatch(batch);
      builder.append(trimmed, source.decode(trimmed, undecodableBy));
    }
  }
  const rowsFromScan = builder.length;
  t = lap(phases, 'fromScan', t);
  const fresh = await readChanged(source, reads, gate, builder, undecodableBy);
  t = lap(phases, 'read', t);
  const columns = mergeKeyOrdered(snapshot, keep, fresh);
  lap(phases, 'merge', t);
  return { columns, rowsRead: fresh.rows, rowsFromScan, rowsDropped: dropped, gate, method: 'written-since', phases, partitionsRead: reads.length };
}

/**
 * Re-reads each changed partition from its first changed sequence number, decoded as a load does,
 * into `builder` (which may hold rows already); all its rows as columns.
 */
async function readChanged(
  source: RefreshSource, reads: readonly ReadFrom[], gate: RowGate,
  builder: JournalTableBuilder = createJournalTableBuilder(), undecodableBy: Record<string, number> = {},
): Promise<SnapshotColumns> {
  const { client, keyspace, table, layout } = source;
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} ` +
    `WHERE ${quoteIdentifier(layout.persistenceIdColumn)} = ? AND partition_nr = ? AND sequence_nr >= ?`;
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
