// Micro-batches for `onBatch` listeners, without letting a slow listener hold the stream back.
// Each listener has its own queue of arrivals; at each interval an idle listener gets all of its
// queue as one batch (coalesced), and a listener still busy with its last batch (its promise not
// settled) is skipped: its queue grows meanwhile, but only up to `maxPendingEvents` rows, beyond
// which the oldest arrivals are dropped and counted (the status line shows the count). Listeners
// are never awaited by the refresh: one that never settles costs a bounded queue, nothing more.
// See docs/failure-modes.md.
import type { StreamChunk } from '../types.js';

export const defaults = {
  /** Arrivals (rows) kept per listener while it is busy; older ones are dropped beyond this. */
  maxPendingEvents: 100_000,
};

/** An `onBatch` listener. */
export type BatchListener<T> = (batch: T) => void | Promise<void>;

export interface BatchDeliveryDeps<T> {
  /** Builds one batch from chunks (window/table-from-spans.ts); may throw. */
  tableFromChunks(chunks: readonly StreamChunk[]): T;
  /** A listener or the batch table failed (`text` says which and why), or succeeded again (undefined). */
  onProblem(text: string | undefined): void;
  /** Default `defaults.maxPendingEvents`, read at each arrival. */
  maxPendingEvents?: () => number;
}

/** What `createBatchDelivery` returns. */
export interface BatchDelivery<T> {
  add(listener: BatchListener<T>): () => void;
  /** Queues an arrival for every listener (nothing when there is none). */
  push(chunk: StreamChunk): void;
  /** Hands each idle listener its queue as one batch; never waits for a listener. */
  deliver(): void;
  readonly listeners: number;
  /** Rows dropped so far because a listener was busy and its queue full. */
  readonly dropped: number;
}

interface Slot<T> {
  listener: BatchListener<T>;
  queue: StreamChunk[];
  rows: number;
  busy: boolean;
}

/**
 * Creates the delivery of micro-batches to `onBatch` listeners.
 *
 * @example
 * const delivery = createBatchDelivery({ tableFromChunks, onProblem: (text) => { problem = text; } });
 * delivery.add((batch) => console.log(batch.numRows()));
 * delivery.push(chunk);   // on arrival
 * delivery.deliver();     // every interval
 */
export function createBatchDelivery<T>(deps: BatchDeliveryDeps<T>): BatchDelivery<T> {
  const slots = new Set<Slot<T>>();
  const limit = deps.maxPendingEvents ?? (() => defaults.maxPendingEvents);
  let dropped = 0;

  function settle(slot: Slot<T>, error: unknown, failed: boolean): void {
    slot.busy = false;
    deps.onProblem(failed ? `an onBatch listener failed: ${error instanceof Error ? error.message : String(error)}` : undefined);
  }

  function call(slot: Slot<T>, batch: T): void {
    let result: void | Promise<void>;
    try {
      result = slot.listener(batch);
    } catch (error) {
      settle(slot, error, true);
      return;
    }
    if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
      slot.busy = true;
      (result as Promise<void>).then(() => settle(slot, undefined, false), (error: unknown) => settle(slot, error, true));
    } else {
      settle(slot, undefined, false);
    }
  }

  return {
    add(listener) {
      const slot: Slot<T> = { listener, queue: [], rows: 0, busy: false };
      slots.add(slot);
      return () => {
        slots.delete(slot);
      };
    },
    push(chunk) {
      if (chunk.length === 0) return;
      const max = limit();
      for (const slot of slots) {
        slot.queue.push(chunk);
        slot.rows += chunk.length;
        // The oldest arrivals go first; the newest chunk always stays.
        while (slot.rows > max && slot.queue.length > 1) {
          const oldest = slot.queue.shift()!;
          slot.rows -= oldest.length;
          dropped += oldest.length;
        }
      }
    },
    deliver() {
      // Listeners idle at the same time usually hold the same arrivals: one table for them all.
      let builtFrom: StreamChunk[] | undefined;
      let built: T | undefined;
      for (const slot of slots) {
        if (slot.busy || slot.queue.length === 0) continue;
        const chunks = slot.queue;
        slot.queue = [];
        slot.rows = 0;
        if (builtFrom === undefined || !sameChunks(builtFrom, chunks)) {
          try {
            built = deps.tableFromChunks(chunks);
            builtFrom = chunks;
          } catch (error) {
            dropped += rowsOf(chunks);
            deps.onProblem(`the batch table could not be built: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
        }
        call(slot, built as T);
      }
    },
    get listeners() {
      return slots.size;
    },
    get dropped() {
      return dropped;
    },
  };
}

function sameChunks(a: readonly StreamChunk[], b: readonly StreamChunk[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rowsOf(chunks: readonly StreamChunk[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}
