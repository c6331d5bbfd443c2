// Our Parquet page reader (src/snapshot/parquet/) against hyparquet on the same files: every column
// kind saveTable writes, nulls, empty and null lists, several row groups and pages, no rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTable, saveTable } from '../../../src/index.js';
import { columnsFromParquet, defaults, metadataFromParquet, parquetFromColumns } from '../../../src/snapshot/parquet-file.js';
import { readDefaults } from '../../../src/snapshot/parquet/read-columns.js';
import { readSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { createSlotsWriter, type SnapshotColumn, type SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';
import { rowValues } from './column-values.js';
import { journalTable } from './journal-fixture.js';

function slots(values: (string | Uint8Array | null)[]) {
  const w = createSlotsWriter(values.length, 4);
  for (const v of values) {
    if (typeof v === 'string') w.pushString(v);
    else w.push(v);
  }
  return w.finish();
}

/** A table of every column kind, `rows` rows, with nulls, empty and null lists, all-null columns. */
function everyKind(rows: number): SnapshotColumns {
  const ids = ['a', 'bé', 'c-ü', '', 'd'];
  const lists: (readonly string[] | null)[] = [null, [], ['cart'], ['cart', 'checkout'], ['x', 'cart', 'x'], ['ünïcode']];
  const pick = <T>(f: (i: number) => T): T[] => Array.from({ length: rows }, (_, i) => f(i));
  return {
    rows,
    names: ['id', 'idNull', 'idAllNull', 'n', 'nNull', 'nAllNull', 'big', 'ts', 'tsNull', 'f', 'i32', 'event', 'eventNull', 'text', 'textAllNull', 'raw', 'tags', 'tagsNoNull', 'tagsEmpty', 'tagsUnique', 'part', 'fRepeated'],
    columns: {
      id: { kind: 'dictionary', codes: Int32Array.from(pick((i) => (i * 7) % ids.length)), values: ids },
      idNull: { kind: 'dictionary', codes: Int32Array.from(pick((i) => (i % 3 === 0 ? -1 : i % 2))), values: ['p', 'q'] },
      idAllNull: { kind: 'dictionary', codes: new Int32Array(rows).fill(-1), values: [] },
      n: { kind: 'int64', values: Float64Array.from(pick((i) => i * 1_000_003 - 50)) },
      nNull: { kind: 'int64', values: Float64Array.from(pick((i) => (i % 4 === 1 ? NaN : -(2 ** 40) + i))) },
      nAllNull: { kind: 'int64', values: new Float64Array(rows).fill(NaN) },
      big: { kind: 'int64', values: Float64Array.from(pick((i) => (i % 2 ? 2 ** 53 - 1 - i : -(2 ** 53) + 1 + i))) },
      ts: { kind: 'timestamp', values: Float64Array.from(pick((i) => 1_767_225_600_000 + i * 37)) },
      tsNull: { kind: 'timestamp', values: Float64Array.from(pick((i) => (i % 5 === 2 ? NaN : 86_400_000 - 86_400_000 * i))) },
      f: { kind: 'float64', values: Float64Array.from(pick((i) => (i % 6 === 0 ? NaN : i / 3 - 1.5))) },
      i32: { kind: 'int32', values: Int32Array.from(pick((i) => (i % 3 ? 31 : -2_000_000_000))) },
      event: { kind: 'json', slots: slots(pick((i) => JSON.stringify({ i, s: 'x'.repeat(i % 70), u: 'später' }))) },
      eventNull: { kind: 'json', slots: slots(pick((i) => (i % 3 === 2 ? null : `{"k":${i}}`))) },
      text: { kind: 'utf8', slots: slots(pick((i) => (i % 4 === 0 ? null : i % 4 === 1 ? '' : `t${i}`))) },
      textAllNull: { kind: 'utf8', slots: slots(pick(() => null)) },
      raw: { kind: 'binary', slots: slots(pick((i) => (i % 5 === 4 ? null : Uint8Array.from([i & 255, 0, 250, 1].slice(0, i % 5))))) },
      tags: { kind: 'list', codes: Int32Array.from(pick((i) => (i * 5) % lists.length)), values: lists },
      tagsNoNull: { kind: 'list', codes: Int32Array.from(pick((i) => 1 + (i % 5))), values: lists },
      tagsEmpty: { kind: 'list', codes: new Int32Array(rows).fill(1), values: lists },
      // Distinct elements: the writer stores them PLAIN rather than as a dictionary.
      tagsUnique: { kind: 'list', codes: Int32Array.from(pick((i) => i)), values: pick((i) => (i % 7 === 3 ? null : pick((k) => `u${i}-${k}`).slice(0, i % 4))) },
      // Repeated numbers: the writer makes dictionary pages of them.
      part: { kind: 'int64', values: Float64Array.from(pick((i) => (i % 5 === 4 ? NaN : i % 3 ? 0 : 2 ** 40))) },
      fRepeated: { kind: 'float64', values: Float64Array.from(pick((i) => (i % 2 ? 0.5 : -1.25))) },
    },
  };
}

const kindsOf = (s: SnapshotColumns): Record<string, SnapshotColumn['kind']> =>
  Object.fromEntries(s.names.map((n) => [n, s.columns[n]!.kind]));

async function withWriterSettings<T>(rowGroupRows: number, pageBytes: number, f: () => Promise<T>): Promise<T> {
  const saved = { ...defaults };
  defaults.rowGroupRows = rowGroupRows;
  defaults.pageBytes = pageBytes;
  try {
    return await f();
  } finally {
    Object.assign(defaults, saved);
  }
}

for (const { rows, rowGroupRows, pageBytes, label, preload } of [
  { rows: 0, rowGroupRows: 250_000, pageBytes: 1 << 20, label: 'no rows' },
  { rows: 1, rowGroupRows: 250_000, pageBytes: 1 << 20, label: 'one row' },
  { rows: 40, rowGroupRows: 250_000, pageBytes: 1 << 20, label: 'one row group, one page' },
  { rows: 103, rowGroupRows: 25, pageBytes: 1 << 20, label: 'five row groups' },
  { rows: 700, rowGroupRows: 300, pageBytes: 256, label: 'three row groups of many small pages' },
  { rows: 700, rowGroupRows: 300, pageBytes: 256, label: 'pages decompressed on the thread pool', preload: true },
]) {
  test(`Parquet reader, ${label}: every column kind reads as written, and as hyparquet reads it`, async () => {
    const snapshot = everyKind(rows);
    const bytes = await withWriterSettings(rowGroupRows, pageBytes, async () => parquetFromColumns(snapshot, new Map()));
    const fallbacks: string[] = [];
    const savedPreload = readDefaults.preloadBytes;
    if (preload === true) readDefaults.preloadBytes = 0;
    const ours = await columnsFromParquet(bytes, kindsOf(snapshot), { onFallback: (c, why) => fallbacks.push(`${c}: ${why}`) })
      .finally(() => { readDefaults.preloadBytes = savedPreload; });
    const theirs = await columnsFromParquet(bytes, kindsOf(snapshot), { reader: 'hyparquet' });
    assert.deepEqual(fallbacks, []);
    assert.equal(ours.rows, rows);
    assert.deepEqual(ours.names, snapshot.names);
    for (const name of snapshot.names) {
      const kind = snapshot.columns[name]!.kind;
      assert.equal(ours.columns[name]!.kind, kind, name);
      const expected = rowValues(snapshot.columns[name]!, rows);
      assert.deepEqual(rowValues(ours.columns[name]!, rows), expected, `${name} (ours)`);
      assert.deepEqual(rowValues(theirs.columns[name]!, rows), expected, `${name} (hyparquet)`);
    }
  });
}

test('Parquet reader: columns of nulls only are decoded from their pages when the footer does not list them', async () => {
  // The footer key lets a reader skip those pages; without it (an older file) the pages are read.
  const snapshot = everyKind(30);
  const bytes = parquetFromColumns(snapshot, new Map());
  const { readOwnColumn } = await import('../../../src/snapshot/parquet/read-column.js');
  const { parquetMetadata } = await import('hyparquet');
  const meta = parquetMetadata(bytes);
  for (const name of ['idAllNull', 'nAllNull', 'textAllNull', 'tagsEmpty']) {
    const column = readOwnColumn(bytes, meta, name, snapshot.columns[name]!.kind);
    assert.deepEqual(rowValues(column, 30), rowValues(snapshot.columns[name]!, 30), name);
  }
});

test('Parquet reader: a saved journal table loads through our reader, equal to the hyparquet path, value for value', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pq-reader-'));
  try {
    const file = path.join(dir, 'journal.parquet');
    await saveTable(journalTable(), file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const { info } = await readSnapshotFile(file);
    const fallbacks: string[] = [];
    const ours = await columnsFromParquet(bytes, info.columns, { onFallback: (c) => fallbacks.push(c) });
    const theirs = await columnsFromParquet(bytes, info.columns, { reader: 'hyparquet' });
    assert.deepEqual(fallbacks, []);
    for (const name of theirs.names) assert.deepEqual(rowValues(ours.columns[name]!, ours.rows), rowValues(theirs.columns[name]!, theirs.rows), name);
    const table = await loadTable(file);
    process.env['JOURNAL_LENS_PARQUET_READER'] = 'hyparquet';
    const baseline = await loadTable(file).finally(() => delete process.env['JOURNAL_LENS_PARQUET_READER']);
    assert.deepEqual(table.objects(), baseline.objects());
    assert.equal(table.numRows(), journalTable().numRows());
    assert.ok(metadataFromParquet(bytes).has('journal-lens'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
