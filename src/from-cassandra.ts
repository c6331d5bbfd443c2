// Root wiring of the Cassandra path: cassandra/ (rows → raw batches) → decode/ (payloads → values)
// → table/ (columns → Arquero) → notebook/ (progress). The only file that calls all of them.
import type { SnapshotRefreshOptions } from './snapshot/refresh-options.js';
import type { ColumnTable } from 'arquero';
import type cassandra from 'cassandra-driver';
import { connectClient, createClient, errorFromConnect, type CassandraConnectionOptions } from './cassandra/connect.js';
import { layoutFromColumns } from './cassandra/detect-layout.js';
import { distinctPersistenceIds } from './cassandra/distinct-persistence-ids.js';
import { loadEventTable, type EventCollector, type EventTableLoadParts } from './cassandra/load-event-table.js';
import { eventTableDefaults } from './cassandra/maybe-event-table-options.js';
import { maybeName, maybePersistenceIds } from './cassandra/maybe-options.js';
import { ringTokens } from './cassandra/ring-tokens.js';
import { listKeyspaces, tableColumns } from './cassandra/schema.js';
import { countUndecodable, type UndecodableTally } from './decode/count-undecodable.js';
import { eventsFromBatch, type DecodedEvents } from './decode/events-from-batch.js';
import { createDecoderRegistry } from './decode/registry.js';
import { maybeDecodeLimits, type ActiveLimits } from './decode/limits.js';
import { serializerName } from './decode/serializer-ids.js';
import { JournalLensError } from './errors.js';
import { createProgressDisplay } from './notebook/progress.js';
import { eventTableWithSnapshot } from './snapshot/event-table-snapshot.js';
import { flattenEvents } from './table/flatten-events.js';
import { createJournalTableBuilder } from './table/journal-table-builder.js';
import { internEventStrings, type StringPool } from './table/intern-strings.js';
import { attachLoadStats } from './table/load-stats.js';
import type { DecodeLimits, DecoderRegistry, DecodersOption, ProgressSink } from './types.js';
import { loadHealth, type HealthOptions, type JournalHealth } from './health/load-health.js';
import { loadSnapshotTable, type SnapshotTableOptions } from './health/snapshot-table.js';
import { loadRecoveryCost, type RecoveryCostOptions } from './health/recovery-cost.js';
import { loadProjectionOffsets, type ProjectionOffsetsOptions } from './health/projection-offsets.js';

/** Options of `cassandraJournal`: where the cluster is, and how to decode its events. */
export interface CassandraJournalOptions extends CassandraConnectionOptions {
  /** Extra decoders by serializer id (`'9001'`) or id and manifest (`'9001:com.example.Foo'`), or a registry. */
  decoders?: DecodersOption;
  /** Keyspace used when a call names none. Default 'akka' (Pekko: 'pekko'). */
  keyspace?: string;
  /** Decoder budgets per event (decompressed bytes, depth, objects, bignum digits); see DecodeLimits for the defaults. */
  limits?: Partial<DecodeLimits>;
}

