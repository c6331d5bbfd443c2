// Hostile records on a real Kafka topic (topic hostile_a_stream_<random>): the stream keeps
// running, the good records decode, each hostile record is an undecodable row with its reason, and
// raising kafkaJournal's `limits` decodes the records that only exceeded a budget.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import type { ColumnTable } from 'arquero';
import { kafkaJournal } from '../../../src/index.js';
import { eventFormatBytes, jacksonEvent } from '../../unit/kafka/event-format-bytes.js';
import { BROKER, cleanup, itAdmin, produce, until } from '../kafka/helpers.js';
import { hostilePayloads } from './payloads.js';

const payloads = hostilePayloads();
const topic = `hostile_a_stream_${randomBytes(4).toString('hex')}`;
let created = false;

type Row = { persistenceId: string; sequenceNr: number; event: unknown; decodeError: string | null };
const rowsOf = (t: ColumnTable) => (t.objects() as unknown as Row[]).sort((a, b) => a.persistenceId.localeCompare(b.persistenceId) || a.sequenceNr - b.sequenceNr);

async function topicWithHostileRecords(): Promise<void> {
  if (created) return;
  const admin = await itAdmin();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  created = true;
  const good = Array.from({ length: 10 }, (_, i) => ({ key: 'good', value: jacksonEvent('good', i + 1, { n: i + 1 }) }));
  await produce(topic, good.slice(0, 5));
  for (const [i, p] of payloads.entries()) {
    await produce(topic, [{ key: 'hostile', value: eventFormatBytes('hostile', i + 1, p.serializerId, p.bytes, p.manifest || undefined) }]);
  }
  await produce(topic, good.slice(5));
}

after(async () => {
  if (created) await (await itAdmin()).deleteTopics({ topics: [topic] }).catch(() => {});
  await cleanup();
});

test('hostile records on a Kafka topic: the stream goes on; each hostile record is undecodable with its reason', { timeout: 120_000 }, async () => {
  await topicWithHostileRecords();
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 1000 }, interval: 200, name: `${topic}-default` });
  try {
    await s.ready();
    await until(() => s.window().numRows() === 10 + payloads.length, 60_000, 'every record in the window');
    const rows = rowsOf(s.window());
    for (const [i, p] of payloads.entries()) {
      const row = rows.find((r) => r.persistenceId === 'hostile' && r.sequenceNr === i + 1)!;
      if (p.error === null) assert.equal(row.decodeError, null, p.name);
      else assert.match(row.decodeError ?? '', p.error, p.name);
    }
    assert.match(rows.find((r) => /maxEventBytes/.test(r.decodeError ?? ''))!.decodeError!, /raise it with kafkaJournal\(\{ limits:/);
    assert.deepEqual(rows.find((r) => r.persistenceId === 'good' && r.sequenceNr === 10)!.event, { n: 10 });
    // the status line counts them at its next refresh
    const undecodable = payloads.filter((p) => p.error !== null).length;
    await until(() => s.status().undecodable === undecodable, 20_000, `status: ${undecodable} undecodable`);
  } finally {
    await s.stop();
  }
});

test('hostile records on a Kafka topic: raised limits decode the records that only exceeded a budget', { timeout: 120_000 }, async () => {
  await topicWithHostileRecords();
  const kafka = kafkaJournal({ brokers: BROKER, limits: { maxEventBytes: 32 * 1024 * 1024, maxBignumDigits: 1_000_000 } });
  const s = kafka.eventStream({ topics: [topic], from: 'earliest', window: { events: 1000 }, interval: 200, name: `${topic}-raised` });
  try {
    await s.ready();
    await until(() => s.window().numRows() === 10 + payloads.length, 60_000, 'every record in the window');
    const rows = rowsOf(s.window()).filter((r) => r.persistenceId === 'hostile');
    assert.equal(rows[1]!.decodeError, null, 'gzip bomb within 32 MiB');
    assert.equal((rows[1]!.event as string).length, 20 * 1024 * 1024 - 2);
    assert.equal(typeof rows[3]!.event, 'bigint', 'CBOR bignum');
    assert.match(rows[0]!.decodeError ?? '', /own superclass/);
  } finally {
    await s.stop();
  }
});
