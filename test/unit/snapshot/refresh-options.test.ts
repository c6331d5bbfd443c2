import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OptionError } from '../../../src/errors.js';
import { maybeRefreshOptions } from '../../../src/snapshot/refresh-options.js';

test('refresh: true, false, undefined and { method, clockSkewSeconds } normalise; anything else is an OptionError naming the value', () => {
  assert.deepEqual(maybeRefreshOptions(undefined), { refresh: true, method: 'written-since', clockSkewMs: 60_000 });
  assert.deepEqual(maybeRefreshOptions(false), { refresh: false, method: 'written-since', clockSkewMs: 60_000 });
  assert.deepEqual(maybeRefreshOptions({ method: 'key-scan' }), { refresh: true, method: 'key-scan', clockSkewMs: 60_000 });
  assert.deepEqual(maybeRefreshOptions({ clockSkewSeconds: 0 }), { refresh: true, method: 'written-since', clockSkewMs: 0 });
  for (const [value, pattern] of [
    ['yes', /refresh must be true, false or \{ method, clockSkewSeconds \}, got "yes"/],
    [{ clockSkewSeconds: Infinity }, /clockSkewSeconds must be a number of seconds ≥ 0/],
    [{ method: 'tail' }, /refresh.method must be 'written-since' or 'key-scan', got "tail"/],
    [{ margin: 5 }, /refresh has no option 'margin'/],
  ] as const) {
    assert.throws(() => maybeRefreshOptions(value), (e: unknown) => e instanceof OptionError && e.option === 'refresh' && pattern.test(e.message));
  }
});
