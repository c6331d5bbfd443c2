// SELECT DISTINCT over the partition key: every persistence id of a journal table, page by page.
import type cassandra from 'cassandra-driver';
import type { JournalLayout } from './layouts/journal-layout.js';
import { qualifiedTable, quoteIdentifier } from './quote.js';
import { executeWithRetries } from './retry.js';

/**
 * The persistence ids present in `keyspace.table`, sorted.
 *
 * @example
 * const ids = await distinctPersistenceIds(client, 'akka', 'messages', layout);
 */
export async function distinctPersistenceIds(client: cassandra.Client, keyspace: string, table: string, layout: JournalLayout): Promise<string[]> {
  const column = quoteIdentifier(layout.persistenceIdColumn);
  const ids = new Set<string>();
  let pageState: string | undefined;
  do {
    const result = await executeWithRetries(client, `SELECT DISTINCT ${column}, partition_nr FROM ${qualifiedTable(keyspace, table)}`, [],
      () => `the persistence ids of ${keyspace}.${table}`, { fetchSize: 10_000, autoPage: false, ...(pageState ? { pageState } : {}) });
    for (const row of result.rows) ids.add(row[layout.persistenceIdColumn] as string);
    pageState = result.pageState ?? undefined;
  } while (pageState);
  return [...ids].sort();
}
