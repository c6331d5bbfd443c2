import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { MaxRowsError, OptionError } from '../../../src/errors.js';
import { specFromTable, VEGA_LITE_SCHEMA, defaults } from '../../../src/render/spec-from-table.js';
import { valuesFromTable, jsonValue } from '../../../src/render/values-from-table.js';
import { vegaLite } from '../../../src/render/vega-lite.js';
import { summaryFromSpec } from '../../../src/render/bundle-from-spec.js';

const bar = { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } };

describe('specFromTable', () => {
  it('fills data.values from the table and sets $schema v5', () => {
    const spec = specFromTable(bar, table({ k: ['a', 'b'], v: [1, 2] }));
    assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
    assert.equal(VEGA_LITE_SCHEMA, 'https://vega.github.io/schema/vega-lite/v5.json');
    assert.deepEqual(spec.data, { values: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] });
    assert.equal(spec.mark, 'bar');
    assert.equal(spec.width, defaults.width);
    assert.equal(spec.height, defaults.height);
  });

  it('replaces a v6 or missing $schema, and a url data source when a table is given', () => {
    const spec = specFromTable({ ...bar, $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { url: 'x.csv' } },
      table({ k: ['a'], v: [1] }));
    assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
    assert.deepEqual(spec.data, { values: [{ k: 'a', v: 1 }] });
  });

  it('passes layers, facets, transforms, params and config through untouched', () => {
    const layered = {
      transform: [{ filter: 'datum.v > 1' }, { calculate: 'datum.v * 2', as: 'w' }],
      params: [{ name: 'brush', select: 'interval' }],
      layer: [{ mark: 'line', encoding: { x: { field: 'k' } } }, { mark: 'rule', encoding: { y: { datum: 1 } } }],
      config: { axis: { grid: false } },
      width: 123,
    };
    const spec = specFromTable(layered, table({ k: ['a'], v: [2] }));
    assert.deepEqual(spec.transform, layered.transform);
    assert.deepEqual(spec.params, layered.params);
    assert.deepEqual(spec.layer, layered.layer);
    assert.deepEqual(spec.config, layered.config);
    assert.equal(spec.width, 123, 'an explicit width wins');
    assert.equal(spec.height, defaults.height);

    const faceted = { facet: { field: 'k', type: 'nominal' }, spec: { mark: 'point' } };
    const f = specFromTable(faceted, table({ k: ['a'] }));
    assert.deepEqual(f.facet, faceted.facet);
    assert.deepEqual(f.spec, faceted.spec);
    assert.equal(f.width, undefined, 'no top-level width on a facet (Vega-Lite rejects it)');
    assert.equal(specFromTable({ hconcat: [] }).width, undefined);
  });

  it('leaves width/height to Vega-Lite when passed null', () => {
    const spec = specFromTable(bar, undefined, { width: null, height: 99 });
    assert.equal(spec.width, undefined);
    assert.equal(spec.height, 99);
  });

  it('does not modify the spec it was given', () => {
    const input = { ...bar };
    specFromTable(input, table({ k: ['a'], v: [1] }));
    assert.deepEqual(input, bar);
  });

  it('applies the table filter and order', () => {
    const t = table({ k: ['a', 'b', 'c'], v: [3, 1, 2] }).filter((d: { v: number }) => d.v > 1).orderby('v');
    assert.deepEqual(specFromTable(bar, t).data, { values: [{ k: 'c', v: 2 }, { k: 'a', v: 3 }] });
  });

  it('rejects a non-object spec', () => {
    assert.throws(() => specFromTable([] as never), OptionError);
  });
});

describe('max rows guard', () => {
  const big = table({ k: Array.from({ length: 5001 }, (_, i) => `k${i}`) });

  it('throws MaxRowsError above 5000 rows, saying the count, the limit and what to do', () => {
    assert.throws(() => vegaLite(bar, big), (err: unknown) => {
      assert.ok(err instanceof MaxRowsError);
      assert.equal(err.rows, 5001);
      assert.equal(err.maxRows, 5000);
      assert.match(err.message, /5,001 rows/);
      assert.match(err.message, /maxRows = 5,000/);
      assert.match(err.message, /groupby/);
      assert.match(err.message, /maxRows: Infinity/);
      return true;
    });
  });

  it('is lifted by maxRows: Infinity or a larger limit, tightened by a smaller one', () => {
    assert.equal((vegaLite(bar, big, { maxRows: Infinity }).spec.data!.values as unknown[]).length, 5001);
    assert.equal((vegaLite(bar, big, { maxRows: 6000 }).spec.data!.values as unknown[]).length, 5001);
    assert.throws(() => vegaLite(bar, table({ k: ['a', 'b', 'c'] }), { maxRows: 2 }), MaxRowsError);
  });

  it('also counts inline data.values of a spec without table', () => {
    assert.throws(() => vegaLite({ ...bar, data: { values: [1, 2, 3] } }, undefined, { maxRows: 2 }), MaxRowsError);
  });

  it('rejects a nonsense limit', () => {
    assert.throws(() => vegaLite(bar, undefined, { maxRows: -1 }), OptionError);
  });
});

describe('valuesFromTable', () => {
  it('makes values JSON-safe: Dates ISO, bigint numbers, NaN null, bytes null, nested objects', () => {
    const t = table({
      at: [new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), new Date(NaN)],
      big: [12n, null],
      f: Float64Array.from([1.5, NaN]),
      i: Int32Array.from([7, -1]),
      bytes: [new Uint8Array([1, 2]), undefined],
      obj: [{ when: new Date(0), n: 3n, list: [1n, 'x'] }, new Map([['a', 1]])],
    });
    assert.deepEqual(valuesFromTable(t), [
      { at: '2024-01-02T03:04:05.000Z', big: 12, f: 1.5, i: 7, bytes: null, obj: { when: '1970-01-01T00:00:00.000Z', n: 3, list: [1, 'x'] } },
      { at: null, big: null, f: null, i: -1, bytes: null, obj: { a: 1 } },
    ]);
    assert.doesNotThrow(() => JSON.stringify(valuesFromTable(t)));
  });

  it('jsonValue leaves plain values alone', () => {
    assert.equal(jsonValue('s'), 's');
    assert.equal(jsonValue(true), true);
    assert.equal(jsonValue(Infinity), null);
    assert.equal(jsonValue(undefined), null);
  });
});

describe('summaryFromSpec', () => {
  it('names the mark or composition and counts rows', () => {
    assert.equal(summaryFromSpec({ mark: 'bar', data: { values: [1, 2, 3] } }), '<Chart: bar, 3 rows>');
    assert.equal(summaryFromSpec({ mark: { type: 'line' }, data: { values: [1] } }), '<Chart: line, 1 row>');
    assert.equal(summaryFromSpec({ layer: [] }), '<Chart: layer>');
    assert.equal(String(vegaLite(bar, table({ k: ['a'], v: [1] }))), '<Chart: bar, 1 row>');
  });
});
