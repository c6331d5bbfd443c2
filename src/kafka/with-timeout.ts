// Waits for `promise` at most `ms`, never rejects: for clean-up steps (disconnect, delete a group)
// that would otherwise wait for a dead connection's request timeout.

/**
 * Resolves when `promise` settles or after `ms`, whichever comes first; errors are ignored.
 *
 * @example
 * await withTimeout(consumer.disconnect(), 3000);
 */
export function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(() => {}, () => {}).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
