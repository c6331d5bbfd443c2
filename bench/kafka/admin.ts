// Topic chores of the Kafka workload (a child, so the harness itself holds no Kafka client):
//   ensure NAME N FORMAT PARTITIONS  — the ingest topic holds exactly N demo events (produced in bulk when not)
//   create NAME PARTITIONS           — a fresh, empty topic for one latency run
//   delete NAME                      — removes a topic this benchmark created
//   ensure-copy NAME SOURCE N CODEC  — NAME holds the N records of SOURCE (same partitions, keys, values), CODEC-compressed
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import kafkajs from 'kafkajs';
import { registerKafkaCodecs } from '../../src/kafka/codecs/register-kafka-codecs.js';
import { createDemoProducer, type DemoFormat } from '../../scripts/journal/kafka-producer.js';
import { printResult } from '../lib/child.js';

const [verb, brokers, name, ...rest] = process.argv.slice(2);
if (!verb || !brokers || !name) throw new Error('usage: admin.ts ensure|create|delete BROKERS TOPIC …');
const kafka = new kafkajs.Kafka({ clientId: 'journal-lens-bench', brokers: brokers.split(','), logLevel: kafkajs.logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();

async function messagesIn(topic: string): Promise<number | undefined> {
  if (!(await admin.listTopics()).includes(topic)) return undefined;
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

try {
  if (verb === 'ensure') {
    const [count, format, partitions] = [Number(rest[0]), rest[1] as DemoFormat, Number(rest[2])];
    const present = await messagesIn(name);
    if (present === count) {
      printResult({ produced: false, messages: present });
    } else {
      if (present !== undefined) {
        await admin.deleteTopics({ topics: [name], timeout: 30_000 });
        // the broker deletes asynchronously; wait until the name is free
        for (let i = 0; i < 100 && (await admin.listTopics()).includes(name); i++) await new Promise((r) => setTimeout(r, 200));
      }
      await admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
      const producer = await createDemoProducer({ brokers: brokers.split(','), topic: name, format, partitions });
      const r = await producer.produce({ count, onProgress: (sent, ms) => process.stderr.write(`  produced ${sent} (${Math.round(sent / (ms / 1000))}/s)\n`) });
      await producer.close();
      printResult({ produced: true, messages: await messagesIn(name), eventsPerSecond: r.eventsPerSecond });
    }
  } else if (verb === 'ensure-copy') {
    const [source, count, codec] = [rest[0]!, Number(rest[1]), rest[2] as 'lz4' | 'zstd' | 'snappy' | 'gzip'];
    const present = await messagesIn(name);
    if (present === count) printResult({ produced: false, messages: present });
    else printResult({ produced: true, ...await copyCompressed(source, name, count, codec) });
  } else if (verb === 'create') {
    await admin.createTopics({ topics: [{ topic: name, numPartitions: Number(rest[0]), replicationFactor: 1 }], waitForLeaders: true });
    printResult({ created: name });
  } else if (verb === 'delete') {
    if ((await admin.listTopics()).includes(name)) await admin.deleteTopics({ topics: [name], timeout: 30_000 });
    printResult({ deleted: name });
  } else {
    throw new Error(`unknown verb ${verb}`);
  }
} finally {
  await admin.disconnect();
}

/**
 * Copies SOURCE into a fresh DEST (same partition count, keys and values), each produce request one
 * CODEC-compressed batch per partition. zstd compression needs node:zlib's zstd (Node 22.15+); on an
 * older Node the zstd CLI (Debian) compresses, for this set-up step only.
 */
async function copyCompressed(source: string, dest: string, count: number, codec: 'lz4' | 'zstd' | 'snappy' | 'gzip'): Promise<{ messages: number | undefined; eventsPerSecond: number }> {
  registerKafkaCodecs();
  const { CompressionTypes, CompressionCodecs } = kafkajs;
  const type = { gzip: CompressionTypes.GZIP, snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD }[codec];
  if (codec === 'zstd' && typeof (zlib as unknown as { zstdCompress?: unknown }).zstdCompress !== 'function') {
    const ours = (CompressionCodecs as Record<number, () => { decompress(b: Buffer): Promise<Buffer> }>)[type]!();
    (CompressionCodecs as Record<number, () => unknown>)[type] = () => ({
      compress: async (encoder: { buffer: Buffer }) => execFileSync('zstd', ['-3', '-q', '-c'], { input: encoder.buffer, maxBuffer: 1 << 30 }),
      decompress: ours.decompress,
    });
  }
  if ((await admin.listTopics()).includes(dest)) {
    await admin.deleteTopics({ topics: [dest], timeout: 30_000 });
    for (let i = 0; i < 100 && (await admin.listTopics()).includes(dest); i++) await new Promise((r) => setTimeout(r, 200));
  }
  const partitions = (await admin.fetchTopicOffsets(source)).length;
  await admin.createTopics({ topics: [{ topic: dest, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `journal-lens-bench-copy-${process.pid}-${Date.now()}`, maxBytesPerPartition: 4 << 20 });
  await Promise.all([producer.connect(), consumer.connect()]);
  const started = performance.now();
  let copied = 0;
  await new Promise<void>((resolve, reject) => {
    void consumer.subscribe({ topics: [source], fromBeginning: true }).then(() => consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const messages = batch.messages.map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp, partition: batch.partition }));
        for (let i = 0; i < messages.length; i += 2000) {
          await producer.send({ topic: dest, compression: type, acks: 1, messages: messages.slice(i, i + 2000) });
        }
        copied += messages.length;
        if (copied >= count) resolve();
      },
    })).catch(reject);
  });
  const eventsPerSecond = copied / ((performance.now() - started) / 1000);
  await consumer.disconnect();
  await producer.disconnect();
  return { messages: await messagesIn(dest), eventsPerSecond };
}
