// Query retries (src/cassandra/retry.ts): a time budget, not a small count, decides when a failing
// query gives up; permanent refusals fail at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cassandra from 'cassandra-driver';
import { createClient, maybeBudgetSeconds } from '../../../src/cassandra/connect.js';
import { retryPolicyOf, withRetries } from '../../../src/cassandra/retry.js';
import { OptionError, QueryError } from '../../../src/errors.js';

const timeout = () => Object.assign(new Error('Server timeout during read query'), { name: 'OperationTimedOutError' });

test('a query that fails for a while, then answers, resolves: retries are bounded by time, not by a small count', async () => {
  let attempts = 0;
  const started = Date.now();
  // Fake time would hide the real backoff; a short budget and a short outage keep the test fast.
  const result = await withRetries(async () => {
    attempts++;
    if (Date.now() - started < 1_200) throw timeout();
    return 'rows';
  }, () => 'token range (0, 1] of ks.messages', { budgetMs: 5_000 });
  assert.equal(result, 'rows');
  assert.ok(attempts >= 3, `retried ${attempts} times`);
});

test('the budget ends the retries: one QueryError naming the attempts, the budget and the option to raise', async () => {
  const started = Date.now();
  await assert.rejects(withRetries(async () => { throw timeout(); }, () => 'token range (0, 1] of ks.messages', { budgetMs: 1_000 }),
    (e: unknown) => e instanceof QueryError && e.attempts >= 2 && /retry budget 1 s/.test(e.message) && /retryBudgetSeconds/.test(e.message) &&
      /Server timeout during read query/.test(e.message));
  const took = Date.now() - started;
  assert.ok(took < 2_500, `gave up after ${took} ms`);
});

test('a permanent refusal (unauthorized) is not retried; a retry count still caps the attempts', async () => {
  let attempts = 0;
  const unauthorized = Object.assign(new Error('User reader has no SELECT permission'), { code: 0x2100 });
  await assert.rejects(withRetries(async () => { attempts++; throw unauthorized; }, () => 'x'), (e: unknown) => e === unauthorized);
  assert.equal(attempts, 1);
  attempts = 0;
  await assert.rejects(withRetries(async () => { attempts++; throw timeout(); }, () => 'x', 2), (e: unknown) => e instanceof QueryError && e.attempts === 3);
  assert.equal(attempts, 3);
});

test('retryBudgetSeconds: default 90 s on the client, configurable, checked', async () => {
  const a = createClient({});
  const b = createClient({ retryBudgetSeconds: 240 });
  assert.equal(retryPolicyOf(a).budgetMs, 90_000);
  assert.equal(retryPolicyOf(b).budgetMs, 240_000);
  assert.equal(retryPolicyOf(new cassandra.Client({ contactPoints: ['x'], localDataCenter: 'dc' })).budgetMs, undefined);
  assert.throws(() => maybeBudgetSeconds(-1, 90), (e: unknown) => e instanceof OptionError && e.option === 'retryBudgetSeconds');
  assert.throws(() => createClient({ retryBudgetSeconds: Number.NaN }), OptionError);
  await Promise.all([a.shutdown(), b.shutdown()]);
});
