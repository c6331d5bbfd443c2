// Spark operations outlive an interrupted cell (a kernel interrupt cancels no promise), so the running
// ones are tracked process-wide and SIGINT (tslab's interrupt) cancels them on the server. The state hangs off globalThis so two copies of the library
// in one kernel share it.

interface Operations {
  running: Set<() => void>;
  hooked: boolean;
}

const KEY = Symbol.for('journal-lens.spark-operations');

function state(): Operations {
  const g = globalThis as unknown as Record<symbol, Operations | undefined>;
  return (g[KEY] ??= { running: new Set(), hooked: false });
}

/**
 * Registers the cancel function of a running operation; returns the function that unregisters it.
 *
 * @example
 * const untrack = trackOperation(() => call.cancel());
 */
export function trackOperation(cancel: () => void): () => void {
  const s = state();
  if (!s.hooked) {
    s.hooked = true;
    process.on('SIGINT', () => {
      // Only cancel: the kernel (tslab) handles SIGINT as an interrupt and must keep running. Without
      // another handler, exit as the default handler would.
      const alone = process.listenerCount('SIGINT') === 1;
      cancelAllOperations();
      if (alone) process.exit(130);
    });
  }
  s.running.add(cancel);
  return () => {
    s.running.delete(cancel);
  };
}

/** Cancels every running Spark operation of this process. */
export function cancelAllOperations(): void {
  const s = state();
  for (const cancel of [...s.running]) cancel();
  s.running.clear();
}
