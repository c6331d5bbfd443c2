// A real broker restart under a live stream: nothing lost, nothing doubled.
// It stops the broker, so it only runs when JOURNAL_LENS_ALLOW_BROKER_RESTART=1 (the lead runs it
// last in test-all; never against a broker others are using). It restarts the broker with
// `scripts/services stop kafka && scripts/services start kafka`, passing the environment on, so a
// private instance works too: JOURNAL_LENS_SERVICES_DIR=/tmp/x JOURNAL_LENS_KAFKA_PORT=19092
// JOURNAL_LENS_KAFKA_CONTROLLER_PORT=19093 JOURNAL_LENS_KAFKA_SASL_PORT=19094.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kafkaJournal, stopAll } from '../../../src/from-kafka.js';
import { akkaMessages, BROKER, cleanup, createTopic, produce, until } from './helpers.js';

const allowed = process.env.JOURNAL_LENS_ALLOW_BROKER_RESTART === '1';
const services = fileURLToPath(new URL('../../../scripts/services', import.meta.url));

function servicesCommand(...args: string[]): void {
  execFileSync(services, args, { stdio: 'ignore', env: process.env, timeout: 300_000 });
}

after(async () => {
  await stopAll();
  await cleanup();
});

test('broker restart mid-stream: the stream reconnects and resumes, nothing lost or doubled', { skip: !allowed && 'set JOURNAL_LENS_ALLOW_BROKER_RESTART=1 (restarts the broker)', timeout: 600_000 }, async () => {
  const topic = await createTopic('restart', 3);
  const s = kafkaJournal({ brokers: BROKER }).eventStream({ topics: [topic], window: { events: 100_000 }, interval: 200 });
  await s.ready();
  await produce(topic, akkaMessages(1000, 30, 'before'));
  await until(() => s.window().numRows() === 1000, 30_000, '1000 rows before the restart');

  servicesCommand('stop', 'kafka');
  await until(() => s.status().state === 'reconnecting' || /kafkajs|connect/i.test(s.statusLine()), 60_000, 'the outage to show');
  servicesCommand('start', 'kafka');
  // produced at once, before the consumer has necessarily come back: a stream that resumed from
  // 'latest' instead of its own offsets would miss these
  await produce(topic, akkaMessages(1000, 30, 'after'));

  await until(() => s.window().numRows() >= 2000, 180_000, '2000 rows after the restart');
  await new Promise((r) => setTimeout(r, 1000));
  const pid = s.window().array('persistenceId') as string[];
  const seq = s.window().array('sequenceNr') as Float64Array;
  const keys = pid.map((p, i) => `${p}:${seq[i]}`);
  assert.equal(keys.length, 2000);
  assert.equal(new Set(keys).size, 2000);
  await until(() => s.status().state === 'live', 60_000, 'live again');
  await s.stop();
});
