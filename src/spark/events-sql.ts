// The journal's rules as Spark SQL over the Spark Cassandra Connector's view of an L3–L5 `messages` table
// (APC 0.10+ and Pekko: ((persistence_id, partition_nr), sequence_nr, timestamp timeuuid); event blob,
// ser_id, ser_manifest, writer_uuid, tags set<text>), the same rules the local loader applies
// (cassandra/row-gate.ts, cassandra/layouts/event-layout.ts), in the same order:
//  1. FilteredPayload placeholders (ser_id 34, manifest 'F') are skipped;
//  2. rows at or below metadata.deleted_to of their persistence id are logically deleted;
//  3. of rows sharing (persistence_id, partition_nr, sequence_nr) the last in clustering order (newest
//     timeuuid) wins, as Akka's replay filter does, unless duplicates are kept.
// The connector shows a timeuuid as its string form; its 60-bit tick count is reassembled from the hex
// time_hi/time_mid/time_low fields (docs/journal-formats.md: 100 ns ticks since 1582-10-15).
/** Where the journal is and what its table has. */
export interface SparkJournalSource {
  catalog: string;
  keyspace: string;
  table: string;
  hasMetadata: boolean;
  hasWriterUuid: boolean;
  hasTags: boolean;
  /** eventType of rows without a manifest, by serializer id (the local table's names); others get `serializer-<id>`. */
  serializerNames: ReadonlyMap<number, string>;
}

/** Row selection pushed into the scan; bounds inclusive. */
export interface SparkRowFilter {
  persistenceIds?: readonly string[];
  /** With persistenceIds: the partition numbers to read (equality on every partition-key column is what the connector pushes down). */
  partitions?: readonly number[];
  fromSequenceNr?: number;
  toSequenceNr?: number;
  fromMs?: number;
  toMs?: number;
  keepDuplicates?: boolean;
}

const FILTERED_PAYLOAD_ID = 34;
const GREGORIAN_OFFSET_MS = 12_219_292_800_000;
const JSON_SERIALIZERS = [31, 32];

