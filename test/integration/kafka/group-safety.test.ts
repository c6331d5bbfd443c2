// Never disturb a live consumer group, never move its offsets silently, leave no throwaway group
// behind: against the real broker, with a second consumer holding the group.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { ConsumerGroupError } from '../../../src/errors.js';
import { THROWAWAY_GROUP_PREFIX } from '../../../src/kafka/group-safety.js';
import { akkaMessages, BROKER, cleanup, createTopic, groupIds, itAdmin, kafka, produce, until } from './helpers.js';

const groups: string[] = [];
after(async () => {
  await stopAll();
  await (await itAdmin()).deleteGroups(groups).catch(() => {});
  await cleanup();
});

test('a groupId with a live member is refused (no rebalance), unless takePartitionsFromLiveConsumers', async () => {
  const topic = await createTopic('prod_live', 2);
  await produce(topic, akkaMessages(50, 5));
  const groupId = `prod_live_${randomBytes(4).toString('hex')}`;
  groups.push(groupId);
  const live = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  let joins = 0;
  live.on(live.events.GROUP_JOIN, () => { joins++; });
  await live.connect();
  await live.subscribe({ topics: [topic], fromBeginning: true });
  await live.run({ eachBatch: async () => {} });
  try {
    await until(() => joins === 1, 20_000, 'the live consumer to join');
    const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, interval: 100 });
    const error = await s.ready().then(() => undefined, (e: unknown) => e);
    await s.stop();
    assert.ok(error instanceof ConsumerGroupError, String(error));
    assert.equal(error.problem, 'live-members');
    assert.equal(error.groupId, groupId);
    assert.equal(error.members.length, 1);
    assert.match(error.message, new RegExp(`Consumer group '${groupId}' has 1 active member`));
    assert.match(error.message, /takePartitionsFromLiveConsumers: true/);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(joins, 1, 'the live consumer was not rebalanced');

    const taking = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, interval: 100, takePartitionsFromLiveConsumers: true });
    await taking.ready();
    await until(() => joins >= 2, 30_000, 'the rebalance the option allows');
    await taking.stop();
  } finally {
    await live.disconnect();
  }
});

test('commit: true with from never moves committed offsets silently; without from it resumes from them', async () => {
  const topic = await createTopic('prod_commit', 1);
  await produce(topic, akkaMessages(100, 5));
  const groupId = `prod_commit_${randomBytes(4).toString('hex')}`;
  groups.push(groupId);
  const admin = await itAdmin();
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '60' }] });
  const committed = async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]!.partitions[0]!.offset;

  const rewinding = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, commit: true, from: 'earliest', interval: 100 });
  const error = await rewinding.ready().then(() => undefined, (e: unknown) => e);
  await rewinding.stop();
  assert.ok(error instanceof ConsumerGroupError, String(error));
  assert.equal(error.problem, 'would-move-offsets');
  assert.match(error.message, new RegExp(`${topic}/0 60 → 0`));
  assert.match(error.message, /moveCommittedOffsets: true/);
  assert.equal(await committed(), '60', 'the committed offset did not move');

  const resuming = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, commit: true, window: { events: 1000 }, interval: 100 });
  await resuming.ready();
  await until(() => resuming.window().numRows() === 40, 20_000, 'the 40 records after the committed offset');
  await resuming.stop();

  const moving = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], groupId, commit: true, from: 'earliest', moveCommittedOffsets: true, window: { events: 1000 }, interval: 100 });
  await moving.ready();
  await until(() => moving.window().numRows() === 100, 20_000, 'all 100 records when moving is asked for');
  await moving.stop();
});

test('a kernel killed with SIGKILL leaves its throwaway group; leftoverGroups() lists it and deleteLeftoverGroups() removes it', { timeout: 120_000 }, async () => {
  const topic = await createTopic('prod_orphan', 1);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/killed-kernel-child.ts', import.meta.url)), BROKER, topic],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  await until(() => out.includes('READY '), 60_000, 'the child stream');
  const groupId = /READY (\S+)/.exec(out)![1]!;
  assert.ok(groupId.startsWith(THROWAWAY_GROUP_PREFIX), groupId);
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  const journal = kafkaJournal({ brokers: BROKER });
  await until(async () => (await journal.leftoverGroups()).includes(groupId), 40_000, 'the group to be left empty');
  const { deleted, refused } = await journal.deleteLeftoverGroups();
  assert.ok(deleted.includes(groupId), `deleted ${deleted.join(', ')}; refused ${JSON.stringify(refused)}`);
  assert.ok(!(await groupIds()).includes(groupId));
  assert.deepEqual((await journal.leftoverGroups()).filter((g) => g === groupId), []);
});

test('a replaced consumer moves to a new throwaway group and the old one is deleted at once, not left until stop', async () => {
  const topic = await createTopic('prod_replace', 1);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], interval: 100 });
  await s.ready();
  const first = s.groupId;
  await until(async () => (await groupIds()).includes(first), 20_000, 'the first group to show');
  await s.reconnect();
  await until(() => s.groupId !== first, 20_000, 'a new throwaway group');
  assert.ok(s.groupId.startsWith(THROWAWAY_GROUP_PREFIX));
  await until(async () => !(await groupIds()).includes(first), 30_000, 'the old group to be deleted while the stream runs');
  const second = s.groupId;
  await s.stop();
  assert.ok(!(await groupIds()).includes(second));
});
