// Fault: walks over decoded values that do not notice shared references. A Java payload of 1 MB can
// hold an array of 50 000 references to one array of 50 000 references: the load's string
// interning then visited 2.5·10^9 values (a hang), and flattening events with many distinct
// keys allocated keys × rows slots. Both are bounded now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as aq from 'arquero';
import { internEventStrings, type StringPool } from '../../../src/table/intern-strings.js';
import { flattenDefaults, flattenEvents } from '../../../src/table/flatten-events.js';
import { hashMapWithSharedKeys, sharedArrays } from './java-stream.js';
import { viaCassandra } from './paths.js';

test('shared references walk: interning a Java graph of shared arrays stops after a bounded number of visits', { timeout: 20_000 }, () => {
  const row = viaCassandra(1, '', sharedArrays(50_000));
  assert.equal(row.error, null);
  const event = row.event as string[][];
  assert.equal(event.length, 50_000);
  assert.equal(event[0], event[49_999]);
  const pool: StringPool = new Map();
  internEventStrings([event], 1, pool);
  assert.equal(pool.get('s'), 's');
});

test('shared references walk: flattening events with thousands of distinct keys makes at most maxColumns columns', { timeout: 20_000 }, () => {
  const events = Array.from({ length: 2000 }, (_, i) => ({ [`a${i}`]: 1, [`b${i}`]: 2, common: i }));
  const flat = flattenEvents(aq.table({ event: events }));
  assert.equal(flat.numCols(), 1 + flattenDefaults.maxColumns);
  assert.equal(flat.get('common', 1999), 1999);
  assert.equal(flat.get('a0', 0), 1);
});

test('shared references walk: a Java HashMap whose 50 000 keys wrap one shared 50 000-wide array decodes at once', { timeout: 20_000 }, () => {
  const row = viaCassandra(1, '', hashMapWithSharedKeys(50_000, 50_000));
  assert.equal(row.error, null);
  const keys = Object.keys(row.event as object);
  assert.equal(keys.length, 1, 'every key is the same wrapper text');
  assert.ok(keys[0]!.startsWith('[["s","s",') && keys[0]!.length <= 1001 + 1);
});
