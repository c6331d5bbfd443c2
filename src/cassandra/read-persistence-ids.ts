import type { ReadContext } from './read-context.js';
import { readPages } from './scan-token-ranges.js';
import { qualifiedTable, quoteIdentifier } from './quote.js';
import { runWorkers } from './run-workers.js';

/**
 * Reads the given persistence ids partition by partition, as the plugin's own replay does:
 * start at the partition of the first wanted sequence number (after deleted_to), walk partition_nr
 * upward, and stop after two empty partitions in a row (one write batch may skip a whole partition)
 * or past `toSequenceNr`. When one id fails for good, the others stop before their next query
 * (run-workers.ts) and the read rejects once, with that failure.
 */
export async function readPersistenceIds(
  ctx: ReadContext, persistenceIds: readonly string[], partitionSize: number, onIdDone: () => void,
): Promise<void> {
  const { keyspace, table, layout, gate, paging } = ctx;
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} ` +
    `WHERE ${quoteIdentifier(layout.persistenceIdColumn)} = ? AND partition_nr = ? AND sequence_nr >= ? AND sequence_nr <= ?`;
  const { fromSequenceNr, toSequenceNr } = gate.filter;
  let next = 0;
  const worker = async (signal: AbortSignal): Promise<void> => {
    while (!paging.stop.stopped && !signal.aborted && next < persistenceIds.length) {
      const pid = persistenceIds[next++]!;
      const first = Math.max(1, fromSequenceNr, (gate.deletedTo.get(pid) ?? 0) + 1);
      const last = Number.isFinite(toSequenceNr) ? toSequenceNr : Number.MAX_SAFE_INTEGER;
      let partition = Math.floor((first - 1) / partitionSize);
      let emptyInARow = 0;
      while (!paging.stop.stopped && !signal.aborted && emptyInARow < 2 && partition * partitionSize + 1 <= last) {
        const seen = await readPages(ctx, query, [pid, partition, first, last],
          () => `partition ${partition} of '${pid}' in ${keyspace}.${table}`, signal);
        emptyInARow = seen === 0 ? emptyInARow + 1 : 0;
        partition++;
      }
      onIdDone();
    }
  };
  await runWorkers(Math.min(paging.concurrency, persistenceIds.length), worker, paging.signal);
}
