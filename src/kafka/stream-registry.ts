// Live streams outlive the cell that started them (notebook-runtime.md: a kernel interrupt does
// not cancel timers, and the cell's variables are gone), so they are tracked here, process-wide:
// - re-running a cell replaces its stream instead of adding a second consumer: streams are keyed,
//   and registering a key that is taken stops the stream holding it;
// - `stopAllStreams` stops everything; it runs by itself on SIGINT (a kernel interrupt under
//   tslab, Ctrl-C elsewhere), SIGTERM (kernel shutdown) and beforeExit.
// The state hangs off globalThis so that two copies of the library in one kernel (one loaded by
// require, one by import) still share one registry.

/** What the registry needs of a stream. */
export interface RegisteredStream {
  stop(): Promise<void>;
}

interface Registry {
  streams: Map<string, RegisteredStream>;
  hooked: boolean;
}

const REGISTRY = Symbol.for('journal-lens.kafka-streams');

function registry(): Registry {
  const g = globalThis as { [REGISTRY]?: Registry };
  g[REGISTRY] ??= { streams: new Map(), hooked: false };
  return g[REGISTRY];
}

function hookProcessOnce(state: Registry): void {
  if (state.hooked) return;
  state.hooked = true;
  const onSignal = (signal: NodeJS.Signals) => {
    // Only emulate the default exit when nobody else handles the signal (tslab handles SIGINT
    // as an interrupt and must keep running).
    const alone = process.listenerCount(signal) === 1;
    void stopAllStreams().finally(() => {
      if (alone) process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // beforeExit fires when the loop ran dry; stopped streams let it finish.
  process.on('beforeExit', () => {
    if (state.streams.size > 0) void stopAllStreams();
  });
}

/**
 * Registers `stream` under `key`; a stream already holding the key is stopped, and the returned
 * promise settles when it is (start the new consumer after that, so two never overlap).
 *
 * @example
 * await registerStream('events|akka', stream);
 */
export function registerStream(key: string, stream: RegisteredStream): Promise<void> {
  const state = registry();
  hookProcessOnce(state);
  const previous = state.streams.get(key);
  state.streams.set(key, stream);
  if (previous === undefined || previous === stream) return Promise.resolve();
  return previous.stop().catch(() => {});
}

/**
 * Forgets `stream` if it still holds `key` (called by the stream when it stops).
 *
 * @example
 * unregisterStream(key, stream);
 */
export function unregisterStream(key: string, stream: RegisteredStream): void {
  const streams = registry().streams;
  if (streams.get(key) === stream) streams.delete(key);
}

/** The keys of the live streams. */
export function streamKeys(): string[] {
  return [...registry().streams.keys()];
}

/**
 * Stops every registered stream (in parallel) and waits for all of them.
 *
 * @example
 * await stopAllStreams();
 */
export async function stopAllStreams(): Promise<void> {
  const streams = registry().streams;
  const all = [...streams.values()];
  streams.clear();
  await Promise.all(all.map((s) => s.stop().catch(() => {})));
}
