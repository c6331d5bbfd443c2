// openSnapshotFile and readSnapshotInfo read a snapshot's footer only and leave no descriptor open;
// openSnapshotFile().columns() reads the file again (a .parquet chunk by chunk) and equals readSnapshotFile.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SnapshotError } from '../../../src/errors.js';
import { saveTable } from '../../../src/snapshot/save-table.js';
import { openSnapshotFile, readSnapshotFile, readSnapshotInfo } from '../../../src/snapshot/snapshot-file.js';
import { journalTable } from './journal-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-open-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const openDescriptors = (): number => fs.readdirSync('/proc/self/fd').length;

for (const ext of ['parquet', 'arrow']) {
  test(`${ext}: openSnapshotFile checks the metadata, holds no descriptor, and its columns equal readSnapshotFile's`, async () => {
    const file = path.join(dir, `open.${ext}`);
    const saved = await saveTable(journalTable(40), file);
    const before = openDescriptors();
    const opened = openSnapshotFile(file);
    assert.deepEqual(opened.info, saved);
    assert.ok(openDescriptors() <= before, 'no descriptor open after the metadata check');
    const columns = await opened.columns();
    assert.ok(openDescriptors() <= before, 'no descriptor open after the columns were read');
    const again = await opened.columns();
    const direct = await readSnapshotFile(file);
    assert.equal(columns.rows, 40);
    assert.deepEqual(columns, direct.columns);
    assert.deepEqual(again, direct.columns);
  });

  test(`${ext}: the metadata is read from the footer alone (damaged column bytes do not matter to it)`, async () => {
    const file = path.join(dir, `footer.${ext}`);
    const saved = await saveTable(journalTable(40), file);
    const bytes = fs.readFileSync(file);
    // Zero the column data: everything between the first bytes and the footer (its length sits
    // before the closing magic: 4 bytes in Parquet, 6 in Arrow).
    const tail = ext === 'parquet' ? 8 : 10;
    const footerStart = bytes.length - tail - bytes.readInt32LE(bytes.length - tail);
    assert.ok(footerStart > 200);
    bytes.fill(0, 64, footerStart);
    fs.writeFileSync(file, bytes);
    assert.deepEqual(readSnapshotInfo(file), saved);
    const opened = openSnapshotFile(file);
    assert.deepEqual(opened.info, saved);
    await assert.rejects(opened.columns(), (error: unknown) => error instanceof SnapshotError && error.problem === 'truncated');
  });

  test(`${ext}: a file replaced between openSnapshotFile and columns() is refused as changed; a cut footer as truncated`, async () => {
    const file = path.join(dir, `replaced.${ext}`);
    await saveTable(journalTable(40), file);
    const opened = openSnapshotFile(file);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await saveTable(journalTable(30), file);
    const before = openDescriptors();
    await assert.rejects(opened.columns(), (error: unknown) => error instanceof SnapshotError && error.problem === 'mismatch' && /changed after/.test(error.message));
    assert.ok(openDescriptors() <= before, 'the descriptor is closed after the refusal');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, bytes.length - 40), bytes.subarray(bytes.length - 6)]));
    assert.throws(() => readSnapshotInfo(file), (error: unknown) => error instanceof SnapshotError && error.problem === 'truncated');
    assert.ok(openDescriptors() <= before, 'the descriptor is closed after a damaged footer');
  });
}

test('arrow: random bytes in the footer end in a SnapshotError (or metadata still readable), never another error', async () => {
  const file = path.join(dir, 'flips.arrow');
  await saveTable(journalTable(20), file);
  const original = fs.readFileSync(file);
  const footerStart = original.length - 10 - original.readInt32LE(original.length - 10);
  let x = 7;
  let refused = 0;
  for (let round = 0; round < 200; round++) {
    const bytes = Buffer.from(original);
    for (let k = 0; k < 3; k++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[footerStart + (x % (original.length - footerStart))] = x >>> 24;
    }
    fs.writeFileSync(file, bytes);
    try {
      readSnapshotInfo(file);
    } catch (error) {
      assert.ok(error instanceof SnapshotError, String(error));
      refused++;
    }
  }
  assert.ok(refused > 0);
});
