// Streams against the real broker: both formats, windows by count and time, ordering, dedupe,
// malformed records, micro-batches, from a Date, and the live view's in-place updates.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnTable } from 'arquero';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import kafkajs, { type KafkaMessage } from 'kafkajs';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { rawBatchesOf, rawFetchStats } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { createEventStream } from '../../../src/kafka/event-stream.js';
import { bundleWithStatus, errorBundle } from '../../../src/notebook/live-frame.js';
import { createJsonFormat } from '../../../src/kafka/formats/json-format.js';
import { kafkaConfigFromOptions } from '../../../src/kafka/kafka-config.js';
import { createRollingWindow } from '../../../src/window/rolling-window.js';
import { maybeWindow } from '../../../src/window/maybe-window.js';
import { tableFromChunks } from '../../../src/window/table-from-spans.js';
import type { MimeBundle } from '../../../src/types.js';
import { jacksonEvent } from '../../unit/kafka/event-format-bytes.js';
import { akkaMessages, BROKER, cleanup, createTopic, itAdmin, itProducer, kafka, produce, until } from './helpers.js';

after(async () => {
  await stopAll();
  await cleanup();
});

type Row = { persistenceId: string; sequenceNr: number; event: unknown; eventType: string | null; partition: number; offset: number; timestamp: Date; decodeError: string | null; raw: Uint8Array | null };
const rowsOf = (t: ColumnTable) => t.objects() as unknown as Row[];

test('akka format from earliest: every event once, columns filled, micro-batches add up', async () => {
  const topic = await createTopic('akka', 3);
  await produce(topic, akkaMessages(3000, 25));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 100_000 }, interval: 200 });
  let batched = 0;
  let batches = 0;
  s.onBatch((b) => {
    batched += b.numRows();
    batches++;
  });
  await s.ready();
  await until(() => s.window().numRows() === 3000, 20_000, '3000 rows');
  await until(() => batched === 3000, 5_000, 'micro-batches');
  assert.ok(batches >= 1);
  const rows = rowsOf(s.window());
  assert.deepEqual(s.window().columnNames(), ['persistenceId', 'sequenceNr', 'event', 'eventType', 'topic', 'partition', 'offset', 'timestamp', 'decodeError', 'raw']);
  const seen = new Set(rows.map((r) => `${r.persistenceId}:${r.sequenceNr}`));
  assert.equal(seen.size, 3000);
  const r = rows.find((x) => x.persistenceId === 'cart-3' && x.sequenceNr === 1)!;
  assert.deepEqual(r.event, { n: 3, pid: 'cart-3' });
  assert.equal(r.eventType, 'com.example.Opened');
  assert.ok(r.timestamp instanceof Date && Math.abs(r.timestamp.getTime() - Date.now()) < 120_000);
  assert.equal(r.decodeError, null);
  // key = persistenceId: one partition per id, offsets increase with sequenceNr
  const cart3 = rows.filter((x) => x.persistenceId === 'cart-3');
  assert.equal(new Set(cart3.map((x) => x.partition)).size, 1);
  assert.equal(s.status().undecodable, 0);
  await s.stop();
  assert.equal(s.status().state, 'stopped');
});

test('the stream reads record batches raw (gzip ones too); a plain kafkajs consumer in the process still gets messages', async () => {
  const topic = await createTopic('raw', 2);
  const messages = akkaMessages(400, 10);
  const producer = await itProducer();
  await producer.send({ topic, messages: messages.slice(0, 200), compression: kafkajs.CompressionTypes.GZIP, acks: -1 });
  await produce(topic, messages.slice(200));
  const before = rawFetchStats.recordSets;
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 200 });
  await s.ready();
  await until(() => s.window().numRows() === 400, 20_000, '400 rows');
  assert.ok(rawFetchStats.recordSets > before, 'the stream\'s fetches were decoded raw');
  const rows = rowsOf(s.window());
  assert.equal(new Set(rows.map((r) => `${r.persistenceId}:${r.sequenceNr}`)).size, 400);
  assert.deepEqual(rows.find((r) => r.persistenceId === 'cart-7' && r.sequenceNr === 1)!.event, { n: 7, pid: 'cart-7' });
  assert.deepEqual(rows.find((r) => r.persistenceId === 'cart-7' && r.sequenceNr === 40)!.event, { n: 397, pid: 'cart-7' });
  assert.equal(s.status().undecodable, 0);
  await s.stop();

  const groupId = `kafka-it-plain-${Date.now()}`;
  const plain = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const seen: KafkaMessage[] = [];
  await plain.connect();
  await plain.subscribe({ topics: [topic], fromBeginning: true });
  await plain.run({ eachMessage: async ({ message }) => void seen.push(message) });
  await until(() => seen.length === 400, 20_000, 'the plain consumer\'s 400 messages');
  await plain.disconnect();
  await (await itAdmin()).deleteGroups([groupId]).catch(() => {});
  assert.equal(rawBatchesOf(seen), null);
  assert.equal(typeof seen[0]!.offset, 'string');
  assert.ok(Buffer.isBuffer(seen[0]!.value));
});