/** A Spark SQL identifier in backticks. */
export function quoteSpark(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A Spark SQL string literal. */
export function sparkString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function tableName(source: SparkJournalSource, table: string): string {
  return `${quoteSpark(source.catalog)}.${quoteSpark(source.keyspace)}.${quoteSpark(table)}`;
}

/**
 * The rows the journal's rules keep, as a subquery with the table's raw columns plus `ticks` (the
 * timeuuid's 100 ns count) and `ms` (epoch milliseconds).
 *
 * @example
 * keptRowsSql({ catalog: 'cassandra', keyspace: 'akka', table: 'messages', hasMetadata: true, hasWriterUuid: true, hasTags: true, serializerNames: new Map() }, {})
 */
export function keptRowsSql(source: SparkJournalSource, filter: SparkRowFilter): string {
  const where = [`m.sequence_nr IS NOT NULL`, `NOT (m.ser_id <=> ${FILTERED_PAYLOAD_ID} AND m.ser_manifest <=> 'F')`];
  const ids = filter.persistenceIds;
  if (ids && ids.length > 0) {
    where.push(`m.persistence_id IN (${ids.map(sparkString).join(', ')})`);
    if (filter.partitions) where.push(`m.partition_nr IN (${filter.partitions.join(', ')})`);
  }
  if (filter.fromSequenceNr !== undefined && filter.fromSequenceNr > 0) where.push(`m.sequence_nr >= ${filter.fromSequenceNr}`);
  if (filter.toSequenceNr !== undefined && Number.isFinite(filter.toSequenceNr)) where.push(`m.sequence_nr <= ${filter.toSequenceNr}`);
  const ticks = `CAST(conv(concat(substr(m.\`timestamp\`, 16, 3), substr(m.\`timestamp\`, 10, 4), substr(m.\`timestamp\`, 1, 8)), 16, 10) AS BIGINT)`;
  let sql = `SELECT m.persistence_id, m.partition_nr, m.sequence_nr, m.\`timestamp\` AS tuuid, ${ticks} AS ticks, ` +
    `${ticks} div 10000 - ${GREGORIAN_OFFSET_MS} AS ms, m.ser_id, m.ser_manifest, m.event, ` +
    `${source.hasWriterUuid ? 'm.writer_uuid' : "''"} AS writer_uuid, ${source.hasTags ? 'm.tags' : 'CAST(NULL AS ARRAY<STRING>)'} AS tags ` +
    `FROM ${tableName(source, source.table)} m`;
  if (source.hasMetadata) {
    const only = ids && ids.length > 0 ? ` WHERE persistence_id IN (${ids.map(sparkString).join(', ')})` : '';
    // Needs the session setting directJoinSetting=off (from-spark.ts): see there.
    sql += ` LEFT JOIN (SELECT persistence_id AS deleted_pid, deleted_to FROM ${tableName(source, 'metadata')}${only}) d ` +
      `ON m.persistence_id = d.deleted_pid`;
    where.push(`(d.deleted_to IS NULL OR m.sequence_nr > d.deleted_to)`);
  }
  sql += ` WHERE ${where.join(' AND ')}`;
  const time: string[] = [];
  if (filter.fromMs !== undefined && Number.isFinite(filter.fromMs)) time.push(`ms >= ${filter.fromMs}`);
  if (filter.toMs !== undefined && Number.isFinite(filter.toMs)) time.push(`ms <= ${filter.toMs}`);
  const timeWhere = time.length > 0 ? ` WHERE ${time.join(' AND ')}` : '';
  if (filter.keepDuplicates) return `SELECT * FROM (${sql})${timeWhere}`;
  return `SELECT * FROM (SELECT k.*, row_number() OVER (PARTITION BY persistence_id, partition_nr, sequence_nr ` +
    `ORDER BY ticks DESC, tuuid DESC) AS newest FROM (${sql}) k${timeWhere}) WHERE newest = 1`;
}

/** eventType: the manifest, else the serializer's name (as the local table does). */
function eventTypeSql(names: ReadonlyMap<number, string>): string {
  const cases = [...names].map(([id, name]) => `WHEN ${id} THEN ${sparkString(name)}`).join(' ');
  const fallback = `concat('serializer-', CAST(ser_id AS STRING))`;
  return `CASE WHEN ser_manifest IS NULL OR ser_manifest = '' THEN ${cases ? `CASE ser_id ${cases} ELSE ${fallback} END` : fallback} ` +
    `ELSE ser_manifest END`;
}

/**
 * The `events` view: eventTable's column names, plus `event` (the JSON text of plain Jackson JSON
 * events, for get_json_object / from_json; null for other encodings) and `payload` (the bytes).
 *
 * @example
 * `CREATE OR REPLACE TEMPORARY VIEW events AS ${eventsViewSql(source, {})}`
 */
export function eventsViewSql(source: SparkJournalSource, filter: SparkRowFilter): string {
  const plainJson = `ser_id IN (${JSON_SERIALIZERS.join(', ')}) AND NOT (substr(event, 1, 2) = X'1F8B' OR substr(event, 1, 4) = X'87D96DF6')`;
  return `SELECT persistence_id AS persistenceId, partition_nr AS \`partition\`, sequence_nr AS sequenceNr, ` +
    `timestamp_millis(ms) AS \`timestamp\`, ${eventTypeSql(source.serializerNames)} AS eventType, ` +
    `CASE WHEN ${plainJson} THEN CAST(event AS STRING) END AS event, ser_id AS serId, writer_uuid AS writerUuid, tags, ` +
    `event AS payload FROM (${keptRowsSql(source, filter)})`;
}

/** The raw rows eventTable decodes on the client, in (persistenceId, partition, sequenceNr) order. */
export function eventRowsSql(source: SparkJournalSource, filter: SparkRowFilter, limit: number): string {
  return `SELECT persistence_id, partition_nr, sequence_nr, ms, ser_id, ser_manifest, event, writer_uuid, tags ` +
    `FROM (${keptRowsSql(source, filter)}) ORDER BY persistence_id, partition_nr, sequence_nr, ticks LIMIT ${limit}`;
}

/** One row when any of `persistenceIds` has a row in `partition` (a partition-key lookup, pushed down). */
export function partitionHasRowsSql(source: SparkJournalSource, persistenceIds: readonly string[], partition: number): string {
  return `SELECT 1 FROM ${tableName(source, source.table)} WHERE persistence_id IN (${persistenceIds.map(sparkString).join(', ')}) ` +
    `AND partition_nr = ${partition} LIMIT 1`;
}
