// One payload-free pass over a journal table for the health checks: the whole table by token
// ranges (as cassandra/scan-token-ranges.ts reads it for eventTable, but with the health layout's
// select list, which may hold computed columns), or only the partitions of the given persistence ids. Every partition is read, also those after an empty one, so holes
// are seen (the plugin's replay, and eventTable({ persistenceIds }), stop at them).
import cassandra from 'cassandra-driver';
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import type { ReadContext } from '../cassandra/read-context.js';
import { readPages } from '../cassandra/scan-token-ranges.js';
import { runWorkers } from '../cassandra/run-workers.js';
import type { TokenSplit } from '../cassandra/token-splits.js';
import type { HealthLayout } from './health-layout.js';
import { readAllRows } from './read-all-rows.js';

/** Where the pass goes: every split of the ring, or the partitions of some ids. */
export type HealthScanTarget = { splits: readonly TokenSplit[] } | { persistenceIds: readonly string[] };

/**
 * Runs the pass; `onUnitDone` counts splits (or partitions) as they finish.
 *
 * @example
 * await scanForHealth({ client, keyspace: 'akka', table: 'messages', layout, gate, paging, sink: tracker.add }, { splits }, () => done++);
 */
export async function scanForHealth(ctx: ReadContext & { layout: HealthLayout }, target: HealthScanTarget, onUnitDone: (total: number) => void): Promise<void> {
  const { client, keyspace, table, layout, paging } = ctx;
  const pidColumn = quoteIdentifier(layout.persistenceIdColumn);
  if ('splits' in target) {
    const { splits } = target;
    const key = `token(${pidColumn}, partition_nr)`;
    const query = `SELECT ${layout.select} FROM ${qualifiedTable(keyspace, table)} WHERE ${key} > ? AND ${key} <= ?`;
    let nextSplit = 0;
    // As scanTokenRanges: the first split that fails for good stops the other workers.
    await runWorkers(Math.min(paging.concurrency, splits.length), async (signal) => {
      while (!paging.stop.stopped && !signal.aborted && nextSplit < splits.length) {
        const split = splits[nextSplit++]!;
        const params = [cassandra.types.Long.fromString(split.start.toString()), cassandra.types.Long.fromString(split.end.toString())];
        await readPages(ctx, query, params, () => `token range (${split.start}, ${split.end}] of ${keyspace}.${table}`, signal);
        onUnitDone(splits.length);
      }
    }, paging.signal);
    return;
  }
  const wanted = new Set(target.persistenceIds);
  const partitions: Array<[string, number]> = [];
  await readAllRows(client, `SELECT DISTINCT ${pidColumn}, partition_nr FROM ${qualifiedTable(keyspace, table)}`, [], (rows) => {
    for (const row of rows) {
      const pid = row[layout.persistenceIdColumn] as string;
      if (wanted.has(pid)) partitions.push([pid, numberFromLong(row['partition_nr'] as LongLike)]);
    }
  }, 10_000);
  partitions.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const query = `SELECT ${layout.select} FROM ${qualifiedTable(keyspace, table)} WHERE ${pidColumn} = ? AND partition_nr = ?`;
  let next = 0;
  // As the token-range scan: the first partition that fails for good stops the other workers.
  await runWorkers(Math.min(paging.concurrency, partitions.length), async (signal) => {
    while (!paging.stop.stopped && !signal.aborted && next < partitions.length) {
      const [pid, partition] = partitions[next++]!;
      await readPages(ctx, query, [pid, partition], () => `partition ${partition} of '${pid}' in ${keyspace}.${table}`, signal);
      onUnitDone(partitions.length);
    }
  }, paging.signal);
}
