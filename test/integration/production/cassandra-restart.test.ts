// A Cassandra node restart in the middle of a 1M-row load: the pages that fail while the node is
// down are retried from their page state until it is back (retryBudgetSeconds), so the load ends
// with every row exactly once. It restarts `cassandra-auth` (scripts/services), which only these
// tests use, never the shared Cassandra.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type cassandra from 'cassandra-driver';
import { createJournalWriter, type JournalEvent } from '../../../scripts/journal/writer.js';
import { cassandraJournal } from '../../../src/from-cassandra.js';
import type { LoadProgress } from '../../../src/types.js';
import { AUTH_CONTACT, authAdmin, SUPERUSER } from './helpers.js';

const KEYSPACE = 'prod_restart';
const IDS = 1000;
const PER_ID = 1000;
const ROWS = IDS * PER_ID;
const services = fileURLToPath(new URL('../../../scripts/services', import.meta.url));
let admin: cassandra.Client;

function restartCassandraAuth(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(services, ['restart', 'cassandra-auth'], { stdio: 'ignore', env: process.env });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/services restart cassandra-auth exited ${code}`))));
  });
}

before(async () => {
  admin = await authAdmin();
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  const writer = await createJournalWriter({ ...AUTH_CONTACT, credentials: SUPERUSER, keyspace: KEYSPACE, concurrency: 64, maxBatchSize: 250 });
  const started = Date.now();
  try {
    const start = Date.UTC(2026, 10, 1);
    for (let first = 0; first < IDS; first += 50) {
      const events: JournalEvent[] = [];
      for (let id = first; id < first + 50; id++) {
        for (let seq = 1; seq <= PER_ID; seq++) {
          events.push({ persistenceId: `Load|${id}`, sequenceNr: seq, serializer: 'jackson-json', manifest: 'E', event: { n: seq }, timestamp: new Date(start + seq * 1000) });
        }
      }
      await writer.write(events);
    }
  } finally {
    await writer.close();
  }
  console.log(`# wrote ${ROWS} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => {});
  await admin.shutdown();
});

test('a node restart in the middle of a 1M-row load: 0 rows lost, 0 read twice', { timeout: 600_000 }, async () => {
  const journal = cassandraJournal({ ...AUTH_CONTACT, keyspace: KEYSPACE, credentials: SUPERUSER, retryBudgetSeconds: 180 });
  let restart: Promise<void> | undefined;
  let restartStartedAt = 0;
  const progress = (p: LoadProgress): void => {
    if (restart === undefined && p.rows >= ROWS / 10) {
      restartStartedAt = Date.now();
      restart = restartCassandraAuth();
    }
  };
  const started = Date.now();
  try {
    // duplicates: 'keep' so that a page read twice would show as extra rows instead of being merged away
    const t = await journal.eventTable({ duplicates: 'keep', progress, concurrency: 4 });
    const loadSeconds = (Date.now() - started) / 1000;
    assert.ok(restart !== undefined, 'the restart began during the load');
    await restart;
    assert.equal(t.numRows(), ROWS, 'no row lost or read twice');
    const pid = t.array('persistenceId') as string[];
    const seq = t.array('sequenceNr') as ArrayLike<number>;
    const keys = new Set<string>();
    for (let i = 0; i < pid.length; i++) keys.add(`${pid[i]}:${seq[i]}`);
    assert.equal(keys.size, ROWS, 'every (persistenceId, sequenceNr) once');
    console.log(`# load of ${ROWS} rows across a restart: ${loadSeconds.toFixed(1)} s (restart began ${((restartStartedAt - started) / 1000).toFixed(1)} s in)`);
  } finally {
    await restart?.catch(() => {});
    await journal.close();
  }
});
