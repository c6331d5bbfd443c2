// eventTable({ snapshot }) against a real Cassandra: the first load writes the file, a refresh
// after new ids, new events of existing ids, deletes, a newer duplicate and a placeholder equals
// a full reload row for row, and the file alone loads with the cluster unreachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ColumnTable } from 'arquero';
import cassandra from 'cassandra-driver';
import { cassandraJournal, loadStats, sortByKey, SnapshotError } from '../../../src/index.js';
import { lastRefresh } from '../../../src/snapshot/event-table-snapshot.js';
import type { JournalEvent, JournalWriter } from '../../../scripts/journal/writer.js';
import { CONTACT, dropKeyspace, freshWriter } from '../cassandra/helpers.js';

const KEYSPACE = 'snap2_refresh';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-int-'));
const START = Date.UTC(2026, 0, 1);
let writer: JournalWriter;
const journal = cassandraJournal({ ...CONTACT, keyspace: KEYSPACE });

/** Events of `Cart|c-<id>`; with `at`, written at that time (plus the sequence number in ms), as a live writer does. */
function events(id: number, from: number, count: number, minute = 0, writerUuid?: string, at?: number): JournalEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    const kind = (id + seq) % 11;
    return {
      persistenceId: `Cart|c-${id}`, sequenceNr: seq,
      ...(kind === 3 ? { serializer: 'jackson-cbor' as const, event: { id, seq, cbor: true } }
        : kind === 5 && id % 7 === 0 ? { serializer: 'raw' as const, serializerId: 9001, event: Uint8Array.from([id, seq]) }
        : { serializer: 'jackson-json' as const, event: { id, seq, note: `n${seq}` } }),
      manifest: kind % 2 ? 'com.example.Cart$ItemAdded' : 'com.example.Cart$CheckedOut',
      tags: seq % 3 === 0 ? ['cart', `slice-${id % 4}`] : undefined,
      timestamp: new Date(at === undefined ? START + (id * 100 + seq) * 60_000 + minute : at + seq + minute),
      ...(writerUuid ? { writerUuid } : {}),
    };
  });
}

function rowsOf(t: ColumnTable): Record<string, unknown>[] {
  return t.objects().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) out[k] = v instanceof Date ? v.getTime() : v instanceof Uint8Array ? [...v] : v;
    return out;
  });
}

async function fullReload(): Promise<ColumnTable> {
  return sortByKey(await journal.eventTable({ progress: false }));
}

before(async () => {
  writer = await freshWriter({ keyspace: KEYSPACE, targetPartitionSize: 8, maxBatchSize: 4 });
  const all: JournalEvent[] = [];
  for (let id = 0; id < 120; id++) all.push(...events(id, 1, 5 + (id % 20)));
  await writer.write(all);
  await writer.writeFilteredPlaceholder('Cart|c-1', 7);
  await writer.deleteTo('Cart|c-2', 3);
});

after(async () => {
  await writer?.close();
  await journal.close();
  await dropKeyspace(KEYSPACE);
  fs.rmSync(dir, { recursive: true, force: true });
});

for (const ext of ['arrow', 'parquet']) {
  test(`${ext}: written on the first load, refreshed after changes to equal a full reload row for row`, async () => {
    const file = path.join(dir, `journal.${ext}`);
    fs.rmSync(file, { force: true });
    const first = await journal.eventTable({ snapshot: file, progress: false });
    assert.equal(loadStats(first)?.snapshot?.mode, 'written');
    assert.ok(fs.existsSync(file));
    const reference = await fullReload();
    assert.deepEqual(rowsOf(first), rowsOf(reference));

    // Nothing changed: a refresh reads no row.
    const same = await journal.eventTable({ snapshot: file, progress: false });
    assert.equal(loadStats(same)?.snapshot?.mode, 'refreshed');
    assert.equal(loadStats(same)?.snapshot?.rowsRead, 0);
    assert.deepEqual(rowsOf(same), rowsOf(reference));
  });
}

