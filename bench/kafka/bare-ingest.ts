// Anchor: bare kafkajs reading the same topic from the beginning with the consumer settings the
// stream uses (src/kafka/stream-consumer.ts), only counting records: no decoding, no window.
// Timed from creating the consumer (connect and group join included) to the N-th record.
import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';
import { registerKafkaCodecs } from '../../src/kafka/codecs/register-kafka-codecs.js';
import { defaults as tuning } from '../../src/kafka/stream-consumer.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const [brokers, topic, count] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
// kafkajs reads only gzip by itself: lz4/zstd topics need a codec, and the one journal-lens registers is the fair anchor
registerKafkaCodecs();
const kafka = new kafkajs.Kafka({ clientId: 'journal-lens-bench', brokers: brokers.split(','), logLevel: kafkajs.logLevel.ERROR });
const rssBefore = rssNow();
resetPeak();
const t0 = performance.now();
const groupId = `journal-lens-bench-${randomBytes(6).toString('hex')}`;
const consumer = kafka.consumer({
  groupId, sessionTimeout: tuning.sessionTimeout, heartbeatInterval: tuning.heartbeatInterval,
  maxBytesPerPartition: tuning.maxBytesPerPartition, maxBytes: tuning.maxBytes, maxWaitTimeInMs: tuning.maxWaitTimeInMs,
  allowAutoTopicCreation: false,
});
let seen = 0;
let firstMs: number | undefined;
let doneMs: number | undefined;
const done = new Promise<void>((resolve) => {
  void consumer.connect()
    .then(() => consumer.subscribe({ topics: [topic], fromBeginning: true }))
    .then(() => consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
      eachBatch: async ({ batch }) => {
        firstMs ??= performance.now() - t0;
        seen += batch.messages.length;
        if (seen >= count && doneMs === undefined) {
          doneMs = performance.now() - t0;
          resolve();
        }
      },
    }));
});
await done;
const peak = rssPeak();
await consumer.disconnect();
const admin = kafka.admin();
await admin.connect();
await admin.deleteGroups([groupId]).catch(() => undefined);
await admin.disconnect();
printResult({ rows: seen, ms: doneMs, firstMs, rssBefore, rssPeak: peak });
