// eventTable({ snapshot }): the file decides how the journal is read (see docs/snapshots.md).
//   no file            → a full load, then the file is written;
//   file, cluster up   → an incremental refresh (refresh-cassandra.ts), then the file is rewritten;
//   file, cluster down, or refresh: false → the file alone, said so in the progress line and loadStats;
//   file of another keyspace, table, layout or options → refused (SnapshotError 'mismatch').
import fs from 'node:fs';
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { layoutFromColumns } from '../cassandra/detect-layout.js';
import { maybeCount, maybeName, maybePersistenceIds, maybeTime } from '../cassandra/maybe-options.js';
import { listTables, tableColumns } from '../cassandra/schema.js';
import { tokenSplits } from '../cassandra/token-splits.js';
import { AuthenticationError, ConnectionError, OptionError, SnapshotError } from '../errors.js';
import type { EventTableOptions } from '../from-cassandra.js';
import { createProgressDisplay } from '../notebook/progress.js';
import { flattenEvents } from '../table/flatten-events.js';
import type { BatchEvents } from '../table/journal-table-builder.js';
import { loadStats } from '../table/load-stats.js';
import type { LoadProgress, LoadStats, RawEventBatch } from '../types.js';
import { inKeyOrder, keyOrder, takeRows } from './column-ops.js';
import { columnsFromTable } from './columns-from-table.js';
import { refreshCassandraSnapshot, type PreparedSnapshot } from './refresh-cassandra.js';
import { maybeRefreshOptions } from './refresh-options.js';
import { tableFromSnapshot } from './save-table.js';
import type { SnapshotColumns } from './snapshot-columns.js';
import { maybeSnapshotFormat, openSnapshotFile, writeSnapshotFile, type OpenedSnapshotFile } from './snapshot-file.js';
import { tableId } from './table-id.js';
import { indexSnapshotIds } from './written-since-plan.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type CassandraSnapshotSource, type SnapshotInfo } from './snapshot-info.js';

/** What the snapshot path needs of a journal handle (from-cassandra.ts provides it). */
export interface SnapshotJournal {
  defaultKeyspace: string;
  /** A full load, as eventTable without a snapshot. */
  load(options: EventTableOptions): Promise<ColumnTable>;
  /** The connected client; rejects with ConnectionError when the cluster cannot be reached. */
  client(): Promise<cassandra.Client>;
  /** Decodes re-read rows as a load does (JSON checked, parsed on read). */
  decode(batch: RawEventBatch, undecodableBy: Record<string, number>): BatchEvents;
  eventTypeFor(serializerId: number): string;
  ringTokens(client: cassandra.Client): bigint[];
  splitsPerWorker: number;
  defaults: { concurrency: number; pageSize: number; retries: number; table: string };
}

const REFRESHABLE_LAYOUTS = new Set(['event', 'event-with-message']);

/**
 * The last refresh in this process: ms per phase (readFile, scan, plan, fromScan, read, merge,
 * writeFile), new rows taken from the 'written-since' scan as they stood, and partitions re-read.
 * For bench/snapshot/refresh.ts and the tests; not part of the public API.
 */
export const lastRefresh: { phases: Record<string, number>; rowsFromScan: number; partitionsRead: number } = { phases: {}, rowsFromScan: 0, partitionsRead: 0 };

/**
 * The events of `options` through the snapshot file `options.snapshot`.
 *
 * @example
 * const t = await eventTableWithSnapshot({ snapshot: 'journal.arrow' }, journal);
 */
