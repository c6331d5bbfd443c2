// journal.snapshotTable(): the snapshot store of every era (journal-formats.md §1.2, §1.8) as an
// Arquero table, one row per snapshot, decoded through the journal's decoder registry (and its
// per-event budgets): `snapshot_data` with ser_id / ser_manifest (APC 0.10+), else the legacy
// `snapshot` blob in SnapshotSerializer form (serializer 8, which unwraps to the inner payload).
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import { createRawBatch, pushRow } from '../cassandra/raw-batch.js';
import { tableColumns } from '../cassandra/schema.js';
import { eventsFromBatch } from '../decode/events-from-batch.js';
import type { ActiveLimits } from '../decode/limits.js';
import { NotAJournalError } from '../errors.js';
import type { DecoderRegistry } from '../types.js';
import { readAllRows } from './read-all-rows.js';

/** Options of `journal.snapshotTable`. */
export interface SnapshotTableOptions {
  /** Default: '<journal keyspace>_snapshot' ('akka_snapshot', 'pekko_snapshot'). */
  keyspace?: string;
  /** Default 'snapshots'. */
  table?: string;
  /** Only these ids (one query each). Default all. */
  persistenceIds?: string[];
}

/** The snapshot table's shape: which id column, and which payload columns it has. */
export interface SnapshotLayout {
  idColumn: 'persistence_id' | 'processor_id';
  hasData: boolean;
  hasLegacy: boolean;
}

const SNAPSHOT_SERIALIZER = 8;

/** The layout of a snapshot table from its columns; throws when it is not one. */
export async function snapshotLayoutOf(client: cassandra.Client, keyspace: string, table: string): Promise<SnapshotLayout> {
  const columns = await tableColumns(client, keyspace, table);
  const idColumn = columns.has('persistence_id') ? 'persistence_id' : columns.has('processor_id') ? 'processor_id' : undefined;
  const hasData = columns.has('snapshot_data') && columns.has('ser_id');
  const hasLegacy = columns.has('snapshot');
  if (!idColumn || !columns.has('sequence_nr') || (!hasData && !hasLegacy)) {
    const missing = [!idColumn ? 'persistence_id' : '', columns.has('sequence_nr') ? '' : 'sequence_nr', hasData || hasLegacy ? '' : 'snapshot_data (or snapshot)'].filter(Boolean);
    throw new NotAJournalError(keyspace, table, missing,
      `${keyspace}.${table} is not an akka-persistence snapshot table: it lacks ${missing.join(', ')} (it has ${[...columns].sort().join(', ')}).`,
      { hint: "Pass the snapshot store's keyspace and table, e.g. snapshotTable({ keyspace: 'akka_snapshot', table: 'snapshots' })." });
  }
  return { idColumn, hasData, hasLegacy };
}

/**
 * Reads (pid, sequence_nr, timestamp, payload) rows and decodes them.
 *
 * @example
 * const t = await loadSnapshotTable(client, registry, limits, 'akka_snapshot', 'snapshots');
 */
export async function loadSnapshotTable(
  client: cassandra.Client, registry: DecoderRegistry, limits: ActiveLimits, keyspace: string, table: string, persistenceIds?: readonly string[],
): Promise<ColumnTable> {
  const layout = await snapshotLayoutOf(client, keyspace, table);
  const columns = [layout.idColumn, 'sequence_nr', 'timestamp', ...(layout.hasData ? ['ser_id', 'ser_manifest', 'snapshot_data'] : []), ...(layout.hasLegacy ? ['snapshot'] : [])];
  const select = `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)}`;
  const rows: cassandra.types.Row[] = [];
  if (persistenceIds) {
    for (const pid of persistenceIds) await readAllRows(client, `${select} WHERE ${quoteIdentifier(layout.idColumn)} = ?`, [pid], (page) => { rows.push(...page); }, 100);
  } else {
    // Snapshots are few but large: small pages keep the blobs in flight few.
    await readAllRows(client, select, [], (page) => { rows.push(...page); }, 100);
  }
  const batch = createRawBatch(rows.length);
  const sizes: number[] = [];
  for (const row of rows) {
    const data = layout.hasData ? (row['snapshot_data'] as Uint8Array | null) : null;
    const legacy = layout.hasLegacy ? (row['snapshot'] as Uint8Array | null) : null;
    const useData = data !== null;
    pushRow(batch, row[layout.idColumn] as string, 0, numberFromLong(row['sequence_nr'] as LongLike), numberFromLong(row['timestamp'] as LongLike),
      useData ? ((row['ser_id'] as number | null) ?? -1) : SNAPSHOT_SERIALIZER, useData ? ((row['ser_manifest'] as string | null) ?? '') : '',
      useData ? data : legacy, '', null);
    sizes.push((useData ? data : legacy)?.length ?? 0);
  }
  const decoded = eventsFromBatch(batch, registry, {}, false, limits);
  const n = batch.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    batch.persistenceId[a]! < batch.persistenceId[b]! ? -1 : batch.persistenceId[a]! > batch.persistenceId[b]! ? 1 : batch.sequenceNr[a]! - batch.sequenceNr[b]!);
  return aq.table({
    persistenceId: order.map((i) => batch.persistenceId[i]!),
    sequenceNr: order.map((i) => batch.sequenceNr[i]!),
    timestamp: order.map((i) => (Number.isFinite(batch.timestampMs[i]!) ? new Date(batch.timestampMs[i]!) : null)),
    serId: order.map((i) => batch.serializerId[i]!),
    manifest: order.map((i) => batch.manifest[i]!),
    snapshot: order.map((i) => decoded.events[i]),
    bytes: order.map((i) => sizes[i]!),
    decodeError: order.map((i) => decoded.errors?.[i] ?? null),
  });
}

/**
 * The newest snapshot's sequence number per persistence id, without reading any snapshot blob.
 *
 * @example
 * const newest = await newestSnapshots(client, 'akka_snapshot', 'snapshots');
 */
export async function newestSnapshots(client: cassandra.Client, keyspace: string, table: string, persistenceIds?: ReadonlySet<string>): Promise<Map<string, number>> {
  const layout = await snapshotLayoutOf(client, keyspace, table);
  const newest = new Map<string, number>();
  await readAllRows(client, `SELECT ${quoteIdentifier(layout.idColumn)}, sequence_nr FROM ${qualifiedTable(keyspace, table)}`, [], (rows) => {
    for (const row of rows) {
      const pid = row[layout.idColumn] as string;
      if (persistenceIds && !persistenceIds.has(pid)) continue;
      const seq = numberFromLong(row['sequence_nr'] as LongLike);
      if (seq > (newest.get(pid) ?? -1)) newest.set(pid, seq);
    }
  });
  return newest;
}
