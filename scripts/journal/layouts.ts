// DDL and write statements per journal layout era (docs/journal-formats.md §1), as the plugin
// versions created them. Names in the brief → eras:
//   current          = L5 (APC 1.0 … 1.3, PPC): ((persistence_id, partition_nr), sequence_nr, timestamp), event columns
//   message          = L2 (APC v0.7 … v0.9): ((persistence_id, partition_nr), sequence_nr, timestamp, timebucket),
//                      static used, message blob (PersistentMessage), tag1..tag3; config + metadata tables
//   mixed            = L3 table migrated to L4 (APC v0.10 DDL + tags set<text> + meta columns): rows carry either
//                      `message` (old rows) or `event` + ser_id/ser_manifest (new rows)
//   legacy-processor = L0 (APC v-0.1 … v-0.3.9): ((processor_id, partition_nr), sequence_nr, marker), message blob.
//                      The original had WITH COMPACT STORAGE, which Cassandra 5 no longer accepts.
// Sources: APC@HEAD core/…/journal/CassandraJournalStatements.scala; APC@v0.10 and @v-0.1
// …/journal/CassandraStatements.scala (see docs/journal-formats.md §1 for the tags).

export const WRITER_LAYOUTS = ['current', 'message', 'mixed', 'legacy-processor'] as const;
export type WriterLayout = (typeof WRITER_LAYOUTS)[number];

/** Table options of the APC 0.x/1.x defaults (gc-grace-seconds 864000, SizeTieredCompactionStrategy). */
const TABLE_OPTIONS = `WITH gc_grace_seconds = 864000
  AND compaction = {'class': 'SizeTieredCompactionStrategy'}`;

export function createKeyspaceCql(keyspace: string, replicationFactor = 1): string {
  return `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH REPLICATION = { 'class' : 'SimpleStrategy', 'replication_factor' : ${replicationFactor} }`;
}

function metadataCql(keyspace: string): string {
  return `CREATE TABLE IF NOT EXISTS ${keyspace}.metadata(
  persistence_id text PRIMARY KEY,
  deleted_to bigint,
  properties map<text,text>)`;
}

function configCql(keyspace: string): string {
  return `CREATE TABLE IF NOT EXISTS ${keyspace}.config (
  property text primary key, value text)`;
}

/**
 * The CREATE TABLE statements of a layout (keyspace not included), in the plugin's order.
 *
 * @example
 * for (const cql of ddlForLayout('current', 'akka', 'messages')) await client.execute(cql);
 */
export function ddlForLayout(layout: WriterLayout, keyspace: string, table: string): string[] {
  const t = `${keyspace}.${table}`;
  switch (layout) {
    case 'current':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  persistence_id text,
  partition_nr bigint,
  sequence_nr bigint,
  timestamp timeuuid,
  timebucket text,
  writer_uuid text,
  ser_id int,
  ser_manifest text,
  event_manifest text,
  event blob,
  meta_ser_id int,
  meta_ser_manifest text,
  meta blob,
  tags set<text>,
  PRIMARY KEY ((persistence_id, partition_nr), sequence_nr, timestamp))
  ${TABLE_OPTIONS}`,
        metadataCql(keyspace),
        `CREATE TABLE IF NOT EXISTS ${keyspace}.all_persistence_ids(
  persistence_id text PRIMARY KEY)`,
      ];
    case 'message':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  used boolean static,
  persistence_id text,
  partition_nr bigint,
  sequence_nr bigint,
  timestamp timeuuid,
  timebucket text,
  message blob,
  tag1 text,
  tag2 text,
  tag3 text,
  PRIMARY KEY ((persistence_id, partition_nr), sequence_nr, timestamp, timebucket))
  ${TABLE_OPTIONS}`,
        metadataCql(keyspace),
        configCql(keyspace),
      ];
    case 'mixed':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  used boolean static,
  persistence_id text,
  partition_nr bigint,
  sequence_nr bigint,
  timestamp timeuuid,
  timebucket text,
  writer_uuid text,
  ser_id int,
  ser_manifest text,
  event_manifest text,
  event blob,
  tag1 text,
  tag2 text,
  tag3 text,
  message blob,
  meta_ser_id int,
  meta_ser_manifest text,
  meta blob,
  tags set<text>,
  PRIMARY KEY ((persistence_id, partition_nr), sequence_nr, timestamp, timebucket))
  ${TABLE_OPTIONS}`,
        metadataCql(keyspace),
        configCql(keyspace),
      ];
    case 'legacy-processor':
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (
  processor_id text,
  partition_nr bigint,
  sequence_nr bigint,
  marker text,
  message blob,
  PRIMARY KEY ((processor_id, partition_nr), sequence_nr, marker))`,
      ];
  }
}

/** Write statements of every layout (each layout uses its own subset). */
export function statementsForLayout(keyspace: string, table: string) {
  const t = `${keyspace}.${table}`;
  return {
    // L5 (APC 1.x writeMessage)
    event: `INSERT INTO ${t} (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    eventWithMeta: `INSERT INTO ${t} (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, meta_ser_id, meta_ser_manifest, meta, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    // L3/L4 rows in a migrated table also set the static `used` column
    mixedEvent: `INSERT INTO ${t} (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, tags, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)`,
    mixedEventWithMeta: `INSERT INTO ${t} (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, meta_ser_id, meta_ser_manifest, meta, tags, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)`,
    // L2 (APC v0.7 … v0.9)
    message: `INSERT INTO ${t} (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, message, tag1, tag2, tag3, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true)`,
    // L0 (APC v-0.1 … v-0.3.9); header and deletion markers carry a single 00 byte
    legacyHeader: `INSERT INTO ${t} (processor_id, partition_nr, sequence_nr, marker, message) VALUES (?, ?, 0, 'H', 0x00)`,
    legacyMessage: `INSERT INTO ${t} (processor_id, partition_nr, sequence_nr, marker, message) VALUES (?, ?, ?, 'A', ?)`,
    legacyDeleted: `INSERT INTO ${t} (processor_id, partition_nr, sequence_nr, marker, message) VALUES (?, ?, ?, 'B', 0x00)`,
    legacyDeletePermanent: `DELETE FROM ${t} WHERE processor_id = ? AND partition_nr = ? AND sequence_nr = ?`,
    insertDeletedTo: `INSERT INTO ${keyspace}.metadata (persistence_id, deleted_to) VALUES (?, ?)`,
    deleteMessagesTo: `DELETE FROM ${t} WHERE persistence_id = ? AND partition_nr = ? AND sequence_nr <= ?`,
    insertPersistenceId: `INSERT INTO ${keyspace}.all_persistence_ids (persistence_id) VALUES (?)`,
    writeConfig: `INSERT INTO ${keyspace}.config (property, value) VALUES (?, ?) IF NOT EXISTS`,
  };
}
