import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';
import { planWrittenSince } from '../../../src/snapshot/written-since-plan.js';
import type { WrittenKeys } from '../../../src/snapshot/scan-written-since.js';

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
const writtenOf = (rows: Array<[string, number, number, number]>): WrittenKeys => ({
  persistenceIds: rows.map((r) => r[0]), partitions: rows.map((r) => r[1]), sequenceNrs: rows.map((r) => r[2]), timestampsMs: rows.map((r) => r[3]),
});

test('written-since plan: rows already held are no change; appends, newer duplicates, new ids, vanished ids and deletes', () => {
  const snap = snapshotOf([
    ['a', 0, 1, 10], ['a', 0, 2, 20], ['a', 0, 3, 30],   // 0-2: unchanged, seq 3 within the margin (returned by the scan)
    ['b', 0, 1, 10], ['b', 0, 2, 20], ['b', 1, 3, 30],   // 3-5: appended to in partition 2
    ['c', 0, 1, 10], ['c', 0, 2, 20], ['c', 1, 3, 30],   // 6-8: seq 2 rewritten by a newer writer
    ['d', 0, 1, 10], ['d', 1, 2, 20],                     // 9-10: vanished (deleteAllEvents)
    ['e', 0, 1, 10], ['e', 0, 2, 20], ['e', 0, 3, 30],   // 11-13: deleted to 2
  ]);
  const written = writtenOf([
    ['a', 0, 3, 30],
    ['b', 2, 4, 40], ['b', 2, 5, 50],
    ['c', 0, 2, 25],
    ['f', 3, 7, 70], ['f', 3, 8, 80],
    ['x', 0, 1, 90],                                      // not selected by persistenceIds
    ['e', 0, 3, 29],                                      // an older duplicate of a row the snapshot holds
  ]);
  const { keep, reads, direct, dropped } = planWrittenSince(snap, written, new Map([['e', 2]]), new Set(['d']), new Set(['a', 'b', 'c', 'd', 'e', 'f']));
  assert.deepEqual([...keep], [0, 1, 2, 3, 4, 5, 6, 13]);
  assert.equal(dropped, 6);
  // b's appends (above its last snapshot row) and the new id f come from the scan as they stand;
  // c (rewritten below its last row) and d (vanished) are re-read.
  assert.deepEqual(reads.map((r) => `${r.persistenceId}/${r.partition}@${r.fromSequenceNr}`).sort(),
    ['c/0@2', 'c/1@2', 'd/0@0', 'd/1@0']);
  assert.deepEqual([...direct], [1, 2, 4, 5]);
  // With duplicates kept, the older duplicate is a row to read.
  const keepAll = planWrittenSince(snap, written, new Map([['e', 2]]), new Set(['d']), null, true);
  assert.ok(keepAll.reads.some((r) => r.persistenceId === 'e' && r.fromSequenceNr === 3));
});

test('written-since plan: scan rows taken as they stand come in key order, duplicates oldest first; a vanished id written again is re-read', () => {
  const snap = snapshotOf([['a', 0, 1, 10], ['a', 0, 2, 20], ['v', 0, 1, 10], ['v', 0, 2, 20]]);
  const written = writtenOf([
    ['n', 1, 12, 95], ['a', 1, 4, 60], ['n', 1, 11, 90], ['a', 0, 3, 50], ['a', 0, 3, 40], ['a', 0, 2, 20],
    ['v', 0, 1, 70],                                      // v: deleteAllEvents with reset, then written again from 1
  ]);
  const { keep, reads, direct } = planWrittenSince(snap, written, new Map(), new Set(['v']), null);
  assert.deepEqual([...keep], [0, 1]);
  assert.deepEqual([...direct], [4, 3, 1, 2, 0]);         // a/0/3 at 40 then 50 (the newest last), a/1/4, n/1/11, n/1/12
  assert.deepEqual(reads.map((r) => `${r.persistenceId}/${r.partition}@${r.fromSequenceNr}`), ['v/0@0']);
  // Rows the scan let go (too many to keep): the same changes, all re-read.
  const letGo = planWrittenSince(snap, { ...written, rows: null }, new Map(), new Set(['v']), null);
  assert.deepEqual([...letGo.direct], []);
  assert.deepEqual(letGo.reads.map((r) => `${r.persistenceId}/${r.partition}@${r.fromSequenceNr}`).sort(), ['a/0@3', 'a/1@3', 'n/1@11', 'v/0@0']);
  // An id rewritten below its last snapshot row is re-read, not taken from the scan.
  const rewritten = planWrittenSince(snap, writtenOf([['a', 0, 1, 11], ['a', 0, 3, 50]]), new Map(), new Set(), null);
  assert.deepEqual([...rewritten.direct], []);
  assert.deepEqual(rewritten.reads.map((r) => `${r.persistenceId}/${r.partition}@${r.fromSequenceNr}`), ['a/0@1']);
});
