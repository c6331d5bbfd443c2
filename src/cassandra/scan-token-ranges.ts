import cassandra from 'cassandra-driver';
import type { RawEventBatch } from '../types.js';
import { copyRow, createRawBatch, trimRawBatch } from './raw-batch.js';
import { retryPolicyOf, withRetries } from './retry.js';
import type { ReadContext } from './read-context.js';
import { runWorkers } from './run-workers.js';
import { qualifiedTable, quoteIdentifier } from './quote.js';
import type { TokenSplit } from './token-splits.js';

export type { BatchSink, PagingOptions, ReadContext } from './read-context.js';

/**
 * Reads the whole table of `ctx` split by token ranges, `paging.concurrency` splits at a time. A
 * failed page is retried from the last page state, so no row is read twice or lost; the last row of each page is
 * held back for the next one so that rows of one (persistenceId, sequenceNr) never straddle two batches.
 * When one split fails for good, the others stop before their next query (run-workers.ts) and the
 * scan rejects once, with that failure.
 */
export async function scanTokenRanges(ctx: ReadContext, splits: readonly TokenSplit[], onSplitDone: () => void): Promise<void> {
  const { keyspace, table, layout, paging } = ctx;
  const key = `token(${quoteIdentifier(layout.persistenceIdColumn)}, partition_nr)`;
  const query = `SELECT ${layout.columns.map(quoteIdentifier).join(', ')} FROM ${qualifiedTable(keyspace, table)} WHERE ${key} > ? AND ${key} <= ?`;
  let next = 0;
  const worker = async (signal: AbortSignal): Promise<void> => {
    while (!paging.stop.stopped && !signal.aborted && next < splits.length) {
      const split = splits[next++]!;
      const params = [cassandra.types.Long.fromString(split.start.toString()), cassandra.types.Long.fromString(split.end.toString())];
      await readPages(ctx, query, params,
        () => `token range (${split.start}, ${split.end}] of ${keyspace}.${table}`, signal);
      onSplitDone();
    }
  };
  await runWorkers(Math.min(paging.concurrency, splits.length), worker, paging.signal);
}

/**
 * Pages through one query, handing admitted rows to `sink`; shared by the scan and the per-id reader.
 * Returns rows seen. Once `signal` aborts, no page is asked for and a page that arrives late is
 * dropped (rejecting with the signal's reason).
 */
export async function readPages(ctx: ReadContext, query: string, params: unknown[], describe: () => string, signal?: AbortSignal): Promise<number> {
  const { client, layout, gate, paging, sink } = ctx;
  let pageState: string | undefined;
  let carry: RawEventBatch | null = null;
  let seen = 0;
  const policy = { retries: paging.retries, budgetMs: paging.retryBudgetMs ?? retryPolicyOf(client).budgetMs };
  do {
    const result: cassandra.types.ResultSet = await withRetries(() => client.execute(query, params, {
      prepare: true, fetchSize: paging.pageSize, autoPage: false, ...(pageState ? { pageState } : {}),
    }), describe, policy, signal);
    signal?.throwIfAborted();
    pageState = result.pageState ?? undefined;
    const rows = result.rows;
    seen += rows.length;
    const batch = createRawBatch(rows.length + 1);
    if (carry !== null) copyRow(carry, 0, batch);
    layout.appendPage(rows, batch, gate);
    carry = null;
    if (pageState && batch.length > 0) {
      carry = createRawBatch(1);
      copyRow(batch, batch.length - 1, carry);
      batch.length--;
    }
    if (batch.length > 0) sink(trimRawBatch(batch));
  } while (pageState && !paging.stop.stopped);
  signal?.throwIfAborted();
  if (carry !== null && carry.length > 0) sink(carry);
  return seen;
}