export async function eventTableWithSnapshot(options: EventTableOptions, journal: SnapshotJournal): Promise<ColumnTable> {
  const started = Date.now();
  const path = options.snapshot!;
  maybeSnapshotFormat(path, 'snapshot');
  const refreshChoice = maybeRefreshOptions(options.refresh);
  if (options.limit !== undefined) {
    throw new OptionError('limit', `limit cannot be combined with snapshot: a snapshot holds every selected row so that it can be refreshed. ` +
      `Drop limit, or take the first rows of the table with .slice(0, ${options.limit}).`);
  }
  const keyspace = maybeName('keyspace', options.keyspace, journal.defaultKeyspace);
  const table = maybeName('table', options.table, journal.defaults.table);
  const wanted = optionsKey(options);
  const { snapshot: _snapshot, refresh: _refresh, flatten: _flatten, ...loadOptions } = options;
  const finish = (t: ColumnTable): ColumnTable => (options.flatten ? flattenEvents(t) : t);

  if (!fs.existsSync(path)) return finish(await writeFromFullLoad(path, { ...loadOptions, keyspace, table }, wanted, journal, started));
  const file = openSnapshotFile(path);
  const source = checkSource(path, file.info, keyspace, table, wanted);
  if (!refreshChoice.refresh) return finish(await loadOffline(path, file, options, 'refresh: false', started));
  let client: cassandra.Client;
  try {
    client = await journal.client();
  } catch (error) {
    if (!(error instanceof ConnectionError || error instanceof AuthenticationError)) throw error;
    return finish(await loadOffline(path, file, options, `cluster unreachable: ${error.message.split('. ')[0]}`, started));
  }
  const layout = layoutFromColumns(keyspace, table, await tableColumns(client, keyspace, table));
  if (layout.name !== source.layout) {
    throw new SnapshotError(path, 'mismatch', `Snapshot '${path}' was read from ${keyspace}.${table} in the '${source.layout}' layout, ` +
      `but the table now has the '${layout.name}' layout (its columns changed). Delete the file to let eventTable write a new one.`);
  }
  const currentTableId = await tableId(client, keyspace, table);
  if (!REFRESHABLE_LAYOUTS.has(layout.name) || (source.tableId !== undefined && currentTableId !== undefined && source.tableId !== currentTableId)) {
    // A table dropped and created again since the snapshot: none of its rows can be trusted.
    // Legacy layouts (Akka 2.3, the 0.x `message` column) are not refreshed in place: reload.
    return finish(await writeFromFullLoad(path, { ...loadOptions, keyspace, table }, wanted, journal, started));
  }

  const display = createProgressDisplay(options.progress ?? true, `${keyspace}.${table} → refresh of ${path}`);
  let readFileMs = 0;
  const readSnapshot = async (): Promise<PreparedSnapshot> => {
    const t0 = performance.now();
    const prepared = prepareInline(await file.columns());
    readFileMs = performance.now() - t0;
    return prepared;
  };
  const concurrency = maybeCount('concurrency', options.concurrency, journal.defaults.concurrency);
  const splits = tokenSplits(journal.ringTokens(client), maybeCount('splits', options.splits, 0, 1) || concurrency * journal.splitsPerWorker);
  const readAt = new Date(started).toISOString();
  let progressRows = 0;
  let rangesDone = 0;
  const progress = (done: boolean): LoadProgress => {
    const elapsedMs = Date.now() - started;
    return { rows: progressRows, rangesDone, rangesTotal: splits.length, elapsedMs, done, undecodable: 0,
      rate: elapsedMs > 0 ? (progressRows * 1000) / elapsedMs : 0, etaMs: done ? 0 : undefined };
  };
  const result = await refreshCassandraSnapshot(readSnapshot, {
    client, keyspace, table, layout, tables: new Set(await listTables(client, keyspace)),
    filter: { fromSequenceNr: wanted['fromSequenceNr'] as number, toSequenceNr: (wanted['toSequenceNr'] as number | null) ?? Infinity,
      fromMs: (wanted['from'] as number | null) ?? -Infinity, toMs: (wanted['to'] as number | null) ?? Infinity },
    keepDuplicates: wanted['duplicates'] === 'keep',
    persistenceIds: (wanted['persistenceIds'] as string[] | null) ?? undefined,
    splits, concurrency,
    pageSize: maybeCount('pageSize', options.pageSize, journal.defaults.pageSize),
    retries: maybeCount('retries', options.retries, journal.defaults.retries, 0),
    decode: journal.decode, eventTypeFor: journal.eventTypeFor,
    // Rows written since the snapshot was read need a timeuuid clustering column (the event layouts
    // have one); the snapshot's readAt is when its load started, before any range was scanned.
    // A file without the table's id (written before it was recorded) is refreshed by the key scan,
    // which would also notice a re-created table.
    method: refreshChoice.method === 'written-since' && layout.columns.includes('timestamp') && Number.isFinite(Date.parse(source.readAt))
      && source.tableId !== undefined && source.tableId === currentTableId
      ? { name: 'written-since', sinceMs: Date.parse(source.readAt) - refreshChoice.clockSkewMs } : { name: 'key-scan' },
    onProgress: (stage, done, _total, rows) => {
      if (stage === 'scan') rangesDone = done;
      progressRows = rows;
      display.report(progress(false));
    },
  });
  const c = result.gate.counters;
  const stats: LoadStats = {
    ...undecodableOf(result.columns), rows: result.columns.rows, deletedSkipped: c.deletedSkipped, filteredSkipped: c.filteredSkipped,
    duplicatesDropped: c.duplicatesDropped, rangesTotal: splits.length, elapsedMs: Date.now() - started, layout: layout.name,
  };
  const newInfo = infoFor(result.columns, stats, { ...source, readAt, ...(currentTableId !== undefined ? { tableId: currentTableId } : {}) });
  const t = performance.now();
  writeSnapshotFile(path, result.columns, newInfo);
  lastRefresh.phases = { readFile: readFileMs, ...result.phases, writeFile: performance.now() - t };
  lastRefresh.rowsFromScan = result.rowsFromScan ?? 0;
  lastRefresh.partitionsRead = result.partitionsRead;
  const out = tableFromSnapshot(result.columns, newInfo, path, {
    mode: 'refreshed', rowsRead: result.rowsRead, rowsDropped: result.rowsDropped, elapsedMs: Date.now() - started,
  });
  progressRows = result.columns.rows;
  display.finish(progress(true));
  return finish(out);
}

