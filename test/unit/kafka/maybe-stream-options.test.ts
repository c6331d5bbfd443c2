import assert from 'node:assert/strict';
import test from 'node:test';
import { OptionError } from '../../../src/errors.js';
import { maybeKeyFilter, maybeStreamOptions } from '../../../src/kafka/maybe-stream-options.js';

test('stream options: defaults filled in', () => {
  const s = maybeStreamOptions({ topics: 'events' });
  assert.deepEqual(s.topics, ['events']);
  assert.equal(s.intervalMs, 1000);
  assert.equal(s.groupId, undefined);
  assert.equal(s.commit, false);
  assert.equal(s.keyFilter, undefined);
  assert.equal(s.format, 'akka');
  assert.equal(s.lazyJson, true);
  assert.equal(maybeStreamOptions({ topics: ['a'], decode: 'eager' }).lazyJson, false);
  assert.deepEqual(maybeStreamOptions({ topics: ['a'], format: 'json', sequenceNrField: 'seq' }).json.sequenceNrField, 'seq');
});

test('stream options: a wrong value is an OptionError naming the option', () => {
  const wrong: Array<[unknown, string]> = [
    [null, 'topics'], [{ topics: [] }, 'topics'], [{ topics: 'a', interval: 10 }, 'interval'], [{ topics: 'a', groupId: '' }, 'groupId'],
    [{ topics: 'a', commit: true }, 'commit'], [{ topics: 'a', format: 'xml' }, 'format'], [{ topics: 'a', sequenceNrField: 'seq' }, 'sequenceNrField'],
    [{ topics: 'a', decode: 'later' }, 'decode'], [{ topics: 'a', key: [1] }, 'key'],
  ];
  for (const [options, name] of wrong) {
    assert.throws(() => maybeStreamOptions(options as never), (e: unknown) => e instanceof OptionError && e.option === name, name);
  }
});

test('key filters: string, list, RegExp, function; null keys never match a string', () => {
  assert.equal(maybeKeyFilter('a')!(Buffer.from('a')), true);
  assert.equal(maybeKeyFilter(['a', 'b'])!(Buffer.from('c')), false);
  assert.equal(maybeKeyFilter(/^cart-/)!(Buffer.from('cart-1')), true);
  assert.equal(maybeKeyFilter('a')!(null), false);
  assert.equal(maybeKeyFilter((k: string | null) => k === null)!(null), true);
});
