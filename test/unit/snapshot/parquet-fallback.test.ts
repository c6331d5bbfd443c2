// Our Parquet page reader (src/snapshot/parquet/) on files it does not take (pyarrow's, encodings
// saveTable never writes): those columns go through hyparquet and read the same. On damaged page
// data: a clear error (a SnapshotError through loadTable), never a crash, a hang or a huge allocation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, type PageHeader } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { ByteWriter, parquetWriteBuffer } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { loadTable, saveTable } from '../../../src/index.js';
import { SnapshotError } from '../../../src/errors.js';
import { columnsFromParquet } from '../../../src/snapshot/parquet-file.js';
import { PageDataError, readOwnColumn, UnsupportedPage } from '../../../src/snapshot/parquet/read-column.js';
import { readSnapshotFile } from '../../../src/snapshot/snapshot-file.js';
import { journalTable } from './journal-fixture.js';

const python = path.resolve('.venv/bin/python');
const hasPyarrow = (() => {
  try {
    execFileSync(python, ['-c', 'import pyarrow'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function tempDir(): { dir: string; [Symbol.dispose](): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pq-fallback-'));
  return { dir, [Symbol.dispose]: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a Parquet file rewritten by pyarrow (v1 data pages) loads through the hyparquet fallback, equal to the original', { skip: hasPyarrow ? false : 'no pyarrow in .venv' }, async () => {
  const { dir, [Symbol.dispose]: dispose } = tempDir();
  try {
    const ours = path.join(dir, 'ours.parquet');
    const theirs = path.join(dir, 'theirs.parquet');
    await saveTable(journalTable(), ours);
    execFileSync(python, ['-c', 'import sys, pyarrow.parquet as pq; pq.write_table(pq.read_table(sys.argv[1]), sys.argv[2])', ours, theirs]);
    const { info } = await readSnapshotFile(theirs);
    const fallbacks: string[] = [];
    await columnsFromParquet(new Uint8Array(fs.readFileSync(theirs)), info.columns, { onFallback: (c, why) => fallbacks.push(`${c}: ${why}`) });
    // Every column with values to decode (decodeError holds only nulls here and is not read at all).
    assert.ok(fallbacks.length >= Object.keys(info.columns).length - 1, fallbacks.join('\n'));
    assert.ok(fallbacks.every((f) => /page type DATA_PAGE$/.test(f)), fallbacks.join('\n'));
    const a = await loadTable(ours);
    const b = await loadTable(theirs);
    assert.deepEqual(b.objects(), a.objects());
  } finally {
    dispose();
  }
});

test('a Parquet file rewritten by pyarrow with v2 data pages is read by our reader, equal to the original', { skip: hasPyarrow ? false : 'no pyarrow in .venv' }, async () => {
  const { dir, [Symbol.dispose]: dispose } = tempDir();
  try {
    const ours = path.join(dir, 'ours.parquet');
    const theirs = path.join(dir, 'theirs.parquet');
    await saveTable(journalTable(), ours);
    execFileSync(python, ['-c', "import sys, pyarrow.parquet as pq; pq.write_table(pq.read_table(sys.argv[1]), sys.argv[2], data_page_version='2.0')", ours, theirs]);
    const { info } = await readSnapshotFile(theirs);
    const fallbacks: string[] = [];
    await columnsFromParquet(new Uint8Array(fs.readFileSync(theirs)), info.columns, { onFallback: (c, why) => fallbacks.push(`${c}: ${why}`) });
    assert.deepEqual(fallbacks, []);
    assert.deepEqual((await loadTable(theirs)).objects(), (await loadTable(ours)).objects());
  } finally {
    dispose();
  }
});

test('columns in encodings saveTable does not write (delta, byte stream split) go through hyparquet; the others through our reader', async () => {
  const rows = 50;
  const bytes = new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'delta', data: BigInt64Array.from({ length: rows }, (_, i) => BigInt(i * 1000 - 7)), type: 'INT64', encoding: 'DELTA_BINARY_PACKED' },
      { name: 'text', data: Array.from({ length: rows }, (_, i) => `t${i}`), type: 'STRING', encoding: 'DELTA_LENGTH_BYTE_ARRAY' },
      { name: 'split', data: Float64Array.from({ length: rows }, (_, i) => i / 4), type: 'DOUBLE', encoding: 'BYTE_STREAM_SPLIT' },
      { name: 'plain', data: BigInt64Array.from({ length: rows }, (_, i) => BigInt(i)), type: 'INT64', encoding: 'PLAIN' },
      { name: 'dictText', data: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : `v${i % 3}`)), type: 'STRING', encoding: 'RLE_DICTIONARY' },
    ],
  }));
  const fallbacks: string[] = [];
  const back = await columnsFromParquet(bytes, { delta: 'int64', text: 'utf8', split: 'float64', plain: 'int64', dictText: 'utf8' }, { onFallback: (c) => fallbacks.push(c) });
  assert.deepEqual(fallbacks, ['delta', 'text', 'split']);
  const col = (name: string) => back.columns[name]!;
  const delta = col('delta');
  assert.ok(delta.kind === 'int64' && delta.values[49] === 49 * 1000 - 7);
  const text = col('text');
  assert.ok(text.kind === 'utf8' && Buffer.from(text.slots.bytes.subarray(text.slots.offsets[7], text.slots.offsets[8])).toString() === 't7');
  const split = col('split');
  assert.ok(split.kind === 'float64' && split.values[10] === 2.5);
  const plain = col('plain');
  assert.ok(plain.kind === 'int64' && plain.values[33] === 33);
  // Dictionary-coded text (saveTable writes text plain; other writers do not) is copied per row by ours.
  const dictText = col('dictText');
  assert.ok(dictText.kind === 'utf8');
  const { bytes: b, offsets: o, valid } = dictText.slots;
  const texts = Array.from({ length: rows }, (_, i) => (valid !== null && valid[i] === 0 ? null : Buffer.from(b.subarray(o[i], o[i + 1])).toString()));
  assert.deepEqual(texts, Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : `v${i % 3}`)));
});

