// Transactions in the raw path against the real broker: two transactional producers interleave
// committed and aborted transactions (plus plain records and a transaction left open while reading);
// for fetches starting at every kind of offset (inside aborted, committed and open transactions, at
// markers), a stream's consumer (record batches read in place) delivers exactly the records that
// kafkajs's own message path delivers with the same fetches.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import kafkajs, { type Producer, type Transaction } from 'kafkajs';
import { createStreamConsumer } from '../../../src/kafka/stream-consumer.js';
import '../../../src/kafka/event-stream.js'; // installs the raw record-batch decoding, as a stream does
import { BROKER, itAdmin, until, cleanup } from './helpers.js';

const { Kafka, logLevel } = kafkajs;
const topic = `prod_txn_${randomBytes(4).toString('hex')}`;
const client = () => new Kafka({ clientId: 'prod-txn', brokers: [BROKER], logLevel: logLevel.NOTHING });
const groups: string[] = [];
// Large fetches hold every batch from the start offset on; small ones (one or a few batches each) make
// the later fetches start at many different offsets too.
const FETCHES = { large: { maxBytesPerPartition: 1 << 20, maxBytes: 1 << 20, maxWaitTimeInMs: 100 }, small: { maxBytesPerPartition: 300, maxBytes: 300, maxWaitTimeInMs: 100 } };
type Tuning = (typeof FETCHES)['large'];

async function txProducer(id: string): Promise<Producer> {
  const p = client().producer({ transactionalId: `prod_txn_${id}_${randomBytes(3).toString('hex')}`, idempotent: true, maxInFlightRequests: 1 });
  await p.connect();
  return p;
}

const msg = (tag: string, i: number) => ({ key: `k-${tag}`, value: `${tag}-${i}` });

let end = 0;
let open: Transaction | undefined;
let holder: Producer | undefined;

before(async () => {
  const admin = await itAdmin();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  const [a, b] = await Promise.all([txProducer('a'), txProducer('b')]);
  holder = a;
  const plain = client().producer();
  await plain.connect();
  const send = (t: Transaction | Producer, tag: string, n: number) => t.send({ topic, messages: Array.from({ length: n }, (_, i) => msg(tag, i)), acks: -1 });
  // Round 1: A and B interleave, A aborts, B commits.
  let ta = await a.transaction();
  let tb = await b.transaction();
  await send(ta, 'a1-aborted', 5);
  await send(tb, 'b1-committed', 5);
  await send(ta, 'a1-aborted-more', 5);
  await send(tb, 'b1-committed-more', 5);
  await ta.abort();
  await send(plain, 'plain1', 3);
  await tb.commit();
  // Round 2: both abort, interleaved: a single record of A opens it, then batches of 5. A fetch starting
  // inside B's second batch lists both aborted transactions with A's first: kafkajs marks A at the first
  // record and B only at the second, so it delivers that first record of B (per-batch stand-ins: all 5).
  ta = await a.transaction();
  tb = await b.transaction();
  await send(ta, 'a2-aborted-first', 1);
  for (let i = 0; i < 3; i++) {
    await send(tb, `b2-aborted-${i}`, 5);
    await send(ta, `a2-aborted-${i}`, 5);
  }
  await tb.abort();
  await send(plain, 'plain2', 2);
  await ta.abort();
  // Round 3: A commits, B aborts, B's records around A's commit marker.
  ta = await a.transaction();
  tb = await b.transaction();
  await send(tb, 'b3-aborted', 3);
  await send(ta, 'a3-committed', 3);
  await ta.commit();
  await send(tb, 'b3-aborted-more', 3);
  await tb.abort();
  await send(plain, 'plain3', 2);
  // Round 4: A's transaction stays open while the consumers read (read_committed stops before it).
  open = await a.transaction();
  await send(open, 'a4-open', 4);
  await send(plain, 'plain4-after-open', 2);
  await plain.disconnect();
  await b.disconnect();
  end = Number((await admin.fetchTopicOffsets(topic))[0]!.high);
});

after(async () => {
  await open?.abort().catch(() => {});
  await holder?.disconnect().catch(() => {});
  const admin = await itAdmin();
  await admin.deleteGroups(groups).catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await cleanup();
});

/** Offsets kafkajs's message path delivers, reading from `from` until the log is read up to its last stable offset. */
async function viaKafkajsMessages(from: number, tuning: Tuning): Promise<number[]> {
  const groupId = `prod_txn_msgs_${randomBytes(4).toString('hex')}`;
  groups.push(groupId);
  const consumer = client().consumer({ groupId, ...tuning });
  const seen: number[] = [];
  let lastFetched = -1;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  consumer.on(consumer.events.GROUP_JOIN, () => consumer.seek({ topic, partition: 0, offset: String(from) }));
  await consumer.run({ autoCommit: false, eachBatch: async ({ batch }) => {
    for (const m of batch.messages) seen.push(Number(m.offset));
    lastFetched = Math.max(lastFetched, Number(batch.lastOffset()));
  } });
  await settle(() => lastFetched);
  await consumer.disconnect();
  return seen;
}

/** Offsets a stream's consumer (raw record batches) delivers from `from`. */
async function viaStreamConsumer(from: number, tuning: Tuning): Promise<number[]> {
  const groupId = `prod_txn_raw_${randomBytes(4).toString('hex')}`;
  groups.push(groupId);
  const seen: number[] = [];
  const admin = await itAdmin();
  const loop = createStreamConsumer({
    newClient: () => ({ kafka: client(), close: () => {} }), admin, topics: [topic], groupId, throwawayGroup: false, commit: false,
    startAt: [{ topic, partition: 0, offset: String(from) }], tuning,
    onRecords: (_t, _p, records) => { while (records.next()) seen.push(records.offset); },
    onState: () => {},
  });
  await loop.start();
  await settle(() => (loop.positions.get(`${topic}/0`)?.next ?? 0) - 1);
  await loop.stop();
  return seen;
}

// Done when the read position stopped moving for a second (it stops at the open transaction).
async function settle(position: () => number): Promise<void> {
  let last = -2;
  let still = 0;
  await until(() => {
    const p = position();
    still = p === last && p >= 0 ? still + 1 : 0;
    last = p;
    return still >= 10;
  }, 60_000, 'the read to settle');
}

for (const [size, tuning] of Object.entries(FETCHES)) test(`interleaved transactional producers, ${size} fetches: the raw path delivers exactly what kafkajs messages deliver, from every start offset`, { timeout: 300_000 }, async () => {
  assert.ok(end > 40, `the log holds ${end} offsets`);
  const reference = await viaKafkajsMessages(0, tuning);
  // At least every committed and plain record before the open transaction (20); nothing after it.
  assert.ok(reference.length >= 20, `kafkajs delivered ${reference.length}`);
  // Start offsets: the beginning, and offsets inside aborted, committed and open transactions and at markers
  // (every 3rd offset with large fetches, every 6th with small ones: each start costs two group joins)
  const step = size === 'large' ? 3 : 6;
  const starts = [0, ...Array.from({ length: Math.ceil(end / step) }, (_, i) => i * step + 1).filter((o) => o < end)];
  const mismatches: string[] = [];
  for (const from of starts) {
    const [expected, actual] = await Promise.all([viaKafkajsMessages(from, tuning), viaStreamConsumer(from, tuning)]);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`from ${from}: kafkajs ${JSON.stringify(expected)}, raw ${JSON.stringify(actual)}`);
  }
  assert.deepEqual(mismatches, []);
});
