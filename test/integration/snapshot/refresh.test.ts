// eventTable({ snapshot }) against a real Cassandra: the first load writes the file, a refresh
// after new ids, new events of existing ids, deletes, a newer duplicate and a placeholder equals
// a full reload row for row, and the file alone loads with the cluster unreachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ColumnTable } from 'arquero';
import { cassandraJournal, loadStats, sortByKey, SnapshotError } from '../../../src/index.js';
import type { JournalEvent, JournalWriter } from '../../../scripts/journal/writer.js';
import { CONTACT, dropKeyspace, freshWriter } from '../cassandra/helpers.js';

const KEYSPACE = 'snap_refresh';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-int-'));
const START = Date.UTC(2026, 0, 1);
let writer: JournalWriter;
const journal = cassandraJournal({ ...CONTACT, keyspace: KEYSPACE });

function events(id: number, from: number, count: number, minute = 0, writerUuid?: string): JournalEvent[] {
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
      timestamp: new Date(START + (id * 100 + seq) * 60_000 + minute),
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

test('a refresh after new ids, new events of existing ids, deletes, a newer duplicate and a placeholder equals a full reload', async () => {
  const files = ['arrow', 'parquet'].map((ext) => path.join(dir, `journal.${ext}`));
  for (const file of files) {
    fs.rmSync(file, { force: true });
    await journal.eventTable({ snapshot: file, progress: false });
  }
  const before = (await fullReload()).numRows();
  // ~5% of the rows change, in every way the loader has a rule for.
  const changes: JournalEvent[] = [];
  for (let id = 120; id < 124; id++) changes.push(...events(id, 1, 12));           // new ids
  for (let id = 10; id < 40; id += 3) changes.push(...events(id, 5 + (id % 20), 3)); // new events of existing ids, across partitions
  changes.push(...events(50, 4, 1, 30_000, 'another-writer'));                    // a newer duplicate of sequence number 4
  await writer.write(changes);
  await writer.writeFilteredPlaceholder('Cart|c-10', 5 + (10 % 20) + 3);
  await writer.deleteTo('Cart|c-60', 6);                                           // logical delete
  await writer.deleteTo('Cart|c-61', 9, { physical: true });                      // physical delete
  await writer.deleteTo('Cart|c-2', 5);                                            // a later delete of an id deleted before

  const reference = await fullReload();
  assert.ok(reference.numRows() > before);
  const refStats = loadStats(reference)!;
  for (const file of files) {
    const refreshed = await journal.eventTable({ snapshot: file, progress: false });
    const stats = loadStats(refreshed)!;
    assert.equal(stats.snapshot?.mode, 'refreshed', file);
    assert.ok(stats.snapshot!.rowsRead! > 0 && stats.snapshot!.rowsRead! < reference.numRows() / 4, `read ${stats.snapshot!.rowsRead} rows`);
    assert.deepEqual(rowsOf(refreshed), rowsOf(reference), file);
    assert.equal(stats.rows, refStats.rows);
    assert.equal(stats.deletedSkipped, refStats.deletedSkipped);
    assert.equal(stats.duplicatesDropped, refStats.duplicatesDropped);
    assert.equal(stats.filteredSkipped, refStats.filteredSkipped);
    assert.equal(stats.undecodable, refStats.undecodable);
    // The rewritten file alone gives the same rows.
    const offline = await journal.eventTable({ snapshot: file, refresh: false, progress: false });
    assert.equal(loadStats(offline)?.snapshot?.mode, 'loaded');
    assert.equal(loadStats(offline)?.snapshot?.reason, 'refresh: false');
    assert.deepEqual(rowsOf(offline), rowsOf(reference));
  }
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
  if (!fs.existsSync(file)) await journal.eventTable({ snapshot: file, progress: false });
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
      error instanceof SnapshotError && /holds snap_refresh\.messages, this load reads snap_other\.messages/.test(error.message));
  } finally {
    await other.close();
  }
  await assert.rejects(journal.eventTable({ snapshot: file, limit: 10 }), /limit cannot be combined with snapshot/);
});
