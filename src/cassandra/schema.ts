import type { Client } from 'cassandra-driver';
import { NotFoundError } from '../errors.js';
import { executeWithRetries } from './retry.js';

const SYSTEM_KEYSPACES = new Set(['system', 'system_schema', 'system_auth', 'system_distributed', 'system_traces',
  'system_views', 'system_virtual_schema', 'system_cluster_metadata']);

/** User keyspaces of the cluster, sorted. */
export async function listKeyspaces(client: Client): Promise<string[]> {
  const result = await executeWithRetries(client, 'SELECT keyspace_name FROM system_schema.keyspaces', [], () => 'the keyspaces');
  return result.rows.map((r) => r['keyspace_name'] as string).filter((k) => !SYSTEM_KEYSPACES.has(k)).sort();
}

/** Tables of a keyspace, sorted. */
export async function listTables(client: Client, keyspace: string): Promise<string[]> {
  const result = await executeWithRetries(client, 'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace],
    () => `the tables of keyspace '${keyspace}'`);
  return result.rows.map((r) => r['table_name'] as string).sort();
}

/**
 * The column names of keyspace.table; throws NotFoundError listing what exists instead when the
 * keyspace or the table is missing.
 */
export async function tableColumns(client: Client, keyspace: string, table: string): Promise<Set<string>> {
  const result = await executeWithRetries(client,
    'SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table],
    () => `the columns of ${keyspace}.${table}`);
  if (result.rowLength > 0) return new Set(result.rows.map((r) => r['column_name'] as string));
  const keyspaces = await listKeyspaces(client);
  if (!keyspaces.includes(keyspace)) {
    const journals = await findJournalTables(client, keyspaces);
    throw new NotFoundError('keyspace', keyspace, keyspaces,
      `Keyspace '${keyspace}' does not exist. Keyspaces on this cluster: ${keyspaces.length ? keyspaces.join(', ') : '(none but system keyspaces)'}` +
      `${journals.length ? `; journal tables found: ${journals.join(', ')}` : ''}.`,
      { hint: `Pass the right one as eventTable({ keyspace: '…' }) (Akka's default is 'akka', Pekko's 'pekko').` });
  }
  const tables = await listTables(client, keyspace);
  throw new NotFoundError('table', table, tables,
    `Table '${keyspace}.${table}' does not exist. Tables in keyspace '${keyspace}': ${tables.length ? tables.join(', ') : '(none)'}.`,
    { hint: `Pass the journal table as eventTable({ table: '…' }) (the plugin's default is 'messages').` });
}

/** keyspace.table names that look like journals (have sequence_nr and partition_nr), to suggest them. */
export async function findJournalTables(client: Client, keyspaces: readonly string[]): Promise<string[]> {
  if (keyspaces.length === 0) return [];
  const result = await executeWithRetries(client,
    "SELECT keyspace_name, table_name, column_name FROM system_schema.columns WHERE keyspace_name IN ? ", [keyspaces],
    () => 'the journal tables of the cluster');
  const found = new Set<string>();
  for (const row of result.rows) {
    if (row['column_name'] === 'partition_nr') found.add(`${row['keyspace_name']}.${row['table_name']}`);
  }
  return [...found].sort();
}
