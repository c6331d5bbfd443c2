// The Arrow write side: the IPC bytes as a list of buffers (views of the columns' arrays), written
// with writev, read back by our reader and by flechette/Arquero; the atomic replace on errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { tableFromIPC } from '@uwdata/flechette';
import { SnapshotError } from '../../../src/errors.js';
import { arrowChunksFromColumns, arrowFromColumns, byteLengthOf, columnsFromArrow } from '../../../src/snapshot/arrow-file.js';
import { columnsFromTable } from '../../../src/snapshot/columns-from-table.js';
import { loadTable, snapshotInfoOf } from '../../../src/snapshot/save-table.js';
import type { SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';
import { readSnapshotInfo, writeSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { writeChunksSync } from '../../../src/snapshot/write-chunks.js';
import { journalTable } from './journal-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-arrow-write-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const joined = (chunks: readonly Uint8Array[]): Buffer => Buffer.concat(chunks);

test('the chunks are the IPC file, and the event text goes out as the column\'s own bytes, not a copy', async () => {
  const t = journalTable();
  const columns = columnsFromTable(t);
  const chunks = arrowChunksFromColumns(columns, new Map([['k', 'v']]));
  const one = arrowFromColumns(columns, new Map([['k', 'v']]));
  assert.equal(byteLengthOf(chunks), one.byteLength);
  assert.deepEqual(joined(chunks), Buffer.from(one));
  assert.equal(Buffer.from(one.subarray(0, 6)).toString('latin1'), 'ARROW1');
  const event = columns.columns['event']!;
  assert.ok('slots' in event);
  assert.ok(chunks.some((c) => c.buffer === event.slots.bytes.buffer && c.byteOffset === event.slots.bytes.byteOffset),
    'the JSON bytes are handed to the file as they are');
  const back = await columnsFromArrow(one);
  assert.equal(back.metadata.get('k'), 'v');
  assert.equal(back.snapshot.rows, 50);
});

test('int64 and timestamp words: negative, past 2^32, up to 2^53 - 1, and nulls, as flechette reads them', async () => {
  const values = [0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 32 + 5, -(2 ** 32) - 1, 1_767_225_600_123, -1_767_225_600_123, 2 ** 53 - 1, -(2 ** 53 - 1), NaN];
  const rows = values.length;
  const snapshot: SnapshotColumns = {
    rows, names: ['n', 'ts'],
    columns: { n: { kind: 'int64', values: Float64Array.from(values) }, ts: { kind: 'timestamp', values: Float64Array.from(values) } },
  };
  const table = tableFromIPC(arrowFromColumns(snapshot, new Map()), { useBigInt: true, useBigIntTimestamp: true });
  const expected = values.map((v) => (Number.isNaN(v) ? null : BigInt(v)));
  assert.deepEqual([...table.getChild('n').toArray()], expected);
  assert.deepEqual([...table.getChild('ts').toArray()], expected);
  const back = (await columnsFromArrow(arrowFromColumns(snapshot, new Map()))).snapshot;
  assert.deepEqual([...(back.columns['n'] as { values: Float64Array }).values], values);
});

test('lists (null, empty, repeated, non-ASCII) and dictionaries (non-ASCII, lone surrogates) round-trip', async () => {
  const lists = [['a', 'b'], null, [], ['ü', '日本', '😀'], ['a']];
  const codes = Int32Array.from([0, 1, 2, 3, 4, 0, 3, 1, 2, 4, 0]);
  const dictValues = ['cart-1', 'ünïcode', 'x\uD83D', '\uDE00y', ''];
  const dictCodes = Int32Array.from([0, 1, 2, 3, 4, -1, 0, 1, 2, 3, 4]);
  const rows = codes.length;
  const snapshot: SnapshotColumns = {
    rows, names: ['tags', 'id', 'ascii'],
    columns: {
      tags: { kind: 'list', codes, values: lists },
      id: { kind: 'dictionary', codes: dictCodes, values: dictValues },
      ascii: { kind: 'dictionary', codes: Int32Array.from(dictCodes, (c) => (c < 0 ? -1 : c % 2)), values: ['p', 'q'] },
    },
  };
  const bytes = arrowFromColumns(snapshot, new Map());
  const table = tableFromIPC(bytes);
  assert.deepEqual(Array.from(table.getChild('tags').toArray() as ArrayLike<string[] | null>, (l) => (l === null ? null : [...l])), [...codes].map((c) => lists[c]));
  // A lone surrogate is written as U+FFFD, as Buffer.from would (joining must not pair it with its neighbour).
  const fixed = dictValues.map((s) => Buffer.from(s, 'utf8').toString('utf8'));
  assert.deepEqual([...table.getChild('id').toArray()], [...dictCodes].map((c) => (c < 0 ? null : fixed[c])));
  assert.deepEqual([...table.getChild('ascii').toArray()], [...dictCodes].map((c) => (c < 0 ? null : ['p', 'q'][c % 2])));
  const back = (await columnsFromArrow(bytes)).snapshot;
  const tags = back.columns['tags']!;
  assert.ok(tags.kind === 'list');
  assert.deepEqual([...tags.codes].map((c) => tags.values[c]), [...codes].map((c) => lists[c]));
  const viaArquero = aq.fromArrow(bytes);
  assert.equal(viaArquero.numRows(), rows);
  assert.equal(viaArquero.get('id', 1), 'ünïcode');
});

test('writeChunksSync writes more buffers than one writev takes, empty and odd-sized ones, in order', () => {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < 1500; i++) chunks.push(Uint8Array.from({ length: i % 7 }, (_, k) => (i + k) & 255));
  chunks.push(new Uint8Array(3 << 20).fill(9));
  const file = path.join(dir, 'many.bin');
  writeChunksSync(file, chunks);
  assert.deepEqual(fs.readFileSync(file), joined(chunks));
  writeChunksSync(file, [Uint8Array.of(1, 2)]);
  assert.deepEqual([...fs.readFileSync(file)], [1, 2], 'an existing file is truncated');
});

test('writeSnapshotFile replaces a snapshot whole and leaves no temporary file; a failed write keeps the old one', async () => {
  const t = journalTable();
  const columns = columnsFromTable(t);
  const file = path.join(dir, 'journal.arrow');
  const size = writeSnapshotFile(file, columns, snapshotInfoOf(t, columns));
  assert.equal(size, fs.statSync(file).size);
  assert.equal(readSnapshotInfo(file).rows, 50);
  const smaller = columnsFromTable(journalTable(10));
  writeSnapshotFile(file, smaller, snapshotInfoOf(journalTable(10), smaller));
  assert.equal((await loadTable(file)).numRows(), 10);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

  // The target is a folder: the temporary file is written, the rename fails, the temp is removed.
  const blocked = path.join(dir, 'blocked.arrow');
  fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
  assert.throws(() => writeSnapshotFile(blocked, columns, snapshotInfoOf(t, columns)), (error: unknown) => {
    assert.ok(error instanceof SnapshotError, String(error));
    assert.equal(error.problem, 'unwritable');
    assert.match(error.message, /could not be written.*previous snapshot at that path is unchanged/);
    return true;
  });
  assert.ok(fs.statSync(path.join(blocked, 'inside')).isDirectory());
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.throws(() => writeSnapshotFile(path.join(dir, 'no-such-folder', 'x.arrow'), columns, snapshotInfoOf(t, columns)),
    (error: unknown) => error instanceof SnapshotError && error.problem === 'unwritable');
});
