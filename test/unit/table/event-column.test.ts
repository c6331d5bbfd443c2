import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as aq from 'arquero';
import { defaults, EventColumn, JsonArena } from '../../../src/table/event-column.js';
import { NullColumn } from '../../../src/table/null-column.js';

test('EventColumn parses rows from arena blocks on first read, keeps parsed and eager rows', () => {
  const saved = defaults.blockBytes;
  defaults.blockBytes = 64; // several blocks, and one payload larger than a block
  try {
    const arena = new JsonArena();
    const payloads = ['{"a":1}', '[1,2,3]', `{"long":"${'x'.repeat(100)}"}`, '"text"', '{"b":{"c":null}}'];
    const n = payloads.length + 1;
    const block = new Int32Array(n);
    const start = new Int32Array(n);
    const length = new Int32Array(n);
    const at = { start: 0 };
    payloads.forEach((p, i) => {
      const bytes = Buffer.from(p);
      block[i] = arena.add(bytes, at);
      start[i] = at.start;
      length[i] = bytes.length;
    });
    arena.seal();
    assert.ok(arena.blocks.length >= 2);
    const values = new Array<unknown>(n);
    values[n - 1] = { eager: true };
    const column = new EventColumn(values, { arena, block, start, length }, n);
    assert.equal(column.unparsed, payloads.length);
    assert.deepEqual(column.at(2), { long: 'x'.repeat(100) });
    assert.equal(column.at(2), column.at(2), 'parsed once, then the same object');
    assert.equal(column.unparsed, payloads.length - 1);
    assert.deepEqual(column.toArray(), [...payloads.map((p) => JSON.parse(p) as unknown), { eager: true }]);
    const t = aq.table({ event: column as unknown as unknown[], k: [1, 2, 3, 4, 5, 6] });
    assert.deepEqual(t.filter((d: { k: number }) => d.k === 1).objects(), [{ event: { a: 1 }, k: 1 }]);
  } finally {
    defaults.blockBytes = saved;
  }
});

test('an EventColumn whose rows are all JSON makes its value array on first read', () => {
  const arena = new JsonArena();
  const at = { start: 0 };
  const b = arena.add(Buffer.from('{"x":2}'), at);
  const column = new EventColumn(null, { arena, block: Int32Array.of(b), start: Int32Array.of(at.start), length: Int32Array.of(7) }, 1);
  assert.deepEqual([...column], [{ x: 2 }]);
});

test('NullColumn reads null everywhere', () => {
  const t = aq.table({ decodeError: new NullColumn(3) as unknown as unknown[], k: [1, 2, 3] });
  assert.deepEqual(t.array('decodeError'), [null, null, null]);
  assert.equal(t.filter((d: { decodeError: unknown }) => d.decodeError === null).numRows(), 3);
});

test('DictionaryBuilder codes equal values once; DictionaryColumn reads them back through Arquero', async () => {
  const { DictionaryBuilder } = await import('../../../src/table/dictionary-column.js');
  const b = new DictionaryBuilder<string | null>();
  const input = ['cart-1', 'cart-1', 'cart-2', null, 'cart-1', `cart-${2}`, null];
  for (const v of input) b.push(v);
  const column = b.finish();
  assert.deepEqual(column.values, ['cart-1', 'cart-2', null]);
  assert.deepEqual([...column.codes], [0, 0, 1, 2, 0, 1, 2]);
  const t = aq.table({ id: column as unknown as unknown[] });
  assert.deepEqual(t.array('id'), input);
  const counts = t.groupby('id').count().objects() as Array<{ id: string | null; count: number }>;
  assert.deepEqual(counts.sort((a, b) => String(a.id).localeCompare(String(b.id))), [{ id: 'cart-1', count: 3 }, { id: 'cart-2', count: 2 }, { id: null, count: 2 }]);
});
