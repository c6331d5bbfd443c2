// loadTable reads a .parquet file column chunk by column chunk (two reused buffers, pages in groups,
// a yield to the event loop every few pages) and converts an .arrow file's int64 columns in place:
// both must give exactly what reading the whole file gives (docs/snapshots.md, "Peak memory of a load").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveTable } from '../../../src/index.js';
import { columnsFromArrow } from '../../../src/snapshot/arrow-file.js';
import { columnsFromParquet, defaults } from '../../../src/snapshot/parquet-file.js';
import { readDefaults } from '../../../src/snapshot/parquet/read-columns.js';
import { readSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { SnapshotError } from '../../../src/errors.js';
import { rowValues } from './column-values.js';
import { journalTable } from './journal-fixture.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jl-ranged-'));
}

async function withSettings<T>(f: () => Promise<T>): Promise<T> {
  // Many row groups and small pages, groups of one page and a yield after each: every path taken.
  const saved = { writer: { ...defaults }, reader: { ...readDefaults } };
  Object.assign(defaults, { rowGroupRows: 37, pageBytes: 300 });
  Object.assign(readDefaults, { groupBytes: 1, yieldBytes: 1 });
  try {
    return await f();
  } finally {
    Object.assign(defaults, saved.writer);
    Object.assign(readDefaults, saved.reader);
  }
}

test('a .parquet file read chunk by chunk equals the same file read whole, column for column', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'j.parquet');
    await withSettings(async () => {
      await saveTable(journalTable(400), file);
      const ranged = await readSnapshotFile(file);
      const whole = await columnsFromParquet(new Uint8Array(fs.readFileSync(file)), ranged.info.columns);
      assert.equal(ranged.columns.rows, 400);
      assert.deepEqual(ranged.columns.names, whole.names);
      for (const name of whole.names) {
        assert.deepEqual(rowValues(ranged.columns.columns[name]!, 400), rowValues(whole.columns[name]!, 400), name);
      }
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a .parquet file whose column chunk lies past the file end is reported as damaged, and its descriptor closed', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'j.parquet');
    await withSettings(() => saveTable(journalTable(100), file));
    const good = fs.readFileSync(file);
    // Cut out 200 bytes from the middle: the footer survives, the chunks it names no longer fit.
    fs.writeFileSync(file, Buffer.concat([good.subarray(0, 100), good.subarray(300)]));
    const before = fs.readdirSync('/proc/self/fd').length;
    await assert.rejects(readSnapshotFile(file), (error: unknown) => error instanceof SnapshotError && error.problem === 'truncated');
    assert.ok(fs.readdirSync('/proc/self/fd').length <= before, 'the file descriptor is closed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an .arrow file loaded by readSnapshotFile (int64 columns converted in place) equals a read of its bytes', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'j.arrow');
    await saveTable(journalTable(120), file);
    const loaded = await readSnapshotFile(file);
    const copy = (await columnsFromArrow(new Uint8Array(fs.readFileSync(file)))).snapshot;
    for (const name of copy.names) {
      const kind = copy.columns[name]!.kind;
      const expected = rowValues(copy.columns[name]!, 120);
      assert.deepEqual(rowValues(loaded.columns.columns[name]!, 120), expected, `${name} (${kind})`);
    }
    assert.ok(copy.names.some((n) => copy.columns[n]!.kind === 'int64' || copy.columns[n]!.kind === 'timestamp'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
