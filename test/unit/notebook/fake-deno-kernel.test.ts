// The notebook paths under a stand-in for Deno's Jupyter kernel: a `Deno.jupyter.broadcast` that
// records the iopub messages. Set before the display layer is imported (it detects the kernel
// once). The real kernel runs the example notebooks (test/integration/notebooks).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import type { DisplayHandle, LoadProgress } from '../../../src/types.js';

interface Message { type: string; id: string | undefined; data: Record<string, unknown> }
const sent: Message[] = [];
(globalThis as { Deno?: unknown }).Deno = {
  jupyter: {
    async broadcast(type: string, content: { data: Record<string, unknown>; transient: { display_id?: string } }) {
      sent.push({ type, id: content.transient.display_id, data: content.data });
    },
  },
};
const { detectKernel } = await import('../../../src/notebook/detect-kernel.js');
const { inCellExecution, isTslab } = await import('../../../src/notebook/kernel.js');
const { show } = await import('../../../src/notebook/show.js');
const { createProgressDisplay } = await import('../../../src/notebook/progress.js');
const { vegaLite } = await import('../../../src/render/vega-lite.js');
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('inside a (stand-in) Deno Jupyter kernel', () => {
  it('is detected as deno, and a cell can be written to', () => {
    assert.equal(detectKernel(), 'deno');
    assert.equal(isTslab(), false);
    assert.equal(inCellExecution(), true);
  });

  it('show(table) and show(array of objects) send one display_data each', async () => {
    sent.length = 0;
    assert.equal(show(table({ a: [1, 2] })), undefined);
    show([{ id: 'x', n: 1 }]);
    await settle();
    assert.deepEqual(sent.map((m) => m.type), ['display_data', 'display_data']);
    assert.match(sent[1]!.data['text/html'] as string, /<table/);
  });

  it('show(chart): a placeholder, then the full bundle in place', async () => {
    sent.length = 0;
    await show(vegaLite({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' } } }, table({ k: ['a', 'b'] })));
    await settle();
    assert.deepEqual(sent.map((m) => m.type), ['display_data', 'update_display_data']);
    assert.equal(sent[0]!.id, sent[1]!.id);
    assert.equal(sent[0]!.data['text/plain'], '<Chart: bar, 2 rows> (rendering…)');
    assert.equal(typeof sent[1]!.data['application/vnd.vegalite.v5+json'], 'object');
    assert.ok(sent[1]!.data['image/png']);
  });

  it('a live view gets a handle to its own output', async () => {
    sent.length = 0;
    let handle: DisplayHandle | undefined;
    show({ attachDisplay: (h: DisplayHandle) => { handle = h; } });
    handle!.update({ 'text/plain': 'tick 1' });
    handle!.update({ 'text/plain': 'tick 2' });
    await settle();
    assert.deepEqual(sent.map((m) => [m.type, m.id, m.data['text/plain']]),
      [['display_data', handle!.id, ''], ['update_display_data', handle!.id, 'tick 1'], ['update_display_data', handle!.id, 'tick 2']]);
  });

  it('progress is one output updated in place, its final state last', async () => {
    sent.length = 0;
    let now = 0;
    const p: LoadProgress = { rows: 0, rangesDone: 0, rangesTotal: 4, elapsedMs: 0, rate: 0, etaMs: undefined, done: false, undecodable: 0 };
    const progress = createProgressDisplay(undefined, 'load', { now: () => now });
    for (let i = 1; i <= 5; ++i) { now = i * 300; progress.report({ ...p, rows: i * 10, rangesDone: Math.min(4, i) }); }
    progress.finish({ ...p, rows: 50, rangesDone: 4 });
    await settle();
    assert.equal(new Set(sent.map((m) => m.id)).size, 1);
    assert.equal(sent[0]!.type, 'display_data');
    assert.ok(sent.slice(1).every((m) => m.type === 'update_display_data'));
    assert.match(sent[sent.length - 1]!.data['text/plain'] as string, /^load: done, 50 rows/);
  });
});