// Each method gets its own ids to change (round 0: key-scan, round 1: written-since), on the same journal.
for (const [round, method] of [[0, 'key-scan'], [1, 'written-since']] as const) {
  test(`${method}: a refresh after new ids, new events of existing ids, deletes, a newer duplicate and a placeholder equals a full reload`, async () => {
    const files = ['arrow', 'parquet'].map((ext) => path.join(dir, `journal-${method}.${ext}`));
    for (const file of files) {
      fs.rmSync(file, { force: true });
      await journal.eventTable({ snapshot: file, progress: false });
    }
    const before = (await fullReload()).numRows();
    // The writers' clocks: the key scan does not depend on them, so its round writes events dated in
    // the past; 'written-since' relies on timeuuids from the writers' clocks, as a live writer makes them.
    const at = method === 'written-since' ? Date.now() : undefined;
    // ~5% of the rows change, in every way the loader has a rule for.
    const changes: JournalEvent[] = [];
    for (let id = 120 + round * 10; id < 124 + round * 10; id++) changes.push(...events(id, 1, 12, 0, undefined, at)); // new ids
    for (let id = 10 + round; id < 40; id += 3) changes.push(...events(id, 5 + (id % 20), 3, 0, undefined, at)); // new events of existing ids, across partitions
    changes.push(...events(50 + round, 4, 1, 30_000, 'another-writer', at));   // a newer duplicate of sequence number 4
    await writer.write(changes);
    await writer.writeFilteredPlaceholder(`Cart|c-${10 + round}`, 5 + ((10 + round) % 20) + 3, at === undefined ? {} : { timestamp: new Date(at + 100) });
    await writer.deleteTo(`Cart|c-${60 + round * 2}`, 6);                        // logical delete
    await writer.deleteTo(`Cart|c-${61 + round * 2}`, 9, { physical: true });    // physical delete
    await writer.deleteTo(`Cart|c-${2 + round}`, 5);                             // a later delete (c-2 was deleted before)

    const reference = await fullReload();
    assert.ok(reference.numRows() > before);
    const refStats = loadStats(reference)!;
    for (const file of files) {
      const refreshed = await journal.eventTable({ snapshot: file, progress: false, refresh: { method } });
      const stats = loadStats(refreshed)!;
      assert.equal(stats.snapshot?.mode, 'refreshed', file);
      assert.ok(stats.snapshot!.rowsRead! > 0 && stats.snapshot!.rowsRead! < reference.numRows() / 4, `read ${stats.snapshot!.rowsRead} rows`);
      assert.deepEqual(rowsOf(refreshed), rowsOf(reference), file);
      assert.equal(stats.rows, refStats.rows);
      assert.equal(stats.undecodable, refStats.undecodable);
      if (method === 'key-scan') {
        // Only the key scan sees every row, so only its skip counters are a full reload's.
        assert.equal(stats.deletedSkipped, refStats.deletedSkipped);
        assert.equal(stats.duplicatesDropped, refStats.duplicatesDropped);
        assert.equal(stats.filteredSkipped, refStats.filteredSkipped);
      }
      // The rewritten file alone gives the same rows.
      const offline = await journal.eventTable({ snapshot: file, refresh: false, progress: false });
      assert.equal(loadStats(offline)?.snapshot?.mode, 'loaded');
      assert.equal(loadStats(offline)?.snapshot?.reason, 'refresh: false');
      assert.deepEqual(rowsOf(offline), rowsOf(reference));
    }
  });
}

test('written-since: deleteAllEvents (ids gone from all_persistence_ids, one reused from 1) and a writer within the clock-skew margin', async () => {
  const file = path.join(dir, 'journal-cleanup.parquet');
  fs.rmSync(file, { force: true });
  await journal.eventTable({ snapshot: file, progress: false });
  // Cleanup.deleteAllEvents(id, resetSequenceNumber = true): every row, the metadata row and the
  // all_persistence_ids row go; c-70 stays gone, c-71 is used again from sequence number 1.
  const client = new cassandra.Client({ ...CONTACT, keyspace: KEYSPACE });
  try {
    for (const id of ['Cart|c-70', 'Cart|c-71']) {
      for (let p = 0; p < 5; p++) await client.execute('DELETE FROM messages WHERE persistence_id = ? AND partition_nr = ?', [id, p], { prepare: true });
      await client.execute('DELETE FROM metadata WHERE persistence_id = ?', [id], { prepare: true });
      await client.execute('DELETE FROM all_persistence_ids WHERE persistence_id = ?', [id], { prepare: true });
    }
  } finally {
    await client.shutdown();
  }
  const now = Date.now();
  await writer.write([
    ...events(71, 1, 3, 0, undefined, now),
    // A writer whose clock is 20 s behind: inside the default 60 s margin.
    ...events(72, 5 + (72 % 20), 2, 0, undefined, now - 20_000),
  ]);
  const reference = await fullReload();
  const refreshed = await journal.eventTable({ snapshot: file, progress: false });
  assert.equal(loadStats(refreshed)?.snapshot?.mode, 'refreshed');
  assert.deepEqual(rowsOf(refreshed), rowsOf(reference));
  const ids = new Set(refreshed.array('persistenceId') as string[]);
  assert.ok(!ids.has('Cart|c-70'));
  assert.equal((refreshed.filter((d: { persistenceId: string }) => d.persistenceId === 'Cart|c-71').numRows()), 3);
});

