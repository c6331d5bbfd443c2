// The floor of any refresh that must see every change in the events table, measured with the bare
// driver (nothing decoded, no file read or written): the keys of the rows written since a time (a
// filtered scan, which Cassandra answers by reading every row of the table) and the ids of
// all_persistence_ids (which tells the ids deleted since), run together, as the refresh runs them.
import cassandra from 'cassandra-driver';
import { ringTokens } from '../../src/cassandra/ring-tokens.js';
import { tokenSplits } from '../../src/cassandra/token-splits.js';

export interface RefreshFloor {
  /** Both reads together, as the refresh overlaps them. */
  ms: number;
  scanMs: number;
  idsMs: number;
  rowsWritten: number;
  ids: number;
}

/** Times the two reads with `concurrency` scan workers over `splits` token ranges. */
export async function measureRefreshFloor(
  config: { contactPoints: string[]; localDataCenter: string; keyspace: string; table: string },
  sinceMs: number, concurrency: number, splits: number,
): Promise<RefreshFloor> {
  const client = new cassandra.Client({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
  await client.connect();
  try {
    const ranges = tokenSplits(ringTokens(client), splits);
    const key = 'token(persistence_id, partition_nr)';
    const query = `SELECT persistence_id, partition_nr, sequence_nr FROM "${config.keyspace}"."${config.table}" ` +
      `WHERE ${key} > ? AND ${key} <= ? AND timestamp > maxTimeuuid(?) ALLOW FILTERING`;
    const since = new Date(sinceMs);
    const t0 = performance.now();
    let rowsWritten = 0;
    let next = 0;
    let scanMs = 0;
    let idsMs = 0;
    const worker = async (): Promise<void> => {
      while (next < ranges.length) {
        const r = ranges[next++]!;
        const params = [cassandra.types.Long.fromString(r.start.toString()), cassandra.types.Long.fromString(r.end.toString()), since];
        let pageState: string | undefined;
        do {
          const result = await client.execute(query, params, { prepare: true, fetchSize: 5000, autoPage: false, ...(pageState ? { pageState } : {}) });
          rowsWritten += result.rows.length;
          pageState = result.pageState ?? undefined;
        } while (pageState);
      }
    };
    let ids = 0;
    const readIds = async (): Promise<void> => {
      let pageState: string | undefined;
      do {
        const result = await client.execute(`SELECT persistence_id FROM "${config.keyspace}".all_persistence_ids`, [],
          { prepare: true, fetchSize: 5000, autoPage: false, ...(pageState ? { pageState } : {}) });
        ids += result.rows.length;
        pageState = result.pageState ?? undefined;
      } while (pageState);
      idsMs = performance.now() - t0;
    };
    await Promise.all([
      Promise.all(Array.from({ length: concurrency }, worker)).then(() => { scanMs = performance.now() - t0; }),
      readIds(),
    ]);
    return { ms: performance.now() - t0, scanMs, idsMs, rowsWritten, ids };
  } finally {
    await client.shutdown();
  }
}