// ---------------------------------------------------------------- damaged pages

interface PageAt { headerStart: number; dataStart: number; header: PageHeader }

/** The pages of column `name` in the first row group. */
function pagesOf(bytes: Uint8Array, name: string): PageAt[] {
  const meta = parquetMetadata(bytes);
  const chunk = meta.row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!;
  const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
  const end = start + Number(chunk.total_compressed_size);
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: start };
  const pages: PageAt[] = [];
  while (reader.offset < end) {
    const headerStart = reader.offset;
    const header = parquetHeader(reader);
    pages.push({ headerStart, dataStart: reader.offset, header });
    reader.offset += header.compressed_page_size;
  }
  return pages;
}

/** `bytes` with one page header re-written after `change` (the new header must keep its length). */
function withHeader(bytes: Uint8Array, page: PageAt, change: (h: PageHeader) => void): Uint8Array {
  const header = structuredClone(page.header);
  change(header);
  const writer = new ByteWriter();
  writePageHeader(writer, header);
  const out = writer.getBytes();
  assert.equal(out.length, page.dataStart - page.headerStart, 'the edited header keeps its length');
  const copy = new Uint8Array(bytes);
  copy.set(out, page.headerStart);
  return copy;
}

function withBytes(bytes: Uint8Array, at: number, patch: number[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.set(patch, at);
  return copy;
}

const levelBytes = (p: PageAt): number => (p.header.data_page_header_v2?.definition_levels_byte_length ?? 0) + (p.header.data_page_header_v2?.repetition_levels_byte_length ?? 0);

async function rejectsClearly(bytes: Uint8Array, kinds: Record<string, 'int64' | 'utf8' | 'dictionary' | 'list'>, message: RegExp): Promise<void> {
  await assert.rejects(columnsFromParquet(bytes, kinds), (error: unknown) => {
    assert.ok(error instanceof PageDataError, `a PageDataError, got ${String(error)}`);
    assert.match((error as Error).message, message);
    return true;
  });
}

const rows = 10;
const uncompressed = (columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData']): Uint8Array =>
  new Uint8Array(parquetWriteBuffer({ columnData, codec: 'UNCOMPRESSED' }));

test('damaged pages: a text value whose length runs past its page', async () => {
  const bytes = uncompressed([{ name: 't', data: Array.from({ length: rows }, (_, i) => `value-${i}`), type: 'STRING', nullable: false }]);
  const page = pagesOf(bytes, 't')[0]!;
  await rejectsClearly(withBytes(bytes, page.dataStart + levelBytes(page), [0xf0, 0xff, 0xff, 0x7f]), { t: 'utf8' }, /runs past/);
});

test('damaged pages: a dictionary code bit width above 32, and a code beyond the dictionary', async () => {
  const bytes = uncompressed([{ name: 'd', data: Array.from({ length: rows }, (_, i) => (i % 2 ? 'a' : 'b')), type: 'STRING', encoding: 'RLE_DICTIONARY', nullable: false }]);
  const [, data] = pagesOf(bytes, 'd');
  const at = data!.dataStart + levelBytes(data!);
  await rejectsClearly(withBytes(bytes, at, [40]), { d: 'dictionary' }, /bit width of 40/);
  // Bit width 8, one RLE run of 10 values of 9: the dictionary holds 2.
  await rejectsClearly(withBytes(bytes, at, [8, rows << 1, 9]), { d: 'dictionary' }, /dictionary index 9 is out of range/);
});

test('damaged pages: a page claiming more values than its bytes hold, more bytes than its chunk, a dictionary larger than its page', async () => {
  const withNull = Array.from({ length: rows }, (_, i) => (i === 3 ? null : BigInt(i)));
  const bytes = uncompressed([{ name: 'n', data: withNull, type: 'INT64', encoding: 'PLAIN' }]);
  const [page] = pagesOf(bytes, 'n');
  await rejectsClearly(withHeader(bytes, page!, (h) => { h.data_page_header_v2!.num_nulls = 0; }), { n: 'int64' }, /claims 10 values of 8 bytes but holds 72 bytes/);
  await rejectsClearly(withHeader(bytes, page!, (h) => { h.compressed_page_size = 4000; h.uncompressed_page_size = 4000; }), { n: 'int64' }, /claims 4000 bytes/);
  const ids = Array.from({ length: 200 }, (_, i) => `id-${i % 100}`);
  const dict = uncompressed([{ name: 'd', data: ids, type: 'STRING', encoding: 'RLE_DICTIONARY', nullable: false }]);
  const [dictionaryPage] = pagesOf(dict, 'd');
  assert.equal(dictionaryPage!.header.type, 'DICTIONARY_PAGE');
  await rejectsClearly(withHeader(dict, dictionaryPage!, (h) => { h.dictionary_page_header!.num_values = 8000; }), { d: 'dictionary' }, /claims 8000 text values but holds/);
});

test('damaged pages: a compressed page claiming a huge size is refused before anything is allocated, and loadTable says the file is damaged', async () => {
  const { dir, [Symbol.dispose]: dispose } = tempDir();
  try {
    const file = path.join(dir, 'journal.parquet');
    await saveTable(journalTable(), file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const page = pagesOf(bytes, 'event')[0]!;
    // Snappy's length preamble (a varint) now claims 2^32 - 1 bytes.
    fs.writeFileSync(file, withBytes(bytes, page.dataStart + levelBytes(page), [0xff, 0xff, 0xff, 0xff, 0x0f]));
    await assert.rejects(loadTable(file), (error: unknown) => {
      assert.ok(error instanceof SnapshotError && error.problem === 'truncated', String(error));
      assert.match(error.message, /damaged or cut short.*snappy says 4294967295/s);
      assert.match(error.message, /journal\.parquet/);
      return true;
    });
  } finally {
    dispose();
  }
});

test('damaged pages: random bytes flipped in the pages of every column kind end in an error or a table, never a hang or crash', async () => {
  const { dir, [Symbol.dispose]: dispose } = tempDir();
  try {
    const file = path.join(dir, 'journal.parquet');
    await saveTable(journalTable(), file);
    const original = new Uint8Array(fs.readFileSync(file));
    const meta = parquetMetadata(original);
    const { info } = await readSnapshotFile(file);
    const pagesEnd = Math.max(...meta.row_groups.flatMap((g) => g.columns.map((c) => Number(c.meta_data!.data_page_offset + c.meta_data!.total_compressed_size))));
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const outcomes = { read: 0, damaged: 0, unsupported: 0 };
    for (let round = 0; round < 300; round++) {
      const bytes = new Uint8Array(original);
      for (let k = 1 + random(3); k > 0; k--) bytes[4 + random(pagesEnd - 4)] = random(256);
      for (const name of Object.keys(info.columns)) {
        try {
          readOwnColumn(bytes, meta, name, info.columns[name]!);
          outcomes.read++;
        } catch (error) {
          if (error instanceof UnsupportedPage) outcomes.unsupported++;
          else if (error instanceof Error) outcomes.damaged++;
          else throw error;
        }
      }
    }
    assert.ok(outcomes.damaged > 0 && outcomes.read > 0, JSON.stringify(outcomes));
  } finally {
    dispose();
  }
});
