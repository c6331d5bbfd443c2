// What a snapshot file says about itself, stored as JSON under one key of the file's key-value
// metadata (Parquet footer, Arrow schema): format version, column kinds, and where the rows came
// from, so a later load can refuse a file of another journal and a refresh knows what it merges.
import type { JournalLayoutName, LoadStats } from '../types.js';
import type { SnapshotColumnKind } from './snapshot-columns.js';

export const SNAPSHOT_FORMAT = 'journal-lens-snapshot';
/** Raised when the file layout changes in a way older readers cannot read. */
export const SNAPSHOT_VERSION = 1;
export const METADATA_KEY = 'journal-lens';

/** The Cassandra load a snapshot holds: what a refresh must match and merge into. */
export interface CassandraSnapshotSource {
  keyspace: string;
  table: string;
  layout: JournalLayoutName | undefined;
  /** The options that decide which rows a load returns, normalised (see optionsKey). */
  options: Record<string, unknown>;
  /** ISO time the journal was last read. */
  readAt: string;
  /** Cassandra's id of the table (system_schema.tables.id) when it was read; a re-created table has another. */
  tableId?: string;
}

/** The Kafka position a saved stream window reached: where a stream resumes. */
export interface KafkaSnapshotSource {
  /** Per topic-partition, the offset after the last record in the file. */
  offsets: { topic: string; partition: number; nextOffset: string }[];
}

/** The metadata of a snapshot file. */
export interface SnapshotInfo {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** ISO time the file was written. */
  savedAt: string;
  rows: number;
  columns: Record<string, SnapshotColumnKind>;
  loadStats?: LoadStats;
  cassandra?: CassandraSnapshotSource;
  kafka?: KafkaSnapshotSource;
}

const sourceByTable = new WeakMap<object, CassandraSnapshotSource>();

/** Remembers which Cassandra load made `table`, for saveTable to record. */
export function attachCassandraSource(table: object, source: CassandraSnapshotSource): void {
  sourceByTable.set(table, source);
}

export function cassandraSourceOf(table: object): CassandraSnapshotSource | undefined {
  return sourceByTable.get(table);
}
