// What every Cassandra child of the benchmark shares: where the journal is, and the scan settings
// (the library's defaults unless the command line says otherwise).
import { eventTableDefaults } from '../../src/cassandra/maybe-event-table-options.js';

export interface CassandraBenchConfig {
  contactPoints: string[];
  localDataCenter: string;
  keyspace: string;
  table: string;
  concurrency: number;
  pageSize: number;
  /** Token-range splits of the scan (the library's default: 8 × concurrency, cut at the ring's boundaries). */
  splits: number;
  /** Plan file (splits and columns) written by plan.ts, read by the anchors. */
  planFile: string;
  /** Page (fetch) size of the anchors: both drivers' own default. */
  anchorPageSize: number;
  /** Ours: when JSON events are parsed (the library's default is 'lazy'). */
  decode?: 'lazy' | 'eager';
  /** Also run the aggregation of the Spark comparison (read every event, groupby eventType count, order by key). */
  aggregate?: boolean;
}

export const cassandraBenchDefaults = {
  contactPoints: ['127.0.0.1'],
  localDataCenter: 'datacenter1',
  keyspace: 'bench',
  table: 'messages',
  concurrency: eventTableDefaults.concurrency,
  pageSize: eventTableDefaults.pageSize,
  /** The Node driver's and the Python driver's default fetchSize / fetch_size. */
  anchorPageSize: 5000,
};

/** The config a child was given as its first argument (JSON). */
export function configFromArgv(): CassandraBenchConfig {
  const text = process.argv[2];
  if (!text) throw new Error('usage: <child> \'{"keyspace":…}\' (the harness passes the config as JSON)');
  return JSON.parse(text) as CassandraBenchConfig;
}

/** The scan plan shared by the bare driver and the Python driver: the same query over the same token ranges. */
export interface ScanPlan {
  query: string;
  columns: string[];
  /** [start, end] of each split as decimal strings (token > start AND token <= end). */
  splits: [string, string][];
  ringRanges: number;
}
