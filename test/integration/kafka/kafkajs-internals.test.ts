// The kafkajs-internals install, both ways, on a real broker: installed when the first stream
// starts (not at import), the stream reads raw record batches and its status line is clean; when
// the install fails (another kafkajs version), the stream still reads every record, through
// kafkajs's messages, and its status line says it runs at half speed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { ColumnTable } from 'arquero';
import { kafkaJournal, stopAll } from '../../../src/index.js';
import { createEventStream, type EventStream } from '../../../src/kafka/event-stream.js';
import { rawFetchStats } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { createJsonFormat } from '../../../src/kafka/formats/json-format.js';
import { kafkaConfigFromOptions } from '../../../src/kafka/kafka-config.js';
import { bundleWithStatus, errorBundle } from '../../../src/notebook/live-frame.js';
import { createRollingWindow } from '../../../src/window/rolling-window.js';
import { maybeWindow } from '../../../src/window/maybe-window.js';
import { tableFromChunks } from '../../../src/window/table-from-spans.js';
import { BROKER, cleanup, createTopic, produce, until } from './helpers.js';

const require = createRequire(import.meta.url);
const streams: EventStream<ColumnTable>[] = [];

after(async () => {
  for (const s of streams) await s.stop().catch(() => {});
  await stopAll();
  await cleanup();
});

async function jsonTopic(name: string, count: number): Promise<string> {
  const t = await createTopic(`internals_${name}`, 1);
  await produce(t, Array.from({ length: count }, (_, i) => ({ key: 'p', value: JSON.stringify({ sequenceNr: i + 1, type: 'E' }) })));
  return t;
}

test('importing the package touches no kafkajs internals', () => {
  const decodeMessages = require(require.resolve('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js')) as Record<symbol, unknown>;
  assert.equal(decodeMessages[Symbol.for('journal-lens.kafkajs-raw-fetch-installed')], undefined);
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: Record<symbol, unknown> };
  assert.equal(RequestQueue.prototype[Symbol.for('journal-lens.kafkajs-request-queue-patched')], undefined);
});

test('installed when the first stream starts: raw record batches, a clean status line', async () => {
  const t = await jsonTopic('installed', 50);
  const before = rawFetchStats.recordSets;
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: t, format: 'json', from: 'earliest', window: { events: 1000 }, interval: 100 }) as EventStream<ColumnTable>;
  streams.push(s);
  await s.ready();
  await until(() => s.window().numRows() === 50, 20_000, '50 rows');
  assert.ok(rawFetchStats.recordSets > before, 'read raw');
  assert.doesNotMatch(s.statusLine(), /half speed/);
});

test('an install that fails: every record still arrives, the status line says half speed', async () => {
  const t = await jsonTopic('failed', 50);
  const { brokers, config } = kafkaConfigFromOptions({ brokers: BROKER });
  const win = createRollingWindow(maybeWindow({ events: 1000 }));
  const s = createEventStream<ColumnTable>({
    key: `internals-failed-${t}`, brokers, kafkaConfig: config, connectionTimeoutMs: 3000, topics: [t], commit: false, from: 'earliest',
    intervalMs: 100, toChunk: createJsonFormat(), window: win, tableFromChunks,
    createDisplay: () => ({ id: 'd', update: () => {} }), bundleFromView: async () => ({ 'text/plain': '' }), bundleWithStatus, errorBundle,
    installInternals: () => ({ requestQueue: true, rawFetch: false, exactAborts: false, problem: 'Kafka streams run without raw record batches (test).' }),
  });
  streams.push(s);
  await s.ready();
  await until(() => s.window().numRows() === 50, 20_000, '50 rows');
  assert.match(s.statusLine(), /half speed: kafkajs internals not installed/);
});
