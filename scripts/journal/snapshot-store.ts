// Dev tool: akka-persistence-cassandra's snapshot table in its eras (docs/journal-formats.md §1.2, §1.8;
// APC@HEAD core/…/snapshot/CassandraSnapshotStatements.scala, APC@v-0.3 …/snapshot/CassandraStatements.scala):
//   current (0.10+, 1.x, Pekko): (persistence_id, sequence_nr DESC), timestamp bigint, ser_id, ser_manifest,
//     snapshot_data blob, legacy `snapshot` blob, meta columns;
//   legacy (0.4 … 0.9): persistence_id, sequence_nr, timestamp, snapshot blob (SnapshotSerializer, id 8);
//   legacy-processor (Akka 2.3): processor_id instead of persistence_id.
import cassandra from 'cassandra-driver';
import { payloadFromEvent, type PayloadInput } from './encode/payload.js';

export type SnapshotLayout = 'current' | 'legacy' | 'legacy-processor';

export function snapshotTableDdl(keyspace: string, table: string, layout: SnapshotLayout): string {
  const order = 'WITH CLUSTERING ORDER BY (sequence_nr DESC) AND gc_grace_seconds = 864000';
  switch (layout) {
    case 'current':
      return `CREATE TABLE IF NOT EXISTS ${keyspace}.${table} (persistence_id text, sequence_nr bigint, timestamp bigint,
  ser_id int, ser_manifest text, snapshot_data blob, snapshot blob, meta_ser_id int, meta_ser_manifest text, meta blob,
  PRIMARY KEY (persistence_id, sequence_nr)) ${order}`;
    case 'legacy':
      return `CREATE TABLE IF NOT EXISTS ${keyspace}.${table} (persistence_id text, sequence_nr bigint, timestamp bigint, snapshot blob,
  PRIMARY KEY (persistence_id, sequence_nr)) ${order}`;
    case 'legacy-processor':
      return `CREATE TABLE IF NOT EXISTS ${keyspace}.${table} (processor_id text, sequence_nr bigint, timestamp bigint, snapshot blob,
  PRIMARY KEY (processor_id, sequence_nr)) ${order}`;
  }
}

/** One snapshot to write: its state serialized like an event. */
export interface SnapshotInput extends PayloadInput {
  persistenceId: string;
  sequenceNr: number;
  timestamp: Date;
}

/** SnapshotSerializer (id 8) bytes: int32 LE header length, header = int32 LE serializer id + manifest, then the payload. */
export function snapshotSerializerBytes(serializerId: number, manifest: string, payload: Uint8Array): Uint8Array {
  const m = Buffer.from(manifest, 'utf8');
  const out = Buffer.alloc(8 + m.length + payload.length);
  out.writeInt32LE(4 + m.length, 0);
  out.writeInt32LE(serializerId, 4);
  m.copy(out, 8);
  out.set(payload, 8 + m.length);
  return out;
}

/**
 * Creates the table if needed and writes the snapshots.
 *
 * @example
 * await writeSnapshots(client, 'health_it_snapshot', 'snapshots', 'current', [{ persistenceId: 'p', sequenceNr: 10, timestamp: new Date(), serializer: 'jackson-json', event: '{"items":[]}' }]);
 */
export async function writeSnapshots(client: cassandra.Client, keyspace: string, table: string, layout: SnapshotLayout, snapshots: readonly SnapshotInput[]): Promise<void> {
  await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH REPLICATION = { 'class' : 'SimpleStrategy', 'replication_factor' : 1 }`);
  await client.execute(snapshotTableDdl(keyspace, table, layout));
  for (const s of snapshots) {
    const p = payloadFromEvent(s);
    if (layout === 'current') {
      await client.execute(`INSERT INTO ${keyspace}.${table} (persistence_id, sequence_nr, timestamp, ser_id, ser_manifest, snapshot_data) VALUES (?, ?, ?, ?, ?, ?)`,
        [s.persistenceId, s.sequenceNr, s.timestamp.getTime(), p.serializerId, p.manifest, Buffer.from(p.bytes)], { prepare: true });
    } else {
      const id = layout === 'legacy' ? 'persistence_id' : 'processor_id';
      await client.execute(`INSERT INTO ${keyspace}.${table} (${id}, sequence_nr, timestamp, snapshot) VALUES (?, ?, ?, ?)`,
        [s.persistenceId, s.sequenceNr, s.timestamp.getTime(), Buffer.from(snapshotSerializerBytes(p.serializerId, p.manifest, p.bytes))], { prepare: true });
    }
  }
}
