import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsFromParquet, metadataFromParquet, parquetFromColumns } from '../../../src/snapshot/parquet-file.js';
import { nullSlots, type SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';

test('Parquet: columns of nulls only are listed in the footer and rebuilt without decoding; others read as written', async () => {
  const rows = 5;
  const snapshot: SnapshotColumns = {
    rows, names: ['id', 'decodeError', 'note', 'n', 'partlyNull'],
    columns: {
      id: { kind: 'dictionary', codes: Int32Array.from([0, 1, 0, 1, 0]), values: ['a', 'b'] },
      decodeError: { kind: 'dictionary', codes: new Int32Array(rows).fill(-1), values: [] },
      note: { kind: 'utf8', slots: nullSlots(rows) },
      n: { kind: 'int64', values: new Float64Array(rows).fill(NaN) },
      partlyNull: { kind: 'dictionary', codes: Int32Array.from([-1, 0, -1, -1, -1]), values: ['x'] },
    },
  };
  const bytes = parquetFromColumns(snapshot, new Map());
  assert.deepEqual(JSON.parse(metadataFromParquet(bytes).get('journal-lens:null-columns')!), ['decodeError', 'note', 'n']);
  const back = await columnsFromParquet(bytes, { id: 'dictionary', decodeError: 'dictionary', note: 'utf8', n: 'int64', partlyNull: 'dictionary' });
  assert.equal(back.rows, rows);
  const de = back.columns['decodeError'];
  assert.ok(de?.kind === 'dictionary' && de.codes.every((c) => c === -1));
  const note = back.columns['note'];
  assert.ok(note?.kind === 'utf8' && note.slots.valid !== null && note.slots.valid.every((v) => v === 0));
  const n = back.columns['n'];
  assert.ok(n?.kind === 'int64' && n.values.every((v) => Number.isNaN(v)));
  const partly = back.columns['partlyNull'];
  assert.ok(partly?.kind === 'dictionary');
  assert.deepEqual([...partly.codes].map((c) => (c === -1 ? null : partly.values[c])), [null, 'x', null, null, null]);
  const id = back.columns['id'];
  assert.ok(id?.kind === 'dictionary');
  assert.deepEqual([...id.codes].map((c) => id.values[c]), ['a', 'b', 'a', 'b', 'a']);
});
