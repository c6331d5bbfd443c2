// A snapshot whose JSON text was damaged after it was written loads with that row undecodable (event
// null, decodeError saying why, the bytes in `raw`), counted in loadStats, as a Cassandra load makes
// one; never a SyntaxError when the row is read. Files that still match their stored checksums are
// not re-validated (src/snapshot/json-check.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkJsonColumns, JSON_CHECKSUM_KEY, jsonChecksums } from '../../../src/snapshot/json-check.js';
import { columnsFromParquet, JSON_CHUNK_CHECKSUMS_KEY, parquetFromColumns } from '../../../src/snapshot/parquet-file.js';
import { loadTable, saveTable } from '../../../src/snapshot/save-table.js';
import { openSnapshotFile, readSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { METADATA_KEY } from '../../../src/snapshot/snapshot-info.js';
import { EventColumn, JsonArena } from '../../../src/table/event-column.js';
import { loadStats } from '../../../src/table/load-stats.js';
import { journalTable } from './journal-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-json-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every event of the table read (a damaged one must not throw). */
function readAll(events: unknown[]): number {
  let objects = 0;
  for (const e of events) if (e !== null && typeof e === 'object') objects++;
  return objects;
}

test('arrow: a JSON value hand-edited in the file becomes an undecodable row at load, its bytes in raw', async () => {
  const file = path.join(dir, 'edited.arrow');
  const saved = await saveTable(journalTable(40), file);
  const bytes = fs.readFileSync(file);
  const original = Buffer.from('{"item":"item-13"');
  const at = bytes.indexOf(original);
  assert.ok(at > 0 && bytes.indexOf(original, at + 1) === -1);
  bytes[at + 8] = 0x27; // "item-13" → 'item-13": no longer JSON, same length
  fs.writeFileSync(file, bytes);
  const t = await loadTable(file);
  const events = t.array('event') as unknown[];
  assert.equal(readAll(events), 38, "every event but the journal's undecodable row 9 and the damaged row 13 is an object");
  assert.equal(events[13], null);
  assert.match(String(t.get('decodeError', 13)), /event JSON damaged in the snapshot file/);
  assert.equal(Buffer.from(t.get('raw', 13) as Uint8Array).toString(), `{"item":'item-13","qty":13,"note":null}`);
  assert.equal(t.get('raw', 12), null);
  assert.deepEqual(t.get('event', 12), { item: 'item-12', qty: 12, note: null });
  const stats = loadStats(t)!;
  assert.equal(stats.undecodable, (saved.loadStats?.undecodable ?? 0) + 1);
  assert.equal(Object.values(stats.undecodableBy).reduce((a, b) => a + b, 0), stats.undecodable);
  // The undecodable row of the journal (raw bytes, serializer 9001) keeps its own raw and error.
  assert.deepEqual([...(t.get('raw', 9) as Uint8Array)], [1, 2, 3, 250]);
  assert.equal(t.get('decodeError', 9), 'no decoder for serializer 9001');
});

test('parquet: a damaged JSON value in a file without checksums (older, or rewritten by another tool) is found; openSnapshotFile counts it', async () => {
  const good = path.join(dir, 'good.parquet');
  await saveTable(journalTable(40), good);
  const { columns, info } = await readSnapshotFile(good);
  const event = columns.columns['event']!;
  assert.equal(event.kind, 'json');
  if (event.kind !== 'json') return;
  const { bytes, offsets } = event.slots;
  bytes[offsets[20]! + 1] = 0x7d; // {"item"… → {}item"…
  const file = path.join(dir, 'damaged.parquet');
  fs.writeFileSync(file, parquetFromColumns(columns, new Map([[METADATA_KEY, JSON.stringify(info)]]), { jsonChecksums: false }));
  const t = await loadTable(file);
  assert.equal(t.get('event', 20), null);
  assert.match(String(t.get('decodeError', 20)), /damaged/);
  assert.equal(loadStats(t)!.undecodable, (info.loadStats?.undecodable ?? 0) + 1);
  readAll(t.array('event') as unknown[]);
  const opened = openSnapshotFile(file);
  const before = opened.info.loadStats?.undecodable ?? 0;
  const read = await opened.columns();
  assert.equal(opened.info.loadStats!.undecodable, before + 1);
  assert.ok(read.names.includes('raw'));
  assert.equal((await opened.columns()).rows, 40, 'columns() can be called again');
});

test('parquet: the JSON column chunks saveTable wrote match their stored CRC-32 as read; a wrong one makes every value checked', async () => {
  const file = path.join(dir, 'chunks.parquet');
  await saveTable(journalTable(40), file);
  const bytes = fs.readFileSync(file);
  let matched: ReadonlySet<string> = new Set();
  const { info, columns } = await readSnapshotFile(file);
  await columnsFromParquet(new Uint8Array(bytes), info.columns, { onChunksMatched: (names) => { matched = names; } });
  assert.deepEqual([...matched], ['event']);
  const event = columns.columns['event']!;
  if (event.kind !== 'json') throw new Error(event.kind);
  event.slots.bytes[event.slots.offsets[4]!] = 0x3a; // { → :
  const other = path.join(dir, 'wrong-chunk-sum.parquet');
  fs.writeFileSync(other, parquetFromColumns(columns, new Map([[METADATA_KEY, JSON.stringify(info)], [JSON_CHUNK_CHECKSUMS_KEY, JSON.stringify({ event: 'crc32:00000000:1' })]]), { jsonChecksums: false }));
  const t = await loadTable(other);
  assert.equal(t.get('event', 4), null);
  assert.equal(loadStats(t)!.undecodable, (info.loadStats?.undecodable ?? 0) + 1);
});

test('a column matching its stored value checksum is trusted; a changed value or a wrong checksum makes every value checked', async () => {
  const file = path.join(dir, 'trusted.arrow');
  await saveTable(journalTable(40), file);
  const { columns } = await readSnapshotFile(file);
  const sums = jsonChecksums(columns);
  assert.deepEqual(Object.keys(sums), ['event']);
  assert.deepEqual(checkJsonColumns(columns, sums), { checked: [], damaged: 0, damagedBy: {} });
  assert.deepEqual(checkJsonColumns(columns, { event: '0000000000000000' }).checked, ['event']);
  assert.deepEqual(checkJsonColumns(columns, {}).checked, ['event']);
  // A changed length or a value turned null changes the checksum too.
  const event = columns.columns['event']!;
  if (event.kind !== 'json') throw new Error(event.kind);
  const { offsets } = event.slots;
  const moved = { ...event.slots, offsets: offsets.map((o, i) => (i === 5 ? o + 1 : o)) };
  assert.notEqual(jsonChecksums({ ...columns, columns: { ...columns.columns, event: { kind: 'json', slots: moved } } }).event, sums.event);
  const valid = new Uint8Array(40).fill(1);
  valid[3] = 0;
  assert.notEqual(jsonChecksums({ ...columns, columns: { ...columns.columns, event: { kind: 'json', slots: { ...event.slots, valid } } } }).event, sums.event);
  // A file with a value checksum that does not match (here a .parquet file written without its chunk checksums).
  const other = path.join(dir, 'wrong-sum.parquet');
  const { info } = await readSnapshotFile(file);
  const b = event.slots.bytes;
  b[offsets[2]!] = 0x5b; // { → [
  fs.writeFileSync(other, parquetFromColumns(columns, new Map([[METADATA_KEY, JSON.stringify(info)], [JSON_CHECKSUM_KEY, JSON.stringify(sums)]]), { jsonChecksums: false }));
  const t = await loadTable(other);
  assert.equal(t.get('event', 2), null);
  assert.equal(loadStats(t)!.undecodable, (info.loadStats?.undecodable ?? 0) + 1);
});

test('EventColumn.at reads bytes JSON.parse refuses as null instead of throwing', () => {
  const arena = new JsonArena();
  const at = { start: 0 };
  const block = arena.add(Buffer.from('{"a":1}{"a":'), at);
  const column = new EventColumn(null, { arena, block: Int32Array.of(block, block), start: Int32Array.of(0, 7), length: Int32Array.of(7, 5) }, 2);
  assert.deepEqual(column.at(0), { a: 1 });
  assert.equal(column.at(1), null);
});
