// The RequestQueue fix (patch-kafkajs.ts): with nothing pending and no throttle, kafkajs 2.2.4
// re-arms a timer with a negative delay (every 1 ms, forever); patched, it schedules nothing,
// and every other case still runs kafkajs's own code. Also: importing the package patches nothing.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';
import '../../../../src/index.js';
import { patchKafkajsRequestQueue } from '../../../../src/kafka/kafkajs-internals/patch-kafkajs.js';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const require = createRequire(import.meta.url);
const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: Queue };

function queue(pending: unknown[], throttledUntil: number): Queue & { checks: number } {
  const q = Object.create(RequestQueue.prototype) as Queue & { checks: number };
  Object.assign(q, { pending, throttledUntil, throttleCheckTimeoutId: null, checks: 0 });
  q.checkPendingRequests = () => { q.checks++; };
  return q;
}

function clear(q: Queue): void {
  if (q.throttleCheckTimeoutId !== null) clearTimeout(q.throttleCheckTimeoutId);
}

test('kafkajs as shipped (nothing patched at import): an idle queue arms a timer', () => {
  const q = queue([], -1);
  q.scheduleCheckPendingRequests();
  assert.notEqual(q.throttleCheckTimeoutId, null, 'kafkajs 2.2.4 arms a timer with nothing to check');
  clear(q);
});

test('patched: an idle queue schedules nothing; pending or throttled queues still schedule their check', async () => {
  assert.equal(patchKafkajsRequestQueue(), true);
  assert.equal(patchKafkajsRequestQueue(), true, 'idempotent');
  const idle = queue([], -1);
  idle.scheduleCheckPendingRequests();
  assert.equal(idle.throttleCheckTimeoutId, null);

  const pending = queue([{}], -1);
  pending.scheduleCheckPendingRequests();
  assert.notEqual(pending.throttleCheckTimeoutId, null);
  const throttled = queue([], Date.now() + 20);
  throttled.scheduleCheckPendingRequests();
  assert.notEqual(throttled.throttleCheckTimeoutId, null);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(pending.checks, 1, 'kafkajs checks the pending requests as before');
  assert.equal(throttled.checks, 1, 'and re-checks after a throttle');
});
