import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushRow, createRawBatch } from '../../../src/cassandra/raw-batch.js';
import { forksFromStates } from '../../../src/health/forks.js';
import { gapsFromStates } from '../../../src/health/gaps.js';
import { partitionHolesFromStates } from '../../../src/health/partition-holes.js';
import { mergeRuns } from '../../../src/health/pid-state.js';
import { createSequenceTracker } from '../../../src/health/sequence-tracker.js';
import type { RawEventBatch } from '../../../src/types.js';

type Row = { pid: string; part?: number; seq: number; writer?: string; ms?: number; tags?: string[] };

function batchOf(rows: Row[]): RawEventBatch {
  const batch = createRawBatch(rows.length);
  for (const r of rows) pushRow(batch, r.pid, r.part ?? 0, r.seq, r.ms ?? 1000 + r.seq, 31, 'M', null, r.writer ?? 'w1', r.tags ?? null);
  return batch;
}

const seqs = (pid: string, from: number, to: number, extra: Partial<Row> = {}): Row[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ pid, seq: from + i, ...extra }));

test('mergeRuns joins adjacent and overlapping runs in any order', () => {
  assert.deepEqual(mergeRuns([5, 6, 1, 3, 4, 4]), [1, 6]);
  assert.deepEqual(mergeRuns([10, 12, 1, 2]), [1, 2, 10, 12]);
  assert.deepEqual(mergeRuns([]), []);
});

test('a clean id, split over pages and partitions in any order, has no finding', () => {
  const t = createSequenceTracker(new Map(), false);
  t.add(batchOf(seqs('a', 11, 20, { part: 1 })));
  t.add(batchOf(seqs('a', 1, 5)));
  t.add(batchOf(seqs('a', 6, 10)));
  const { states, duplicates } = t.finish();
  assert.equal(duplicates.persistenceId.length, 0);
  assert.equal(gapsFromStates(states, true).persistenceId.length, 0);
  assert.equal(forksFromStates(states).persistenceId.length, 0);
  assert.equal(partitionHolesFromStates(states, 10, true).persistenceId.length, 0);
});

test('gaps: missing ranges above deleted_to; deleted and L0-deleted numbers are not gaps', () => {
  const t = createSequenceTracker(new Map([['a', 4]]), false);
  t.add(batchOf([...seqs('a', 1, 2), ...seqs('a', 5, 6), ...seqs('a', 9, 12), { pid: 'b', seq: 3 }, { pid: 'c', seq: 1 }, { pid: 'c', seq: 3 }]));
  t.markDeleted('c', 0, 2);
  const { states } = t.finish();
  const gaps = gapsFromStates(states, true);
  assert.deepEqual(gaps, { persistenceId: ['a', 'b'], fromSequenceNr: [7, 1], toSequenceNr: [8, 2], missing: [2, 2] });
  // without a metadata table the expected start is the first number seen
  assert.deepEqual(gapsFromStates(states, false).persistenceId, ['a']);
});

test('all events deleted: no gap, no hole', () => {
  const t = createSequenceTracker(new Map([['a', 10]]), false);
  t.add(batchOf(seqs('a', 1, 10)));
  const { states } = t.finish();
  assert.equal(gapsFromStates(states, true).persistenceId.length, 0);
  assert.equal(partitionHolesFromStates(states, 3, true).persistenceId.length, 0);
});

test('duplicates: every row of a repeated sequence number, with its writer', () => {
  const t = createSequenceTracker(new Map(), false);
  t.add(batchOf([{ pid: 'a', seq: 1 }, { pid: 'a', seq: 2, writer: 'w1', ms: 5 }, { pid: 'a', seq: 2, writer: 'w2', ms: 6 }, { pid: 'a', seq: 2, writer: 'w3', ms: 7 }, { pid: 'a', seq: 3 }]));
  const { duplicates } = t.finish();
  assert.deepEqual(duplicates.sequenceNr, [2, 2, 2]);
  assert.deepEqual(duplicates.writerUuid, ['w1', 'w2', 'w3']);
  assert.deepEqual(duplicates.timestampMs, [5, 6, 7]);
});

