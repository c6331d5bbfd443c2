// Faults: missing topic, unreachable broker, and resuming after the consumer lost its connection,
// with nothing lost and nothing doubled. (A real broker restart: broker-restart.test.ts.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { ColumnTable } from 'arquero';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { ConnectionError, NotFoundError } from '../../../src/errors.js';
import { akkaMessages, BROKER, cleanup, createTopic, produce, until } from './helpers.js';

after(async () => {
  await stopAll();
  await cleanup();
});

function keys(t: ColumnTable): string[] {
  const pid = t.array('persistenceId') as string[];
  const seq = t.array('sequenceNr') as Float64Array;
  return pid.map((p, i) => `${p}:${seq[i]}`);
}

/** Produces `rounds` × `perRound` events, one round every `everyMs`, while `during` runs. */
async function produceWhile(topic: string, rounds: number, perRound: number, everyMs: number, during: (round: number) => Promise<void>): Promise<number> {
  for (let r = 0; r < rounds; r++) {
    await produce(topic, akkaMessages(perRound, 20, `r${r}`));
    await during(r);
    await new Promise((res) => setTimeout(res, everyMs));
  }
  return rounds * perRound;
}

test('missing topic: NotFoundError listing the topics that exist, before subscribing', async () => {
  const existing = await createTopic('exists', 1);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [existing, 'kafka_it_no_such_topic'], interval: 100 });
  const error = await s.ready().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof NotFoundError, String(error));
  assert.equal(error.kind, 'topic');
  assert.equal(error.missing, 'kafka_it_no_such_topic');
  assert.ok(error.available.includes(existing));
  assert.match(error.message, /Kafka topic 'kafka_it_no_such_topic' not found\. Existing topics: .*kafka_it_exists_/);
  assert.equal(s.status().state, 'failed');
  assert.match(s.statusLine(), /^✖ failed .*not found/);
  await s.stop();
});

test('unreachable broker: ConnectionError naming it within 10 s, nothing printed', async () => {
  // kafkajs's default logger writes through console.*; (process.stdout carries the test runner's own protocol)
  const writes: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  for (const name of Object.keys(saved) as (keyof typeof saved)[]) console[name] = (...args: unknown[]) => void writes.push(args.join(' '));
  const started = Date.now();
  let error: unknown;
  try {
    const s = kafkaJournal({ brokers: '127.0.0.1:9' }).eventStream({ topics: ['events'], interval: 100 });
    error = await s.ready().then(() => undefined, (e: unknown) => e);
    await s.stop();
  } finally {
    Object.assign(console, saved);
  }
  const elapsed = Date.now() - started;
  assert.ok(error instanceof ConnectionError, String(error));
  assert.deepEqual(error.endpoints, ['127.0.0.1:9']);
  assert.match(error.message, /Could not reach Kafka at 127\.0\.0\.1:9 .*ECONNREFUSED/);
  assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  assert.deepEqual(writes, [], 'kafkajs printed nothing');
});

test('reconnect() mid-stream resumes from the consumed offsets: nothing lost, nothing doubled', async () => {
  const topic = await createTopic('reconnect', 3);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], window: { events: 100_000 }, interval: 100 });
  await s.ready();
  const total = await produceWhile(topic, 12, 250, 100, async (round) => {
    if (round === 3 || round === 7) await s.reconnect();
  });
  await until(() => s.window().numRows() >= total, 30_000, `${total} rows`);
  await new Promise((r) => setTimeout(r, 500));
  const k = keys(s.window());
  assert.equal(k.length, total);
  assert.equal(new Set(k).size, total);
  assert.equal(s.status().state, 'live');
  await s.stop();
});

function trackingSocketFactory(sockets: Set<net.Socket>) {
  return ({ host, port, onConnect }: { host: string; port: number; onConnect: () => void }) => {
    const socket = net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };
}

// The half-open case also shortens kafkajs's request timeout, so that the requests left hanging on
// the dead sockets do not keep the test process alive for 30 s after the test.
for (const [how, kill, tuning, requestTimeout] of [
  ['reset (as when the broker goes away)', (s: net.Socket) => s.destroy(new Error('simulated ECONNRESET')), undefined, undefined],
  ['silently dropped (half-open, caught by the stall watchdog)', (s: net.Socket) => s.destroy(), { stallMs: 3_000 }, 5_000],
] as const) {
  test(`every connection of the stream ${how} mid-stream: it resumes, nothing lost or doubled`, async () => {
    const topic = await createTopic('sockets', 3);
    const sockets = new Set<net.Socket>();
    const s = kafkaJournal({ brokers: BROKER, kafkajs: { socketFactory: trackingSocketFactory(sockets), requestTimeout } })
      .eventStream({ topics: [topic], window: { events: 100_000 }, interval: 100, consumer: tuning });
    await s.ready();
    let kills = 0;
    const total = await produceWhile(topic, 12, 250, 150, async (round) => {
      if (round === 3 || round === 8) {
        kills += sockets.size;
        for (const socket of sockets) kill(socket);
      }
    });
    assert.ok(kills > 0);
    await until(() => s.window().numRows() >= total, 60_000, `${total} rows`);
    await new Promise((r) => setTimeout(r, 500));
    const k = keys(s.window());
    assert.equal(k.length, total);
    assert.equal(new Set(k).size, total);
    await until(() => s.status().state === 'live', 10_000, 'live again');
    await s.stop();
  });
}