test('after kafkajs fetched in the process before journal-lens loaded, a stream falls back to message objects with the same rows', async () => {
  const topic = await createTopic('fallback', 2);
  await produce(topic, akkaMessages(300, 10));
  const child = fileURLToPath(new URL('./fixtures/fallback-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, BROKER, topic, '300'], { encoding: 'utf8', timeout: 60_000 });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { plainSeen: number; rows: number; distinct: number; rawRecordSets: number; sample: unknown };
  assert.deepEqual(result, { plainSeen: 300, rows: 300, distinct: 300, rawRecordSets: 0, sample: { n: 22, pid: 'cart-2' } });
});

test('transactions: events of an aborted transaction never reach the window; committed ones do', async () => {
  const topic = await createTopic('txn', 1);
  const producer = kafka.producer({ transactionalId: `kafka-it-txn-${Date.now()}`, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const events = akkaMessages(150, 5);
  for (const [i, commit] of [[0, true], [1, false], [2, true]] as const) {
    const txn = await producer.transaction();
    await txn.send({ topic, messages: events.slice(i * 50, i * 50 + 50) });
    if (commit) await txn.commit();
    else await txn.abort();
  }
  await producer.disconnect();
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 10_000 }, interval: 200 });
  await s.ready();
  await until(() => s.status().lag.length > 0 && s.status().lag.every((p) => p.lag === 0), 20_000, 'the stream to reach the end');
  await until(() => s.window().numRows() === 100, 5_000, '100 committed rows');
  const ns = rowsOf(s.window()).map((r) => (r.event as { n: number }).n).sort((a, b) => a - b);
  assert.deepEqual(ns, [...Array.from({ length: 50 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => 100 + i)]);
  await s.stop();
});

test('window by count keeps the newest events; per-id order by sequenceNr; duplicates counted once', async () => {
  const topic = await createTopic('order', 1);
  // cart-x arrives out of order (3, 1, 2) and 2 is redelivered twice
  const msgs = [3, 1, 2, 2, 2].map((seq) => ({ key: 'cart-x', value: jacksonEvent('cart-x', seq, { seq }) }));
  await produce(topic, msgs);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: topic, from: 'earliest', window: { events: 5 }, interval: 100 });
  await s.ready();
  await until(() => s.status().duplicates === 2, 15_000, 'duplicates dropped');
  assert.deepEqual(rowsOf(s.window()).map((r) => r.sequenceNr), [1, 2, 3]);
  // more events push the earliest arrivals (3, then 1) out of a 5-event window
  await produce(topic, [4, 5, 6, 7].map((seq) => ({ key: 'cart-x', value: jacksonEvent('cart-x', seq, { seq }) })));
  await until(() => s.window().numRows() === 5 && rowsOf(s.window()).at(-1)?.sequenceNr === 7, 15_000, 'window slides');
  assert.deepEqual(rowsOf(s.window()).map((r) => r.sequenceNr), [2, 4, 5, 6, 7]);
  await s.stop();
});

test('window by record time: 10 s ending at the newest record timestamp', async () => {
  const topic = await createTopic('time', 2);
  const t0 = Date.now() - 600_000;
  await produce(topic, Array.from({ length: 30 }, (_, i) => ({
    key: `acc-${i % 4}`, value: jacksonEvent(`acc-${i % 4}`, Math.floor(i / 4) + 1, { i }), timestamp: String(t0 + i * 1000),
  })));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { seconds: 10 }, interval: 100 });
  await s.ready();
  await until(() => rowsOf(s.window()).some((r) => r.timestamp.getTime() === t0 + 29_000), 15_000, 'last event');
  const rows = rowsOf(s.window());
  assert.equal(rows.length, 11);
  assert.ok(rows.every((r) => r.timestamp.getTime() >= t0 + 19_000));
  await s.stop();
});

test('from a Date starts at the first record at or after it', async () => {
  const topic = await createTopic('from', 1);
  const t0 = Date.now() - 3_600_000;
  await produce(topic, Array.from({ length: 10 }, (_, i) => ({
    key: 'p', value: jacksonEvent('p', i + 1, {}), timestamp: String(t0 + i * 60_000),
  })));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: new Date(t0 + 6 * 60_000), window: { events: 100 }, interval: 100 });
  await s.ready();
  await until(() => s.window().numRows() === 4, 15_000, '4 rows');
  assert.deepEqual(rowsOf(s.window()).map((r) => r.sequenceNr), [7, 8, 9, 10]);
  await s.stop();
});

test("from 'latest' (the default) skips what was there before", async () => {
  const topic = await createTopic('latest', 2);
  await produce(topic, akkaMessages(50, 5, 'old'));
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], window: { events: 1000 }, interval: 100 });
  await s.ready();
  await produce(topic, akkaMessages(20, 5, 'new'));
  await until(() => s.window().numRows() === 20, 15_000, '20 new rows');
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(rowsOf(s.window()).every((r) => r.persistenceId.startsWith('new-')));
  await s.stop();
});