/** Options of `eventTable`. Every bound is inclusive. */
export interface EventTableOptions {
  /** Default: the journal's keyspace option, else 'akka'. */
  keyspace?: string;
  /** Default 'messages'. */
  table?: string;
  /** Read only these ids, partition by partition (no table scan). */
  persistenceIds?: string[];
  fromSequenceNr?: number;
  toSequenceNr?: number;
  /** Only events written at or after this time. */
  from?: Date;
  /** Only events written at or before this time. */
  to?: Date;
  /** At most this many rows. */
  limit?: number;
  /** Spread JSON/CBOR event fields into columns of their own. Default false. */
  flatten?: boolean;
  /**
   * When plain JSON events are parsed. 'lazy' (default): each payload is checked at load time
   * (so `decodeError` and the undecodable count are complete when the load returns), its bytes
   * are kept, and it is parsed the first time the row's `event` is read; a load then takes far
   * less memory and time, and counts or groupings that never read `event` never parse it.
   * 'eager': every event is parsed during the load. Other encodings are always decoded at load.
   */
  decode?: 'lazy' | 'eager';
  /** Progress: true (default) draws it (in place in a notebook, a bar in a terminal), false hides it, a function receives it. */
  progress?: boolean | ProgressSink;
  /** Token-range splits of a full scan. Default max(ring ranges, 8 × concurrency). */
  splits?: number;
  /** Splits (or persistence ids) read at once. Default 4. */
  concurrency?: number;
  /** Rows per page. Default 1000 (larger pages held more rows in flight and raised a load's peak memory by a third, for no speed). */
  pageSize?: number;
  /** Retries of a failed page at most, within retryBudgetSeconds. Default: no count limit. */
  retries?: number;
  /** Seconds a failed page is retried (backoff up to 5 s) before the load fails. Default: the journal's retryBudgetSeconds (90). */
  retryBudgetSeconds?: number;
  /** Rows with the same (persistenceId, sequenceNr): 'newest' keeps the last written (Akka's replay rule), 'keep' keeps all. */
  duplicates?: 'newest' | 'keep';
  /** Partition size the journal was written with; default from its `config` table or the plugin default. */
  partitionSize?: number;
  /**
   * A snapshot file (`.parquet` or `.arrow`) that keeps this load: written after a full load when
   * absent; when present, refreshed with only what changed in the journal (or, with the cluster
   * unreachable or `refresh: false`, loaded alone). See README "Snapshots".
   */
  snapshot?: string;
  /**
   * With `snapshot`: read the journal's changes (default true), or only the file (false), or how to
   * find the changes (`{ method, clockSkewSeconds }`, README "Snapshots").
   */
  refresh?: boolean | SnapshotRefreshOptions;
}

/** A read-only handle on the Cassandra journal of an Akka or Pekko application. */
export interface CassandraJournal {
  /** All events (or the ones the options select) as an Arquero table, one row per event. */
  eventTable(options?: EventTableOptions): Promise<ColumnTable>;
  /** Journal health: gaps, duplicates, forks, partition holes, tag views, all_persistence_ids; read-only, payload-free (docs/health-checks.md). */
  health(options?: HealthOptions): Promise<JournalHealth>;
  /** The snapshot store (every era), one row per snapshot, decoded through `decoders`. */
  snapshotTable(options?: SnapshotTableOptions): Promise<ColumnTable>;
  /** Per persistence id: newest snapshot, events after it, events a recovery replays; worst first. */
  recoveryCost(options?: RecoveryCostOptions): Promise<ColumnTable>;
  /** Akka Projection's offset store with each offset's lag behind the journal; worst first. */
  projectionOffsets(options?: ProjectionOffsetsOptions): Promise<ColumnTable>;
  /** The persistence ids present in the journal table, sorted. */
  persistenceIds(options?: { keyspace?: string; table?: string }): Promise<string[]>;
  /** User keyspaces of the cluster. */
  keyspaces(): Promise<string[]>;
  /** The decoders in use; register more with `journal.decoders.register(id, fn)`. */
  readonly decoders: DecoderRegistry;
  close(): Promise<void>;
}

/**
 * Opens a read-only handle on a Cassandra journal. Connecting happens on first use.
 *
 * @example
 * const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
 * const t = await journal.eventTable({ persistenceIds: ['ShoppingCart|cart-1'] });
 * await journal.close();
 */
