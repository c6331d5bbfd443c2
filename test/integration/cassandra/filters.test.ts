// Partition boundaries, deletes and every eventTable filter, on the pushdown path (persistenceIds)
// and on the token-range scan alike.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cassandraJournal, loadStats, sortByKey, type LoadProgress } from '../../../src/index.js';
import { createJournalWriter } from '../../../scripts/journal/writer.js';
import { CONTACT, dropKeyspace, freshWriter, jsonEvents } from './helpers.js';

const KS = 'cass_it_filters';
const SIZE = 10; // a tiny target-partition-size puts partition boundaries within reach
const start = Date.UTC(2026, 10, 1);
const journal = cassandraJournal({ ...CONTACT, keyspace: KS });

before(async () => {
  const w = await freshWriter({ keyspace: KS, targetPartitionSize: SIZE, maxBatchSize: 4 });
  // 'p-long': 35 events in write batches of 4: batches 9–12 and 21–24 cross a boundary and land in
  // the partition of their last event, as the plugin writes them.
  await w.write(jsonEvents('p-long', 35, 1, start));
  await w.write(jsonEvents('p-deleted', 15, 1, start));
  await w.deleteTo('p-deleted', 12);
  for (let i = 0; i < 20; i++) await w.write(jsonEvents(`p-${i}`, 3, 1, start + i * 3_600_000));
  await w.close();
  // 'p-skip': one write batch of 20 lands wholly in partition 1 (its last event's), leaving partition 0 empty.
  const big = await createJournalWriter({ ...CONTACT, keyspace: KS, targetPartitionSize: SIZE, maxBatchSize: 100, createSchema: false });
  await big.write(jsonEvents('p-skip', 20, 1, start));
  await big.write(jsonEvents('p-skip', 5, 21, start));
  await big.close();
});
after(async () => {
  await journal.close();
  await dropKeyspace(KS);
});

test('pushdown walks partitions upward, across boundary-crossing batches', async () => {
  const t = await journal.eventTable({ persistenceIds: ['p-long'], partitionSize: SIZE, progress: false });
  assert.deepEqual(t.array('sequenceNr'), Array.from({ length: 35 }, (_, i) => i + 1));
  const partitions = t.array('partition') as number[];
  assert.equal(partitions[8], 1, 'seq 9 was written in the batch 9–12, whose last event is in partition 1');
  assert.equal(partitions[19], 1, 'seq 20 ends the batch 17–20: partition 1');
  assert.equal(partitions[20], 2, 'seq 21 starts the batch 21–24: partition 2');
  assert.deepEqual([...new Set(partitions)], [0, 1, 2, 3]);
});

test('the scan returns the same rows as the pushdown, ascending within each partition', async () => {
  const scan = await journal.eventTable({ progress: false });
  const long = scan.filter((d: { persistenceId: string }) => d.persistenceId === 'p-long');
  const seqs = long.array('sequenceNr') as number[];
  const parts = long.array('partition') as number[];
  assert.deepEqual([...seqs].sort((a, b) => a - b), Array.from({ length: 35 }, (_, i) => i + 1));
  for (let i = 1; i < seqs.length; i++) {
    if (parts[i] === parts[i - 1]) assert.ok(seqs[i]! > seqs[i - 1]!, `ascending within partition ${parts[i]}`);
  }
  assert.deepEqual(sortByKey(long).array('sequenceNr'), Array.from({ length: 35 }, (_, i) => i + 1));
});

test('an empty partition does not end the walk: the next one is checked, as the plugin does', async () => {
  const t = await journal.eventTable({ persistenceIds: ['p-skip'], partitionSize: SIZE, progress: false });
  assert.deepEqual(t.array('sequenceNr'), Array.from({ length: 25 }, (_, i) => i + 1));
  assert.deepEqual([...new Set(t.array('partition') as number[])], [1, 2]);
});

test('logical deletes: rows at or below metadata.deleted_to are gone on both paths', async () => {
  const pushed = await journal.eventTable({ persistenceIds: ['p-deleted'], partitionSize: SIZE, progress: false });
  assert.deepEqual(pushed.array('sequenceNr'), [13, 14, 15]);
  const scanned = sortByKey(await journal.eventTable({ progress: false })).filter((d: { persistenceId: string }) => d.persistenceId === 'p-deleted');
  assert.deepEqual(scanned.array('sequenceNr'), [13, 14, 15]);
});

test('fromSequenceNr and toSequenceNr, on both paths', async () => {
  const pushed = await journal.eventTable({ persistenceIds: ['p-long'], fromSequenceNr: 9, toSequenceNr: 21, partitionSize: SIZE, progress: false });
  assert.deepEqual(pushed.array('sequenceNr'), Array.from({ length: 13 }, (_, i) => i + 9));
  const scanned = await journal.eventTable({ fromSequenceNr: 3, toSequenceNr: 3, progress: false });
  assert.equal(scanned.numRows(), 1 + 20 + 1, 'p-long, p-0…p-19 and p-skip; p-deleted\'s 3 is deleted');
  assert.ok((scanned.array('sequenceNr') as number[]).every((s) => s === 3));
});

test('from and to (Date) select by write time', async () => {
  const from = new Date(start + 5 * 3_600_000);
  const to = new Date(start + 7 * 3_600_000 + 3 * 60_000);
  const t = await journal.eventTable({ from, to, progress: false });
  for (const ts of t.array('timestamp') as Date[]) assert.ok(ts >= from && ts <= to, ts.toISOString());
  assert.deepEqual([...new Set(t.array('persistenceId') as string[])].sort(), ['p-5', 'p-6', 'p-7']);
  assert.equal(t.numRows(), 9);
});

test('limit stops the load early', async () => {
  const t = await journal.eventTable({ limit: 7, progress: false });
  assert.equal(t.numRows(), 7);
  const one = await journal.eventTable({ persistenceIds: ['p-long'], limit: 12, partitionSize: SIZE, progress: false });
  assert.deepEqual(one.array('sequenceNr'), Array.from({ length: 12 }, (_, i) => i + 1));
});

test('flatten spreads event fields into columns', async () => {
  const t = await journal.eventTable({ persistenceIds: ['p-1'], flatten: true, progress: false });
  assert.deepEqual(t.array('by'), [1, 2, 3]);
  assert.deepEqual(t.array('note'), ['event 1', 'event 2', 'event 3']);
});

test('persistenceIds lists every id; progress reports reach done', async () => {
  const ids = await journal.persistenceIds();
  assert.equal(ids.length, 23);
  assert.ok(ids.includes('p-long') && ids.includes('p-deleted'));
  const reports: LoadProgress[] = [];
  const t = await journal.eventTable({ progress: (p) => reports.push(p), splits: 16 });
  const last = reports[reports.length - 1]!;
  assert.equal(last.done, true);
  assert.equal(last.rows, t.numRows());
  assert.equal(last.rangesDone, last.rangesTotal);
  assert.ok(last.rangesTotal >= 16);
  assert.equal(loadStats(t)?.deletedSkipped, 12);
});
