// Root wiring of the Spark path: spark/ (Spark Connect: SQL in, Arrow out) → decode/ (payloads → values,
// for eventTable) → table/ (columns → Arquero). Aggregations run on Spark; only their results come back.
import type { EventTableOptions } from './from-cassandra.js';
import type { ColumnTable } from 'arquero';
import { maybeCount, maybeName, maybePersistenceIds, maybeRowFilter } from './cassandra/maybe-options.js';
import { eventsFromBatch } from './decode/events-from-batch.js';
import { createDecoderRegistry } from './decode/registry.js';
import { serializerName, SERIALIZER_ID } from './decode/serializer-ids.js';
import { OptionError } from './errors.js';
import { createSparkConnectClient, type SparkConnectClient } from './spark/spark-connect-client.js';
import { describeJournal } from './spark/describe-journal.js';
import { eventRowsSql, eventsViewSql, partitionHasRowsSql, type SparkJournalSource, type SparkRowFilter } from './spark/events-sql.js';
import { countSql, gapsSql } from './spark/aggregate-sql.js';
import { rawBatchesFromArrow } from './spark/raw-batches-from-arrow.js';
import { maybeSparkRemote } from './spark/spark-remote.js';
import { tableFromArrowBatches } from './spark/table-from-arrow-batches.js';
import { flattenEvents } from './table/flatten-events.js';
import { internEventStrings, type StringPool } from './table/intern-strings.js';
import { createJournalTableBuilder } from './table/journal-table-builder.js';
import { attachLoadStats } from './table/load-stats.js';
import { createProgressDisplay } from './notebook/progress.js';
import type { DecoderRegistry, DecodersOption, LoadProgress, LoadStats, PushdownEventSource } from './types.js';
import { rememberSecret } from './util/redact.js';
import { warn } from './util/warn.js';

/** Where the Spark Connect server's Cassandra connector should connect (as spark.cassandra.* settings). */
export interface SparkCassandraOptions {
  /** Contact host(s), comma-separated. */
  host?: string;
  /** Default 9042. */
  port?: number;
  /** Default 'datacenter1'. */
  localDataCenter?: string;
  /** PasswordAuthenticator credentials; never printed. */
  credentials?: { username: string; password: string };
  /** Any other connector setting, e.g. { 'spark.cassandra.input.split.sizeInMB': '256' }. */
  settings?: Record<string, string>;
}

/** Options of `sparkJournal`. */
export interface SparkJournalOptions {
  /** A Spark Connect URL (sc://host:port/;token=…;use_ssl=true). Default 'sc://127.0.0.1:15002'. */
  remote?: string;
  /** The connection of the server's Cassandra connector; omit when the server is configured for it. */
  cassandra?: SparkCassandraOptions;
  /** Extra decoders for eventTable, as in cassandraJournal. */
  decoders?: DecodersOption;
}

/** Options of `events()`. */
export interface SparkEventsOptions {
  /** Default 'akka'. */
  keyspace?: string;
  /** Default 'messages'. */
  table?: string;
  /** 'newest' (default): of rows with the same (persistenceId, partition, sequenceNr) the newest wins; 'keep': all. */
  duplicates?: 'newest' | 'keep';
}

/** Options of a Spark journal's `eventTable`: those of cassandraJournal().eventTable, plus `maxRows`. */
export interface SparkEventTableOptions extends Pick<EventTableOptions,
  'persistenceIds' | 'fromSequenceNr' | 'toSequenceNr' | 'from' | 'to' | 'flatten' | 'decode' | 'progress' | 'partitionSize'> {
  /** At most this many rows (also lifts the maxRows guard). */
  limit?: number;
  /** Without `limit`, a load that would bring back more rows than this is refused. Default 1 000 000. */
  maxRows?: number;
}

