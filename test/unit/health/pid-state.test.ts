// The columnar health state (src/health/pid-state.ts, pid-index.ts, growable-column.ts): ids and
// slots past the first growth, duplicates whose rows straddle pages, writers kept per slot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRawBatch, pushRow } from '../../../src/cassandra/raw-batch.js';
import { forksFromStates } from '../../../src/health/forks.js';
import { gapsFromStates } from '../../../src/health/gaps.js';
import { growableColumn, withCapacity } from '../../../src/health/growable-column.js';
import { PidIndex } from '../../../src/health/pid-index.js';
import { liveRuns } from '../../../src/health/pid-state.js';
import { partitionHolesFromStates } from '../../../src/health/partition-holes.js';
import { createSequenceTracker } from '../../../src/health/sequence-tracker.js';
import type { RawEventBatch } from '../../../src/types.js';

type Row = { pid: string; part?: number; seq: number; writer?: string; ms?: number };

function batchOf(rows: Row[]): RawEventBatch {
  const batch = createRawBatch(rows.length);
  for (const r of rows) pushRow(batch, r.pid, r.part ?? 0, r.seq, r.ms ?? 1000 + r.seq, 31, 'M', null, r.writer ?? 'w1', null);
  return batch;
}

test('growable columns keep their values when they grow', () => {
  let a = growableColumn(Float64Array, 4);
  a.set([1, 2, 3, 4]);
  a = withCapacity(a, 4096);
  assert.equal(a.length, 4096);
  assert.deepEqual(Array.from(a.subarray(0, 5)), [1, 2, 3, 4, 0]);
  const plain = withCapacity(new Int32Array([7, 8]), 3);
  assert.deepEqual(Array.from(plain), [7, 8, 0]);
});

test('the id index finds every id after many rehashes, and nothing else', () => {
  const pids: string[] = [];
  const index = new PidIndex(pids);
  for (let i = 0; i < 20_000; i++) {
    pids.push(`Cart|${i}`);
    index.add(i);
  }
  for (let i = 0; i < 20_000; i += 997) assert.equal(index.find(`Cart|${i}`), i);
  assert.equal(index.find('Cart|20000'), -1);
  assert.equal(index.find(''), -1);
});

test('thousands of ids over two partitions each: state grows past its first capacity, checks see every id', () => {
  const t = createSequenceTracker(new Map([['id-7', 2]]), false);
  const n = 5000;
  // partition 1 of every id first, then partition 0, in pages of 1000 rows
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push({ pid: `id-${i}`, part: 1, seq: 6 }, { pid: `id-${i}`, part: 1, seq: 7 });
  for (let i = 0; i < n; i++) for (let seq = 1; seq <= 5; seq++) if (!(i === 42 && seq === 3)) rows.push({ pid: `id-${i}`, part: 0, seq });
  for (let at = 0; at < rows.length; at += 1000) t.add(batchOf(rows.slice(at, at + 1000)));
  const { states, duplicates } = t.finish();
  assert.equal(states.size, n);
  assert.equal(duplicates.sequenceNr.length, 0);
  assert.deepEqual([...states.keys()].slice(0, 3), ['id-0', 'id-1', 'id-10']);
  assert.deepEqual(gapsFromStates(states, true), { persistenceId: ['id-42'], fromSequenceNr: [3], toSequenceNr: [3], missing: [1] });
  assert.deepEqual(liveRuns(states, states.indexOf('id-7')), [3, 7]);
  assert.equal(states.get('id-7')!.deletedTo, 2);
  assert.equal(partitionHolesFromStates(states, 5, true).persistenceId.length, 0);
});

test('a repeated sequence number whose rows straddle pages: every row reported once, with its writer and time', () => {
  const t = createSequenceTracker(new Map(), false);
  t.add(batchOf([{ pid: 'a', seq: 1 }, { pid: 'a', seq: 2, writer: 'w1', ms: 5 }]));
  t.add(batchOf([{ pid: 'b', seq: 1 }]));
  t.add(batchOf([{ pid: 'a', seq: 2, writer: 'w2', ms: 6 }, { pid: 'a', seq: 2, writer: 'w1', ms: 7 }, { pid: 'a', seq: 3, writer: 'w2' }]));
  t.add(batchOf([{ pid: 'a', seq: 3, writer: 'w3', ms: 9 }]));
  const { duplicates, states } = t.finish();
  assert.deepEqual(duplicates, {
    persistenceId: ['a', 'a', 'a', 'a', 'a'], sequenceNr: [2, 2, 2, 3, 3], partition: [0, 0, 0, 0, 0],
    writerUuid: ['w1', 'w2', 'w1', 'w2', 'w3'], timestampMs: [5, 6, 7, 1003, 9],
  });
  // w2 wrote 2 and 3 inside w1's range (w1 wrote 1–2): a fork; w3 repeated 3
  const forks = forksFromStates(states);
  assert.deepEqual(forks.secondWriter, ['w2', 'w3']);
  assert.deepEqual(forks.forkSequenceNr, [2, 3]);
});

