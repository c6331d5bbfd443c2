// Shared set-up of the Spark integration tests.
import type { SparkJournal } from '../../../src/index.js';

/**
 * Waits until Spark's Cassandra connector sees `tables` in `keyspace`: its driver learns of new schema
 * through a debounced refresh, so a journal written a moment ago may not be visible yet (and a view
 * defined before `metadata` shows up would not apply the deletes).
 */
export async function waitForTables(spark: SparkJournal, keyspace: string, tables: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    try {
      seen = (await spark.sql(`SHOW TABLES IN cassandra.${keyspace}`)).array('tableName') as unknown as string[];
      if (tables.every((t) => Array.from(seen).includes(t))) return;
    } catch {
      // keyspace not visible yet
    }
    if (Date.now() > deadline) throw new Error(`Spark's connector still sees only [${Array.from(seen).join(', ')}] in ${keyspace} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
