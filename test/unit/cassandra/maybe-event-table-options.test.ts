import assert from 'node:assert/strict';
import test from 'node:test';
import { eventTableDefaults, maybeEventTableOptions } from '../../../src/cassandra/maybe-event-table-options.js';
import { OptionError } from '../../../src/errors.js';

test('eventTable options: defaults filled in', () => {
  const s = maybeEventTableOptions({}, 'pekko');
  assert.equal(s.keyspace, 'pekko');
  assert.equal(s.table, eventTableDefaults.table);
  assert.equal(s.persistenceIds, undefined);
  assert.deepEqual(s.filter, { fromSequenceNr: 0, toSequenceNr: Infinity, fromMs: -Infinity, toMs: Infinity });
  assert.equal(s.limit, Infinity);
  assert.equal(s.concurrency, eventTableDefaults.concurrency);
  assert.equal(s.pageSize, eventTableDefaults.pageSize);
  assert.equal(s.retries, Infinity);
  assert.equal(s.lazyJson, true);
  assert.equal(s.keepDuplicates, false);
  assert.equal(s.splits, 0);
  assert.equal(s.partitionSize, 0);
});

test('eventTable options: given values kept; flatten or eager decode turn lazy JSON off', () => {
  const s = maybeEventTableOptions({ keyspace: 'k', table: 't', persistenceIds: ['a', 'a', 'b'], fromSequenceNr: 3, toSequenceNr: 9,
    from: new Date(1000), to: '1970-01-01T00:00:02Z', limit: 5, duplicates: 'keep', partitionSize: 10 }, 'akka');
  assert.deepEqual(s.persistenceIds, ['a', 'b']);
  assert.deepEqual(s.filter, { fromSequenceNr: 3, toSequenceNr: 9, fromMs: 1000, toMs: 2000 });
  assert.equal(s.keepDuplicates, true);
  assert.equal(s.partitionSize, 10);
  assert.equal(maybeEventTableOptions({ flatten: true }, 'akka').lazyJson, false);
  assert.equal(maybeEventTableOptions({ decode: 'eager' }, 'akka').lazyJson, false);
  assert.equal(maybeEventTableOptions({ splits: 64 }, 'akka').splits, 64);
});

test('eventTable options: a wrong value is an OptionError naming the option', () => {
  const wrong: Array<[Record<string, unknown>, string]> = [
    [{ keyspace: '' }, 'keyspace'], [{ limit: 0 }, 'limit'], [{ from: 'not a date' }, 'from'],
    [{ decode: 'sometimes' }, 'decode'], [{ duplicates: 'oldest' }, 'duplicates'], [{ splits: 1.5 }, 'splits'],
    [{ persistenceIds: ['a'], partitionSize: -1 }, 'partitionSize'], [{ persistenceIds: [1] }, 'persistenceIds'],
  ];
  for (const [options, name] of wrong) {
    assert.throws(() => maybeEventTableOptions(options, 'akka'), (e: unknown) => e instanceof OptionError && e.message.includes(name), name);
  }
});
