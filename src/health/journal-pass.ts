// One payload-free pass over a journal, shared by health(), recoveryCost() and projectionOffsets():
// layout, deletes and partition size looked up, token splits or the ids' partitions read, every
// page handed to `sink`, progress drawn as eventTable draws it.
import type cassandra from 'cassandra-driver';
import { layoutFromColumns } from '../cassandra/detect-layout.js';
import { loadDeletedTo, loadPartitionSize } from '../cassandra/journal-metadata.js';
import type { JournalLayout } from '../cassandra/layouts/journal-layout.js';
import { maybeCount } from '../cassandra/maybe-options.js';
import { qualifiedTable } from '../cassandra/quote.js';
import { retryPolicyOf } from '../cassandra/retry.js';
import { createRowGate, NO_FILTER } from '../cassandra/row-gate.js';
import type { PagingOptions } from '../cassandra/scan-token-ranges.js';
import { listTables, tableColumns } from '../cassandra/schema.js';
import { tokenSplits } from '../cassandra/token-splits.js';
import { createProgressDisplay } from '../notebook/progress.js';
import type { LoadProgress, ProgressSink, RawEventBatch } from '../types.js';
import { healthLayoutFrom, type HealthLayout } from './health-layout.js';
import { scanForHealth, type HealthScanTarget } from './scan-for-health.js';

/** Scan options shared by the health calls (as eventTable's). */
export interface PassOptions {
  persistenceIds?: string[];
  progress?: boolean | ProgressSink;
  partitionSize?: number;
  concurrency?: number;
  splits?: number;
  pageSize?: number;
  /** Retries of a failed page at most, within the journal's retryBudgetSeconds. Default: no count limit. */
  retries?: number;
}

/** What the pass learnt besides the rows. */
export interface PassContext {
  layout: JournalLayout;
  tables: Set<string>;
  deletedTo: Map<string, number>;
  partitionSize: number;
}

/** Where the pass's rows go, and what of them the caller reads. */
export interface PassSink {
  sink: (batch: RawEventBatch) => void;
  onDeleted: (pid: string, partition: number, seq: number) => void;
  rows: () => number;
  /** Whether batches must carry tags (default true); false leaves the tag columns out of the SELECT. */
  tags?: boolean;
}

export const passDefaults = { concurrency: 4, pageSize: 1000, retries: Infinity, splitsPerWorker: 8 };

/**
 * Looks the journal up (`prepare` may build the sink from what it finds), then scans it.
 *
 * @example
 * const ctx = await journalPass(client, 'akka', 'messages', tokens, {}, 'health', (ctx) => ({ sink: (b) => …, onDeleted: () => {} }));
 */
export async function journalPass(
  client: cassandra.Client, keyspace: string, table: string, ringTokens: readonly bigint[], options: PassOptions, label: string,
  prepare: (ctx: PassContext) => PassSink,
): Promise<PassContext> {
  const started = Date.now();
  const concurrency = maybeCount('concurrency', options.concurrency, passDefaults.concurrency);
  const paging: PagingOptions = {
    concurrency, pageSize: maybeCount('pageSize', options.pageSize, passDefaults.pageSize),
    retries: maybeCount('retries', options.retries, passDefaults.retries, 0), stop: { stopped: false },
    retryBudgetMs: retryPolicyOf(client).budgetMs ?? 90_000,
  };
  const baseLayout = layoutFromColumns(keyspace, table, await tableColumns(client, keyspace, table));
  const tables = new Set(await listTables(client, keyspace));
  const deletedTo = await loadDeletedTo(client, keyspace, tables, options.persistenceIds);
  const partitionSize = maybeCount('partitionSize', options.partitionSize, 0, 1) ||
    await loadPartitionSize(client, keyspace, tables, baseLayout.defaultPartitionSize);
  const ctx: PassContext = { layout: baseLayout, tables, deletedTo, partitionSize };
  const { sink, onDeleted, rows, tags = true } = prepare(ctx);
  const layout = await healthLayoutFor(client, keyspace, table, baseLayout, onDeleted, tags);
  // Duplicates are findings here: the gate keeps them; deletes are judged by the caller.
  const gate = createRowGate(NO_FILTER, new Map(), true);
  const splits = options.persistenceIds ? [] : tokenSplits(ringTokens, maybeCount('splits', options.splits, 0, 1) || concurrency * passDefaults.splitsPerWorker);
  const target: HealthScanTarget = options.persistenceIds ? { persistenceIds: options.persistenceIds } : { splits };
  const display = createProgressDisplay(options.progress ?? true, `${label} ${keyspace}.${table}`);
  let unitsDone = 0;
  let unitsTotal = splits.length;
  let lastReport = 0;
  const progress = (done: boolean): LoadProgress => {
    const elapsedMs = Date.now() - started;
    const n = rows();
    return { rows: n, rangesDone: unitsDone, rangesTotal: unitsTotal, elapsedMs, done, undecodable: 0,
      rate: elapsedMs > 0 ? (n * 1000) / elapsedMs : 0,
      etaMs: done ? 0 : unitsDone > 0 ? (elapsedMs * (unitsTotal - unitsDone)) / unitsDone : undefined };
  };
  const reportingSink = (batch: RawEventBatch): void => {
    sink(batch);
    const now = Date.now();
    if (now - lastReport >= 250) {
      lastReport = now;
      display.report(progress(false));
    }
  };
  await scanForHealth({ client, keyspace, table, layout, gate, paging, sink: reportingSink }, target, (total) => {
    unitsTotal = total;
    unitsDone++;
  });
  display.finish(progress(true));
  return ctx;
}

/**
 * The health layout of `base`, with computed columns where the cluster accepts them: one
 * `LIMIT 1` query tries the select list (CAST needs Cassandra 3.2+); when it is refused, the
 * era's own columns and loop are read instead.
 */
async function healthLayoutFor(
  client: cassandra.Client, keyspace: string, table: string, base: JournalLayout,
  onDeleted: (pid: string, partition: number, seq: number) => void, tags: boolean,
): Promise<HealthLayout> {
  const computed = healthLayoutFrom(base, onDeleted, { tags, computed: true });
  const plain = healthLayoutFrom(base, onDeleted, { tags, computed: false });
  if (computed.select === plain.select) return plain;
  try {
    await client.execute(`SELECT ${computed.select} FROM ${qualifiedTable(keyspace, table)} LIMIT 1`, [], { prepare: true });
    return computed;
  } catch {
    return plain; // refused (an older Cassandra), or failing now: the plain scan retries as usual
  }
}
