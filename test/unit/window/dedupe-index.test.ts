import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDedupeIndex } from '../../../src/window/dedupe-index.js';

test('dedupe index: runs, gaps, reordering and removal agree with a plain set of pairs', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const index = createDedupeIndex();
  const reference = new Set<string>();
  const held: [string, number][] = [];
  for (let step = 0; step < 60_000; step++) {
    const r = random();
    if (r < 0.6 || held.length === 0) {
      const id = `id-${Math.floor(random() * 20)}`;
      // mostly the next number of the id, sometimes a redelivery, a gap, an earlier one or a fraction
      const near = held.filter(([i]) => i === id).map(([, s]) => s);
      const top = near.length === 0 ? 0 : Math.max(...near);
      const k = random();
      const seq = k < 0.7 ? top + 1 : k < 0.8 ? top : k < 0.9 ? top + 2 + Math.floor(random() * 5) : k < 0.97 ? Math.max(0, top - Math.floor(random() * 6)) : top + 0.5;
      const key = `${id}/${seq}`;
      const added = index.add(id, seq);
      assert.equal(added, !reference.has(key), `add ${key}`);
      if (added) {
        reference.add(key);
        held.push([id, seq]);
      }
    } else {
      // mostly the oldest first, as a window evicts; sometimes one from the middle
      const at = random() < 0.8 ? 0 : Math.floor(random() * held.length);
      const [id, seq] = held.splice(at, 1)[0]!;
      index.remove(id, seq);
      reference.delete(`${id}/${seq}`);
      // removing what is absent changes nothing
      index.remove(id, seq + 0.25);
    }
    const ids = new Set(held.map(([id]) => id)).size;
    assert.equal(index.ids, ids);
  }
  for (const key of reference) {
    const [id, seq] = key.split('/');
    assert.equal(index.add(id!, Number(seq)), false, `still held: ${key}`);
  }
});

test('dedupe index: an in-order id keeps one run and leaves when its last number does', () => {
  const index = createDedupeIndex();
  for (let s = 1; s <= 1000; s++) assert.equal(index.add('cart-1', s), true);
  assert.equal(index.add('cart-1', 500), false);
  assert.equal(index.add('cart-1', 1000), false);
  for (let s = 1; s <= 999; s++) index.remove('cart-1', s);
  assert.equal(index.ids, 1);
  assert.equal(index.add('cart-1', 999), true);
  index.remove('cart-1', 999);
  index.remove('cart-1', 1000);
  assert.equal(index.ids, 0);
  assert.equal(index.add('cart-1', 2.5), true);
  assert.equal(index.add('cart-1', 3.5), true);
  assert.equal(index.add('cart-1', 3), true);
  assert.equal(index.add('cart-1', 3), false);
});
