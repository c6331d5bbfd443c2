import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from 'arquero';
import { bundleFromValue } from '../../../src/notebook/bundle-from-value.js';
import { errorFrame, liveFrame, progressFrame } from '../../../src/notebook/frames.js';
import { tableFromObject, tableFromRows } from '../../../src/util/table-from-rows.js';
import { vegaLite } from '../../../src/render/vega-lite.js';
import type { LoadProgress } from '../../../src/types.js';

const VL = 'application/vnd.vegalite.v5+json';

test('a table: HTML and text', () => {
  const b = bundleFromValue(table({ a: [1, 2] })) as Record<string, string>;
  assert.deepEqual(Object.keys(b).sort(), ['text/html', 'text/plain']);
  assert.match(b['text/html']!, /<table/);
});

test('an array of objects is a table: columns in first-seen key order, missing keys null', () => {
  const b = bundleFromValue([{ id: 'a', n: 1 }, { id: 'b', extra: true }]) as Record<string, string>;
  assert.match(b['text/html']!, /<th[^>]*>id<br><span[^>]*>string<\/span><\/th><th[^>]*>n<br><span[^>]*>number<\/span><\/th><th[^>]*>extra<br>/);
  assert.match(b['text/plain']!, /2 rows × 3 columns/);
  assert.match(b['text/html']!, /color:#aaa">null</);
});

const text = (x: unknown) => (bundleFromValue(x) as Record<string, unknown>)['text/plain'];

test('a plain object: key/value rows, or columns when every value is an array of one length', () => {
  assert.equal(text({ rows: 3, layout: 'event' }), 'key     value\nrows    3\nlayout  event\n2 rows × 2 columns');
  assert.equal(text({ a: [1, 2], b: ['x', 'y'] }), 'a  b\n1  x\n2  y\n2 rows × 2 columns');
  assert.equal(text({ a: [1, 2], b: ['x'] }), 'key  value\na    [1,2]\nb    ["x"]\n2 rows × 2 columns');
  const t = tableFromObject({ f: Float64Array.from([1.5]) });
  assert.equal(t.numRows(), 1);
  assert.equal(t.column('f')!.at(0), 1.5);
});

test('what is not a table stays text: strings, empty objects and arrays, class instances', () => {
  assert.deepEqual(bundleFromValue('hi'), { 'text/plain': 'hi' });
  assert.deepEqual(bundleFromValue({}), { 'text/plain': '{}' });
  assert.deepEqual(bundleFromValue([]), { 'text/plain': '[]' });
  assert.deepEqual(bundleFromValue([1, 2]), { 'text/plain': '[ 1, 2 ]' });
  assert.deepEqual(bundleFromValue(new Date(0)), { 'text/plain': '1970-01-01T00:00:00.000Z' });
});

test('an Error: its name and message, secrets masked', () => {
  const b = bundleFromValue(new TypeError('bad password=hunter2 here')) as Record<string, string>;
  assert.match(b['text/plain']!, /^✖ TypeError\nbad password=\*\*\* here$/);
  assert.match(b['text/html']!, /color: #b00020/);
});

test('a chart: its full bundle, with exclude honoured', async () => {
  const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' } } }, table({ k: ['a'] }));
  const pending = bundleFromValue(chart, { exclude: ['text/html', 'image/png'] });
  assert.ok(pending instanceof Promise);
  assert.deepEqual(Object.keys(await pending).sort(), [VL, 'image/svg+xml', 'text/plain']);
});

test('frames: progress (sync), error (sync), live (spec while live, full bundle when final)', async () => {
  const p: LoadProgress = { rows: 10, rangesDone: 1, rangesTotal: 2, elapsedMs: 1000, rate: 10, etaMs: 1000, done: false, undecodable: 0 };
  const progress = bundleFromValue(progressFrame(p, 'load'));
  assert.match(progress['text/plain'] as string, /^load: 10 rows/);
  assert.match(progress['text/html'] as string, /width:50\.0%/);
  assert.deepEqual(bundleFromValue(errorFrame('✖ failed', 'x <y>'))['text/plain'], '✖ failed\nx <y>');
  const chart = vegaLite({ mark: 'bar' }, table({ k: ['a', 'b'] }));
  const live = await bundleFromValue(liveFrame(chart, '● live', false));
  assert.deepEqual(Object.keys(live).sort(), [VL, 'text/plain'], 'live: the bare spec, drawn by the front end');
  assert.equal((live[VL] as { title: { text: string } }).title.text, '● live');
  const final = await bundleFromValue(liveFrame(chart, '■ stopped', true));
  assert.deepEqual(Object.keys(final).sort(), [VL, 'image/png', 'image/svg+xml', 'text/html', 'text/plain']);
  const rows = await bundleFromValue(liveFrame(table({ a: [1] }), 'S', false));
  assert.match(rows['text/html'] as string, /^<div style="font: 11px[^>]*>S<\/div><div class="journal-lens-table"/);
});

test('tableFromRows does not copy: a view over the array', () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ i }));
  const t = tableFromRows(rows);
  assert.equal(t.numRows(), 100_000);
  assert.equal(t.column('i')!.at(99_999), 99_999);
});
