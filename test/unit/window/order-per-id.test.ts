import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderPerId } from '../../../src/window/order-per-id.js';
import { createDedupeIndex } from '../../../src/window/dedupe-index.js';

test('ordered input needs no permutation', () => {
  assert.equal(orderPerId(['a', 'b', 'a', 'b'], new Float64Array([1, 1, 2, 2]), 4), null);
  assert.equal(orderPerId([], new Float64Array(0), 0), null);
});

test('each id refills its own slots in sequence order', () => {
  const ids = ['a', 'b', 'a', 'b', 'a'];
  const seqs = new Float64Array([5, 2, 4, 1, 6]);
  const perm = orderPerId(ids, seqs, 5)!;
  assert.deepEqual(Array.from(perm, (i) => `${ids[i]}${seqs[i]}`), ['a4', 'b1', 'a5', 'b2', 'a6']);
});

test('rows without a sequence number keep their place', () => {
  const ids = ['a', '', 'a'];
  const perm = orderPerId(ids, new Float64Array([2, NaN, 1]), 3)!;
  assert.deepEqual(Array.from(perm), [2, 1, 0]);
});

test('dedupe index: numbers inline, sets from the second pair', () => {
  const seen = createDedupeIndex();
  assert.equal(seen.add('a', 1), true);
  assert.equal(seen.add('a', 1), false);
  assert.equal(seen.add('a', 2), true);
  assert.equal(seen.add('a', 2), false);
  seen.remove('a', 1);
  assert.equal(seen.add('a', 1), true);
  seen.remove('a', 1);
  seen.remove('a', 2);
  assert.equal(seen.ids, 0);
  seen.remove('missing', 1);
  assert.equal(seen.add('b', 7), true);
  seen.remove('b', 8);
  assert.equal(seen.ids, 1);
  seen.remove('b', 7);
  assert.equal(seen.ids, 0);
});
