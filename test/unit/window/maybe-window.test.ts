import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maybeWindow, defaults } from '../../../src/window/maybe-window.js';
import { OptionError } from '../../../src/errors.js';

test('no window means 60 s with the row cap', () => {
  assert.deepEqual(maybeWindow(undefined), { windowMs: 60_000, maxEvents: defaults.maxEvents });
  assert.deepEqual(maybeWindow({}), { windowMs: 60_000, maxEvents: defaults.maxEvents });
});

test('time, count and both', () => {
  assert.deepEqual(maybeWindow({ seconds: 2.5 }), { windowMs: 2500, maxEvents: defaults.maxEvents });
  assert.deepEqual(maybeWindow({ events: 10 }), { windowMs: Infinity, maxEvents: 10 });
  assert.deepEqual(maybeWindow({ seconds: 1, events: 10 }), { windowMs: 1000, maxEvents: 10 });
});

test('bad values throw an OptionError naming the option', () => {
  for (const [bad, option] of [
    [{ seconds: 0 }, 'window.seconds'], [{ seconds: -1 }, 'window.seconds'], [{ seconds: Infinity }, 'window.seconds'],
    [{ events: 1.5 }, 'window.events'], [{ events: 0 }, 'window.events'], [5, 'window'],
  ] as const) {
    assert.throws(() => maybeWindow(bad as never), (e: unknown) => e instanceof OptionError && e.option === option);
  }
});
