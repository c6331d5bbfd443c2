import type cassandra from 'cassandra-driver';
import { qualifiedTable } from './quote.js';
import { executeWithRetries } from './retry.js';

/**
 * persistenceId → deleted_to from the keyspace's `metadata` table (docs/journal-formats.md §1.7): every row
 * at or below it is logically deleted even when the physical delete failed. Empty when there is no
 * such table (L0 records deletes as 'B' marker rows instead).
 */
export async function loadDeletedTo(
  client: cassandra.Client, keyspace: string, tables: ReadonlySet<string>, persistenceIds?: readonly string[],
): Promise<Map<string, number>> {
  const deletedTo = new Map<string, number>();
  if (!tables.has('metadata')) return deletedTo;
  const table = qualifiedTable(keyspace, 'metadata');
  const collect = (rows: cassandra.types.Row[]): void => {
    for (const row of rows) {
      const value = row['deleted_to'] as { toNumber(): number } | null;
      if (value !== null && value !== undefined) deletedTo.set(row['persistence_id'] as string, value.toNumber());
    }
  };
  if (persistenceIds) {
    for (let i = 0; i < persistenceIds.length; i += 100) {
      const result = await executeWithRetries(client, `SELECT persistence_id, deleted_to FROM ${table} WHERE persistence_id IN ?`,
        [persistenceIds.slice(i, i + 100)], () => `deleted_to in ${table}`);
      collect(result.rows);
    }
    return deletedTo;
  }
  let pageState: string | undefined;
  do {
    const result = await executeWithRetries(client, `SELECT persistence_id, deleted_to FROM ${table}`, [], () => `deleted_to in ${table}`,
      { fetchSize: 5000, autoPage: false, ...(pageState ? { pageState } : {}) });
    collect(result.rows);
    pageState = result.pageState ?? undefined;
  } while (pageState);
  return deletedTo;
}

/**
 * The partition size the journal was written with: the `config` table of APC 0.4 … 0.99 records it;
 * otherwise the layout's default (500 000; 5 000 000 for Akka 2.3's layout).
 */
export async function loadPartitionSize(
  client: cassandra.Client, keyspace: string, tables: ReadonlySet<string>, fallback: number,
): Promise<number> {
  if (!tables.has('config')) return fallback;
  try {
    const result = await executeWithRetries(client, `SELECT value FROM ${qualifiedTable(keyspace, 'config')} WHERE property = ?`,
      ['target-partition-size'], () => `the partition size in ${qualifiedTable(keyspace, 'config')}`);
    const value = Number(result.first()?.['value']);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}