test('json format: key as persistence id or a field; malformed values kept as rows with raw bytes', async () => {
  const topic = await createTopic('json', 2);
  await produce(topic, [
    { key: 'acc-1', value: JSON.stringify({ type: 'Opened', sequenceNr: 1, accountId: 'A-1' }) },
    { key: 'acc-1', value: JSON.stringify({ type: 'Deposited', sequenceNr: 2, accountId: 'A-1', amount: 5 }) },
    { key: 'acc-2', value: '{broken' },
    { key: 'acc-2', value: JSON.stringify({ type: 'Opened', sequenceNr: 1, accountId: 'A-2' }) },
  ]);
  const k = kafkaJournal({ brokers: BROKER });
  const byKey = k.eventStream({ topics: [topic], format: 'json', from: 'earliest', window: { events: 100 }, interval: 100 });
  const byField = k.eventStream({ topics: [topic], format: 'json', persistenceIdField: 'accountId', from: 'earliest', window: { events: 100 }, interval: 100, name: 'json-by-field' });
  await Promise.all([byKey.ready(), byField.ready()]);
  await until(() => byKey.window().numRows() === 4 && byField.window().numRows() === 4, 15_000, '4 rows each');
  const rows = rowsOf(byKey.window());
  assert.deepEqual(rows.filter((r) => r.persistenceId === 'acc-1').map((r) => r.eventType), ['Opened', 'Deposited']);
  const bad = rows.find((r) => r.decodeError !== null)!;
  assert.equal(bad.persistenceId, 'acc-2');
  assert.equal(Buffer.from(bad.raw!).toString(), '{broken');
  await until(() => byKey.status().undecodable === 1, 5_000, 'undecodable counted');
  assert.deepEqual(rowsOf(byField.window()).filter((r) => r.decodeError === null).map((r) => r.persistenceId).sort(), ['A-1', 'A-1', 'A-2']);
  await Promise.all([byKey.stop(), byField.stop()]);
});

test('malformed akka records never stop the stream', async () => {
  const topic = await createTopic('malformed', 1);
  await produce(topic, [
    { key: 'c-1', value: jacksonEvent('c-1', 1, { ok: 1 }) },
    { key: 'c-1', value: Buffer.from([0xff, 0x00, 0x13]) },
    { key: 'c-1', value: null },
    { key: 'c-1', value: jacksonEvent('c-1', 2, { ok: 2 }) },
  ]);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], from: 'earliest', window: { events: 100 }, interval: 100 });
  await s.ready();
  await until(() => s.window().numRows() === 4, 15_000, '4 rows');
  const rows = rowsOf(s.window());
  assert.deepEqual(rows.map((r) => r.decodeError === null), [true, false, false, true]);
  assert.deepEqual([...rows[1].raw!], [0xff, 0x00, 0x13]);
  await until(() => s.status().undecodable === 2, 5_000, 'counted');
  assert.match(s.statusLine(), /2 undecodable/);
  assert.equal(s.status().state, 'live');
  await s.stop();
});

test('view: one output created at call time, updated in place with a status line, final draw on stop', async () => {
  const topic = await createTopic('view', 1);
  await produce(topic, akkaMessages(40, 4));
  const { brokers, config } = kafkaConfigFromOptions({ brokers: BROKER });
  const outputs: { initial: MimeBundle; updates: MimeBundle[] }[] = [];
  const s = createEventStream<ColumnTable>({
    key: 'view-test', brokers, kafkaConfig: config, connectionTimeoutMs: 3000, topics: [topic], commit: false, from: 'earliest',
    intervalMs: 100, toChunk: createJsonFormat(), window: createRollingWindow(maybeWindow({ events: 1000 })), tableFromChunks,
    createDisplay(initial) {
      const out = { initial, updates: [] as MimeBundle[] };
      outputs.push(out);
      return { id: `d${outputs.length}`, update: (b) => out.updates.push(b) };
    },
    bundleFromView: async (output) => ({ 'text/plain': `rows=${(output as ColumnTable).numRows()}` }),
    bundleWithStatus, errorBundle,
  });
  s.view((win) => win);
  assert.equal(outputs.length, 1, 'created synchronously, in the calling cell');
  assert.match(outputs[0].initial['text/plain'] as string, /^○ connecting/);
  await s.ready();
  await until(() => outputs[0].updates.some((b) => /rows=40$/.test(b['text/plain'] as string)), 15_000, 'view shows 40 rows');
  const last = outputs[0].updates.at(-1)!;
  assert.match(last['text/plain'] as string, /^● live · [\d.,]+ events\/s · window 40 events · lag 0 \(kafka_it_view_\w+\/0 0\)/);
  assert.match(last['text/html'] as string, /window 40 events/);
  // a failing view function shows its error in the same output, and the stream goes on
  s.view(() => {
    throw new Error('my chart broke');
  });
  await until(() => outputs[1]?.updates.some((b) => /my chart broke/.test(b['text/plain'] as string)), 5_000, 'error shown');
  await s.stop();
  assert.match(outputs[0].updates.at(-1)!['text/plain'] as string, /^■ stopped/);
  assert.equal(outputs.length, 2);
});