export function cassandraJournal(options: CassandraJournalOptions = {}): CassandraJournal {
  const decoders = createDecoderRegistry(options.decoders);
  const limits = maybeDecodeLimits(options.limits, 'cassandraJournal');
  const defaultKeyspace = maybeName('keyspace', options.keyspace, 'akka');
  const client = createClient(options);
  let connected: Promise<void> | undefined;
  const ready = async (): Promise<cassandra.Client> => {
    connected ??= connectClient(client, options).catch((error) => {
      connected = undefined;
      throw error;
    });
    await connected;
    return client;
  };
  // After a successful connect the driver raises NoHostAvailable for a cluster that went away.
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof JournalLensError) throw error;
      if ((error as { name?: string }).name === 'NoHostAvailableError') throw errorFromConnect(error, options);
      throw error;
    }
  };

  return {
    decoders,
    eventTable: (tableOptions = {}) => tableOptions.snapshot === undefined
      ? guard(async () => loadEventTable(await ready(), defaultKeyspace, tableOptions, loadParts(decoders, limits)))
      : guard(() => eventTableWithSnapshot(tableOptions, {
        defaultKeyspace, defaults: eventTableDefaults, splitsPerWorker: eventTableDefaults.splitsPerWorker,
        load: async (o) => loadEventTable(await ready(), defaultKeyspace, o, loadParts(decoders, limits)),
        client: () => guard(ready), ringTokens, eventTypeFor: serializerName,
        decode: (batch, undecodableBy) => eventsFromBatch(batch, decoders, undecodableBy, true, limits),
      })),
    persistenceIds: (idOptions = {}) => guard(async () => {
      const c = await ready();
      const keyspace = maybeName('keyspace', idOptions.keyspace, defaultKeyspace);
      const table = maybeName('table', idOptions.table, eventTableDefaults.table);
      const layout = layoutFromColumns(keyspace, table, await tableColumns(c, keyspace, table));
      return distinctPersistenceIds(c, keyspace, table, layout);
    }),
    keyspaces: () => guard(async () => listKeyspaces(await ready())),
    health: (healthOptions = {}) => guard(async () => {
      const c = await ready();
      return loadHealth(c, defaultKeyspace, ringTokens(c), healthOptions);
    }),
    snapshotTable: (snapshotOptions = {}) => guard(async () => {
      const keyspace = maybeName('keyspace', snapshotOptions.keyspace, `${defaultKeyspace}_snapshot`);
      return loadSnapshotTable(await ready(), decoders, limits, keyspace, maybeName('table', snapshotOptions.table, 'snapshots'),
        maybePersistenceIds(snapshotOptions.persistenceIds));
    }),
    recoveryCost: (costOptions = {}) => guard(async () => {
      const c = await ready();
      return loadRecoveryCost(c, defaultKeyspace, ringTokens(c), costOptions);
    }),
    projectionOffsets: (offsetOptions = {}) => guard(async () => {
      const c = await ready();
      return loadProjectionOffsets(c, defaultKeyspace, ringTokens(c), offsetOptions);
    }),
    close: async () => {
      await client.shutdown();
    },
  };
}

// The decode/ and table/ side of a load: payloads decoded through the journal's decoders and
// budgets, event strings interned, rows appended to the columnar builder.
function eventCollector(registry: DecoderRegistry, limits: ActiveLimits): EventCollector<ColumnTable, DecodedEvents> {
  const builder = createJournalTableBuilder();
  const undecodableBy: Record<string, number> = {};
  const stringPool: StringPool = new Map();
  const tally: UndecodableTally = { undecodable: 0, overLimit: 0 };
  return {
    decode: (batch, lazyJson) => eventsFromBatch(batch, registry, undecodableBy, lazyJson, limits),
    append(batch, decoded, count) {
      internEventStrings(decoded.events, count, stringPool);
      countUndecodable(decoded.errors, count, tally);
      builder.append(batch, decoded, count);
    },
    get rows() { return builder.length; },
    get undecodable() { return tally.undecodable; },
    get overLimit() { return tally.overLimit; },
    undecodableBy,
    toTable(flatten, statsOf) {
      let result = builder.toTable(serializerName);
      if (flatten) result = flattenEvents(result);
      attachLoadStats(result, statsOf());
      return result;
    },
  };
}

function loadParts(registry: DecoderRegistry, limits: ActiveLimits): EventTableLoadParts<ColumnTable> {
  return { collector: () => eventCollector(registry, limits), progress: createProgressDisplay };
}
