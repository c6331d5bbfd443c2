// What Spark's Cassandra catalog sees of a journal: does the keyspace exist, the table, which columns does it
// have, is there a `metadata` table (logical deletes). Unknown names become NotFoundError with what exists.
import { NotAJournalError, NotFoundError } from '../errors.js';
import type { SparkConnectClient } from './spark-connect-client.js';
import { quoteSpark, type SparkJournalSource } from './events-sql.js';
import { SparkQueryError, SparkSetupError } from './spark-errors.js';
import { tableFromArrowBatches } from './table-from-arrow-batches.js';

const REQUIRED = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'ser_id', 'ser_manifest', 'event'];

/** Strings of column `column` of a query's result. */
export async function stringsOf(client: SparkConnectClient, query: string, column: string): Promise<string[]> {
  const t = tableFromArrowBatches((await client.execute(query)).batches);
  return t.numRows() === 0 || !t.columnNames().includes(column) ? [] : Array.from(t.array(column) as ArrayLike<string>);
}

/**
 * The journal source for keyspace.table in `catalog`, or a NotFoundError / NotAJournalError.
 *
 * @example
 * const source = await describeJournal(client, 'cassandra', 'akka', 'messages', names);
 */
export async function describeJournal(
  client: SparkConnectClient, catalog: string, keyspace: string, table: string, serializerNames: ReadonlyMap<number, string>,
): Promise<SparkJournalSource> {
  const where = `${client.remote.display}`;
  const plugin = tableFromArrowBatches((await client.execute(`SET spark.sql.catalog.${catalog}`)).batches);
  if (plugin.numRows() === 0 || plugin.get('value', 0) === '<undefined>') {
    throw new SparkSetupError(where, `The Spark Connect server at ${where} has no catalog '${catalog}': the Spark Cassandra ` +
      `Connector is not set up there (spark.sql.catalog.${catalog} is not defined).`, {
      hint: `Start the server with --packages com.datastax.spark:spark-cassandra-connector_2.12:3.5.1 and --conf ` +
        `spark.sql.catalog.${catalog}=com.datastax.spark.connector.datasource.CassandraCatalog (scripts/services start spark does), ` +
        `or pass sparkJournal({ cassandra: { host } }) to register the catalog in this session (the connector must still be on the server's classpath).`,
    });
  }
  let tables: string[];
  try {
    tables = await stringsOf(client, `SHOW TABLES IN ${quoteSpark(catalog)}.${quoteSpark(keyspace)}`, 'tableName');
  } catch (error) {
    if (!(error instanceof SparkQueryError) || !/keyspace|namespace|SCHEMA_NOT_FOUND/i.test(error.sparkMessage)) throw error;
    const keyspaces = await stringsOf(client, `SHOW NAMESPACES IN ${quoteSpark(catalog)}`, 'namespace').catch(() => []);
    throw new NotFoundError('keyspace', keyspace, keyspaces, `Spark's Cassandra connector (${where}) sees no keyspace ` +
      `'${keyspace}'; it sees: ${keyspaces.length ? keyspaces.join(', ') : 'no user keyspace'}.`, {
      cause: error, hint: `Pass events({ keyspace }) with one of those, or point the server's connector at the right cluster (sparkJournal({ cassandra: { host, port } })).`,
    });
  }
  if (!tables.includes(table)) {
    throw new NotFoundError('table', `${keyspace}.${table}`, tables, `Spark's Cassandra connector (${where}) sees no table ` +
      `'${table}' in keyspace '${keyspace}'; it has: ${tables.length ? tables.join(', ') : 'no tables'}.`, {
      hint: `Pass events({ keyspace, table }) naming the journal table (akka-persistence-cassandra: 'messages').`,
    });
  }
  const described = tableFromArrowBatches((await client.execute(
    `DESCRIBE TABLE ${quoteSpark(catalog)}.${quoteSpark(keyspace)}.${quoteSpark(table)}`)).batches);
  const columns = new Set<string>();
  const names = described.array('col_name') as ArrayLike<string>;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === '' || name.startsWith('#')) break;
    columns.add(name);
  }
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new NotAJournalError(keyspace, table, missing, `${keyspace}.${table} is not a journal table that the Spark path ` +
      `reads: it lacks the column(s) ${missing.join(', ')} (it has ${[...columns].join(', ')}). The Spark path reads the ` +
      `layout of akka-persistence-cassandra 0.10+ and Pekko (event, ser_id, ser_manifest).`, {
      hint: `For older layouts use cassandraJournal().eventTable(), which reads every era.`,
    });
  }
  return {
    catalog, keyspace, table, serializerNames,
    hasMetadata: tables.includes('metadata'),
    hasWriterUuid: columns.has('writer_uuid'),
    hasTags: columns.has('tags'),
  };
}