/** A journal table seen through Spark: `events` in its SQL, aggregations on Spark. */
export interface SparkJournalEvents extends PushdownEventSource {
  readonly keyspace: string;
  readonly table: string;
  /** Runs Spark SQL in which `events` names this journal (eventTable's column names, plus event JSON text and payload bytes). */
  sql(query: string): Promise<ColumnTable>;
  /** The same table as cassandraJournal().eventTable, with the selection pushed down to the connector. */
  eventTable(options?: SparkEventTableOptions): Promise<ColumnTable>;
}

/** A Spark Connect session with the journal's Cassandra cluster as catalog `cassandra`. */
export interface SparkJournal {
  events(options?: SparkEventsOptions): SparkJournalEvents;
  /** Any Spark SQL; Cassandra tables are cassandra.<keyspace>.<table>. */
  sql(query: string): Promise<ColumnTable>;
  readonly decoders: DecoderRegistry;
  /** Cancels running operations and closes the connection. */
  close(): Promise<void>;
}

export const sparkJournalDefaults = {
  remote: 'sc://127.0.0.1:15002',
  catalog: 'cassandra',
  keyspace: 'akka',
  table: 'messages',
  maxRows: 1_000_000,
  partitionSize: 500_000,
  /** Partitions per persistence id read in one round of an eventTable by id. */
  partitionsPerRound: 4,
  batchRows: 10_000,
};

const CASSANDRA_CATALOG_CLASS = 'com.datastax.spark.connector.datasource.CassandraCatalog';
const SERIALIZER_NAMES: ReadonlyMap<number, string> = new Map(
  [0, ...Object.values(SERIALIZER_ID), 15442, 1000001].map((id) => [id, serializerName(id)] as const));

/**
 * Opens a Spark Connect session (connecting on first use) for journal analysis on Spark.
 *
 * @example
 * const spark = sparkJournal({ remote: 'sc://127.0.0.1:15002', cassandra: { host: '127.0.0.1' } });
 * const ev = spark.events({ keyspace: 'akka', table: 'messages' });
 * await ev.sql('SELECT eventType, count(*) AS n FROM events GROUP BY eventType');
 * await spark.close();
 */
