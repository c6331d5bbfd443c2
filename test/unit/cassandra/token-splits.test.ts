import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MURMUR3_MAX, MURMUR3_MIN, tokenSplits } from '../../../src/cassandra/token-splits.js';

function assertCoversRing(splits: { start: bigint; end: bigint }[]): void {
  assert.equal(splits[0]!.start, MURMUR3_MIN);
  assert.equal(splits[splits.length - 1]!.end, MURMUR3_MAX);
  for (let i = 0; i < splits.length; i++) {
    assert.ok(splits[i]!.end > splits[i]!.start, `split ${i} is not empty`);
    if (i > 0) assert.equal(splits[i]!.start, splits[i - 1]!.end, `split ${i} starts where ${i - 1} ends`);
  }
}

test('splits cover the whole ring contiguously with no ring tokens', () => {
  const splits = tokenSplits([], 32);
  assert.equal(splits.length, 32);
  assertCoversRing(splits);
});

test('splits respect ring boundaries, whatever their order', () => {
  const ring = [5000n, -7000000000000000000n, 123456789n, 9000000000000000000n];
  const splits = tokenSplits(ring, 10);
  assertCoversRing(splits);
  for (const token of ring) assert.ok(splits.some((s) => s.end === token), `a split ends at ring token ${token}`);
  assert.ok(splits.length >= 10);
});

test('a tiny range is not split below one token', () => {
  const splits = tokenSplits([MURMUR3_MIN + 2n], 64);
  assertCoversRing(splits);
  assert.ok(splits.filter((s) => s.end <= MURMUR3_MIN + 2n).length <= 2);
});
