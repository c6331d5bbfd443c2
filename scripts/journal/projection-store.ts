// Dev tool: Akka Projection's Cassandra offset store (akka-projection-cassandra CassandraOffsetStore,
// its `createKeyspaceAndTable` DDL): offset_store ((projection_name, partition), projection_key) with the
// offset as text and a manifest naming its type (OffsetSerialization: TBU time-based UUID, SEQ sequence,
// LNG long, INT, STR string), and projection_management (paused flags). partition = |key.hashCode| % 5.
import cassandra from 'cassandra-driver';
import { javaHashCode } from './demo-domain.js';

export function projectionTablesDdl(keyspace: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${keyspace}.offset_store (projection_name text, partition int, projection_key text,
  offset text, manifest text, last_updated timestamp, PRIMARY KEY ((projection_name, partition), projection_key))`,
    `CREATE TABLE IF NOT EXISTS ${keyspace}.projection_management (projection_name text, partition int, projection_key text,
  paused boolean, last_updated timestamp, PRIMARY KEY ((projection_name, partition), projection_key))`,
  ];
}

export interface StoredOffset {
  projectionName: string;
  projectionKey: string;
  /** 'TBU' (offset = a timeuuid), 'SEQ' / 'LNG' (a number), 'STR', 'INT'. */
  manifest: 'TBU' | 'SEQ' | 'LNG' | 'INT' | 'STR';
  offset: string;
  lastUpdated: Date;
  paused?: boolean;
}

/**
 * Creates the keyspace and tables if needed and writes the offsets.
 *
 * @example
 * await writeOffsets(client, 'health_it_projection', [{ projectionName: 'carts', projectionKey: 'carts-0', manifest: 'TBU', offset: uuid, lastUpdated: new Date() }]);
 */
export async function writeOffsets(client: cassandra.Client, keyspace: string, offsets: readonly StoredOffset[]): Promise<void> {
  await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH REPLICATION = { 'class' : 'SimpleStrategy', 'replication_factor' : 1 }`);
  for (const cql of projectionTablesDdl(keyspace)) await client.execute(cql);
  for (const o of offsets) {
    const partition = Math.abs(javaHashCode(o.projectionKey) % 5);
    await client.execute(`INSERT INTO ${keyspace}.offset_store (projection_name, partition, projection_key, offset, manifest, last_updated) VALUES (?, ?, ?, ?, ?, ?)`,
      [o.projectionName, partition, o.projectionKey, o.offset, o.manifest, o.lastUpdated], { prepare: true });
    if (o.paused !== undefined) {
      await client.execute(`INSERT INTO ${keyspace}.projection_management (projection_name, partition, projection_key, paused, last_updated) VALUES (?, ?, ?, ?, ?)`,
        [o.projectionName, partition, o.projectionKey, o.paused, o.lastUpdated], { prepare: true });
    }
  }
}
