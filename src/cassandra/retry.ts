// Retries of Cassandra queries: a page of a load, and every schema and metadata query. Backoff
// with jitter, bounded by a time budget (default 90 s) rather than a small count, so that a
// single-node restart (stop, commit-log replay, gossip: 20–60 s) is waited out and the load goes
// on from its page state, with no row lost or read twice (docs/production-clusters.md).
import type cassandra from 'cassandra-driver';
import { QueryError } from '../errors.js';
import { redact } from '../util/redact.js';
import { abortableDelay } from './run-workers.js';

export const retryDefaults = { retries: Infinity, budgetMs: 90_000, initialDelayMs: 200, maxDelayMs: 5000 };

/** How long and how often a failed query is tried again. */
export interface RetryPolicy {
  /** Retries at most (default: no count limit, only the budget). */
  retries?: number;
  /** Ms from the first failure after which no retry starts (default 90 000). */
  budgetMs?: number;
}

// Server answers that no retry can change: syntax error, unauthorized, invalid query, config error.
const PERMANENT_CODES = new Set([0x2000, 0x2100, 0x2200, 0x2300]);

/** Errors that are bugs or permanent refusals, not weather: retrying them only hides them. */
function isBug(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError ||
    PERMANENT_CODES.has((error as { code?: number } | null)?.code ?? -1);
}

// The policy each client was created with (connect.ts), so that the metadata queries of any caller
// use the journal's `retryBudgetSeconds` without it being threaded through every signature.
const policies = new WeakMap<object, RetryPolicy>();

/** Records the retry policy of a client's journal (called by createClient). */
export function setRetryPolicy(client: cassandra.Client, policy: RetryPolicy): void {
  policies.set(client, policy);
}

/** The retry policy of a client's journal; the defaults for a client made elsewhere. */
export function retryPolicyOf(client: cassandra.Client): RetryPolicy {
  return policies.get(client) ?? {};
}

/**
 * Runs `attempt` until it succeeds, backing off with jitter (200 ms doubling to 5 s), until the
 * policy's budget or retry count is spent. `describe` names the work for the final error ("token
 * range (-9223…, -4611…] of akka.messages"). A number as policy is a retry count (budget default).
 * Once `signal` aborts (another worker of the load failed), no attempt starts and a back-off wait
 * ends at once, rejecting with the signal's reason.
 *
 * @example
 * const rs = await withRetries(() => client.execute(q, p), () => 'keyspaces', { budgetMs: 60_000 });
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>, describe: () => string, policy: number | RetryPolicy = {}, signal?: AbortSignal,
): Promise<T> {
  const retries = typeof policy === 'number' ? policy : policy.retries ?? retryDefaults.retries;
  const budgetMs = typeof policy === 'number' ? retryDefaults.budgetMs : policy.budgetMs ?? retryDefaults.budgetMs;
  let delay = retryDefaults.initialDelayMs;
  const started = Date.now();
  let firstFailure = 0;
  for (let n = 0; ; n++) {
    signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      signal?.throwIfAborted();
      const now = Date.now();
      if (n === 0) firstFailure = now;
      const wait = delay * (0.5 + Math.random());
      const permanent = isBug(error) || (error as { retriable?: boolean }).retriable === false;
      if (permanent || n >= retries || now - firstFailure + wait > budgetMs) {
        if (n === 0 && permanent) throw error;
        const spent = ((now - started) / 1000).toFixed(1);
        throw new QueryError(n + 1, `Reading ${describe()} failed ${n + 1} time${n ? 's' : ''} over ${spent} s ` +
          `(retry budget ${Math.round(budgetMs / 1000)} s${Number.isFinite(retries) ? `, at most ${retries} retries` : ''}); ` +
          `last error: ${redact(error instanceof Error ? error.message : String(error))}.`,
          { hint: 'Check the cluster\'s health. A node that takes longer to come back needs a larger retryBudgetSeconds ' +
            '(cassandraJournal or eventTable option); a smaller pageSize or higher readTimeoutMs helps with timeouts on wide partitions.',
            cause: error, retriable: true });
      }
      await abortableDelay(wait, signal);
      delay = Math.min(delay * 2, retryDefaults.maxDelayMs);
    }
  }
}

/**
 * One schema or metadata query, retried like a page under the client's policy.
 *
 * @example
 * const rs = await executeWithRetries(client, 'SELECT keyspace_name FROM system_schema.keyspaces', [], () => 'the keyspaces');
 */
export function executeWithRetries(
  client: cassandra.Client, query: string, params: unknown[], describe: () => string, options: cassandra.QueryOptions = {},
): Promise<cassandra.types.ResultSet> {
  return withRetries(() => client.execute(query, params, { prepare: true, ...options }), describe, retryPolicyOf(client));
}