test('written-since: appends and new ids are taken from the scan as they stand; a rewrite below an id\'s last sequence number is re-read', async () => {
  const files = ['arrow', 'parquet'].map((ext) => path.join(dir, `journal-from-scan.${ext}`));
  for (const file of files) {
    fs.rmSync(file, { force: true });
    await journal.eventTable({ snapshot: file, progress: false });
  }
  const before = await fullReload();
  const lastOf = (id: number): number => Math.max(...(before.filter(`d => d.persistenceId === 'Cart|c-${id}'`).array('sequenceNr') as number[]));
  const now = Date.now();
  // Appends across partitions (8 rows each), a newer duplicate of an appended row, an appended
  // placeholder, and new ids: every new row is in the scan, no partition needs a re-read.
  await writer.write([
    ...events(80, lastOf(80) + 1, 11, 0, undefined, now),
    ...events(83, lastOf(83) + 1, 2, 0, undefined, now),
    ...events(83, lastOf(83) + 2, 1, 500, 'another-writer', now),
    ...events(300, 1, 9, 0, undefined, now),
    ...events(301, 1, 3, 0, undefined, now),
  ]);
  await writer.writeFilteredPlaceholder('Cart|c-84', lastOf(84) + 1, { timestamp: new Date(now + 50) });
  const appended = await fullReload();
  assert.equal(appended.numRows(), before.numRows() + 11 + 2 + 9 + 3);
  for (const file of files) {
    const refreshed = await journal.eventTable({ snapshot: file, progress: false });
    assert.deepEqual(rowsOf(refreshed), rowsOf(appended), file);
    assert.equal(lastRefresh.partitionsRead, 0, file);
    assert.equal(lastRefresh.rowsFromScan, 25, file);
    assert.equal(loadStats(refreshed)?.snapshot?.rowsRead, 25, file);
  }

  // A newer duplicate below c-81's last sequence number (re-read from there), with an append to
  // c-82 (from the scan) and a logical delete of c-85 (no read at all).
  const later = Date.now();
  await writer.write([
    ...events(81, 2, 1, 0, 'a-third-writer', later),
    ...events(82, lastOf(82) + 1, 1, 0, undefined, later),
  ]);
  await writer.deleteTo('Cart|c-85', 3);
  const rewritten = await fullReload();
  for (const file of files) {
    const refreshed = await journal.eventTable({ snapshot: file, progress: false });
    assert.deepEqual(rowsOf(refreshed), rowsOf(rewritten), file);
    assert.equal(lastRefresh.rowsFromScan, 1, file);
    assert.ok(lastRefresh.partitionsRead >= 1, file);
    assert.equal(refreshed.filter(`d => d.persistenceId === 'Cart|c-81' && d.sequenceNr === 2`).get('writerUuid', 0), 'a-third-writer');
  }
});

test('written-since with a selection (persistenceIds, fromSequenceNr, duplicates: keep): appends, a duplicate and a new selected id from the scan equal a load with the same options', async () => {
  const opts = { persistenceIds: ['Cart|c-90', 'Cart|c-91', 'Cart|c-92', 'Cart|c-302'], fromSequenceNr: 3, duplicates: 'keep' as const, progress: false as const };
  const file = path.join(dir, 'journal-selection.arrow');
  fs.rmSync(file, { force: true });
  await journal.eventTable({ ...opts, snapshot: file });
  const before = sortByKey(await journal.eventTable(opts));
  const last90 = Math.max(...(before.filter(`d => d.persistenceId === 'Cart|c-90'`).array('sequenceNr') as number[]));
  const now = Date.now();
  await writer.write([
    ...events(90, last90 + 1, 4, 0, undefined, now),           // appends to a selected id
    ...events(90, last90 + 2, 1, 700, 'dup-writer', now),      // a newer duplicate of one of them: both kept
    ...events(93, 30, 2, 0, undefined, now),                   // an id outside the selection
    ...events(302, 1, 5, 0, undefined, now),                   // a new selected id; rows 1-2 are below fromSequenceNr
  ]);
  const reference = sortByKey(await journal.eventTable(opts));
  assert.equal(reference.numRows(), before.numRows() + 4 + 1 + 3);
  const refreshed = await journal.eventTable({ ...opts, snapshot: file });
  assert.deepEqual(rowsOf(refreshed), rowsOf(reference));
  assert.equal(lastRefresh.partitionsRead, 0);
  assert.equal(lastRefresh.rowsFromScan, 8);
});

