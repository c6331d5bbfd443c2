import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyOrder, takeRows } from '../../../src/snapshot/column-ops.js';
import { appendRows } from './merge-reference.js';
import { createRefreshPlan } from '../../../src/snapshot/refresh-plan.js';
import type { SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';

/** A key-only snapshot of (id, partition, seq, ms) rows. */
function snapshotOf(rows: Array<[string, number, number, number]>): SnapshotColumns {
  const values = [...new Set(rows.map((r) => r[0]))];
  return {
    rows: rows.length, names: ['persistenceId', 'partition', 'sequenceNr', 'timestamp'],
    columns: {
      persistenceId: { kind: 'dictionary', codes: Int32Array.from(rows.map((r) => values.indexOf(r[0]))), values },
      partition: { kind: 'int64', values: Float64Array.from(rows.map((r) => r[1])) },
      sequenceNr: { kind: 'int64', values: Float64Array.from(rows.map((r) => r[2])) },
      timestamp: { kind: 'timestamp', values: Float64Array.from(rows.map((r) => r[3])) },
    },
  };
}
const group = (persistenceId: string, partition: number, keys: Array<[number, number]>) => ({
  persistenceId, partition, length: keys.length,
  sequenceNr: Float64Array.from(keys.map((k) => k[0])), timestampMs: Float64Array.from(keys.map((k) => k[1])),
});

test('the plan keeps unchanged partitions, re-reads from the first difference, drops vanished and deleted rows', () => {
  const snap = snapshotOf([
    ['a', 0, 1, 10], ['a', 0, 2, 20], ['a', 0, 3, 30],   // unchanged
    ['b', 0, 1, 10], ['b', 0, 2, 20],                     // appended to
    ['c', 0, 1, 10], ['c', 0, 2, 20], ['c', 0, 3, 30],   // seq 2 rewritten by a newer writer
    ['d', 0, 1, 10],                                      // partition gone
    ['e', 0, 1, 10], ['e', 0, 2, 20], ['e', 0, 3, 30],   // logically deleted to 2 (the scan skips 1, 2)
  ]);
  const plan = createRefreshPlan(snap, new Map([['e', 2]]));
  plan.onGroup(group('a', 0, [[1, 10], [2, 20], [3, 30]]));
  plan.onGroup(group('b', 0, [[1, 10], [2, 20], [3, 35]]));
  plan.onGroup(group('c', 0, [[1, 10], [2, 25], [3, 30]]));
  plan.onGroup(group('e', 0, [[3, 30]]));
  plan.onGroup(group('f', 1, [[7, 70]]));                  // a new id
  const { keep, reads, dropped } = plan.finish();
  assert.deepEqual([...keep], [0, 1, 2, 3, 4, 5, 11]);
  assert.deepEqual(reads, [
    { persistenceId: 'b', partition: 0, fromSequenceNr: 3 },
    { persistenceId: 'c', partition: 0, fromSequenceNr: 2 },
    { persistenceId: 'f', partition: 1, fromSequenceNr: 7 },
  ]);
  assert.equal(dropped, 5);
});

test('keyOrder sorts by id, partition, sequence number, time; a sorted prefix is merged with the rest', () => {
  const kept = snapshotOf([['a', 0, 1, 1], ['a', 0, 3, 3], ['b', 1, 1, 1], ['c', 0, 5, 5]]);
  const fresh = snapshotOf([['b', 0, 9, 9], ['a', 0, 2, 2], ['d', 0, 1, 1], ['a', 0, 4, 4]]);
  const merged = appendRows(kept, fresh);
  const full = keyOrder(merged);
  assert.deepEqual([...keyOrder(merged, kept.rows)], [...full]);
  const sorted = takeRows(merged, full);
  const pid = sorted.columns['persistenceId'] as unknown as { codes: Int32Array; values: string[] };
  const seq = sorted.columns['sequenceNr'] as { values: Float64Array };
  assert.deepEqual([...pid.codes].map((c) => pid.values[c]), ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'd']);
  assert.deepEqual([...seq.values], [1, 2, 3, 4, 9, 1, 5, 1]);
});
