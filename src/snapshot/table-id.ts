// The id Cassandra gives a table when it is created (system_schema.tables.id): a table dropped and
// created again under the same name gets a new one. A refresh compares it with the snapshot's, so a
// journal re-created since the snapshot (every row gone, no deleted_to) is reloaded, not merged.
import type cassandra from 'cassandra-driver';
import { executeWithRetries } from '../cassandra/retry.js';

/** The table's id as a string, or undefined when the schema tables cannot say (then nothing is compared). */
export async function tableId(client: cassandra.Client, keyspace: string, table: string): Promise<string | undefined> {
  try {
    const result = await executeWithRetries(client, 'SELECT id FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
      [keyspace, table], () => `the id of ${keyspace}.${table}`);
    const id = result.first()?.['id'] as { toString(): string } | null | undefined;
    return id === null || id === undefined ? undefined : id.toString();
  } catch {
    return undefined;
  }
}
