// journal.health() against journals written by the project's writer in every layout era, with
// known problems put in (scripts/journal/health-journal.ts): the checks find exactly those, and
// the same journals without the problems (tags, snapshots, deletes after snapshots, restarts,
// placeholders, tag writes in flight) report none. Needs the local Cassandra (scripts/services).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { writeHealthJournal, healthJournalDefaults as d } from '../../../scripts/journal/health-journal.js';
import type { WriterLayout } from '../../../scripts/journal/layouts.js';
import { cassandraJournal } from '../../../src/index.js';

const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
const written: string[] = [];
after(async () => {
  const client = new cassandra.Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
  for (const ks of written) for (const suffix of ['', '_snapshot', '_projection']) await client.execute(`DROP KEYSPACE IF EXISTS ${ks}${suffix}`);
  await client.shutdown();
  await journal.close();
});

const rows = (t: { objects(): object[] }) => t.objects().map((o) => ({ ...o }));
const keyspaceOf = (layout: WriterLayout, clean: boolean) => `health_it_${layout.replace('-', '_')}${clean ? '_clean' : ''}`;

for (const layout of ['current', 'mixed', 'message', 'legacy-processor'] as const) {
  test(`${layout}: finds exactly the problems put in`, async () => {
    const info = await writeHealthJournal({ keyspace: keyspaceOf(layout, false), layout });
    written.push(info.keyspace);
    const h = await journal.health({ keyspace: info.keyspace, partitionSize: info.partitionSize, progress: false });
    assert.deepEqual(rows(h.gaps), [
      { persistenceId: 'Cart|gap', fromSequenceNr: 12, toSequenceNr: 14, missing: 3 },
      { persistenceId: 'Cart|hole', fromSequenceNr: 11, toSequenceNr: 20, missing: 10 },
    ]);
    assert.deepEqual(rows(h.partitionHoles), [
      { persistenceId: 'Cart|hole', fromPartition: 1, toPartition: 1, emptyPartitions: 1, nextPartition: 2, eventsBeyond: 20 },
    ]);
    const dupSeqs = h.duplicates.array('sequenceNr') as ArrayLike<number>;
    if (layout === 'legacy-processor') {
      // L0's key has no timestamp: the second write of a sequence number overwrites the first
      assert.equal(h.duplicates.numRows(), 0);
    } else {
      assert.deepEqual([...new Set(Array.from(dupSeqs))].sort((a, b) => a - b), [15, 16, 17, 18, 19, 20]);
      assert.equal(h.duplicates.numRows(), 12);
      assert.deepEqual([...new Set(h.duplicates.array('persistenceId') as string[])], ['Cart|fork']);
    }
    if (layout === 'current' || layout === 'mixed') {
      assert.deepEqual(rows(h.forks), [{ persistenceId: 'Cart|fork', firstWriter: d.writerA, secondWriter: d.writerB, forkSequenceNr: 15,
        firstWriterEvents: 20, secondWriterEvents: 11, firstWriterLast: 20, secondWriterLast: 25 }]);
      const withB = (h.duplicates.objects() as Array<{ writerUuid: string }>).filter((r) => r.writerUuid === d.writerB).length;
      assert.equal(withB, 6, 'every duplicate row names its writer');
    } else {
      assert.equal(h.forks.numRows(), 0, 'no writer_uuid column before APC 0.10: forks cannot show');
    }
    if (info.hasTagViews) {
      const tv = h.tagViews!;
      assert.deepEqual(rows(tv.missing).map((r) => [r['tag' as keyof typeof r], r['persistenceId' as keyof typeof r], r['sequenceNr' as keyof typeof r]]),
        [['carts-4', 'Cart|tag-miss', 3]]);
      assert.deepEqual(rows(tv.extra).map((r) => [r['tag' as keyof typeof r], r['persistenceId' as keyof typeof r], r['sequenceNr' as keyof typeof r]]),
        [['carts-1', 'Cart|clean-3', 99]]);
      assert.deepEqual(rows(tv.tagPidGaps), [{ tag: 'carts-4', persistenceId: 'Cart|tag-miss', fromTagPidSequenceNr: 3, toTagPidSequenceNr: 3, missing: 1 }]);
      assertLagWithinWindow(tv.lag);
    } else {
      assert.equal(h.tagViews, null);
    }
    if (info.hasAllPersistenceIds) {
      assert.deepEqual(h.allPersistenceIds!.missing.array('persistenceId'), ['Cart|gap']);
      assert.deepEqual(h.allPersistenceIds!.extra.array('persistenceId'), ['Cart|ghost']);
    } else {
      assert.equal(h.allPersistenceIds, null);
    }
    const summary = Object.fromEntries((h.summary.objects() as Array<{ check: string; problems: number }>).map((r) => [r.check, r.problems]));
    assert.equal(summary['gaps'], 2);
    assert.equal(summary['tagWriteLag'], 0, 'lag within the window is not a problem');
    assert.equal(h.problems, Object.values(summary).reduce((a, b) => a + b, 0));
  });

  test(`${layout}: a clean journal reports no problem`, async () => {
    const info = await writeHealthJournal({ keyspace: keyspaceOf(layout, true), layout, problems: false });
    written.push(info.keyspace);
    const h = await journal.health({ keyspace: info.keyspace, partitionSize: info.partitionSize, progress: false });
    assert.equal(h.problems, 0, String(h.summary.objects().map((r) => JSON.stringify(r)).join('\n')));
    for (const t of [h.gaps, h.duplicates, h.forks, h.partitionHoles]) assert.equal(t.numRows(), 0);
    if (info.hasTagViews) {
      for (const t of [h.tagViews!.missing, h.tagViews!.extra, h.tagViews!.tagPidGaps]) assert.equal(t.numRows(), 0);
      assertLagWithinWindow(h.tagViews!.lag);
    }
    if (info.hasAllPersistenceIds) assert.equal(h.allPersistenceIds!.missing.numRows() + h.allPersistenceIds!.extra.numRows(), 0);
  });
}

