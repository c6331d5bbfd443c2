// Compressed topics against the real broker: kcat (librdkafka, not kafkajs) produces with each
// codec; a stream (raw record batches) and a plain kafkajs consumer (kafkajs's message path, the
// fallback) both get every event.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { rawFetchStats } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { BROKER, itAdmin, kafka, until, cleanup } from './helpers.js';

const topics: string[] = [];
after(async () => {
  await stopAll();
  if (topics.length > 0) await (await itAdmin()).deleteTopics({ topics }).catch(() => {});
  await cleanup();
});

const COUNT = 3000;

/** `COUNT` JSON events over 20 ids, produced by kcat with `-z codec` in batches of up to 500. */
async function producedWith(codec: string): Promise<string> {
  const topic = `prod_codec_${codec}_${randomBytes(4).toString('hex')}`;
  await (await itAdmin()).createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  topics.push(topic);
  const lines: string[] = [];
  const seqs = new Map<string, number>();
  for (let i = 0; i < COUNT; i++) {
    const pid = `cart-${i % 20}`;
    const seq = (seqs.get(pid) ?? 0) + 1;
    seqs.set(pid, seq);
    lines.push(`${pid}\t${JSON.stringify({ sequenceNr: seq, type: 'ItemAdded', item: `item-${i}`, note: 'x'.repeat(i % 50) })}`);
  }
  execFileSync('kcat', ['-P', '-b', BROKER, '-t', topic, '-z', codec, '-K', '\t', '-X', 'batch.num.messages=500', '-X', 'linger.ms=50'],
    { input: `${lines.join('\n')}\n`, timeout: 60_000 });
  return topic;
}

for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
  test(`${codec} topic written by kcat: a stream gets every event, and so does a plain kafkajs consumer`, async () => {
    const topic = await producedWith(codec);
    const rawBefore = rawFetchStats.recordSets;
    const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], format: 'json', from: 'earliest', window: { events: 100_000 }, interval: 200 });
    await s.ready();
    await until(() => s.window().numRows() >= COUNT, 30_000, `${COUNT} rows of the ${codec} topic`);
    const rows = s.window().objects() as Array<{ persistenceId: string; sequenceNr: number; event: { item: string } }>;
    assert.equal(rows.length, COUNT);
    assert.equal(new Set(rows.map((r) => `${r.persistenceId}:${r.sequenceNr}`)).size, COUNT);
    assert.equal(new Set(rows.map((r) => r.event.item)).size, COUNT);
    assert.equal(s.status().undecodable, 0);
    assert.ok(rawFetchStats.recordSets > rawBefore, 'the stream read record batches raw');
    await s.stop();

    // kafkajs's own message path reads the same codec table (the fallback when raw batches are off).
    const groupId = `prod_codec_plain_${randomBytes(4).toString('hex')}`;
    const consumer = kafka.consumer({ groupId });
    let seen = 0;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachBatch: async ({ batch }) => { seen += batch.messages.length; } });
      await until(() => seen >= COUNT, 30_000, `kafkajs messages of the ${codec} topic`);
      assert.equal(seen, COUNT);
    } finally {
      await consumer.disconnect();
      await (await itAdmin()).deleteGroups([groupId]).catch(() => {});
    }
  });
}

// The streams above started, and the first stream registers the codecs (test/unit/kafka/codecs-install.test.ts
// checks that importing the package alone does not).
test('kafkajs itself knows every codec once a stream has started', () => {
  const { CompressionCodecs, CompressionTypes } = kafkajs;
  for (const type of [CompressionTypes.Snappy, CompressionTypes.LZ4, CompressionTypes.ZSTD]) {
    assert.doesNotThrow(() => (CompressionCodecs as Record<number, () => unknown>)[type]!());
  }
});
