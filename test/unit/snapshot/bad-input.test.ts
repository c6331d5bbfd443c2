import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { OptionError, SnapshotError } from '../../../src/errors.js';
import { loadTable, saveTable } from '../../../src/snapshot/save-table.js';
import { columnsFromTable } from '../../../src/snapshot/columns-from-table.js';
import { writeSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { snapshotInfoOf } from '../../../src/snapshot/save-table.js';
import { journalTable } from './journal-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-bad-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function refused(file: string, problem: SnapshotError['problem'], words: RegExp): Promise<void> {
  await assert.rejects(loadTable(file), (error: unknown) => {
    assert.ok(error instanceof SnapshotError, String(error));
    assert.equal(error.problem, problem);
    assert.equal(error.path, file);
    assert.match(error.message, words);
    assert.ok(error.message.includes(file), 'names the file');
    assert.ok(!error.message.includes('\n'), 'one paragraph');
    return true;
  });
}

for (const ext of ['parquet', 'arrow']) {
  test(`${ext}: a truncated file is refused as damaged, naming the file and what to do`, async () => {
    const file = path.join(dir, `cut.${ext}`);
    await saveTable(journalTable(), file);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refused(file, 'truncated', /damaged or cut short.*Delete it/);
    // cut inside the footer too
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, 100), bytes.subarray(bytes.length - 20)]));
    await refused(file, 'truncated', /damaged or cut short/);
  });

  test(`${ext}: a file from a newer format version is refused`, async () => {
    const file = path.join(dir, `newer.${ext}`);
    const t = journalTable();
    const columns = columnsFromTable(t);
    writeSnapshotFile(file, columns, { ...snapshotInfoOf(t, columns), version: 99 });
    await refused(file, 'newer-version', /version 99.*Update journal-lens/);
  });
}

test('a file that is no Parquet or Arrow file is refused as foreign', async () => {
  const file = path.join(dir, 'notes.parquet');
  fs.writeFileSync(file, 'persistenceId,sequenceNr\ncart-1,1\n');
  await refused(file, 'foreign', /neither a Parquet nor an Arrow file/);
});

test('a Parquet file that journal-lens did not write is refused as foreign', async () => {
  const file = path.join(dir, 'other.parquet');
  const writer = new ByteWriter();
  parquetWrite({ writer, columnData: [{ name: 'x', data: [1, 2, 3], type: 'INT32' }] });
  fs.writeFileSync(file, writer.getBytes());
  await refused(file, 'foreign', /not one written by journal-lens/);
});

test('a missing file is refused with a hint', async () => {
  await refused(path.join(dir, 'nothing.arrow'), 'missing', /ENOENT.*saveTable/);
});

test('an unwritable path is refused, and the previous snapshot at a path stays whole', async () => {
  const blocked = path.join(dir, 'no-such-folder', 'x.parquet');
  await assert.rejects(saveTable(journalTable(), blocked), (error: unknown) => {
    assert.ok(error instanceof SnapshotError);
    assert.equal(error.problem, 'unwritable');
    assert.match(error.message, /could not be written \(ENOENT.*previous snapshot at that path is unchanged/);
    return true;
  });
  const file = path.join(dir, 'kept.arrow');
  await saveTable(journalTable(), file);
  const before = fs.readFileSync(file);
  // A directory where the rename must land: the write fails after the temporary file was made.
  const target = path.join(dir, 'a-folder.arrow');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'inside'), 'x');
  await assert.rejects(saveTable(journalTable(), target), SnapshotError);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  assert.deepEqual(fs.readFileSync(file), before);
  assert.equal((await loadTable(file)).numRows(), 50);
});

test('a path without a snapshot extension is an option error', async () => {
  await assert.rejects(saveTable(journalTable(), path.join(dir, 'x.csv')), (error: unknown) =>
    error instanceof OptionError && /'.csv'.*\.parquet.*\.arrow/.test(error.message));
});
