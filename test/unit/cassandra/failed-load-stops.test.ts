// A failed load stops everything it started: once one token range (or persistence id) fails for
// good, no worker issues another query, pages in flight are not followed and nothing more reaches
// the sink. The client here is a stand-in that answers pages after a delay; the same scenario
// against the real Cassandra is test/integration/cassandra/failed-load-stops.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { layoutFromColumns } from '../../../src/cassandra/detect-layout.js';
import { readPersistenceIds } from '../../../src/cassandra/read-persistence-ids.js';
import { retryDefaults, withRetries } from '../../../src/cassandra/retry.js';
import { createRowGate, NO_FILTER } from '../../../src/cassandra/row-gate.js';
import { scanTokenRanges } from '../../../src/cassandra/scan-token-ranges.js';
import type { BatchSink, PagingOptions, ReadContext } from '../../../src/cassandra/read-context.js';
import { tokenSplits } from '../../../src/cassandra/token-splits.js';
import { QueryError } from '../../../src/errors.js';

const Long = cassandra.types.Long;
const L5 = ['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'timebucket', 'writer_uuid', 'ser_id', 'ser_manifest',
  'event_manifest', 'event', 'meta_ser_id', 'meta_ser_manifest', 'meta', 'tags'];
const layout = layoutFromColumns('ks', 'messages', new Set(L5));

function row(pid: string, seq: number): cassandra.types.Row {
  return {
    persistence_id: pid, partition_nr: Long.fromNumber(0), sequence_nr: Long.fromNumber(seq),
    timestamp: cassandra.types.TimeUuid.fromDate(new Date(Date.UTC(2026, 0, 1))), writer_uuid: 'w1', ser_id: 31, ser_manifest: 'Foo',
    event: Buffer.from('{}'), tags: null,
  } as unknown as cassandra.types.Row;
}

/** A permanent server refusal (invalid query): never retried. */
function refusal(): Error {
  return Object.assign(new Error('unconfigured table messages'), { code: 0x2200 });
}

/**
 * Answers every query with `pagesPerQuery` pages of 2 rows after `delayMs`; `fails(call)` says
 * whether the call-th query (0-based) fails with `error()` instead.
 */
function fakeClient(options: { delayMs: number; pagesPerQuery: number; fails: (call: number, params: unknown[]) => boolean; error?: () => Error }) {
  const calls: { at: number; params: unknown[] }[] = [];
  const client = {
    async execute(_query: string, params: unknown[], queryOptions: { pageState?: string }) {
      const call = calls.length;
      calls.push({ at: Date.now(), params });
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fails(call, params)) throw (options.error ?? refusal)();
      const page = queryOptions.pageState === undefined ? 1 : Number(queryOptions.pageState) + 1;
      const pid = `p-${call}`;
      // per-id reads (params: pid, partition, …): partition 0 holds the events, later ones are empty
      if (typeof params[1] === 'number' && params[1] > 0) return { rows: [], pageState: null };
      return { rows: [row(pid, page * 2 - 1), row(pid, page * 2)], pageState: page < options.pagesPerQuery ? String(page) : null };
    },
  };
  return { client: client as unknown as cassandra.Client, calls };
}

function paging(overrides: Partial<PagingOptions> = {}): PagingOptions {
  return { concurrency: 4, pageSize: 2, retries: 0, stop: { stopped: false }, ...overrides };
}

