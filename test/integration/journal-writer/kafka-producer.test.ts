// The demo Kafka producer against the real broker (`scripts/services start`): key and EventFormat
// field tags of produced messages, the plain JSON format, per-id order, and the rate limit.
// Topics are writer_it_*, deleted at the end.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import protobuf from 'protobufjs';
import { createDemoProducer } from '../../../scripts/journal/kafka-producer.js';

const brokers = ['127.0.0.1:9092'];
const kafka = new Kafka({ clientId: 'writer-it', brokers, logLevel: logLevel.ERROR });
const topics: string[] = [];
const topicName = (name: string) => {
  const t = `writer_it_${name}_${process.pid}`;
  topics.push(t);
  return t;
};

after(async () => {
  const admin = kafka.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  const mine = topics.filter((t) => existing.includes(t));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  await admin.disconnect();
});

interface Got {
  partition: number;
  message: KafkaMessage;
}

async function consumeAll(topic: string, expected: number): Promise<Got[]> {
  const consumer = kafka.consumer({ groupId: `writer-it-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const got: Got[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${expected} messages arrived from ${topic}`)), 60_000);
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        got.push({ partition, message });
        if (got.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  return got;
}

const EventFormat = protobuf.parse(`
  syntax = "proto2";
  message EventDataFormat { optional int32 serializerId = 1; optional bytes data = 2; optional bytes dataManifest = 3; }
  message EventFormat { optional string persistenceId = 1; optional int64 sequenceNr = 2; optional EventDataFormat data = 3; }
`).root.lookupType('EventFormat');

/** Per key: one partition only, sequence numbers 1, 2, 3… in offset order. */
function assertOrderPerId(rows: { key: string; partition: number; seq: number }[]): void {
  const byKey = new Map<string, { partition: number; last: number }>();
  for (const r of rows) {
    const s = byKey.get(r.key);
    if (!s) {
      assert.equal(r.seq, 1, `${r.key} starts at ${r.seq}`);
      byKey.set(r.key, { partition: r.partition, last: r.seq });
      continue;
    }
    assert.equal(r.partition, s.partition, `${r.key} in two partitions`);
    assert.equal(r.seq, s.last + 1, `${r.key}: ${r.seq} after ${s.last}`);
    s.last = r.seq;
  }
  assert.ok(byKey.size > 10, 'events of many carts are interleaved');
}

test('event-format: key = persistenceId, value = EventFormat {0a pid, 10 seq, 1a data{08 31, 12 json, 1a manifest}}', async () => {
  const topic = topicName('ef');
  const producer = await createDemoProducer({ brokers, topic, partitions: 3 });
  const before = Date.now();
  const res = await producer.produce({ count: 500 });
  await producer.close();
  assert.equal(res.sent, 500);

  const admin = kafka.admin();
  await admin.connect();
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  await admin.disconnect();
  assert.equal(meta.topics[0]!.partitions.length, 3);

  const got = await consumeAll(topic, 500);
  // offsets order within a partition
  got.sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset));
  const rows = [];
  const partitions = new Set<number>();
  for (const { partition, message } of got) {
    const value = message.value!;
    assert.equal(value[0], 0x0a);
    const key = message.key!.toString('utf8');
    const e = EventFormat.toObject(EventFormat.decode(value), { longs: Number }) as Record<string, any>;
    assert.equal(e.persistenceId, key);
    assert.match(key, /^ShoppingCart\|cart-\d+$/);
    assert.equal(e.data.serializerId, 31);
    const manifest = Buffer.from(e.data.dataManifest).toString('utf8');
    assert.match(manifest, /^com\.example\.cart\.ShoppingCart\$(ItemAdded|ItemRemoved|ItemQuantityAdjusted|CheckedOut|CartAbandoned)$/);
    const body = JSON.parse(Buffer.from(e.data.data).toString('utf8'));
    assert.equal(`ShoppingCart|${body.cartId}`, key);
    assert.ok(body.producedAt >= before && body.producedAt <= Date.now(), 'producedAt is the send time');
    // the raw bytes after the pid: tag 0x10 for sequenceNr, then 0x1a for data
    const pidLen = value[1]!;
    assert.equal(value[2 + pidLen], 0x10);
    rows.push({ key, partition, seq: e.sequenceNr as number });
    partitions.add(partition);
  }
  assert.equal(partitions.size, 3, 'keys are spread over the partitions');
  assertOrderPerId(rows);
});

test('json format: {persistenceId, sequenceNr, type, ...event, producedAt}; a second produce continues the stream', async () => {
  const topic = topicName('json');
  const producer = await createDemoProducer({ brokers, topic, format: 'json', partitions: 2 });
  await producer.produce({ count: 120 });
  await producer.produce({ count: 80 });
  await producer.close();
  const got = await consumeAll(topic, 200);
  got.sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset));
  const rows = got.map(({ partition, message }) => {
    const v = JSON.parse(message.value!.toString('utf8'));
    assert.equal(v.persistenceId, message.key!.toString());
    assert.ok(['ItemAdded', 'ItemRemoved', 'ItemQuantityAdjusted', 'CheckedOut', 'CartAbandoned'].includes(v.type), v.type);
    assert.equal(typeof v.producedAt, 'number');
    assert.equal(typeof v.cartId, 'string');
    assert.equal(Number(message.timestamp), v.producedAt);
    return { key: v.persistenceId as string, partition, seq: v.sequenceNr as number };
  });
  assertOrderPerId(rows);
});

test('rate limit: about rate × seconds events', async () => {
  const topic = topicName('rate');
  const producer = await createDemoProducer({ brokers, topic, partitions: 1 });
  const res = await producer.produce({ rate: 300, seconds: 2 });
  await producer.close();
  assert.ok(res.sent >= 450 && res.sent <= 620, `sent ${res.sent} at 300/s for 2 s`);
  // it runs to its deadline; past it, only the last send's round trip, which a loaded machine may stretch
  assert.ok(res.elapsedMs >= 1900 && res.elapsedMs < 10_000, `took ${res.elapsedMs} ms`);
});
