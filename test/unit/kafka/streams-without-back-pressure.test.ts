// Streams without back-pressure: what a slow or never-settling `onBatch` listener may cost is
// bounded (its queue, the oldest arrivals dropped and counted), it is never awaited, and a
// listener or batch table that throws is reported (status line) instead of escaping. Pure logic:
// chunks and tables are stand-ins. (The whole stream against the real broker: test/integration/
// kafka/streams-degrade.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBatchDelivery } from '../../../src/kafka/batch-delivery.js';
import { statusLineFromStatus } from '../../../src/kafka/status-line.js';
import type { StreamChunk } from '../../../src/types.js';

function chunk(n: number): StreamChunk {
  return {
    length: n, topic: 't', partition: 0, persistenceId: new Array<string>(n).fill('p'), sequenceNr: new Float64Array(n), event: [],
    eventType: new Array<string | null>(n).fill(null), offset: new Float64Array(n), timestampMs: new Float64Array(n), decodeError: null, raw: null,
  };
}

/** A "table" is the row count of its chunks; `built` counts the tables made. */
function setup(maxPendingEvents = 100) {
  const problems: (string | undefined)[] = [];
  let built = 0;
  const delivery = createBatchDelivery<number>({
    tableFromChunks: (chunks) => {
      built++;
      return chunks.reduce((sum, c) => sum + c.length, 0);
    },
    onProblem: (text) => problems.push(text),
    maxPendingEvents: () => maxPendingEvents,
  });
  return { delivery, problems, built: () => built };
}

test('streams without back-pressure: a never-settling listener is called once, its queue stays bounded and the drops are counted', () => {
  const { delivery } = setup(100);
  const got: number[] = [];
  delivery.add((rows) => {
    got.push(rows);
    return new Promise<void>(() => {});
  });
  for (let tick = 0; tick < 1000; tick++) {
    delivery.push(chunk(30));
    delivery.deliver(); // returns at once although the listener never settles
  }
  assert.deepEqual(got, [30], 'not called again while its promise is pending');
  assert.equal(delivery.dropped, 999 * 30 - 90, 'all but the newest 90 rows (≤ 100) of the arrivals since were dropped');
});

test('streams without back-pressure: a slow listener gets what arrived meanwhile as one coalesced batch', async () => {
  const { delivery } = setup(1000);
  const got: number[] = [];
  let release: () => void = () => {};
  delivery.add((rows) => {
    got.push(rows);
    return new Promise<void>((resolve) => { release = resolve; });
  });
  delivery.push(chunk(5));
  delivery.deliver();
  for (let i = 0; i < 4; i++) {
    delivery.push(chunk(10));
    delivery.deliver();
  }
  release();
  await Promise.resolve();
  await Promise.resolve();
  delivery.deliver();
  assert.deepEqual(got, [5, 40]);
  assert.equal(delivery.dropped, 0);
});

test('streams without back-pressure: a fast listener is not slowed by a stuck one; both share one table per tick', () => {
  const { delivery, built } = setup(50);
  const fast: number[] = [];
  delivery.add(() => new Promise<void>(() => {}));
  delivery.add((rows) => { fast.push(rows); });
  for (let i = 0; i < 5; i++) {
    delivery.push(chunk(20));
    delivery.deliver();
  }
  assert.deepEqual(fast, [20, 20, 20, 20, 20]);
  assert.equal(built(), 5, 'the first tick builds one table for both listeners');
  assert.equal(delivery.dropped, 40, 'only the stuck listener\'s queue overflowed');
});

test('streams without back-pressure: a listener that throws or rejects is reported, and called again next time', async () => {
  const { delivery, problems } = setup();
  let calls = 0;
  delivery.add(() => {
    calls++;
    if (calls === 1) throw new Error('sync boom');
    if (calls === 2) return Promise.reject(new Error('async boom'));
    return undefined;
  });
  delivery.push(chunk(1));
  delivery.deliver();
  delivery.push(chunk(1));
  delivery.deliver();
  await new Promise((resolve) => setImmediate(resolve));
  delivery.push(chunk(1));
  delivery.deliver();
  assert.equal(calls, 3);
  assert.deepEqual(problems, ['an onBatch listener failed: sync boom', 'an onBatch listener failed: async boom', undefined]);
});

test('streams without back-pressure: a batch table that cannot be built is reported, its rows counted as dropped, the next tick goes on', () => {
  let fail = true;
  const problems: (string | undefined)[] = [];
  const delivery = createBatchDelivery<number>({
    tableFromChunks: (chunks) => {
      if (fail) throw new Error('columns disagree');
      return chunks.length;
    },
    onProblem: (text) => problems.push(text),
  });
  const got: number[] = [];
  delivery.add((n) => { got.push(n); });
  delivery.push(chunk(3));
  assert.doesNotThrow(() => delivery.deliver());
  fail = false;
  delivery.push(chunk(3));
  delivery.deliver();
  assert.deepEqual(got, [1]);
  assert.equal(delivery.dropped, 3);
  assert.equal(problems[0], 'the batch table could not be built: columns disagree');
});

test('streams without back-pressure: with no listener nothing is queued; an unsubscribed listener holds nothing', () => {
  const { delivery } = setup(10);
  delivery.push(chunk(1000));
  const off = delivery.add(() => new Promise<void>(() => {}));
  delivery.push(chunk(5));
  off();
  delivery.push(chunk(1000));
  delivery.deliver();
  assert.equal(delivery.listeners, 0);
  assert.equal(delivery.dropped, 0);
});

test('the status line counts the events dropped for a slow listener and the unreadable batches skipped, with where the last was', () => {
  const line = statusLineFromStatus({
    state: 'live', eventsPerSecond: 10, windowRows: 5, lag: [], undecodable: 0, duplicates: 0, refreshedAt: new Date(2026, 0, 1, 12, 0, 0),
    pendingDropped: 12_345, skippedBatches: 2, lastSkipped: 'events/3 at offset 1024',
  });
  assert.equal(line, '● live · 10 events/s · window 5 events · 2 unreadable batches skipped (events/3 at offset 1024) · ' +
    '12,345 events dropped for a slow onBatch listener · 12:00:00');
});