export function sparkJournal(options: SparkJournalOptions = {}): SparkJournal {
  const remote = maybeSparkRemote(options.remote ?? sparkJournalDefaults.remote);
  const decoders = createDecoderRegistry(options.decoders);
  // With CassandraSparkExtensions on the server (as is usual), the view's LEFT JOIN with `metadata` may become
  // a connector "direct join", which then applies a filter on persistence_id after the join and drops the
  // rows without a metadata row (seen with connector 3.5.1). The journal's joins are planned by Spark instead.
  const settings = { directJoinSetting: 'off', ...connectorSettings(options.cassandra) };
  const client = createSparkConnectClient(remote);
  let ready: Promise<SparkConnectClient> | undefined;
  const session = (): Promise<SparkConnectClient> => {
    ready ??= client.setConfig(settings).then(() => client, (error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  // One temporary view `events` per session: the handle whose query runs defines it first (queries of
  // different handles are serialised so that each sees its own journal).
  let viewOwner: object | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    decoders,
    sql: async (query) => tableFromArrowBatches((await (await session()).execute(maybeQuery(query))).batches),
    events(eventsOptions = {}) {
      const keyspace = maybeName('keyspace', eventsOptions.keyspace, sparkJournalDefaults.keyspace);
      const table = maybeName('table', eventsOptions.table, sparkJournalDefaults.table);
      const keepDuplicates = maybeDuplicates(eventsOptions.duplicates);
      let described: Promise<SparkJournalSource> | undefined;
      const source = (): Promise<SparkJournalSource> => {
        described ??= session().then((c) => describeJournal(c, sparkJournalDefaults.catalog, keyspace, table, SERIALIZER_NAMES))
          .catch((error) => {
            described = undefined;
            throw error;
          });
        return described;
      };
      const handle: SparkJournalEvents = {
        keyspace,
        table,
        sql: async (query) => {
          const q = maybeQuery(query);
          return serial(async () => {
            const c = await session();
            if (viewOwner !== handle) {
              await c.execute(`CREATE OR REPLACE TEMPORARY VIEW events AS ${eventsViewSql(await source(), { keepDuplicates })}`);
              viewOwner = handle;
            }
            return tableFromArrowBatches((await c.execute(q)).batches);
          });
        },
        countEvents: (query) => handle.sql(countSql(query)),
        sequenceGaps: async ({ startAt }) => {
          const gaps = await handle.sql(gapsSql(startAt === undefined ? undefined : maybeCount('startAt', startAt, 0, 0)));
          const ids = await handle.sql('SELECT count(DISTINCT persistenceId) AS n FROM events');
          return { gaps, persistenceIds: Number(ids.get('n', 0) ?? 0) };
        },
        eventTable: async (tableOptions = {}) => loadEventTable(await session(), await source(), decoders, keepDuplicates, tableOptions),
      };
      return handle;
    },
    close: async () => {
      await client.close();
    },
  };
}

function maybeQuery(query: unknown): string {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new OptionError('query', `sql() takes a Spark SQL query as a non-empty string, got ${JSON.stringify(query)?.slice(0, 100)}.`,
      { hint: "E.g. sql('SELECT eventType, count(*) AS n FROM events GROUP BY eventType')." });
  }
  return query;
}

function maybeDuplicates(value: unknown): boolean {
  if (value === undefined || value === 'newest') return false;
  if (value === 'keep') return true;
  throw new OptionError('duplicates', `duplicates must be 'newest' or 'keep', got ${JSON.stringify(value)}.`);
}

// The catalog, registered in this session, with the connector's connection among its options.
function connectorSettings(cassandra: SparkCassandraOptions | undefined): Record<string, string> {
  if (cassandra === undefined) return {};
  const prefix = `spark.sql.catalog.${sparkJournalDefaults.catalog}.`;
  const out: Record<string, string> = { [`spark.sql.catalog.${sparkJournalDefaults.catalog}`]: CASSANDRA_CATALOG_CLASS };
  const set = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) out[prefix + key] = String(value);
  };
  set('spark.cassandra.connection.host', cassandra.host);
  set('spark.cassandra.connection.port', cassandra.port === undefined ? undefined : maybeCount('cassandra.port', cassandra.port, 9042));
  set('spark.cassandra.connection.localDC', cassandra.localDataCenter);
  if (cassandra.credentials) {
    rememberSecret(cassandra.credentials.password);
    set('spark.cassandra.auth.username', cassandra.credentials.username);
    set('spark.cassandra.auth.password', cassandra.credentials.password);
  }
  for (const [key, value] of Object.entries(cassandra.settings ?? {})) set(key, value);
  return out;
}

