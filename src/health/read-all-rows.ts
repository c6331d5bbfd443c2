import type cassandra from 'cassandra-driver';
import { retryPolicyOf, withRetries } from '../cassandra/retry.js';

/**
 * Pages through `query` (a whole small table: tag_views, tag_write_progress, all_persistence_ids,
 * snapshots, offset_store), handing each page's rows to `onRows`; a failed page is retried under the
 * client's retry policy (cassandraJournal's retryBudgetSeconds).
 *
 * @example
 * await readAllRows(client, 'SELECT persistence_id FROM akka.all_persistence_ids', [], (rows) => …);
 */
export async function readAllRows(
  client: cassandra.Client, query: string, params: unknown[], onRows: (rows: cassandra.types.Row[]) => void,
  fetchSize = 5000,
): Promise<void> {
  const policy = retryPolicyOf(client);
  let pageState: string | undefined;
  do {
    const result: cassandra.types.ResultSet = await withRetries(() => client.execute(query, params,
      { prepare: true, fetchSize, autoPage: false, ...(pageState ? { pageState } : {}) }), () => query, policy);
    onRows(result.rows);
    pageState = result.pageState ?? undefined;
  } while (pageState);
}