test('writer ids: canonical UUID text packs into four Int32s and back; any other text does not pack', async () => {
  const { packUuid, samePackedUuid, uuidFromBits } = await import('../../../src/health/writer-bits.js');
  const bits = new Int32Array(8);
  const scratch = new Int32Array(4);
  for (const uuid of ['5f6188a0-1c15-4e0d-bfd4-011d50576215', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-000000000000']) {
    assert.equal(packUuid(uuid, bits, 4), true);
    assert.equal(uuidFromBits(bits, 4), uuid);
    assert.equal(samePackedUuid(uuid, bits, 4, scratch), true);
  }
  assert.equal(samePackedUuid('00000000-0000-0000-0000-000000000001', bits, 4, scratch), false);
  for (const text of ['', 'w1', '5F6188A0-1C15-4E0D-BFD4-011D50576215', '5f6188a0x1c15-4e0d-bfd4-011d50576215', '5f6188a0-1c15-4e0d-bfd4-011d5057621g']) {
    assert.equal(packUuid(text, bits, 0), false, text);
  }
  // through the tracker: UUID, upper-case and empty writers come back as written
  const t = createSequenceTracker(new Map(), false);
  const upper = '5F6188A0-1C15-4E0D-BFD4-011D50576215';
  t.add(batchOf([{ pid: 'u', seq: 1, writer: '04db1018-6881-4b78-afd2-a385f54a19c5' }, { pid: 'u', seq: 1, writer: upper },
    { pid: 'e', seq: 1, writer: '' }, { pid: 'e', seq: 1, writer: '' }]));
  assert.deepEqual(t.finish().duplicates.writerUuid, ['04db1018-6881-4b78-afd2-a385f54a19c5', upper, '', '']);
});

test('further writers of a partition are columnar spans: packed UUIDs, text and empty ids; forks only where spans overlap', () => {
  const a = '04db1018-6881-4b78-afd2-a385f54a19c5';
  const b = '5f6188a0-1c15-4e0d-bfd4-011d50576215';
  const c = '6a1c3f9e-2222-4e0d-8000-000000000003';
  const t = createSequenceTracker(new Map(), false);
  // 'seq': three incarnations one after the other (no fork); 'fork': b starts inside a's range, then a again
  t.add(batchOf([
    { pid: 'seq', seq: 1, writer: a }, { pid: 'seq', seq: 2, writer: a }, { pid: 'seq', seq: 3, writer: b }, { pid: 'seq', seq: 4, writer: 'Text-Writer' },
    { pid: 'seq', seq: 5, writer: '' }, { pid: 'seq', seq: 6, writer: c },
    { pid: 'fork', seq: 1, writer: a }, { pid: 'fork', seq: 2, writer: a }, { pid: 'fork', seq: 3, writer: a },
    { pid: 'fork', seq: 2, writer: b }, { pid: 'fork', seq: 4, writer: b },
  ]));
  t.add(batchOf([{ pid: 'fork', seq: 4, writer: a }, { pid: 'fork', seq: 5, writer: b }]));
  const { states, duplicates } = t.finish();
  const slot = states.firstSlot[states.indexOf('seq')]!;
  assert.deepEqual(states.writersOf(slot), [
    { writer: a, first: 1, last: 2, count: 2 }, { writer: b, first: 3, last: 3, count: 1 }, { writer: 'Text-Writer', first: 4, last: 4, count: 1 },
    { writer: '', first: 5, last: 5, count: 1 }, { writer: c, first: 6, last: 6, count: 1 },
  ]);
  assert.equal(states.lastWriter(slot), c);
  const forks = forksFromStates(states);
  assert.deepEqual(forks.persistenceId, ['fork']);
  assert.deepEqual([forks.firstWriter[0], forks.secondWriter[0], forks.forkSequenceNr[0], forks.firstWriterEvents[0], forks.secondWriterEvents[0]], [a, b, 2, 4, 3]);
  // the duplicate rows of 'fork' name each row's own writer, also across the page boundary (seq 4: b, then a)
  assert.deepEqual(duplicates.sequenceNr, [4, 4]);
  assert.deepEqual(duplicates.writerUuid, [b, a]);
});
