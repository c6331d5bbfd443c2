// saveTable / loadTable: any Arquero table to a snapshot file and back, with the load's metadata.
import type { ColumnTable } from 'arquero';
import { OptionError } from '../errors.js';
import { attachLoadStats, loadStats } from '../table/load-stats.js';
import type { LoadStats } from '../types.js';
import { columnsFromTable } from './columns-from-table.js';
import type { SnapshotColumns } from './snapshot-columns.js';
import { readSnapshotFile, readSnapshotInfo, writeSnapshotFile } from './snapshot-file.js';
import {
  SNAPSHOT_FORMAT, SNAPSHOT_VERSION, attachCassandraSource, cassandraSourceOf, type KafkaSnapshotSource, type SnapshotInfo,
} from './snapshot-info.js';
import { tableFromColumns } from './table-from-columns.js';

/**
 * Saves a table to `path`: `.parquet` (compressed; opens in pandas, Polars, DuckDB, Spark) or
 * `.arrow` (Arrow IPC; fastest to load). Timestamps are stored as timestamps, partition and
 * sequence numbers as int64, tags as lists of strings, events as their JSON text, `raw` as binary,
 * repeated strings dictionary-encoded. The load's statistics and source travel in the file's
 * metadata; a saved stream window records the offsets it reached (resume with
 * `eventStream({ from: { snapshot: path } })`). The file is written to a temporary name and then
 * renamed, so an existing snapshot is replaced whole or not at all.
 *
 * @example
 * await saveTable(await journal.eventTable(), 'journal.parquet');
 */
export async function saveTable(table: ColumnTable, path: string): Promise<SnapshotInfo> {
  if (table === null || typeof table !== 'object' || typeof (table as { numRows?: unknown }).numRows !== 'function') {
    throw new OptionError('table', `saveTable expects an Arquero table as its first argument, got ${typeof table}.`);
  }
  const columns = columnsFromTable(table);
  const info = snapshotInfoOf(table, columns);
  writeSnapshotFile(path, columns, info);
  return info;
}

/**
 * Loads a table saved by `saveTable` (or by `eventTable({ snapshot })`). `loadStats(t).snapshot`
 * says which file it came from and when its rows were read.
 *
 * @example
 * const events = await loadTable('notebooks/data/demo-journal.parquet');
 */
export async function loadTable(path: string): Promise<ColumnTable> {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', `loadTable expects a file path, got ${JSON.stringify(path)}.`);
  const { columns, info } = await readSnapshotFile(path);
  return tableFromSnapshot(columns, info, path, { mode: 'loaded' });
}

/** The metadata of a snapshot file, without reading its rows. */
export function snapshotInfo(path: string): SnapshotInfo {
  return readSnapshotInfo(path);
}

/** The table of loaded snapshot columns, with its load stats (the saved ones, marked as from the file). */
export function tableFromSnapshot(columns: SnapshotColumns, info: SnapshotInfo, path: string, use: { mode: 'written' | 'refreshed' | 'loaded'; reason?: string; rowsRead?: number; rowsDropped?: number; elapsedMs?: number }): ColumnTable {
  const table = tableFromColumns(columns);
  const saved = info.loadStats;
  const stats: LoadStats = {
    rows: columns.rows, undecodable: saved?.undecodable ?? 0, undecodableBy: saved?.undecodableBy ?? {},
    deletedSkipped: saved?.deletedSkipped ?? 0, filteredSkipped: saved?.filteredSkipped ?? 0,
    duplicatesDropped: saved?.duplicatesDropped ?? 0, rangesTotal: saved?.rangesTotal ?? 0,
    elapsedMs: use.elapsedMs ?? saved?.elapsedMs ?? 0, layout: saved?.layout ?? info.cassandra?.layout,
    snapshot: {
      path, takenAt: info.cassandra?.readAt ?? info.savedAt, mode: use.mode,
      ...(use.reason !== undefined ? { reason: use.reason } : {}),
      ...(use.rowsRead !== undefined ? { rowsRead: use.rowsRead } : {}),
      ...(use.rowsDropped !== undefined ? { rowsDropped: use.rowsDropped } : {}),
    },
  };
  attachLoadStats(table, stats);
  if (info.cassandra) attachCassandraSource(table, info.cassandra);
  return table;
}

/** The metadata saveTable writes for `table`. */
export function snapshotInfoOf(table: object, columns: SnapshotColumns): SnapshotInfo {
  const stats = loadStats(table);
  const cassandra = cassandraSourceOf(table);
  const kafka = kafkaOffsetsOf(columns);
  const kinds: SnapshotInfo['columns'] = {};
  for (const name of columns.names) kinds[name] = columns.columns[name]!.kind;
  return {
    format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt: new Date().toISOString(), rows: columns.rows, columns: kinds,
    ...(stats ? { loadStats: withoutSnapshot(stats) } : {}),
    ...(cassandra ? { cassandra } : {}),
    ...(kafka ? { kafka } : {}),
  };
}

function withoutSnapshot(stats: LoadStats): LoadStats {
  const { snapshot: _snapshot, ...rest } = stats;
  return rest;
}

/** A stream table (topic, partition, offset columns): the offset after the last row per topic-partition. */
function kafkaOffsetsOf(columns: SnapshotColumns): KafkaSnapshotSource | undefined {
  const topic = columns.columns['topic'];
  const partition = columns.columns['partition'];
  const offset = columns.columns['offset'];
  if (topic?.kind !== 'dictionary' || offset === undefined || !('values' in offset) || !(offset.values instanceof Float64Array)) return undefined;
  if (partition === undefined || !('values' in partition) || !(partition.values instanceof Int32Array || partition.values instanceof Float64Array)) return undefined;
  const last = new Map<string, { topic: string; partition: number; offset: number }>();
  for (let i = 0; i < columns.rows; i++) {
    const code = topic.codes[i]!;
    if (code < 0) continue;
    const t = topic.values[code]!;
    const p = partition.values[i]!;
    const o = offset.values[i]!;
    const key = `${t}\u0000${p}`;
    const known = last.get(key);
    if (known === undefined) last.set(key, { topic: t, partition: p, offset: o });
    else if (o > known.offset) known.offset = o;
  }
  if (last.size === 0) return undefined;
  return { offsets: [...last.values()].map(({ topic: t, partition: p, offset: o }) => ({ topic: t, partition: p, nextOffset: String(o + 1) })) };
}
