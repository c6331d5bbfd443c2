// A failed load stops everything it started, against the real Cassandra: one token range (or one
// persistence id) is made to fail for good while the other workers page through a real journal,
// and the queries issued after the load rejected are counted (none may be). The fault is injected
// through a seam on the driver's session (Client.prototype.execute, wrapped for this file); every
// other query, and all the data, is real. A second test drops the table in the middle of a scan.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { QueryError, cassandraJournal, type LoadProgress } from '../../../src/index.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from './helpers.js';

const KS = 'hostile_b_scan';
const IDS = 300;
const PER_ID = 20; // 6000 events
const journal = cassandraJournal({ ...CONTACT, keyspace: KS });

const execute = cassandra.Client.prototype.execute;
interface Seam {
  calls: number;
  failWhen?: (query: string, params: unknown[], call: number) => boolean;
  retriable?: boolean;
  /** Keyspace whose reads are slowed by `delayMs` each. */
  slow?: { keyspace: string; delayMs: number };
}
const seam: Seam = { calls: 0 };
// Counts the journal reads of this keyspace; fails the ones `failWhen` picks with a permanent refusal.
cassandra.Client.prototype.execute = function (this: cassandra.Client, ...args: unknown[]) {
  const [query, params] = args as [string, unknown[]];
  if (typeof query === 'string' && query.includes(`"${KS}"."messages"`) && /WHERE/.test(query)) {
    const call = seam.calls++;
    if (seam.failWhen?.(query, params ?? [], call)) {
      return Promise.reject(seam.retriable
        ? Object.assign(new Error('injected: read timed out'), { name: 'OperationTimedOutError' })
        : Object.assign(new Error('injected: this range cannot be read'), { code: 0x2200 }));
    }
  }
  const slow = seam.slow;
  if (slow !== undefined && typeof query === 'string' && query.includes(`"${slow.keyspace}"."messages"`) && /WHERE/.test(query)) {
    return new Promise((resolve) => setTimeout(resolve, slow.delayMs)).then(() => (execute as (...a: unknown[]) => unknown).apply(this, args));
  }
  return (execute as (...a: unknown[]) => unknown).apply(this, args);
} as typeof execute;

before(async () => {
  const w = await freshWriter({ keyspace: KS });
  const events = [];
  for (let p = 0; p < IDS; p++) events.push(...jsonEvents(`acc-${p}`, PER_ID));
  await w.write(events);
  await w.close();
});
afterEach(() => {
  seam.failWhen = undefined;
  seam.retriable = undefined;
  seam.slow = undefined;
});
after(async () => {
  cassandra.Client.prototype.execute = execute;
  await journal.close();
  await dropKeyspace(KS);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

test('a failed full scan keeps scanning: once one token range fails for good, no query is issued after the rejection and the progress ends failed', async () => {
  seam.calls = 0;
  seam.failWhen = (query, _params, call) => query.includes('token(') && call === 12;
  const seen: LoadProgress[] = [];
  let callsAtRejection = -1;
  await assert.rejects(
    journal.eventTable({ pageSize: 20, splits: 64, concurrency: 4, progress: (p) => seen.push(p) })
      .finally(() => { callsAtRejection = seam.calls; }),
    /injected: this range cannot be read/);
  await settle();
  assert.equal(seam.calls - callsAtRejection, 0, `no query after the rejection (${seam.calls - callsAtRejection} were)`);
  assert.ok(callsAtRejection < 40, `the scan stopped early: ${callsAtRejection} queries`);
  const last = seen[seen.length - 1]!;
  assert.match(last.failed ?? '', /injected: this range cannot be read/);
  assert.equal(last.done, true);
  assert.equal(seen.filter((p) => p.failed !== undefined).length, 1, 'one failed state, nothing after it');
});

test('a failed full scan keeps scanning: a range whose retries run out stops the others (QueryError)', async () => {
  seam.calls = 0;
  // A retriable error on every query of one range (its lower bound is the ring's minimum).
  const min = cassandra.types.Long.fromString((-(2n ** 63n)).toString());
  seam.failWhen = (query, params) => query.includes('token(') && min.equals(params[0] as cassandra.types.Long);
  seam.retriable = true;
  let callsAtRejection = -1;
  await assert.rejects(
    journal.eventTable({ pageSize: 20, splits: 64, concurrency: 4, retries: 2, progress: false })
      .finally(() => { callsAtRejection = seam.calls; }),
    (error: unknown) => error instanceof QueryError && error.attempts === 3 && /failed 3 times .*injected: read timed out/.test(error.message));
  await settle();
  assert.equal(seam.calls - callsAtRejection, 0);
});

test('a failed persistenceIds read keeps reading: once one id fails for good, no query is issued after the rejection', async () => {
  seam.calls = 0;
  seam.failWhen = (_query, params) => params[0] === 'acc-9';
  const ids = Array.from({ length: 100 }, (_, i) => `acc-${i}`);
  const seen: LoadProgress[] = [];
  let callsAtRejection = -1;
  await assert.rejects(
    journal.eventTable({ persistenceIds: ids, pageSize: 5, concurrency: 4, progress: (p) => seen.push(p) })
      .finally(() => { callsAtRejection = seam.calls; }),
    /injected: this range cannot be read/);
  await settle();
  assert.equal(seam.calls - callsAtRejection, 0);
  assert.ok(callsAtRejection < 100 * 3, `stopped early: ${callsAtRejection} queries`);
  assert.match(seen[seen.length - 1]!.failed ?? '', /injected/);
});

test('a failed full scan keeps scanning: a table dropped in the middle of a scan fails the load once, and the progress ends failed', async () => {
  const ks = `${KS}_drop`;
  const w = await freshWriter({ keyspace: ks });
  const events = [];
  for (let p = 0; p < 200; p++) events.push(...jsonEvents(`d-${p}`, 20));
  await w.write(events);
  await w.close();
  const dropper = new cassandra.Client(CONTACT);
  const own = cassandraJournal({ ...CONTACT, keyspace: ks });
  try {
    seam.calls = 0;
    // Slowed (the data is real), so that the scan is still running when the drop lands.
    seam.slow = { keyspace: ks, delayMs: 25 };
    let dropped: Promise<unknown> | undefined;
    const seen: LoadProgress[] = [];
    await assert.rejects(own.eventTable({
      // (after the drop the driver's answers are retriable: two retries, not the 90 s budget)
      pageSize: 10, splits: 64, concurrency: 2, retries: 2,
      progress: (p) => {
        seen.push(p);
        dropped ??= dropper.execute(`DROP TABLE ${ks}.messages`);
      },
    }), (error: unknown) => error instanceof Error && /messages|table/i.test(error.message));
    await dropped;
    const last = seen[seen.length - 1]!;
    assert.equal(last.done, true);
    assert.ok(last.failed !== undefined && last.failed.length > 0, 'the progress ends failed, with the reason');
  } finally {
    await own.close();
    await dropper.shutdown();
    await dropKeyspace(ks);
  }
});
