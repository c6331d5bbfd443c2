// What every page loop of one read shares (scan-token-ranges.ts, read-persistence-ids.ts and the
// health and snapshot readers): one object instead of the same seven positional parameters.
import type cassandra from 'cassandra-driver';
import type { RawEventBatch } from '../types.js';
import type { JournalLayout } from './layouts/journal-layout.js';
import type { RowGate } from './row-gate.js';

/** How one load reads pages. */
export interface PagingOptions {
  concurrency: number;
  pageSize: number;
  retries: number;
  /** Ms a failed page is retried for (default: the client's retryBudgetSeconds, else 90 s). */
  retryBudgetMs?: number;
  /** Set to true to stop at the next page boundary (e.g. a limit was reached). */
  stop: { stopped: boolean };
  /** Aborting it fails the load: no query is issued after that (a failure of one worker aborts all the others too). */
  signal?: AbortSignal;
}

/** Receives each page of admitted rows, in order per worker. */
export type BatchSink = (batch: RawEventBatch) => void;

/**
 * One read of one journal table: where it reads, which rows it admits, how it pages, where rows go.
 *
 * @example
 * const ctx: ReadContext = { client, keyspace: 'akka', table: 'messages', layout, gate, paging, sink };
 * await scanTokenRanges(ctx, splits, () => done++);
 */
export interface ReadContext {
  client: cassandra.Client;
  keyspace: string;
  table: string;
  layout: JournalLayout;
  gate: RowGate;
  paging: PagingOptions;
  sink: BatchSink;
}
