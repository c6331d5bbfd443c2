// One `eventTable` load: schema and layout, deletes, token splits or persistence ids, the page
// loop with its row gate, progress, and the load's stats. Decoding (decode/), the table being
// built (table/) and the progress display (notebook/) are handed in by from-cassandra.ts, so
// this folder imports none of them (docs/architecture.md, "Import direction").
import type cassandra from 'cassandra-driver';
import type { LoadProgress, LoadStats, ProgressSink, RawEventBatch } from '../types.js';
import { maybeBudgetSeconds } from './connect.js';
import { layoutFromColumns } from './detect-layout.js';
import { dropOutsideTime, type DecodedRows } from './drop-outside-time.js';
import { loadDeletedTo, loadPartitionSize } from './journal-metadata.js';
import { eventTableDefaults, maybeEventTableOptions, type EventTableInput } from './maybe-event-table-options.js';
import type { PagingOptions, ReadContext } from './read-context.js';
import { readPersistenceIds } from './read-persistence-ids.js';
import { retryPolicyOf } from './retry.js';
import { ringTokens } from './ring-tokens.js';
import { createRowGate } from './row-gate.js';
import { scanTokenRanges } from './scan-token-ranges.js';
import { listTables, tableColumns } from './schema.js';
import { tokenSplits } from './token-splits.js';
import { warnUndecodable } from './warn-undecodable.js';

/** Where the decoded rows of one load go (table/), and how batches are decoded (decode/). */
export interface EventCollector<Table, Decoded extends DecodedRows = DecodedRows> {
  /** Decodes a batch's payloads; `lazyJson` keeps plain JSON unparsed. */
  decode(batch: RawEventBatch, lazyJson: boolean): Decoded;
  /** Keeps the first `count` rows of `batch` and `decoded`. */
  append(batch: RawEventBatch, decoded: Decoded, count: number): void;
  /** Rows kept so far. */
  readonly rows: number;
  /** Undecodable rows kept so far, those over a decoder budget, and per serializer id. */
  readonly undecodable: number;
  readonly overLimit: number;
  readonly undecodableBy: Record<string, number>;
  /** The table of every row kept (`flatten`: event fields spread into columns), with `statsOf()` attached. */
  toTable(flatten: boolean, statsOf: () => LoadStats): Table;
}

/** The options of one load as given (from-cassandra.ts `EventTableOptions`), unchecked but for `progress`. */
export interface EventTableLoadInput extends EventTableInput {
  retryBudgetSeconds?: number;
  progress?: boolean | ProgressSink;
}

/** What a load reports its progress to (notebook/createProgressDisplay). */
export interface LoadProgressDisplay {
  report(progress: LoadProgress): void;
  finish(progress: LoadProgress): void;
  fail(progress: LoadProgress, reason: string): void;
}

/** The parts from-cassandra.ts wires in. */
export interface EventTableLoadParts<Table> {
  collector(): EventCollector<Table>;
  progress(option: boolean | ProgressSink | undefined, label: string): LoadProgressDisplay;
}

/** How often a load reports progress at most. */
const reportEveryMs = 250;

/**
 * Loads the events `options` select from `client` into a table through `parts`.
 *
 * @example
 * const t = await loadEventTable(client, 'akka', { persistenceIds: ['cart-1'] }, parts);
 */
export async function loadEventTable<Table>(
  client: cassandra.Client, defaultKeyspace: string, options: EventTableLoadInput, parts: EventTableLoadParts<Table>,
): Promise<Table> {
  const started = Date.now();
  const settings = maybeEventTableOptions(options, defaultKeyspace);
  const { keyspace, table, persistenceIds, filter, limit, lazyJson, concurrency } = settings;
  const budgetSeconds = maybeBudgetSeconds(options.retryBudgetSeconds, (retryPolicyOf(client).budgetMs ?? 90_000) / 1000);

  const layout = layoutFromColumns(keyspace, table, await tableColumns(client, keyspace, table));
  const tables = new Set(await listTables(client, keyspace));
  const deletedTo = await loadDeletedTo(client, keyspace, tables, persistenceIds);
  const gate = createRowGate(filter, deletedTo, settings.keepDuplicates);
  const paging: PagingOptions = {
    concurrency, pageSize: settings.pageSize, retries: settings.retries, retryBudgetMs: budgetSeconds * 1000, stop: { stopped: false },
  };
  const splits = persistenceIds ? [] : tokenSplits(ringTokens(client), settings.splits || concurrency * eventTableDefaults.splitsPerWorker);
  const rangesTotal = persistenceIds ? persistenceIds.length : splits.length;

  const rows = parts.collector();
  let rangesDone = 0;
  const timeFiltered = Number.isFinite(filter.fromMs) || Number.isFinite(filter.toMs);
  // Rows of the legacy layouts learn their time only from the PersistentRepr, after decoding;
  // otherwise rows past the limit are cut before they cost a decode (and count as undecodable).
  const filterAfterDecode = timeFiltered && layout.name !== 'event';
  const display = parts.progress(options.progress ?? true, `${keyspace}.${table}`);
  const progress = (done: boolean): LoadProgress => {
    const elapsedMs = Date.now() - started;
    return {
      rows: rows.rows, rangesDone, rangesTotal, elapsedMs, done, undecodable: rows.undecodable,
      rate: elapsedMs > 0 ? (rows.rows * 1000) / elapsedMs : 0,
      etaMs: done ? 0 : rangesDone > 0 ? (elapsedMs * (rangesTotal - rangesDone)) / rangesDone : undefined,
    };
  };
  let lastReport = 0;
  const sink = (batch: RawEventBatch): void => {
    if (paging.stop.stopped) return;
    if (!filterAfterDecode) batch.length = Math.min(batch.length, limit - rows.rows);
    const decoded = rows.decode(batch, lazyJson);
    if (filterAfterDecode) dropOutsideTime(batch, decoded, filter.fromMs, filter.toMs, gate);
    rows.append(batch, decoded, Math.min(batch.length, limit - rows.rows));
    if (rows.rows >= limit) paging.stop.stopped = true;
    const now = Date.now();
    if (now - lastReport >= reportEveryMs) {
      lastReport = now;
      display.report(progress(false));
    }
  };
  const onRangeDone = (): void => {
    rangesDone++;
  };

  const ctx: ReadContext = { client, keyspace, table, layout, gate, paging, sink };
  try {
    if (persistenceIds) {
      const partitionSize = settings.partitionSize || await loadPartitionSize(client, keyspace, tables, layout.defaultPartitionSize);
      await readPersistenceIds(ctx, persistenceIds, partitionSize, onRangeDone);
    } else {
      await scanTokenRanges(ctx, splits, onRangeDone);
    }
  } catch (error) {
    // The workers have stopped (run-workers.ts): the output ends as failed, with the reason.
    display.fail(progress(false), error instanceof Error ? error.message : String(error));
    throw error;
  }

  const { undecodable, undecodableBy, overLimit } = rows;
  const result = rows.toTable(settings.flatten, () => ({
    rows: rows.rows, undecodable, undecodableBy, rangesTotal, layout: layout.name,
    deletedSkipped: gate.counters.deletedSkipped, filteredSkipped: gate.counters.filteredSkipped,
    duplicatesDropped: gate.counters.duplicatesDropped, elapsedMs: Date.now() - started,
  }));
  display.finish(progress(true));
  warnUndecodable(keyspace, table, { rows: rows.rows, undecodable, undecodableBy, overLimit });
  return result;
}
