import assert from 'node:assert/strict';
import { test } from 'node:test';
import { internString, MAX_POOL_STRINGS, type StringPool } from '../../../src/util/string-pool.js';
import { internEventStrings } from '../../../src/table/intern-strings.js';

// Strings made apart from each other, so identity (not equality) shows which copy came back.
const fresh = (s: string): string => [...s].join('');

test('internString returns the first copy of each distinct string', () => {
  const pool: StringPool = new Map();
  const first = fresh('com.example.ItemAdded');
  assert.equal(internString(pool, first), first);
  const again = fresh('com.example.ItemAdded');
  assert.equal(internString(pool, again), first);
  assert.equal(pool.size, 1);
  assert.equal(internString(pool, ''), '');
  assert.equal(pool.size, 2);
});

test('internString stops growing at its bound and still returns every string', () => {
  const pool: StringPool = new Map();
  for (let i = 0; i < 10; i++) internString(pool, `s${i}`, 4);
  assert.equal(pool.size, 4);
  assert.equal(internString(pool, 's9', 4), 's9');
  assert.equal(pool.size, 4);
  assert.equal(MAX_POOL_STRINGS, 100_000);
});

test('internEventStrings shares short values through the same pool, and leaves long ones', () => {
  const pool: StringPool = new Map();
  const long = 'x'.repeat(65);
  const events: unknown[] = [{ currency: fresh('EUR'), note: long }, { currency: fresh('EUR'), nested: { c: fresh('EUR') } }];
  internEventStrings(events, events.length, pool);
  const [a, b] = events as { currency: string; nested?: { c: string } }[];
  assert.ok(pool.has('EUR'));
  assert.equal(pool.get('EUR'), a!.currency);
  assert.equal(pool.has(long), false);
  assert.equal(b!.nested!.c, 'EUR');
});
