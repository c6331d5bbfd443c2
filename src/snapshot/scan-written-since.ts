// The 'written-since' refresh's scan (docs/snapshots.md): by token range, the rows whose timeuuid
// `timestamp` is later than a cut-off. Cassandra still reads every row of the range but sends back
// only the recent ones (ALLOW FILTERING on a clustering column), so the client handles a few rows
// instead of one per event. The rows come whole (payloads too: the server reads them anyway), so
// the refresh can take appended rows and new ids from the scan instead of reading them again.
import cassandra from 'cassandra-driver';
import type { types } from 'cassandra-driver';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import { withRetries } from '../cassandra/retry.js';
import { msFromTimeUuidBytes } from '../cassandra/time-uuid.js';
import type { TokenSplit } from '../cassandra/token-splits.js';

/** Keys of the rows written since the cut-off, in scan order (one entry per row). */
export interface WrittenKeys {
  persistenceIds: string[];
  partitions: number[];
  sequenceNrs: number[];
  timestampsMs: number[];
  /**
   * The driver rows themselves, same order (all of `columns`); absent in key-only tests, and null
   * when they were let go past `maxKeptBytes` (the refresh then re-reads instead).
   */
  rows?: types.Row[] | null;
}

export interface WrittenSinceOptions {
  concurrency: number;
  pageSize: number;
  retries: number;
  /**
   * Payload bytes (plus a per-row allowance) of whole rows kept for the refresh; past it only the
   * keys are kept, so that a very old snapshot cannot fill the memory with driver rows.
   */
  maxKeptBytes?: number;
}

/** What a kept driver row costs besides its payload (its object, key values, strings): an estimate. */
const ROW_OVERHEAD_BYTES = 400;

/**
 * Rows of `keyspace.table` (event layouts) whose timestamp is after `sinceMs`: their keys, and the
 * rows themselves with `columns` (the layout's; the key columns are always read).
 */
export async function scanWrittenSince(
  client: cassandra.Client, keyspace: string, table: string, sinceMs: number, splits: readonly TokenSplit[],
  options: WrittenSinceOptions, onSplitDone: () => void, columns: readonly string[] = [],
): Promise<WrittenKeys & { rows: types.Row[] | null }> {
  const key = 'token(persistence_id, partition_nr)';
  const selected = [...new Set(['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', ...columns])];
  const query = `SELECT ${selected.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} ` +
    `WHERE ${key} > ? AND ${key} <= ? AND timestamp > maxTimeuuid(?) ALLOW FILTERING`;
  const out: WrittenKeys & { rows: types.Row[] | null } = { persistenceIds: [], partitions: [], sequenceNrs: [], timestampsMs: [], rows: [] };
  const maxKept = options.maxKeptBytes ?? 256 * 1024 * 1024;
  let kept = 0;
  const since = new Date(sinceMs);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < splits.length) {
      const split = splits[next++]!;
      const params = [cassandra.types.Long.fromString(split.start.toString()), cassandra.types.Long.fromString(split.end.toString()), since];
      let pageState: string | undefined;
      do {
        const result: types.ResultSet = await withRetries(() => client.execute(query, params, {
          prepare: true, fetchSize: options.pageSize, autoPage: false, ...(pageState ? { pageState } : {}),
        }), () => `rows written since ${since.toISOString()} in token range (${split.start}, ${split.end}] of ${keyspace}.${table}`, options.retries);
        pageState = result.pageState ?? undefined;
        for (const row of result.rows) {
          const seq = row['sequence_nr'] as LongLike | null;
          const uuid = row['timestamp'] as types.TimeUuid | null;
          if (seq === null || uuid === null) continue;
          out.persistenceIds.push(row['persistence_id'] as string);
          out.partitions.push(numberFromLong(row['partition_nr'] as LongLike));
          out.sequenceNrs.push(numberFromLong(seq));
          out.timestampsMs.push(msFromTimeUuidBytes(uuid.getBuffer()));
          if (out.rows === null) continue;
          const event = row['event'] as Uint8Array | null | undefined;
          const message = row['message'] as Uint8Array | null | undefined;
          kept += ROW_OVERHEAD_BYTES + (event?.length ?? 0) + (message?.length ?? 0);
          if (kept > maxKept) out.rows = null;
          else out.rows.push(row);
        }
      } while (pageState);
      onSplitDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, splits.length) }, worker));
  return out;
}

/** Every id of `all_persistence_ids` (APC 1.0+; Cleanup's deleteAllEvents with reset removes an id's row). */
export async function loadAllPersistenceIds(client: cassandra.Client, keyspace: string, retries: number): Promise<Set<string>> {
  const ids = new Set<string>();
  const query = `SELECT persistence_id FROM ${qualifiedTable(keyspace, 'all_persistence_ids')}`;
  let pageState: string | undefined;
  do {
    const result: types.ResultSet = await withRetries(() => client.execute(query, [], {
      prepare: true, fetchSize: 5000, autoPage: false, ...(pageState ? { pageState } : {}),
    }), () => `the ids in ${keyspace}.all_persistence_ids`, retries);
    pageState = result.pageState ?? undefined;
    for (const row of result.rows) ids.add(row['persistence_id'] as string);
  } while (pageState);
  return ids;
}
