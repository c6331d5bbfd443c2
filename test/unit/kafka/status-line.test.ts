import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusLineFromStatus, type StreamStatus } from '../../../src/kafka/status-line.js';

const at = new Date(2024, 4, 1, 9, 5, 7);
const base: StreamStatus = { state: 'live', eventsPerSecond: 1204.4, windowRows: 58311, lag: [], undecodable: 0, duplicates: 0, refreshedAt: at };

test('live status: rate, window size, time', () => {
  assert.equal(statusLineFromStatus(base), '● live · 1,204 events/s · window 58,311 events · 09:05:07');
});

test('small rates keep one decimal; one event is singular', () => {
  assert.equal(statusLineFromStatus({ ...base, eventsPerSecond: 2.25, windowRows: 1 }), '● live · 2.3 events/s · window 1 event · 09:05:07');
  assert.equal(statusLineFromStatus({ ...base, eventsPerSecond: 0, windowRows: 0 }), '● live · 0 events/s · window 0 events · 09:05:07');
});

test('lag: total, largest partitions first, the rest summed up', () => {
  const lag = [
    { topic: 'events', partition: 0, lag: 0 }, { topic: 'events', partition: 1, lag: 1200 },
    { topic: 'events', partition: 2, lag: 5 }, { topic: 'events', partition: 3, lag: 7 }, { topic: 'events', partition: 4, lag: 1 },
  ];
  assert.equal(statusLineFromStatus({ ...base, lag }),
    '● live · 1,204 events/s · window 58,311 events · lag 1,213 (events/1 1,200, events/3 7, events/2 5, events/4 1, +1 more) · 09:05:07');
});

test('undecodable, duplicates and details', () => {
  const line = statusLineFromStatus({
    ...base, state: 'reconnecting', undecodable: 3, duplicates: 1500, detail: 'Connection error:\n  connect ECONNREFUSED 127.0.0.1:9092',
  });
  assert.equal(line, '◌ reconnecting · 1,204 events/s · window 58,311 events · 3 undecodable · 1,500 duplicates dropped · 09:05:07 · Connection error: connect ECONNREFUSED 127.0.0.1:9092');
  const long = statusLineFromStatus({ ...base, state: 'failed', detail: 'x'.repeat(500) });
  assert.ok(long.startsWith('✖ failed'));
  assert.ok(long.endsWith('…'));
  assert.ok(long.length < 220);
});

test('half speed: a stream without the kafkajs-internals raw path says so', () => {
  const line = statusLineFromStatus({ ...base, halfSpeed: true });
  assert.match(line, /half speed: kafkajs internals not installed/);
  assert.doesNotMatch(statusLineFromStatus(base), /half speed/);
});
