// eventTable's options checked at the door (from-cassandra.ts): the load itself trusts the result.
import { OptionError } from '../errors.js';
import { maybeCount, maybeName, maybePersistenceIds, maybeRowFilter } from './maybe-options.js';
import type { RowFilter } from './row-gate.js';

/** The defaults of `eventTable`'s options. */
export const eventTableDefaults = { table: 'messages', concurrency: 4, pageSize: 1000, retries: Infinity, splitsPerWorker: 8 };

/** The options of one load as given (from-cassandra.ts `EventTableOptions`), unchecked. */
export interface EventTableInput {
  keyspace?: unknown;
  table?: unknown;
  persistenceIds?: unknown;
  fromSequenceNr?: unknown;
  toSequenceNr?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
  flatten?: unknown;
  decode?: unknown;
  splits?: unknown;
  concurrency?: unknown;
  pageSize?: unknown;
  retries?: unknown;
  duplicates?: unknown;
  partitionSize?: unknown;
}

/** A load's options, checked, with their defaults filled in. */
export interface EventTableSettings {
  keyspace: string;
  table: string;
  persistenceIds: string[] | undefined;
  filter: RowFilter;
  limit: number;
  flatten: boolean;
  /** Plain JSON payloads are checked at load and parsed on first read. */
  lazyJson: boolean;
  keepDuplicates: boolean;
  concurrency: number;
  pageSize: number;
  retries: number;
  /** Splits asked for; 0: the default (concurrency × splitsPerWorker). */
  splits: number;
  /** Partition size asked for; 0: from the journal's config table. */
  partitionSize: number;
}

/**
 * Checks eventTable's options (OptionError names the first wrong one) and fills in the defaults.
 *
 * @example
 * const settings = maybeEventTableOptions({ persistenceIds: ['cart-1'], limit: 10 }, 'akka');
 */
export function maybeEventTableOptions(options: EventTableInput, defaultKeyspace: string): EventTableSettings {
  // Checked in this order (the first wrong option is the one named); splits and partitionSize only
  // where they apply (a full scan, a read by persistence ids).
  const keyspace = maybeName('keyspace', options.keyspace, defaultKeyspace);
  const table = maybeName('table', options.table, eventTableDefaults.table);
  const persistenceIds = maybePersistenceIds(options.persistenceIds);
  const filter = maybeRowFilter(options);
  const limit = maybeCount('limit', options.limit, Infinity);
  const concurrency = maybeCount('concurrency', options.concurrency, eventTableDefaults.concurrency);
  const pageSize = maybeCount('pageSize', options.pageSize, eventTableDefaults.pageSize);
  const retries = maybeCount('retries', options.retries, eventTableDefaults.retries, 0);
  if (options.decode !== undefined && options.decode !== 'lazy' && options.decode !== 'eager') {
    throw new OptionError('decode', `decode must be 'lazy' or 'eager', got ${JSON.stringify(options.decode)}.`);
  }
  if (options.duplicates !== undefined && options.duplicates !== 'newest' && options.duplicates !== 'keep') {
    throw new OptionError('duplicates', `duplicates must be 'newest' or 'keep', got ${JSON.stringify(options.duplicates)}.`);
  }
  const flatten = Boolean(options.flatten);
  return {
    keyspace, table, persistenceIds, filter, limit, flatten,
    // Flattening reads every event right after the load: parsing them during it is cheaper.
    lazyJson: options.decode !== 'eager' && !flatten,
    keepDuplicates: options.duplicates === 'keep',
    concurrency, pageSize, retries,
    splits: persistenceIds ? 0 : maybeCount('splits', options.splits, 0, 1),
    partitionSize: persistenceIds ? maybeCount('partitionSize', options.partitionSize, 0, 1) : 0,
  };
}