test('forks: overlapping writers are a fork, a later incarnation is not', () => {
  const t = createSequenceTracker(new Map(), false);
  t.add(batchOf([...seqs('restart', 1, 10, { writer: 'w1' }), ...seqs('restart', 11, 20, { writer: 'w2' })]));
  t.add(batchOf([...seqs('fork', 1, 15, { writer: 'w1' })]));
  t.add(batchOf([...seqs('fork', 11, 25, { writer: 'w2', part: 1 })]));
  t.add(batchOf([...seqs('old', 1, 5, { writer: '' }), ...seqs('old', 6, 9, { writer: 'w9' })]));
  const { states } = t.finish();
  const forks = forksFromStates(states);
  assert.deepEqual(forks.persistenceId, ['fork']);
  assert.deepEqual([forks.firstWriter[0], forks.secondWriter[0], forks.forkSequenceNr[0], forks.firstWriterEvents[0], forks.secondWriterEvents[0]], ['w1', 'w2', 11, 15, 15]);
});

test('partition holes: an empty partition between non-empty ones; a batch crossing a boundary is not one', () => {
  const t = createSequenceTracker(new Map([['deleted', 12]]), false);
  // size 5: partitions 0 (1-5), 1 (6-10), 2 (11-15), 3 (16-20)
  t.add(batchOf([...seqs('hole', 1, 5), ...seqs('hole', 11, 15, { part: 2 })]));
  // events 6..10 written by batches ending in partition 2: partition 1 is legitimately empty
  t.add(batchOf([...seqs('crossing', 1, 5), ...seqs('crossing', 6, 12, { part: 2 })]));
  // deleted_to 12 → replay starts in partition 2 even though 0 and 1 are empty
  t.add(batchOf([...seqs('deleted', 13, 15, { part: 2 }), ...seqs('deleted', 16, 17, { part: 3 })]));
  const { states } = t.finish();
  const holes = partitionHolesFromStates(states, 5, true);
  assert.deepEqual(holes, { persistenceId: ['hole'], fromPartition: [1], toPartition: [1], emptyPartitions: [1], nextPartition: [2], eventsBeyond: [5] });
});

test('tagged sequence numbers are kept per (id, tag) only when asked', () => {
  const t = createSequenceTracker(new Map(), true);
  t.add(batchOf([{ pid: 'a', seq: 1, tags: ['x', 'y'] }, { pid: 'a', seq: 2, tags: ['x'] }, { pid: 'a', seq: 3 }]));
  const a = t.finish().states.get('a')!;
  assert.deepEqual(a.tags!.get('x')!.seqs, [1, 2]);
  assert.deepEqual(a.tags!.get('y')!.seqs, [1]);
  const off = createSequenceTracker(new Map(), false);
  off.add(batchOf([{ pid: 'a', seq: 1, tags: ['x'] }]));
  assert.equal(off.finish().states.get('a')!.tags, null);
});

