// The workers of one load share one AbortController: the first worker that fails for good aborts
// it with its error, and every other worker stops before its next query (scan-token-ranges.ts and
// retry.ts check the signal before each query and after each page), so a failed load issues no
// query after it rejects and hands no late page to its sink.

/**
 * Runs `count` copies of `worker` with one shared signal; rejects once, with the first failure,
 * which aborts the signal so that the others stop. An `outer` signal aborts them all as well.
 *
 * @example
 * await runWorkers(4, async (signal) => { while (!signal.aborted && next < splits.length) await read(splits[next++], signal); });
 */
export async function runWorkers(count: number, worker: (signal: AbortSignal) => Promise<void>, outer?: AbortSignal): Promise<void> {
  const controller = new AbortController();
  const signal = controller.signal;
  const forward = (): void => controller.abort(outer!.reason);
  if (outer !== undefined) {
    if (outer.aborted) forward();
    else outer.addEventListener('abort', forward, { once: true });
  }
  const run = async (): Promise<void> => {
    try {
      await worker(signal);
      // A worker that left its loop because another one failed reports that failure too.
      signal.throwIfAborted();
    } catch (error) {
      if (!signal.aborted) controller.abort(error);
      throw signal.reason;
    }
  };
  try {
    await Promise.all(Array.from({ length: count }, run));
  } finally {
    outer?.removeEventListener('abort', forward);
  }
}

/**
 * Waits `ms`, or less when `signal` aborts (then rejects with its reason).
 *
 * @example
 * await abortableDelay(400, signal);
 */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise((resolve) => setTimeout(resolve, ms));
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
