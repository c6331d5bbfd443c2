// The SQL both Spark Connect clients run (ours-sql.ts and pyspark_connect.py read it from here).

/** An aggregation over the `events` view: Spark's work, a few rows back. */
export const AGGREGATE_SQL = "SELECT eventType, date_format(`timestamp`, 'yyyy-MM-dd') AS day, count(*) AS n FROM events GROUP BY 1, 2";

/** `rows` journal rows straight from the table (no view): the client's work is reading them. */
export function fetchSql(keyspace: string, rows: number): string {
  return `SELECT persistence_id, partition_nr, sequence_nr, ser_id, ser_manifest, writer_uuid, CAST(event AS STRING) AS event ` +
    `FROM cassandra.\`${keyspace}\`.messages LIMIT ${rows}`;
}