function assertLagWithinWindow(lag: { objects(): object[] }): void {
  const l = lag.objects() as Array<{ persistenceId: string; pendingEvents: number; progressSequenceNr: number; withinWindow: boolean }>;
  assert.deepEqual(l.map((r) => [r.persistenceId, r.pendingEvents, r.progressSequenceNr, r.withinWindow]), [['Cart|recent', 2, 4, true]]);
}

test('persistenceIds: only their partitions are read, holes included', async () => {
  const ks = keyspaceOf('current', false);
  if (!written.includes(ks)) written.push((await writeHealthJournal({ keyspace: ks })).keyspace);
  const h = await journal.health({ keyspace: ks, persistenceIds: ['Cart|hole', 'Cart|clean-1'], partitionSize: d.partitionSize, progress: false });
  assert.equal(h.stats.persistenceIds, 2);
  assert.deepEqual(h.gaps.array('persistenceId'), ['Cart|hole']);
  assert.deepEqual(h.partitionHoles.array('persistenceId'), ['Cart|hole']);
  assert.equal(h.allPersistenceIds!.extra.numRows(), 0, 'ids outside the selection are not extra');
});

test('the report renders: summary, a section per finding, charts', async () => {
  const ks = keyspaceOf('current', false);
  if (!written.includes(ks)) written.push((await writeHealthJournal({ keyspace: ks })).keyspace);
  const h = await journal.health({ keyspace: ks, partitionSize: d.partitionSize, progress: false });
  const bundle = await (h[Symbol.for('Jupyter.display')] as () => Promise<Record<string, string>>)();
  assert.match(bundle['text/html']!, /<h4>gaps: 2 rows<\/h4>/);
  assert.match(bundle['text/html']!, /<svg/);
  assert.match(bundle['text/plain']!, /partitionHoles/);
});

test('bad input: one clear error naming what exists', async () => {
  await assert.rejects(journal.health({ keyspace: 'health_it_no_such_keyspace', progress: false }),
    (e: Error) => e.name === 'NotFoundError' && /health_it_no_such_keyspace/.test(e.message));
  const ks = keyspaceOf('current', false);
  if (!written.includes(ks)) written.push((await writeHealthJournal({ keyspace: ks })).keyspace);
  await assert.rejects(journal.health({ keyspace: ks, table: 'metadata', progress: false }),
    (e: Error) => e.name === 'NotAJournalError' && /metadata/.test(e.message));
  await assert.rejects(journal.snapshotTable({ keyspace: ks, table: 'messages' }),
    (e: Error) => e.name === 'NotAJournalError' && /not an akka-persistence snapshot table/.test(e.message));
  await assert.rejects(journal.health({ keyspace: ks, tagWriteWindowMs: -1 }), (e: Error) => e.name === 'OptionError');
});

test('a partition size that does not fit the rows: partitionHoles is not checked rather than wrong', async () => {
  const ks = keyspaceOf('current', false);
  if (!written.includes(ks)) written.push((await writeHealthJournal({ keyspace: ks })).keyspace);
  for (const partitionSize of [undefined, 3]) {
    const h = await journal.health({ keyspace: ks, progress: false, ...(partitionSize ? { partitionSize } : {}) });
    assert.equal(h.partitionHoles.numRows(), 0);
    assert.ok(h.stats.partitionSizeMismatch, `size ${partitionSize ?? 'default'}`);
    const row = (h.summary.objects() as Array<{ check: string; checked: boolean }>).find((r) => r.check === 'partitionHoles')!;
    assert.equal(row.checked, false);
    assert.equal(h.gaps.numRows(), 2, 'the other checks do not depend on it');
  }
});