test('a journal dropped and created again since the snapshot is reloaded, not merged', async () => {
  const keyspace = 'snap2_recreate';
  const file = path.join(dir, 'recreate.arrow');
  const other = cassandraJournal({ ...CONTACT, keyspace });
  let w = await freshWriter({ keyspace, targetPartitionSize: 8 });
  try {
    await w.write([...events(1, 1, 12), ...events(2, 1, 5)]);
    await other.eventTable({ snapshot: file, progress: false });
    await w.close();
    // Same ids, fewer events, rows written long ago: nothing a 'written-since' scan would return.
    w = await freshWriter({ keyspace, targetPartitionSize: 8 });
    await w.write(events(1, 1, 4));
    const refreshed = await other.eventTable({ snapshot: file, progress: false });
    assert.equal(loadStats(refreshed)?.snapshot?.mode, 'written');
    assert.deepEqual(rowsOf(refreshed), rowsOf(sortByKey(await other.eventTable({ progress: false }))));
    assert.equal(refreshed.numRows(), 4);
  } finally {
    await w.close();
    await other.close();
    await dropKeyspace(keyspace);
  }
});

test('refresh options are checked', async () => {
  const file = path.join(dir, 'journal.arrow');
  if (!fs.existsSync(file)) await journal.eventTable({ snapshot: file, progress: false });
  await assert.rejects(journal.eventTable({ snapshot: file, refresh: { clockSkewSeconds: -1 } }), /clockSkewSeconds must be a number of seconds ≥ 0, got -1/);
  await assert.rejects(journal.eventTable({ snapshot: file, refresh: { method: 'guess' as 'key-scan' } }), /refresh.method must be 'written-since' or 'key-scan'/);
});

test('flatten applies to the snapshot table, and its load stats stay reachable', async () => {
  const file = path.join(dir, 'flat.arrow');
  fs.rmSync(file, { force: true });
  const first = await journal.eventTable({ snapshot: file, flatten: true, progress: false });
  const again = await journal.eventTable({ snapshot: file, flatten: true, progress: false });
  assert.ok(first.columnNames().includes('note') && again.columnNames().includes('seq'));
  assert.equal(loadStats(first)?.snapshot?.mode, 'written');
  assert.equal(loadStats(again)?.snapshot?.mode, 'refreshed');
  assert.equal(again.numRows(), (await fullReload()).numRows());
});

test('with the cluster unreachable, the snapshot loads alone and says so in loadStats and the progress line', async () => {
  const file = path.join(dir, 'journal.arrow');
  // Up to date: the key scan also sees the back-dated events the key-scan round wrote, which a
  // 'written-since' refresh, trusting the writers' clocks, would not.
  await journal.eventTable({ snapshot: file, progress: false, refresh: { method: 'key-scan' } });
  const down = cassandraJournal({ contactPoints: ['127.0.0.1:9'], localDataCenter: 'datacenter1', keyspace: KEYSPACE });
  const lines: string[] = [];
  try {
    const t = await down.eventTable({ snapshot: file, progress: (p) => lines.push(String(p.rows)) });
    const stats = loadStats(t)!;
    assert.equal(stats.snapshot?.mode, 'loaded');
    assert.match(stats.snapshot?.reason ?? '', /^cluster unreachable/);
    assert.ok(Date.parse(stats.snapshot!.takenAt) > 0);
    assert.equal(t.numRows(), (await fullReload()).numRows());
    assert.ok(lines.length > 0);
  } finally {
    await down.close();
  }
});

test('a snapshot of another selection, keyspace or table is refused with a clear error', async () => {
  const file = path.join(dir, 'journal.arrow');
  if (!fs.existsSync(file)) await journal.eventTable({ snapshot: file, progress: false });
  await assert.rejects(journal.eventTable({ snapshot: file, fromSequenceNr: 3, progress: false }), (error: unknown) =>
    error instanceof SnapshotError && error.problem === 'mismatch' && /fromSequenceNr was 0, now 3/.test(error.message));
  const other = cassandraJournal({ ...CONTACT, keyspace: 'snap_other' });
  try {
    await assert.rejects(other.eventTable({ snapshot: file, refresh: false, progress: false }), (error: unknown) =>
      error instanceof SnapshotError && /holds snap2_refresh\.messages, this load reads snap_other\.messages/.test(error.message));
  } finally {
    await other.close();
  }
  await assert.rejects(journal.eventTable({ snapshot: file, limit: 10 }), /limit cannot be combined with snapshot/);
});
