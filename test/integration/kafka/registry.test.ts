// Re-running a cell must replace its stream, not add a second consumer.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { streamKeys } from '../../../src/kafka/stream-registry.js';
import { akkaMessages, BROKER, cleanup, createTopic, groupIds, itAdmin, produce, until } from './helpers.js';

after(async () => {
  await stopAll();
  await cleanup();
});

test('the same stream started twice: the first is stopped, one consumer group stays active', async () => {
  const topic = await createTopic('rerun', 2);
  await produce(topic, akkaMessages(100, 10));
  const options = { topics: [topic], from: 'earliest' as const, window: { events: 1000 }, interval: 100 };
  const first = kafkaJournal({ brokers: BROKER }).eventStream(options);
  await first.ready();
  await until(() => first.window().numRows() === 100, 15_000, 'first reads');
  // "re-run the cell": a new journal handle, the same options
  const second = kafkaJournal({ brokers: BROKER }).eventStream(options);
  assert.equal(second.key, first.key);
  await second.ready();
  assert.equal(first.status().state, 'stopped');
  const ours = (await groupIds()).filter((g) => g === first.groupId || g === second.groupId);
  assert.deepEqual(ours, [second.groupId]);
  const [described] = (await (await itAdmin()).describeGroups([second.groupId])).groups;
  assert.equal(described.state, 'Stable');
  assert.equal(described.members.length, 1);
  await until(() => second.window().numRows() === 100, 15_000, 'second reads');
  assert.equal(streamKeys().filter((k) => k === first.key).length, 1);
});

test('different streams coexist; a name separates identical ones; stopAll stops them all', async () => {
  const topic = await createTopic('coexist', 1);
  const k = kafkaJournal({ brokers: BROKER });
  const a = k.eventStream({ topics: [topic], interval: 100, name: 'left' });
  const b = k.eventStream({ topics: [topic], interval: 100, name: 'right' });
  const c = k.eventStream({ topics: [topic], interval: 100, window: { events: 10 } });
  await Promise.all([a.ready(), b.ready(), c.ready()]);
  const groups = await groupIds();
  for (const s of [a, b, c]) assert.ok(groups.includes(s.groupId));
  await k.stopAll();
  for (const s of [a, b, c]) assert.equal(s.status().state, 'stopped');
  const after = await groupIds();
  for (const s of [a, b, c]) assert.ok(!after.includes(s.groupId));
  assert.deepEqual(streamKeys(), []);
});
