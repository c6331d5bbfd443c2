// kafkajs 2.2.4 RequestQueue.scheduleCheckPendingRequests re-arms a setTimeout even when no request
// is pending and nothing is throttled; its delay `throttledUntil - Date.now()` is then negative, so
// it fires every 1 ms, forever (tulios/kafkajs#1556, #1704; fix proposed in #1667, unreleased).
// Besides the CPU an idle stream burns in a kernel, a queue whose connection was already closed
// (seen after a broker restart) keeps the loop, and the process, alive for good. The check only
// sends pending requests, so with none pending and no throttle there is nothing to schedule:
// that case returns early; every other case runs kafkajs's own code.
import { createRequire } from 'node:module';

const PATCHED = Symbol.for('journal-lens.kafkajs-request-queue-patched');

interface RequestQueueProto {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(this: RequestQueueProto): void;
  [PATCHED]?: true;
}

/**
 * Applies the fix once per kafkajs copy; returns false when kafkajs's internals are not the
 * expected ones (another version), leaving it untouched.
 *
 * @example
 * patchKafkajsRequestQueue();
 */
export function patchKafkajsRequestQueue(): boolean {
  let proto: RequestQueueProto | undefined;
  try {
    const require = createRequire(import.meta.url);
    const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype?: RequestQueueProto };
    proto = RequestQueue.prototype;
  } catch {
    return false;
  }
  if (proto === undefined || typeof proto.scheduleCheckPendingRequests !== 'function') return false;
  if (proto[PATCHED]) return true;
  const original = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueProto) {
    if (this.pending.length === 0 && !(this.throttledUntil > Date.now())) return;
    original.call(this);
  };
  proto[PATCHED] = true;
  return true;
}
