import { QueryError } from '../errors.js';
import { redact } from '../util/redact.js';
import { abortableDelay } from './run-workers.js';

export const retryDefaults = { retries: 5, initialDelayMs: 200, maxDelayMs: 5000 };

// Server answers that no retry can change: syntax error, unauthorized, invalid query, config error.
const PERMANENT_CODES = new Set([0x2000, 0x2100, 0x2200, 0x2300]);

/** Errors that are bugs or permanent refusals, not weather: retrying them only hides them. */
function isBug(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError ||
    PERMANENT_CODES.has((error as { code?: number } | null)?.code ?? -1);
}

/**
 * Runs `attempt` until it succeeds or `retries` retries are spent, backing off with jitter.
 * `describe` names the work for the final error ("token range (-9223…, -4611…] of akka.messages").
 * Once `signal` aborts (another worker of the load failed), no attempt starts and a back-off wait
 * ends at once, rejecting with the signal's reason.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>, describe: () => string, retries = retryDefaults.retries, signal?: AbortSignal,
): Promise<T> {
  let delay = retryDefaults.initialDelayMs;
  const started = Date.now();
  for (let n = 0; ; n++) {
    signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      signal?.throwIfAborted();
      if (isBug(error) || n >= retries || (error as { retriable?: boolean }).retriable === false) {
        if (n === 0 && (isBug(error) || (error as { retriable?: boolean }).retriable === false)) throw error;
        throw new QueryError(n + 1, `Reading ${describe()} failed ${n + 1} time${n ? 's' : ''} over ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `last error: ${redact(error instanceof Error ? error.message : String(error))}.`,
          { hint: 'Check the cluster\'s health; a smaller pageSize or higher readTimeoutMs helps with timeouts on wide partitions.', cause: error, retriable: true });
      }
      await abortableDelay(delay * (0.5 + Math.random()), signal);
      delay = Math.min(delay * 2, retryDefaults.maxDelayMs);
    }
  }
}
