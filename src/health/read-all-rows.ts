import type cassandra from 'cassandra-driver';
import { withRetries } from '../cassandra/retry.js';

/**
 * Pages through `query` (a whole small table: tag_views, tag_write_progress, all_persistence_ids,
 * snapshots, offset_store), handing each page's rows to `onRows`; a failed page is retried.
 *
 * @example
 * await readAllRows(client, 'SELECT persistence_id FROM akka.all_persistence_ids', [], (rows) => …);
 */
export async function readAllRows(
  client: cassandra.Client, query: string, params: unknown[], onRows: (rows: cassandra.types.Row[]) => void,
  fetchSize = 5000, retries = 5,
): Promise<void> {
  let pageState: string | undefined;
  do {
    const result: cassandra.types.ResultSet = await withRetries(() => client.execute(query, params,
      { prepare: true, fetchSize, autoPage: false, ...(pageState ? { pageState } : {}) }), () => query, retries);
    onRows(result.rows);
    pageState = result.pageState ?? undefined;
  } while (pageState);
}
