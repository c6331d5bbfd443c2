import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { tableFromArrowBatches } from '../../../src/spark/table-from-arrow-batches.js';

// Spark Connect sends one IPC stream per batch; a stream per batch is what these build.
function stream(from: number, n: number, big = false): Uint8Array {
  const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt(from + i) * (big ? 9007199254740993n : 1n));
  return tableToIPC(tableFromArrays({ id: ids, name: Array.from({ length: n }, (_, i) => `row ${from + i}`) }), { format: 'stream' })!;
}

test('every batch of every stream becomes one table (concatenated bytes would keep the first only)', () => {
  const t = tableFromArrowBatches([stream(0, 3), stream(3, 2), stream(5, 4)]);
  assert.equal(t.numRows(), 9);
  assert.deepEqual(Array.from(t.array('id') as ArrayLike<number>), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(t.get('name', 8), 'row 8');
});

test('int64 within ±2^53 become numbers; beyond, the column stays exact BigInt', () => {
  assert.equal(typeof tableFromArrowBatches([stream(0, 2)]).get('id', 1), 'number');
  const t = tableFromArrowBatches([stream(0, 2, true), stream(2, 1, true)]);
  assert.equal(t.get('id', 1), 9007199254740993n);
  assert.equal(t.get('id', 2), 18014398509481986n);
});

test('unaligned batch bytes (slices of a larger message) are read', () => {
  const bytes = stream(0, 3);
  const host = new Uint8Array(bytes.length + 3);
  host.set(bytes, 3);
  assert.equal(tableFromArrowBatches([host.subarray(3)]).numRows(), 3);
});

test('no batches: an empty table', () => {
  assert.equal(tableFromArrowBatches([]).numRows(), 0);
});
