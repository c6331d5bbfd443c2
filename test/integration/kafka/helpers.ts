// Shared helpers of the Kafka integration tests: a real broker on 127.0.0.1:9092 (scripts/services),
// topics named kafka_it_<test>_<random>, deleted afterwards.
import { randomBytes } from 'node:crypto';
import kafkajs, { type Admin, type Message, type Producer } from 'kafkajs';
import { jacksonEvent } from '../../unit/kafka/event-format-bytes.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

// The same port variables as scripts/services, so a private instance on other ports can be used.
export const BROKER = `127.0.0.1:${process.env.JOURNAL_LENS_KAFKA_PORT ?? 9092}`;
export const SASL_BROKER = `127.0.0.1:${process.env.JOURNAL_LENS_KAFKA_SASL_PORT ?? 9094}`;

export const kafka = new Kafka({ clientId: 'kafka-it', brokers: [BROKER], logLevel: logLevel.NOTHING });

let admin: Admin | undefined;
let producer: Producer | undefined;
const created: string[] = [];

export async function itAdmin(): Promise<Admin> {
  if (admin === undefined) {
    admin = kafka.admin();
    await admin.connect();
  }
  return admin;
}

export async function itProducer(): Promise<Producer> {
  if (producer === undefined) {
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
  }
  return producer;
}

/** Creates a fresh topic `kafka_it_<name>_<random>` and waits until it has leaders. */
export async function createTopic(name: string, partitions = 3): Promise<string> {
  const topic = `kafka_it_${name}_${randomBytes(4).toString('hex')}`;
  const a = await itAdmin();
  await a.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  created.push(topic);
  return topic;
}

/** Akka EventFormat messages: `count` events spread over `pids` persistence ids, seqs from 1. */
export function akkaMessages(count: number, pids = 10, prefix = 'cart', firstSeq = 1): Message[] {
  const out: Message[] = [];
  const seqs = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const pid = `${prefix}-${i % pids}`;
    const seq = (seqs.get(pid) ?? firstSeq - 1) + 1;
    seqs.set(pid, seq);
    out.push({ key: pid, value: jacksonEvent(pid, seq, { n: i, pid }, i % 3 === 0 ? 'com.example.Opened' : 'com.example.Added') });
  }
  return out;
}

export async function produce(topic: string, messages: Message[], batch = 500): Promise<void> {
  const p = await itProducer();
  for (let i = 0; i < messages.length; i += batch) await p.send({ topic, messages: messages.slice(i, i + batch), acks: -1 });
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function groupIds(): Promise<string[]> {
  return (await (await itAdmin()).listGroups()).groups.map((g) => g.groupId);
}

export async function cleanup(): Promise<void> {
  if (admin !== undefined && created.length > 0) await admin.deleteTopics({ topics: created.splice(0) }).catch(() => {});
  await producer?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  producer = undefined;
  admin = undefined;
}
