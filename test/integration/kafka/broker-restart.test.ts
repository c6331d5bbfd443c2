// A real broker restart under a live stream: nothing lost, nothing doubled.
// It restarts the dedicated `kafka-secure` broker (scripts/services; its PLAINTEXT listener
// 127.0.0.1:9392 behaves like any broker), never the shared one, so it runs in every `npm test`.
// The environment is passed on to scripts/services, so a private instance works too
// (JOURNAL_LENS_SERVICES_DIR, JOURNAL_LENS_KAFKA_SECURE_*_PORT).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import kafkajs, { type Admin, type Producer } from 'kafkajs';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { KAFKA_SECURE } from '../production/helpers.js';
import { akkaMessages, until } from './helpers.js';

const { Kafka, logLevel, Partitioners } = kafkajs;
const services = fileURLToPath(new URL('../../../scripts/services', import.meta.url));
const BROKER = KAFKA_SECURE.internal;
const topic = `prod_restart_${randomBytes(4).toString('hex')}`;
const setup = new Kafka({ clientId: 'restart-it', brokers: [BROKER], logLevel: logLevel.NOTHING, retry: { retries: 10 } });
let admin: Admin;
let producer: Producer;

function servicesCommand(...args: string[]): void {
  execFileSync(services, args, { stdio: 'ignore', env: process.env, timeout: 300_000 });
}

before(async () => {
  servicesCommand('start', 'kafka-secure');
  admin = setup.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  producer = setup.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
});

after(async () => {
  await stopAll();
  await producer.disconnect().catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect().catch(() => {});
});

test('broker restart mid-stream: the stream reconnects and resumes, nothing lost or doubled', { timeout: 600_000 }, async () => {
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], window: { events: 100_000 }, interval: 200 });
  await s.ready();
  await producer.send({ topic, messages: akkaMessages(1000, 30, 'before'), acks: -1 });
  await until(() => s.window().numRows() === 1000, 30_000, '1000 rows before the restart');

  const t0 = Date.now();
  servicesCommand('stop', 'kafka-secure');
  await until(() => s.status().state === 'reconnecting' || /kafkajs|connect/i.test(s.statusLine()), 60_000, 'the outage to show');
  servicesCommand('start', 'kafka-secure');
  // produced at once, before the consumer has necessarily come back: a stream that resumed from
  // 'latest' instead of its own offsets would miss these
  await producer.send({ topic, messages: akkaMessages(1000, 30, 'after'), acks: -1 });

  await until(() => s.window().numRows() >= 2000, 180_000, '2000 rows after the restart');
  await new Promise((r) => setTimeout(r, 1000));
  const pid = s.window().array('persistenceId') as string[];
  const seq = s.window().array('sequenceNr') as Float64Array;
  const keys = pid.map((p, i) => `${p}:${seq[i]}`);
  assert.equal(keys.length, 2000);
  assert.equal(new Set(keys).size, 2000);
  await until(() => s.status().state === 'live', 60_000, 'live again');
  console.log(`# broker restart: stream whole again ${((Date.now() - t0) / 1000).toFixed(1)} s after the stop began`);
  await s.stop();
});
