import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from 'arquero';
import { OptionError } from '../../../src/errors.js';
import { vegaLite } from '../../../src/render/vega-lite.js';

const spec = { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } };

test('vegaLite takes an array of objects: the same values as from the equivalent table', () => {
  const rows = [{ k: 'a', n: 1, at: new Date(0) }, { k: 'b', n: 2n, late: true }];
  const fromArray = vegaLite(spec, rows).spec.data!.values;
  assert.deepEqual(fromArray, [
    { k: 'a', n: 1, at: '1970-01-01T00:00:00.000Z', late: null },
    { k: 'b', n: 2, at: null, late: true },
  ]);
  const fromTable = vegaLite(spec, table({ k: ['a', 'b'], n: [1, 2] })).spec.data!.values;
  assert.deepEqual(fromTable, [{ k: 'a', n: 1 }, { k: 'b', n: 2 }]);
});

test('an empty array gives a chart without rows', () => {
  assert.deepEqual(vegaLite(spec, []).spec.data, { values: [] });
});

test('the row limit applies to arrays too', () => {
  assert.throws(() => vegaLite(spec, Array.from({ length: 11 }, (_, i) => ({ k: String(i) })), { maxRows: 10 }), { name: 'MaxRowsError' });
});

test('not a table, not an array of objects: an OptionError naming what it got (no raw TypeError)', () => {
  assert.throws(() => vegaLite(spec, [{ k: 'a' }, 3] as never), (e: unknown) => e instanceof OptionError && e.option === 'data'
    && /element 1 is number 3, not an object/.test(e.message));
  assert.throws(() => vegaLite(spec, new Map() as never), (e: unknown) => e instanceof OptionError && /got a Map/.test(e.message));
  assert.throws(() => vegaLite(spec, 'x' as never), (e: unknown) => e instanceof OptionError && /got string "x"/.test(e.message));
});
