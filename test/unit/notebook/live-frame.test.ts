// A live view's frame (moved here from kafka/: the stream says what to show, the display layer how).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table } from 'arquero';
import { bundleFromViewOutput, bundleFromViewOutputHere, bundleWithStatus, errorBundle } from '../../../src/notebook/live-frame.js';
import { vegaLite } from '../../../src/render/vega-lite.js';

const VL = 'application/vnd.vegalite.v5+json';

test('bundleWithStatus puts the line into html, text and a Vega-Lite title', () => {
  const spec = { mark: 'bar', data: { values: [] } };
  const b = bundleWithStatus({ [VL]: spec, 'text/html': '<svg/>', 'text/plain': '<Chart: bar>', 'image/png': 'AAA' }, '● live <1>');
  assert.match(b['text/html'] as string, /^<div [^>]*>● live &lt;1&gt;<\/div><svg\/>$/);
  assert.equal(b['text/plain'], '● live <1>\n<Chart: bar>');
  assert.equal(b['image/png'], 'AAA');
  const vl = b[VL] as { title: { text: string }; mark: string };
  assert.equal(vl.title.text, '● live <1>');
  assert.equal(vl.mark, 'bar');
  assert.equal((spec as { title?: unknown }).title, undefined, 'the chart spec itself is not changed');
  const titled = bundleWithStatus({ [VL]: { title: 'Orders' } }, 'S');
  assert.deepEqual((titled[VL] as { title: object }).title,
    { text: 'Orders', subtitle: 'S', subtitleFontSize: 11, subtitleColor: '#666', subtitleFont: 'monospace' });
  assert.deepEqual(Object.keys(bundleWithStatus({}, 'S')).sort(), ['text/html', 'text/plain']);
  assert.equal(bundleWithStatus({ [VL]: spec }, 'S')['text/html'], undefined, 'no status-only HTML beside a bare spec');
});

test('errorBundle shows the line and the escaped message', () => {
  const b = errorBundle('✖ failed', "topic 'x' <missing>");
  assert.match(b['text/html'] as string, /topic &#39;x&#39; &lt;missing&gt;/);
  assert.equal(b['text/plain'], "✖ failed\ntopic 'x' <missing>");
});

test('bundleFromViewOutput: what a view function may return', async () => {
  assert.deepEqual(await bundleFromViewOutput(undefined, false), {});
  assert.deepEqual(await bundleFromViewOutput('12 events', false), { 'text/plain': '12 events' });
  assert.match((await bundleFromViewOutput(table({ a: [1] }), false))['text/html'] as string, /<table/);
  const chart = vegaLite({ mark: 'bar' }, table({ k: ['a'] }));
  assert.deepEqual(Object.keys(await bundleFromViewOutput(chart, false)).sort(), [VL, 'text/plain'], 'live: the spec only');
  assert.equal((await bundleFromViewOutput(chart, false))['text/plain'], '<Chart: bar, 1 row>');
  assert.deepEqual(Object.keys(await bundleFromViewOutput(chart, true)).sort(), [VL, 'image/png', 'image/svg+xml', 'text/html', 'text/plain']);
  const hook = { [Symbol.for('Jupyter.display')]: () => ({ 'text/markdown': '**x**' }) };
  assert.deepEqual(await bundleFromViewOutput(hook, false), { 'text/markdown': '**x**' });
  assert.deepEqual(await bundleFromViewOutput({ 'text/html': '<i>b</i>' }, false), { 'text/html': '<i>b</i>' }, 'a bundle passes through');
  assert.deepEqual(await bundleFromViewOutput({ n: 1 }, false), { 'text/plain': '{"n":1}' });
});

test('in a terminal a final frame of a chart is its spec and summary: no static images are rendered', async () => {
  let rendered = 0;
  const chart = { spec: { mark: 'bar', data: { values: [] } }, bundle: async () => { rendered++; return { 'image/png': 'AAA' }; } };
  const here = await bundleFromViewOutputHere(chart, true);
  assert.equal(rendered, 0);
  assert.deepEqual(Object.keys(here).sort(), [VL, 'text/plain']);
  assert.deepEqual(await bundleFromViewOutput(chart, true), { 'image/png': 'AAA' }, 'a notebook kernel still gets the full bundle');
  assert.equal(rendered, 1);
});
