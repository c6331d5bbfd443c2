// Reading must not disturb production consumers: without groupId nothing is committed and the
// throwaway group disappears on stop; with groupId, offsets are committed only with commit: true.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { akkaMessages, BROKER, cleanup, createTopic, groupIds, itAdmin, produce, until } from './helpers.js';

const userGroups: string[] = [];
after(async () => {
  await stopAll();
  const admin = await itAdmin();
  await admin.deleteGroups(userGroups).catch(() => {});
  await cleanup();
});

async function committed(groupId: string, topic: string): Promise<string[]> {
  const [entry] = await (await itAdmin()).fetchOffsets({ groupId, topics: [topic] });
  return entry.partitions.map((p) => p.offset);
}

test('without groupId: a throwaway group, no offsets committed, group deleted on stop', async () => {
  const topic = await createTopic('safe', 3);
  await produce(topic, akkaMessages(600, 12));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 100 });
  await s.ready();
  assert.match(s.groupId, /^journal-lens-throwaway-[0-9a-f]{12}$/);
  await until(() => s.window().numRows() === 600, 15_000, '600 rows');
  assert.ok((await groupIds()).includes(s.groupId), 'group is active while reading');
  await new Promise((r) => setTimeout(r, 1500)); // past any autoCommit interval
  assert.deepEqual(await committed(s.groupId, topic), ['-1', '-1', '-1']);
  await s.stop();
  assert.ok(!(await groupIds()).includes(s.groupId), 'group deleted on stop');
  assert.deepEqual(await committed(s.groupId, topic), ['-1', '-1', '-1']);
});

test('with groupId and no commit: the group never gets offsets', async () => {
  const topic = await createTopic('nocommit', 2);
  const groupId = `kafka_it_group_${topic}`;
  userGroups.push(groupId);
  await produce(topic, akkaMessages(100, 4));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, from: 'earliest', window: { events: 1000 }, interval: 100 });
  await s.ready();
  assert.equal(s.groupId, groupId);
  await until(() => s.window().numRows() === 100, 15_000, '100 rows');
  await new Promise((r) => setTimeout(r, 1500));
  await s.stop();
  assert.deepEqual(await committed(groupId, topic), ['-1', '-1']);
});

test('with groupId and commit: true, offsets are committed, and a new stream resumes from them', async () => {
  const topic = await createTopic('commit', 1);
  const groupId = `kafka_it_group_${topic}`;
  userGroups.push(groupId);
  await produce(topic, akkaMessages(50, 5));
  const k = kafkaJournal({ brokers: BROKER });
  const s = k.eventStream({ topics: [topic], groupId, commit: true, from: 'earliest', window: { events: 1000 }, interval: 100 });
  await s.ready();
  await until(() => s.window().numRows() === 50, 15_000, '50 rows');
  await s.stop();
  assert.deepEqual(await committed(groupId, topic), ['50']);
  await produce(topic, akkaMessages(5, 5, 'cart', 11));
  const again = k.eventStream({ topics: [topic], groupId, commit: true, window: { events: 1000 }, interval: 100 });
  await again.ready();
  await until(() => again.window().numRows() === 5, 15_000, 'only the 5 new rows');
  await again.stop();
});
