// One payload-free pass over a journal table for the health checks: the whole table by token
// ranges (cassandra/scan-token-ranges.ts, as eventTable reads it), or only the partitions of
// the given persistence ids. Every partition is read, also those after an empty one, so holes
// are seen (the plugin's replay, and eventTable({ persistenceIds }), stop at them).
import { numberFromLong, type LongLike } from '../cassandra/long.js';
import { qualifiedTable, quoteIdentifier } from '../cassandra/quote.js';
import type { ReadContext } from '../cassandra/read-context.js';
import { readPages, scanTokenRanges } from '../cassandra/scan-token-ranges.js';
import { runWorkers } from '../cassandra/run-workers.js';
import type { TokenSplit } from '../cassandra/token-splits.js';
import { readAllRows } from './read-all-rows.js';

/** Where the pass goes: every split of the ring, or the partitions of some ids. */
export type HealthScanTarget = { splits: readonly TokenSplit[] } | { persistenceIds: readonly string[] };

/**
 * Runs the pass; `onUnitDone` counts splits (or partitions) as they finish.
 *
 * @example
 * await scanForHealth({ client, keyspace: 'akka', table: 'messages', layout, gate, paging, sink: tracker.add }, { splits }, () => done++);
 */
export async function scanForHealth(ctx: ReadContext, target: HealthScanTarget, onUnitDone: (total: number) => void): Promise<void> {
  const { client, keyspace, table, layout, paging } = ctx;
  if ('splits' in target) {
    await scanTokenRanges(ctx, target.splits, () => onUnitDone(target.splits.length));
    return;
  }
  const pidColumn = quoteIdentifier(layout.persistenceIdColumn);
  const wanted = new Set(target.persistenceIds);
  const partitions: Array<[string, number]> = [];
  await readAllRows(client, `SELECT DISTINCT ${pidColumn}, partition_nr FROM ${qualifiedTable(keyspace, table)}`, [], (rows) => {
    for (const row of rows) {
      const pid = row[layout.persistenceIdColumn] as string;
      if (wanted.has(pid)) partitions.push([pid, numberFromLong(row['partition_nr'] as LongLike)]);
    }
  }, 10_000);
  partitions.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} WHERE ${pidColumn} = ? AND partition_nr = ?`;
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
