// The notebook paths, against a stand-in for tslab's internal module placed exactly where the
// kernel's copy would be found (resolved from the entry point, already in require's cache).
// Its writer records the messages instead of sending them over ZeroMQ. The real kernel is
// exercised by executing a notebook (see the report / integration tests).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import { table } from 'arquero';
import type { DisplayData } from '../../../src/notebook/kernel.js';
import type { DisplayHandle, LoadProgress } from '../../../src/types.js';

const require = createRequire(import.meta.url);
const sent: { data: DisplayData; update: boolean }[] = [];
const fakeJupyter = { lastWriteDisplayData: null as null | ((data: DisplayData, update: boolean) => void) };

// Must happen before kernel detection first runs (it caches), so the modules are imported after.
const path = require.resolve('tslab/dist/jupyter', { paths: [require.main?.filename ?? process.argv[1]] });
require.cache[path] = { exports: fakeJupyter } as NodeJS.Module;
const kernel = await import('../../../src/notebook/kernel.js');
const { show } = await import('../../../src/notebook/show.js');
const { createDisplayHandle } = await import('../../../src/notebook/display-handle.js');
const { createProgressDisplay } = await import('../../../src/notebook/progress.js');
const { vegaLite } = await import('../../../src/render/vega-lite.js');

describe('inside a (stand-in) tslab kernel', () => {
  before(() => { sent.length = 0; });

  it('isTslab before a cell runs; inCellExecution once the writer is set', () => {
    assert.equal(kernel.isTslab(), true);
    assert.equal(kernel.inCellExecution(), false);
    fakeJupyter.lastWriteDisplayData = (data, update) => { sent.push({ data, update }); };
    assert.equal(kernel.inCellExecution(), true);
  });

  it('show(table) writes one display_data with HTML and text', () => {
    sent.length = 0;
    assert.equal(show(table({ a: [1, 2] })), undefined);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].update, false);
    assert.deepEqual(Object.keys(sent[0].data.data).sort(), ['text/html', 'text/plain']);
  });

  it('show(chart): a placeholder at once, then the full bundle in place (same display_id)', async () => {
    sent.length = 0;
    const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' } } }, table({ k: ['a', 'b'] }));
    const pending = show(chart);
    assert.equal(sent.length, 1, 'placeholder written synchronously, while the cell runs');
    assert.equal(sent[0].data.data['text/plain'], '<Chart: bar, 2 rows> (rendering…)');
    const id = sent[0].data.transient.display_id;
    assert.ok(id);
    await pending;
    assert.equal(sent.length, 2);
    assert.equal(sent[1].update, true);
    assert.equal(sent[1].data.transient.display_id, id);
    const bundle = sent[1].data.data;
    assert.deepEqual(Object.keys(bundle).sort(),
      ['application/vnd.vegalite.v5+json', 'image/png', 'image/svg+xml', 'text/html', 'text/plain']);
    assert.equal(typeof bundle['application/vnd.vegalite.v5+json'], 'object');
  });

  it('show(chart, { exclude }) leaves MIME types out', async () => {
    sent.length = 0;
    await show(vegaLite({ mark: 'point' }, table({ k: [1] })), { exclude: ['text/html', 'image/svg+xml'] });
    assert.deepEqual(Object.keys(sent[1].data.data).sort(), ['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
  });

  it('a display handle updates its own output by display_id, also from a later "cell"', () => {
    sent.length = 0;
    const handle = createDisplayHandle({ 'text/plain': 'v0' });
    const cellB: typeof sent = [];
    fakeJupyter.lastWriteDisplayData = (data, update) => { cellB.push({ data, update }); }; // next cell runs
    handle.update({ 'text/plain': 'v1' });
    handle.update({ 'text/plain': 'v2' });
    assert.equal(sent.length, 1);
    assert.deepEqual(cellB.map((m) => [m.update, m.data.transient.display_id, m.data.data['text/plain']]),
      [[true, handle.id, 'v1'], [true, handle.id, 'v2']]);
    fakeJupyter.lastWriteDisplayData = (data, update) => { sent.push({ data, update }); };
  });

  it('show(liveView) gives it a handle to a fresh output of this cell', () => {
    sent.length = 0;
    let handle: DisplayHandle | undefined;
    show({ attachDisplay: (h: DisplayHandle) => { handle = h; } });
    assert.equal(sent.length, 1);
    handle!.update({ 'text/plain': 'tick' });
    assert.equal(sent[1].update, true);
    assert.equal(sent[1].data.transient.display_id, handle!.id);
  });

  it('the progress bar is one output, updated at most ~4/s, final state last', async () => {
    sent.length = 0;
    let now = 0;
    const p: LoadProgress = { rows: 0, rangesDone: 0, rangesTotal: 4, elapsedMs: 0, rate: 0, etaMs: undefined, done: false, undecodable: 0 };
    const progress = createProgressDisplay(undefined, 'load', { now: () => now });
    for (let i = 1; i <= 10; ++i) { now = i * 100; progress.report({ ...p, rows: i * 10, rangesDone: Math.floor(i / 3) }); }
    progress.finish({ ...p, rows: 100, rangesDone: 4 });
    const ids = new Set(sent.map((m) => m.data.transient.display_id));
    assert.equal(ids.size, 1, 'one output');
    assert.equal(sent[0].update, false);
    assert.ok(sent.slice(1).every((m) => m.update));
    assert.ok(sent.length <= 1 + 4 + 1, `throttled: ${sent.length} messages for 10 reports over 1 s`);
    const last = sent[sent.length - 1].data.data;
    assert.match(last['text/plain'] as string, /^load: done, 100 rows/);
    assert.match(last['text/html'] as string, /width:100\.0%/);
  });
});