async function writeFromFullLoad(path: string, loadOptions: EventTableOptions, wanted: Record<string, unknown>, journal: SnapshotJournal, started: number): Promise<ColumnTable> {
  const readAt = new Date(started).toISOString();
  const loaded = await journal.load(loadOptions);
  const id = await tableId(await journal.client(), loadOptions.keyspace!, loadOptions.table!);
  const stats = loadStats(loaded)!;
  const columns = columnsFromTable(loaded);
  const sorted = takeRows(columns, keyOrder(columns));
  const info = infoFor(sorted, stats, {
    keyspace: loadOptions.keyspace!, table: loadOptions.table!, layout: stats.layout, options: wanted, readAt, ...(id !== undefined ? { tableId: id } : {}),
  });
  writeSnapshotFile(path, sorted, info);
  return tableFromSnapshot(sorted, info, path, { mode: 'written', elapsedMs: Date.now() - started });
}

async function loadOffline(path: string, file: OpenedSnapshotFile, options: EventTableOptions, reason: string, started: number): Promise<ColumnTable> {
  const { info } = file;
  const columns = await file.columns();
  const takenAt = info.cassandra?.readAt ?? info.savedAt;
  const display = createProgressDisplay(options.progress ?? true, `snapshot ${path}, taken ${takenAt} (${reason})`);
  const table = tableFromSnapshot(columns, info, path, { mode: 'loaded', reason, elapsedMs: Date.now() - started });
  const elapsedMs = Date.now() - started;
  display.finish({ rows: columns.rows, rangesDone: 1, rangesTotal: 1, elapsedMs, done: true, undecodable: loadStats(table)?.undecodable ?? 0,
    rate: elapsedMs > 0 ? (columns.rows * 1000) / elapsedMs : 0, etaMs: 0 });
  return table;
}