async function loadEventTable(
  client: SparkConnectClient, source: SparkJournalSource, registry: DecoderRegistry, keepDuplicates: boolean,
  options: SparkEventTableOptions,
): Promise<ColumnTable> {
  const started = Date.now();
  const persistenceIds = maybePersistenceIds(options.persistenceIds);
  const filter: SparkRowFilter = {
    ...maybeRowFilter(options),
    keepDuplicates,
    ...(persistenceIds ? { persistenceIds } : {}),
  };
  const limit = maybeCount('limit', options.limit, Infinity);
  const maxRows = maybeCount('maxRows', options.maxRows, sparkJournalDefaults.maxRows);
  if (options.decode !== undefined && options.decode !== 'lazy' && options.decode !== 'eager') {
    throw new OptionError('decode', `decode must be 'lazy' or 'eager', got ${JSON.stringify(options.decode)}.`);
  }
  const lazyJson = options.decode !== 'eager' && !options.flatten;
  const cap = Number.isFinite(limit) ? limit : maxRows + 1;

  // Arrow results of each round; by id, rounds of partitions until a round's last partition is empty.
  const results: Uint8Array[][] = [];
  let rows = 0;
  const display = createProgressDisplay(options.progress ?? true, `spark ${source.keyspace}.${source.table}`);
  const progress = (received: number, done: boolean): LoadProgress => {
    const elapsedMs = Date.now() - started;
    return { rows: received, rangesDone: results.length, rangesTotal: results.length + (done ? 0 : 1), elapsedMs, done,
      undecodable: 0, rate: elapsedMs > 0 ? (received * 1000) / elapsedMs : 0, etaMs: done ? 0 : undefined };
  };
  let lastReport = 0;
  const onRows = (received: number): void => {
    const now = Date.now();
    if (now - lastReport < 250) return;
    lastReport = now;
    display.report(progress(rows + received, false));
  };
  try {
    if (persistenceIds) {
      const size = maybeCount('partitionSize', options.partitionSize, sparkJournalDefaults.partitionSize);
      const per = sparkJournalDefaults.partitionsPerRound;
      let first = Math.max(0, Math.floor(Math.max(0, filter.fromSequenceNr! - 1) / size) - 1);
      const lastWanted = Number.isFinite(filter.toSequenceNr!) ? Math.floor(filter.toSequenceNr! / size) + 1 : Infinity;
      for (; rows < cap && first <= lastWanted; first += per) {
        const partitions = Array.from({ length: per }, (_, i) => first + i);
        const result = await client.execute(eventRowsSql(source, { ...filter, partitions }, cap - rows), { onRows });
        results.push(result.batches);
        rows += result.rows;
        const last = await client.execute(partitionHasRowsSql(source, persistenceIds, first + per - 1));
        if (last.rows === 0) break;
      }
    } else {
      const result = await client.execute(eventRowsSql(source, filter, cap), { onRows });
      results.push(result.batches);
      rows = result.rows;
    }
    if (!Number.isFinite(limit) && rows > maxRows) {
      throw new OptionError('maxRows', `eventTable on ${source.keyspace}.${source.table} through Spark would bring back more than ` +
        `${maxRows.toLocaleString('en-US')} rows into the notebook, so it was refused.`, {
        hint: `Aggregate on Spark instead (events.sql('SELECT … FROM events GROUP BY …'), or pass a chart helper the handle), ` +
          `narrow the load (persistenceIds, fromSequenceNr/toSequenceNr, from/to), or pass an explicit limit (or a larger maxRows).`,
      });
    }

  } catch (error) {
    display.finish({ ...progress(rows, true), failed: (error as Error).message.split('\n')[0] });
    throw error;
  }

  const builder = createJournalTableBuilder();
  const undecodableBy: Record<string, number> = {};
  const pool: StringPool = new Map();
  let undecodable = 0;
  for (const batches of results) {
    for (const batch of rawBatchesFromArrow(batches, sparkJournalDefaults.batchRows)) {
      const count = Math.min(batch.length, limit - builder.length);
      if (count <= 0) break;
      const decoded = eventsFromBatch(batch, registry, undecodableBy, lazyJson);
      internEventStrings(decoded.events, count, pool);
      if (decoded.errors !== null) for (let i = 0; i < count; i++) if (decoded.errors[i] !== null) undecodable++;
      builder.append(batch, decoded, count);
    }
  }
  let table = builder.toTable(serializerName);
  if (options.flatten) table = flattenEvents(table);
  // What Spark left out is not counted on the client: NaN says "not known" rather than 0.
  const stats: LoadStats = {
    rows: table.numRows(), undecodable, undecodableBy, rangesTotal: results.length, layout: 'event',
    deletedSkipped: NaN, filteredSkipped: NaN, duplicatesDropped: NaN, elapsedMs: Date.now() - started,
  };
  attachLoadStats(table, stats);
  display.finish({ ...progress(stats.rows, true), undecodable });
  if (undecodable > 0) {
    warn(`${undecodable} of ${stats.rows} events of ${source.keyspace}.${source.table} (through Spark) could not be decoded ` +
      `(${Object.entries(undecodableBy).map(([k, n]) => `${k} ×${n}`).join('; ')}); they are kept with decodeError and raw.`,
      `spark-undecodable:${source.keyspace}.${source.table}`);
  }
  return table;
}
