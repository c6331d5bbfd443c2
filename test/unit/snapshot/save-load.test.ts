import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { loadTable, saveTable, snapshotInfo } from '../../../src/snapshot/save-table.js';
import { EventColumn } from '../../../src/table/event-column.js';
import { DictionaryColumn } from '../../../src/table/dictionary-column.js';
import { loadStats } from '../../../src/table/load-stats.js';
import { journalTable } from './journal-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-unit-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

function rowsOf(t: aq.ColumnTable): Record<string, unknown>[] {
  return t.objects().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      out[k] = v instanceof Date ? v.getTime() : v instanceof Uint8Array ? [...v] : v;
    }
    return out;
  });
}

for (const ext of ['parquet', 'arrow']) {
  test(`${ext}: a journal table survives the round trip, value for value, with its compact columns`, async () => {
    const t = journalTable();
    const file = path.join(dir, `journal.${ext}`);
    const info = await saveTable(t, file);
    assert.equal(info.rows, 50);
    assert.equal(info.columns['event'], 'json');
    assert.equal(info.columns['persistenceId'], 'dictionary');
    assert.equal(info.columns['sequenceNr'], 'int64');
    assert.equal(info.columns['tags'], 'list');
    assert.equal(info.columns['raw'], 'binary');
    const back = await loadTable(file);
    assert.deepEqual(back.columnNames(), t.columnNames());
    assert.ok(back.column('event') instanceof EventColumn);
    assert.equal((back.column('event') as unknown as EventColumn).unparsed, 49, 'events stay unparsed until read');
    assert.ok(back.column('persistenceId') instanceof DictionaryColumn);
    assert.deepEqual(rowsOf(back), rowsOf(t));
    assert.equal(back.get('timestamp', 7), null);
    assert.deepEqual(back.get('event', 11), { item: 'x', qty: 2, when: 'später' });
    assert.deepEqual([...(back.get('raw', 9) as Uint8Array)], [1, 2, 3, 250]);
    const stats = loadStats(back)!;
    assert.equal(stats.undecodable, 1);
    assert.equal(stats.deletedSkipped, 2);
    assert.equal(stats.snapshot?.mode, 'loaded');
    assert.equal(stats.snapshot?.path, file);
    assert.equal(snapshotInfo(file).loadStats?.duplicatesDropped, 1);
  });

  test(`${ext}: a filtered, ordered table is saved as it reads`, async () => {
    const t = journalTable().filter((d: { partition: number }) => d.partition === 0).orderby(aq.desc('sequenceNr'), 'persistenceId');
    const file = path.join(dir, `view.${ext}`);
    await saveTable(t, file);
    const back = await loadTable(file);
    assert.deepEqual(rowsOf(back), rowsOf(t));
  });

  test(`${ext}: plain Arquero tables keep strings, numbers, dates, lists and objects`, async () => {
    const t = aq.table({
      name: ['a', 'b', null, 'a'], n: [1.5, 2, NaN, -3], when: [new Date(0), null, new Date(86_400_000), new Date(1)],
      list: [['x'], null, [], ['y', 'z']], obj: [{ a: 1 }, null, [1, 2], 'text'], offset: [1, 2, 3, 4],
    });
    const file = path.join(dir, `plain.${ext}`);
    await saveTable(t, file);
    const back = await loadTable(file);
    assert.deepEqual(rowsOf(back), rowsOf(t));
    assert.ok(back.column('offset') instanceof Float64Array);
  });

  test(`${ext}: an empty table round-trips`, async () => {
    const t = journalTable().filter(() => false);
    const file = path.join(dir, `empty.${ext}`);
    await saveTable(t, file);
    assert.equal((await loadTable(file)).numRows(), 0);
  });
}

test('a saved stream window records the offset after its last record per topic-partition', async () => {
  const t = aq.table({ topic: ['events', 'events', 'other'], partition: Int32Array.from([0, 0, 3]), offset: Float64Array.from([10, 12, 5]), sequenceNr: [1, 2, 3] });
  const file = path.join(dir, 'window.arrow');
  const info = await saveTable(t, file);
  assert.deepEqual(info.kafka?.offsets, [{ topic: 'events', partition: 0, nextOffset: '13' }, { topic: 'other', partition: 3, nextOffset: '6' }]);
  assert.deepEqual(snapshotInfo(file).kafka, info.kafka);
});

test('saving over a snapshot leaves only the new file behind (the old one, kept aside while renaming, is removed)', async () => {
  const own = fs.mkdtempSync(path.join(dir, 'over-'));
  const file = path.join(own, 'journal.arrow');
  await saveTable(journalTable(), file);
  const first = fs.statSync(file).ino;
  await saveTable(journalTable().slice(0, 2), file);
  assert.notEqual(fs.statSync(file).ino, first, 'a new file, renamed into place');
  assert.equal((await loadTable(file)).numRows(), 2);
  for (let i = 0; i < 50 && fs.readdirSync(own).length > 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(fs.readdirSync(own), ['journal.arrow']);
});
