// snappyInto (src/snapshot/parquet/snappy.ts) against the native package: the same bytes at any
// offset of a larger buffer, and damaged input refused with a PageDataError (never a write outside
// its range, never a hang).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { PageDataError } from '../../../src/snapshot/parquet/hybrid.js';
import { snappyInto } from '../../../src/snapshot/parquet/snappy.js';

const snappy = createRequire(import.meta.url)('snappy') as { compressSync(input: Uint8Array): Buffer };

function sample(seed: number, size: number): Uint8Array {
  // JSON-like text with repeats (short and long copies, overlapping runs) and random literals.
  let x = seed;
  const rand = (): number => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const r = rand();
    const part = r < 0.3 ? `{"type":"Deposited","amount":${Math.floor(rand() * 1e6)},"id":"${rand().toString(36)}"}`
      : r < 0.4 ? 'a'.repeat(1 + Math.floor(rand() * 300)) : r < 0.5 ? 'é€'.repeat(Math.floor(rand() * 20)) : String.fromCharCode(...Array.from({ length: 1 + Math.floor(rand() * 100) }, () => Math.floor(rand() * 256)));
    parts.push(part);
    length += part.length;
  }
  return Buffer.from(parts.join(''), 'utf8').subarray(0, size);
}

test('snappyInto decodes what the native package compressed, at an offset, touching nothing else', () => {
  for (const [seed, size] of [[1, 0], [2, 1], [3, 100], [4, 70_000], [5, 1 << 20]] as const) {
    const plain = sample(seed, size);
    const packed = snappy.compressSync(plain);
    const out = new Uint8Array(size + 20).fill(7);
    assert.equal(snappyInto(packed, out, 10, size), size);
    assert.ok(Buffer.from(out.subarray(10, 10 + size)).equals(plain));
    assert.ok(out.subarray(0, 10).every((b) => b === 7) && out.subarray(10 + size).every((b) => b === 7));
  }
});

test('snappyInto refuses damaged input with a PageDataError, inside its range', () => {
  const plain = sample(9, 50_000);
  const packed = snappy.compressSync(plain);
  assert.throws(() => snappyInto(packed, new Uint8Array(60_000), 0, 49_999), PageDataError);
  assert.throws(() => snappyInto(packed.subarray(0, packed.length - 3), new Uint8Array(60_000), 0, 50_000), PageDataError);
  let x = 42;
  for (let trial = 0; trial < 300; trial++) {
    const damaged = Uint8Array.from(packed);
    x = (x * 1103515245 + 12345) >>> 0;
    damaged[x % damaged.length] ^= 1 << (x >>> 29);
    const out = new Uint8Array(50_000 + 16).fill(7);
    try {
      snappyInto(damaged, out, 8, 50_000);
    } catch (error) {
      assert.ok(error instanceof PageDataError, String(error));
    }
    assert.ok(out.subarray(0, 8).every((b) => b === 7) && out.subarray(8 + 50_000).every((b) => b === 7));
  }
});

test('a .parquet file loads the same through snappyInto (no native package) as through the native package', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { loadTable, saveTable } = await import('../../../src/snapshot/save-table.js');
  const { snappySettings } = await import('../../../src/snapshot/parquet/pages.js');
  const { journalTable } = await import('./journal-fixture.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snappy-path-'));
  try {
    const file = path.join(dir, 'journal.parquet');
    await saveTable(journalTable(), file);
    const native = await loadTable(file);
    snappySettings.native = false;
    let js;
    try {
      js = await loadTable(file);
    } finally {
      snappySettings.native = true;
    }
    assert.deepEqual(js.columnNames(), native.columnNames());
    for (const name of native.columnNames()) {
      assert.deepEqual(JSON.stringify(js.array(name)), JSON.stringify(native.array(name)), name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