test('the health layout selects no payload column and keeps placeholders', async () => {
  const { layoutFromColumns } = await import('../../../src/cassandra/detect-layout.js');
  const { healthLayoutFrom, PLACEHOLDER_SERIALIZER_ID } = await import('../../../src/health/health-layout.js');
  const { createRowGate, NO_FILTER } = await import('../../../src/cassandra/row-gate.js');
  const columns = new Set(['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'writer_uuid', 'ser_id', 'ser_manifest', 'event', 'message', 'tags']);
  for (const base of [layoutFromColumns('k', 't', columns), layoutFromColumns('k', 't', new Set(['processor_id', 'partition_nr', 'sequence_nr', 'marker', 'message']))]) {
    for (const computed of [false, true]) {
      const layout = healthLayoutFrom(base, () => undefined, { tags: true, computed });
      assert.ok(!layout.columns.includes('event') && !layout.columns.includes('message'), layout.columns.join());
      assert.ok(!/"(event|message)"/.test(layout.select), layout.select);
    }
  }
  const layout = healthLayoutFrom(layoutFromColumns('k', 't', new Set([...columns].filter((c) => c !== 'message'))), () => undefined, { tags: true, computed: false });
  const batch = createRawBatch(2);
  const long = (n: number) => ({ toNumber: () => n });
  const row = (seq: number, serId: number, manifest: string) => ({ persistence_id: 'p', partition_nr: long(0), sequence_nr: long(seq), timestamp: null,
    writer_uuid: 'w', ser_id: serId, ser_manifest: manifest, tags: null });
  layout.appendPage([row(1, 31, 'A'), row(2, 34, 'F')] as never, batch, createRowGate(NO_FILTER, new Map(), true));
  assert.equal(batch.length, 2);
  assert.equal(batch.serializerId[1], PLACEHOLDER_SERIALIZER_ID);
  const deleted: number[] = [];
  const l0 = healthLayoutFrom(layoutFromColumns('k', 't', new Set(['processor_id', 'partition_nr', 'sequence_nr', 'marker', 'message'])), (_p, _n, seq) => deleted.push(seq),
    { tags: true, computed: true });
  const b0 = createRawBatch(3);
  l0.appendPage([{ processor_id: 'p', partition_nr: long(0), sequence_nr: long(1), marker: 'A' }, { processor_id: 'p', partition_nr: long(0), sequence_nr: long(1), marker: 'B' },
    { processor_id: 'p', partition_nr: long(0), sequence_nr: long(2), marker: 'A' }] as never, b0, createRowGate(NO_FILTER, new Map(), true));
  assert.deepEqual(deleted, [1]);
  assert.deepEqual(Array.from(b0.sequenceNr.subarray(0, b0.length)), [2]);
});

test('the computed health layout reads numbers as doubles, no serializer column, tags only when asked', async () => {
  const { layoutFromColumns } = await import('../../../src/cassandra/detect-layout.js');
  const { healthLayoutFrom } = await import('../../../src/health/health-layout.js');
  const { createRowGate, NO_FILTER } = await import('../../../src/cassandra/row-gate.js');
  const base = layoutFromColumns('k', 't', new Set(['persistence_id', 'partition_nr', 'sequence_nr', 'timestamp', 'writer_uuid', 'ser_id', 'ser_manifest', 'event', 'tags']));
  const untagged = healthLayoutFrom(base, () => undefined, { tags: false, computed: true });
  assert.equal(untagged.name, 'event');
  assert.ok(!/ser_id|ser_manifest|tags/.test(untagged.select), untagged.select);
  assert.match(untagged.select, /CAST\("sequence_nr" AS double\)/);
  assert.match(untagged.select, /toUnixTimestamp\("timestamp"\)/);
  const tagged = healthLayoutFrom(base, () => undefined, { tags: true, computed: true });
  assert.match(tagged.select, /"tags"/);
  const rows = [
    { persistence_id: 'p', health_partition: 0, health_seq: 1, health_ms: 1000, writer_uuid: 'w', tags: ['x'] },
    { persistence_id: 'p', health_partition: 0, health_seq: null, health_ms: null, writer_uuid: null, tags: null }, // static-only row
    { persistence_id: 'p', health_partition: 0, health_seq: 2, health_ms: null, writer_uuid: null, tags: null },
  ];
  for (const [layout, tags] of [[untagged, [null, null]], [tagged, [['x'], null]]] as const) {
    const batch = createRawBatch(3);
    layout.appendPage(rows as never, batch, createRowGate(NO_FILTER, new Map(), true));
    assert.equal(batch.length, 2);
    assert.deepEqual(Array.from(batch.sequenceNr.subarray(0, 2)), [1, 2]);
    assert.deepEqual([batch.timestampMs[0], batch.timestampMs[1]], [1000, NaN]);
    assert.deepEqual(batch.writerUuid.slice(0, 2), ['w', '']);
    assert.deepEqual(batch.tags.slice(0, 2), tags);
  }
});

test('msFromUuidText reads the time of a version-1 UUID and refuses others', async () => {
  const { msFromUuidText } = await import('../../../src/health/projection-offsets.js');
  const { msFromTimeUuidBytes } = await import('../../../src/cassandra/time-uuid.js');
  const uuid = '3d6a7f10-ae1f-11f0-8000-000000000001';
  assert.equal(msFromUuidText(uuid), msFromTimeUuidBytes(Buffer.from(uuid.replace(/-/g, ''), 'hex')));
  assert.ok(Number.isNaN(msFromUuidText('3d6a7f10-ae1f-41f0-8000-000000000001')), 'a version-4 UUID has no time');
  assert.ok(Number.isNaN(msFromUuidText('not a uuid')));
});

test('partitionSizeMismatch: rows that the plugin cannot have written with the assumed size', async () => {
  const { partitionSizeMismatch } = await import('../../../src/health/partition-holes.js');
  const t = createSequenceTracker(new Map(), false);
  // written with size 5: partitions 0 (1-3), 1 (4-10: 4-5 by a batch ending at 6), 2 (11-12)
  t.add(batchOf([...seqs('a', 1, 3), ...seqs('a', 4, 10, { part: 1 }), ...seqs('a', 11, 12, { part: 2 })]));
  const { states } = t.finish();
  assert.equal(partitionSizeMismatch(states, 5), null);
  // assumed too large: partition 2 holds numbers of partition 0
  assert.deepEqual(partitionSizeMismatch(states, 500_000), { persistenceId: 'a', sequenceNr: 11, partition: 2 });
  // assumed too small: partition 0 holds numbers of partition 1
  assert.deepEqual(partitionSizeMismatch(states, 2), { persistenceId: 'a', sequenceNr: 3, partition: 0 });
});
