// A stream window saved with saveTable records its offsets; eventStream({ from: { snapshot } })
// starts right after them: nothing read twice, nothing skipped.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kafkaJournal, loadTable, saveTable, snapshotInfo, SnapshotError } from '../../../src/index.js';
import { randomBytes } from 'node:crypto';
import { akkaMessages, BROKER, cleanup, itAdmin, produce, until } from '../kafka/helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-kafka-'));
const topic = `snap_resume_${randomBytes(4).toString('hex')}`;
after(async () => {
  await (await itAdmin()).deleteTopics({ topics: [topic] }).catch(() => {});
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a saved window resumes a later stream right after its last records', async () => {
  await (await itAdmin()).createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  await produce(topic, akkaMessages(40, 8));
  const kafka = kafkaJournal({ brokers: BROKER });
  const first = kafka.eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 100, name: 'snap-first' });
  try {
    await until(() => first.window().numRows() === 40, 30_000, '40 rows');
    const file = path.join(dir, 'window.arrow');
    const info = await saveTable(first.window(), file);
    assert.equal(info.kafka?.offsets.reduce((n, o) => n + Number(o.nextOffset), 0), 40);
    assert.deepEqual(snapshotInfo(file).kafka, info.kafka);
    assert.equal((await loadTable(file)).numRows(), 40);
  } finally {
    await first.stop();
  }
  await produce(topic, akkaMessages(15, 8, 'later'));
  const resumed = kafka.eventStream({ topics: [topic], from: { snapshot: path.join(dir, 'window.arrow') }, window: { events: 10_000 }, interval: 100, name: 'snap-resumed' });
  try {
    await until(() => resumed.window().numRows() >= 15, 30_000, '15 new rows');
    await new Promise((r) => setTimeout(r, 500));
    const ids = resumed.window().array('persistenceId') as string[];
    assert.equal(ids.length, 15);
    assert.ok(ids.every((id) => id.startsWith('later-')), 'only the records produced after the save');
  } finally {
    await resumed.stop();
  }
});

test('a snapshot without offsets of the topic is refused', async () => {
  const file = path.join(dir, 'window.arrow');
  if (!fs.existsSync(file)) return;
  assert.throws(() => kafkaJournal({ brokers: BROKER }).eventStream({ topics: ['snap_no_such_topic'], from: { snapshot: file } }),
    (error: unknown) => error instanceof SnapshotError && /records no Kafka offsets for 'snap_no_such_topic'/.test(error.message));
});
