import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { rawBatchesFromArrow } from '../../../src/spark/raw-batches-from-arrow.js';
import { cancelAllOperations, trackOperation } from '../../../src/spark/running-operations.js';


function rowsStream(from: number, n: number): Uint8Array {
  const seq = Array.from({ length: n }, (_, i) => from + i);
  return tableToIPC(tableFromArrays({
    persistence_id: seq.map((s) => `p-${s % 2}`),
    partition_nr: BigInt64Array.from(seq, () => 0n),
    sequence_nr: BigInt64Array.from(seq, (s) => BigInt(s)),
    ms: BigInt64Array.from(seq, (s) => BigInt(1_700_000_000_000 + s)),
    ser_id: Int32Array.from(seq, () => 31),
    ser_manifest: seq.map(() => 'x.Added'),
    event: seq.map((s) => new TextEncoder().encode(`{"n":${s}}`)),
    writer_uuid: seq.map(() => 'w-1'),
    tags: seq.map((s) => (s % 3 === 0 ? ['a', 'b'] : [])),
  }), { format: 'stream' })!;
}

test('rows of every batch become RawEventBatches of the asked size, payloads as Buffers', () => {
  const batches = [...rawBatchesFromArrow([rowsStream(1, 5), rowsStream(6, 4)], 4)];
  assert.deepEqual(batches.map((b) => b.length), [4, 4, 1]);
  const all = batches.flatMap((b) => Array.from(b.sequenceNr));
  assert.deepEqual(all, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const b = batches[0]!;
  assert.equal(b.persistenceId[0], 'p-1');
  assert.equal(b.timestampMs[0], 1_700_000_000_001);
  assert.equal(b.serializerId[0], 31);
  assert.equal(b.manifest[0], 'x.Added');
  assert.ok(Buffer.isBuffer(b.payload[0]));
  assert.equal(b.payload[0]!.toString(), '{"n":1}');
  assert.equal(b.tags[0], null, 'an empty tag set reads as null, as from the Node driver');
  assert.deepEqual(b.tags[2], ['a', 'b']);
  assert.equal(batches[0]!.tags[2], batches[1]!.tags[1], 'tag sets are shared');
});

test('cancelAllOperations cancels what is tracked, and untracked ones no more', () => {
  const cancelled: string[] = [];
  const untrack = trackOperation(() => cancelled.push('a'));
  trackOperation(() => cancelled.push('b'));
  untrack();
  cancelAllOperations();
  assert.deepEqual(cancelled, ['b']);
  cancelAllOperations();
  assert.deepEqual(cancelled, ['b']);
});