/** The options that decide which rows a load returns, normalised for comparison. */
function optionsKey(options: EventTableOptions): Record<string, unknown> {
  const ids = maybePersistenceIds(options.persistenceIds);
  const from = maybeTime('from', options.from, -Infinity);
  const to = maybeTime('to', options.to, Infinity);
  const toSeq = maybeCount('toSequenceNr', options.toSequenceNr, Infinity, 0);
  if (options.duplicates !== undefined && options.duplicates !== 'newest' && options.duplicates !== 'keep') {
    throw new OptionError('duplicates', `duplicates must be 'newest' or 'keep', got ${JSON.stringify(options.duplicates)}.`);
  }
  return {
    persistenceIds: ids ? [...new Set(ids)].sort() : null,
    fromSequenceNr: maybeCount('fromSequenceNr', options.fromSequenceNr, 0, 0),
    toSequenceNr: Number.isFinite(toSeq) ? toSeq : null,
    from: Number.isFinite(from) ? from : null,
    to: Number.isFinite(to) ? to : null,
    duplicates: options.duplicates ?? 'newest',
  };
}

function checkSource(path: string, info: SnapshotInfo, keyspace: string, table: string, wanted: Record<string, unknown>): CassandraSnapshotSource {
  const source = info.cassandra;
  if (source === undefined) {
    throw new SnapshotError(path, 'mismatch', `Snapshot '${path}' was not made by a Cassandra load (it holds a table saved with ` +
      `saveTable at ${info.savedAt}), so eventTable cannot refresh it. Read it with loadTable('${path}'), or pass another snapshot path.`);
  }
  const differences: string[] = [];
  if (source.keyspace !== keyspace || source.table !== table) differences.push(`it holds ${source.keyspace}.${source.table}, this load reads ${keyspace}.${table}`);
  for (const [key, value] of Object.entries(wanted)) {
    const had = source.options[key] ?? null;
    if (JSON.stringify(had) !== JSON.stringify(value)) differences.push(`${key} was ${JSON.stringify(had)}, now ${JSON.stringify(value)}`);
  }
  if (differences.length > 0) {
    throw new SnapshotError(path, 'mismatch', `Snapshot '${path}' does not match this load: ${differences.join('; ')}. ` +
      `Pass another snapshot path for this selection, or delete the file to let eventTable write a new one.`);
  }
  return source;
}

function infoFor(columns: SnapshotColumns, stats: LoadStats, cassandra: CassandraSnapshotSource): SnapshotInfo {
  const kinds: SnapshotInfo['columns'] = {};
  for (const name of columns.names) kinds[name] = columns.columns[name]!.kind;
  const { snapshot: _s, ...saved } = stats;
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, savedAt: new Date().toISOString(), rows: columns.rows, columns: kinds, loadStats: saved, cassandra };
}

/** Undecodable rows of merged columns: a non-null decodeError, counted by serializer id and event type. */
function undecodableOf(columns: SnapshotColumns): { undecodable: number; undecodableBy: Record<string, number> } {
  const errors = columns.columns['decodeError'];
  const serId = columns.columns['serId'];
  const type = columns.columns['eventType'];
  const by: Record<string, number> = {};
  let undecodable = 0;
  if (errors === undefined) return { undecodable, undecodableBy: by };
  for (let i = 0; i < columns.rows; i++) {
    const failed = errors.kind === 'dictionary' ? errors.codes[i] !== -1
      : errors.kind === 'utf8' ? errors.slots.valid === null || errors.slots.valid[i] === 1 : false;
    if (!failed) continue;
    undecodable++;
    const id = serId?.kind === 'int32' ? serId.values[i] : '?';
    const t = type?.kind === 'dictionary' && type.codes[i]! >= 0 ? type.values[type.codes[i]!] : '';
    const key = `${id}:${t}`;
    by[key] = (by[key] ?? 0) + 1;
  }
  return { undecodable, undecodableBy: by };
}

/** The file's columns in key order, and their id index (made while Cassandra scans). */
function prepareInline(columns: SnapshotColumns): PreparedSnapshot {
  const ordered = inKeyOrder(columns);
  return { columns: ordered, ids: indexSnapshotIds(ordered) };
}