function ctx(client: cassandra.Client, p: PagingOptions, sink: BatchSink = () => {}): ReadContext {
  return { client, keyspace: 'ks', table: 'messages', layout, gate: createRowGate(NO_FILTER, new Map(), false), paging: p, sink };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

test('a failed full scan keeps scanning: after one token range fails for good, no query is issued and no page reaches the sink', async () => {
  const { client, calls } = fakeClient({ delayMs: 5, pagesPerQuery: 5, fails: (call) => call === 6 });
  const splits = tokenSplits([], 64);
  let rowsAfterRejection = 0;
  let rejected = false;
  let rangesDone = 0;
  await assert.rejects(
    scanTokenRanges(ctx(client, paging(), (batch) => { if (rejected) rowsAfterRejection += batch.length; }), splits,
      () => { rangesDone++; })
      .finally(() => { rejected = true; }),
    /unconfigured table/);
  const callsAtRejection = calls.length;
  await settle();
  assert.equal(calls.length - callsAtRejection, 0, 'no query after the rejection');
  assert.equal(rowsAfterRejection, 0, 'no page handed on after the rejection');
  assert.ok(callsAtRejection < 20, `the scan stopped early (${callsAtRejection} queries of ${splits.length * 5})`);
  assert.ok(rangesDone < splits.length);
});

test('a failed full scan keeps scanning: a range that fails after its retries stops the others, their retry waits included', async () => {
  // Every query of the first range fails with a retriable timeout, so it fails for good at its second
  // attempt; the first query of every other range fails once, so those ranges sit in their retry
  // back-off (100-300 ms, as long as the first range's) around the moment the scan is rejected.
  // Failures go by range, not by call number: the interleaving of the ranges may vary with the load.
  const timeout = () => Object.assign(new Error('read timeout'), { name: 'OperationTimedOutError' });
  const splits = tokenSplits([], 16);
  const firstRange = String(splits[0]!.start);
  const failedOnce = new Set<string>();
  const { client, calls } = fakeClient({
    delayMs: 5, pagesPerQuery: 50, error: timeout,
    fails: (_call, params) => {
      const range = String(params[0]);
      if (range === firstRange) return true;
      if (failedOnce.has(range)) return false;
      failedOnce.add(range);
      return true;
    },
  });
  await assert.rejects(
    scanTokenRanges(ctx(client, paging({ retries: 1 })), splits, () => {}),
    (error: unknown) => error instanceof QueryError && /failed 2 times/.test(error.message));
  const callsAtRejection = calls.length;
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 600)); // past any retry back-off still pending
  assert.equal(calls.length - callsAtRejection, 0, 'no query after the rejection, not even a pending retry');
  assert.equal(calls.filter((c) => String(c.params[0]) === firstRange).length, 2, 'the first range was tried twice');
  assert.ok(failedOnce.size >= 1, 'another range was in its retry back-off');
  assert.ok(callsAtRejection < splits.length * 50, `the scan stopped early (${callsAtRejection} queries of ${splits.length * 50})`);
});

test('a failed persistenceIds read keeps reading: after one id fails for good, no query is issued', async () => {
  const { client, calls } = fakeClient({ delayMs: 5, pagesPerQuery: 3, fails: (_call, params) => params[0] === 'id-5' });
  const ids = Array.from({ length: 40 }, (_, i) => `id-${i}`);
  let rejected = false;
  let rowsAfterRejection = 0;
  await assert.rejects(
    readPersistenceIds(ctx(client, paging(), (batch) => { if (rejected) rowsAfterRejection += batch.length; }), ids, 100, () => {})
      .finally(() => { rejected = true; }),
    /unconfigured table/);
  const callsAtRejection = calls.length;
  await settle();
  assert.equal(calls.length - callsAtRejection, 0, 'no query after the rejection');
  assert.equal(rowsAfterRejection, 0);
  assert.ok(callsAtRejection < 40);
});

test('withRetries stops at an aborted signal: no further attempt, its back-off cut short', async () => {
  const controller = new AbortController();
  let attempts = 0;
  // a back-off of 30-90 s, so that only the abort can end the wait within the test's timeout
  const saved = retryDefaults.initialDelayMs;
  retryDefaults.initialDelayMs = 60_000;
  try {
    const started = Date.now();
    const run = withRetries(async () => {
      attempts++;
      throw Object.assign(new Error('read timeout'), { name: 'OperationTimedOutError' });
    }, () => 'token range (0, 1] of ks.messages', 5, controller.signal);
    setTimeout(() => controller.abort(new Error('another range failed')), 50);
    await assert.rejects(run, /another range failed/);
    assert.equal(attempts, 1);
    assert.ok(Date.now() - started < 20_000, `the back-off wait ends at the abort (${Date.now() - started} ms)`);
  } finally {
    retryDefaults.initialDelayMs = saved;
  }
});

test('a load aborted from outside (paging.signal) stops its workers the same way', async () => {
  const { client, calls } = fakeClient({ delayMs: 5, pagesPerQuery: 100, fails: () => false });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('cancelled by the caller')), 60);
  await assert.rejects(
    scanTokenRanges(ctx(client, paging({ signal: controller.signal })), tokenSplits([], 8), () => {}),
    /cancelled by the caller/);
  const callsAtRejection = calls.length;
  await settle();
  assert.equal(calls.length - callsAtRejection, 0);
});
