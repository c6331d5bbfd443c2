// Everything that needs vega (about 1 s to import once) lives in this one file, so the
// import is paid once for the whole render suite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from 'arquero';
import { OptionError, RenderError } from '../../../src/errors.js';
import { vegaLite } from '../../../src/render/vega-lite.js';
import { JUPYTER_DISPLAY } from '../../../src/render/Chart.js';
import { VEGA_LITE_MIME } from '../../../src/render/bundle-from-spec.js';
import { eventsOverTime } from '../../../src/render/charts/events-over-time.js';
import { journalFixture } from './journal-fixture.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const data = table({ k: ['a', 'b', 'c'], v: [1, 5, 3] });
const bar = vegaLite({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } }, data);

function pngSize(png: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.equal(String.fromCharCode(...png.subarray(12, 16)), 'IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  assert.ok(m, 'the SVG has a width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe('rendering', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'jl-render-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('a spec drawn again with other rows shows the new rows (the parsed runtime is shared, the rows are not)', async () => {
    const spec = { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } } as const;
    const first = await vegaLite(spec, table({ k: ['alpha', 'beta'], v: [1, 2] })).toSVG();
    const second = await vegaLite(spec, table({ k: ['gamma', 'delta', 'epsilon'], v: [3, 1, 2] })).toSVG();
    const again = await vegaLite(spec, table({ k: ['alpha', 'beta'], v: [1, 2] })).toSVG();
    assert.match(first, /alpha/);
    assert.doesNotMatch(second, /alpha|beta/);
    assert.match(second, /epsilon/);
    assert.equal((second.match(/<path aria-label=/g) ?? []).length, 3, 'three bars');
    assert.equal(again, first);
  });

  it('toSVG draws the marks and the axis text', async () => {
    const svg = await bar.toSVG();
    assert.match(svg, /^<svg/);
    assert.equal(svg.match(/<path[^>]*aria-roledescription="bar"/g)?.length, 3, 'three bars');
    assert.match(svg, />k<\/text>/, 'the x axis title');
    assert.equal(await bar.toSVG(), svg, 'cached');
  });

  it('toPNG gives a PNG of the SVG size, doubled at scale 2', async () => {
    const { width, height } = svgSize(await bar.toSVG());
    assert.deepEqual(pngSize(await bar.toPNG()), { width: Math.ceil(width), height: Math.ceil(height) });
    assert.deepEqual(pngSize(await bar.toPNG({ scale: 2 })), { width: Math.ceil(width * 2), height: Math.ceil(height * 2) });
    assert.ok(pngSize(await bar.toPNG()).width >= 400, 'default width 400 plus axes');
  });

  it('renders text with a real font (the PNG is not blank where the title is)', async () => {
    const titled = vegaLite({ ...bar.spec, title: 'A TITLE' });
    const withText = await titled.toPNG();
    const without = await vegaLite({ ...bar.spec, title: '' }).toPNG();
    assert.notDeepEqual(withText, without);
  });

  it('renders layered, faceted and transformed specs', async () => {
    const layered = vegaLite({
      transform: [{ calculate: 'datum.v * 2', as: 'w' }],
      layer: [
        { mark: 'line', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'w', type: 'quantitative' } } },
        { mark: 'rule', encoding: { y: { datum: 4 } } },
      ],
    }, data);
    assert.match(await layered.toSVG(), /aria-roledescription="line mark"|role-mark/);
    const faceted = vegaLite({ facet: { field: 'k', type: 'nominal' }, spec: { mark: 'point', encoding: { y: { field: 'v', type: 'quantitative' } } } }, data);
    assert.match(await faceted.toSVG(), /<svg/);
  });

  it('renders the journal helpers', async () => {
    const svg = await eventsOverTime(journalFixture()).toSVG();
    assert.match(svg, /Events per hour/);
  });

  it('reports a broken spec as RenderError', async () => {
    await assert.rejects(vegaLite({ mark: 'nope' }).toSVG(), RenderError);
  });

  it('save writes .svg, .png, .html and .json by extension', async () => {
    for (const ext of ['svg', 'png', 'html', 'json']) await bar.save(join(dir, `chart.${ext}`));
    assert.match(await readFile(join(dir, 'chart.svg'), 'utf8'), /^<svg/);
    pngSize(new Uint8Array(await readFile(join(dir, 'chart.png'))));
    assert.match(await readFile(join(dir, 'chart.html'), 'utf8'), /^<!DOCTYPE html>/);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'chart.json'), 'utf8')), bar.spec);
    await assert.rejects(bar.save(join(dir, 'chart.gif')), OptionError);
    await assert.rejects(bar.save(join(dir, 'missing-dir', 'chart.svg')), RenderError);
  });

  it('toHTML is self-contained: scripts inline, no http(s) script src, spec and fallback SVG inside', async () => {
    const html = await bar.toHTML();
    assert.doesNotMatch(html, /<script[^>]+src=/i);
    assert.doesNotMatch(html, /src=["']?https?:/i);
    assert.equal(html.match(/<script>/g)?.length, 4, 'vega, vega-lite, vega-embed, and the embed call');
    assert.match(html, /vegaEmbed\(el,/);
    assert.match(html, /"values":\[\{"k":"a","v":1\}/);
    assert.match(html, /<div id="jl-chart-[0-9a-f]+"><svg/);
    // Only the final tag may close a script: the libraries' own '</script' strings are escaped.
    assert.equal(html.match(/<\/script>/g)?.length, 4);
  });

  it('bundle: one bundle with the five MIME types, vega-lite as an object', async () => {
    const bundle = await bar.bundle();
    assert.deepEqual(Object.keys(bundle).sort(),
      ['application/vnd.vegalite.v5+json', 'image/png', 'image/svg+xml', 'text/html', 'text/plain']);
    assert.equal(typeof bundle[VEGA_LITE_MIME], 'object');
    assert.deepEqual(bundle[VEGA_LITE_MIME], bar.spec);
    assert.deepEqual(pngSize(Buffer.from(bundle['image/png'] as string, 'base64')), pngSize(await bar.toPNG()));
    assert.equal(bundle['image/svg+xml'], await bar.toSVG());
    assert.equal(bundle['text/plain'], '<Chart: bar, 3 rows>');
    const html = bundle['text/html'] as string;
    assert.ok(html.includes(await bar.toSVG()), 'the SVG is the fallback inside the div');
    assert.match(html, /cdn\.jsdelivr\.net\/npm\/vega-embed@7/);
    assert.equal(await bar[JUPYTER_DISPLAY](), bundle, 'the Deno hook gives the same bundle');
  });

  it('escapes data that could close the script in text/html', async () => {
    const evil = vegaLite({ mark: 'point', encoding: { x: { field: 's', type: 'nominal' } } }, table({ s: ['</script><b>x'] }));
    const html = (await evil.bundle())['text/html'] as string;
    const script = html.slice(html.indexOf('<script'));
    assert.equal(script.match(/<\/script>/g)?.length, 1);
    assert.ok(script.includes('\\u003c/script>'));
  });
});
