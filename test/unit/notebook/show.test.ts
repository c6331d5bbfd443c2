import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { isTslab, inCellExecution } from '../../../src/notebook/kernel.js';
import { writeDisplayData } from '../../../src/notebook/display-writer.js';
import { createDisplayHandle } from '../../../src/notebook/display-handle.js';
import { show } from '../../../src/notebook/show.js';
import { detectKernel } from '../../../src/notebook/detect-kernel.js';
import { currentOutput } from '../../../src/notebook/outputs/current-output.js';
import { vegaLite } from '../../../src/render/vega-lite.js';
import type { DisplayHandle } from '../../../src/types.js';

async function stdoutOf(fn: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  try { await fn(); } finally { process.stdout.write = write; }
  return chunks.join('');
}

describe('outside a notebook (plain node)', () => {
  it('detects no kernel; writeDisplayData prints the text', async () => {
    assert.equal(isTslab(), false);
    assert.equal(inCellExecution(), false);
    assert.equal(detectKernel(), 'node');
    assert.equal(currentOutput().kernel, 'node');
    assert.equal(await stdoutOf(() => assert.equal(writeDisplayData({ 'text/plain': 'x', 'text/html': '<b>x</b>' }), 'text')), 'x\n');
  });

  it('display handles do nothing', () => {
    const handle = createDisplayHandle({ 'text/plain': 'a' });
    assert.equal(handle.id, '');
    handle.update({ 'text/plain': 'b' });
  });

  it('show prints text/plain: a chart its summary (without rendering), a table its first rows', async () => {
    const chart = vegaLite({ mark: 'bar' }, table({ k: ['a', 'b', 'c'] }));
    assert.equal(await stdoutOf(() => show(chart)), '<Chart: bar, 3 rows>\n');
    const out = await stdoutOf(() => show(table({ id: ['a', 'b'], n: [1, 2] })));
    assert.equal(out, 'id  n\na   1\nb   2\n2 rows × 2 columns\n');
    assert.equal(await stdoutOf(() => show({ a: 1 })), 'key  value\na    1\n1 rows × 2 columns\n');
    assert.equal(await stdoutOf(() => show([{ id: 'a', n: 1 }, { id: 'b' }])), 'id  n\na   1\nb   null\n2 rows × 2 columns\n');
    assert.equal(await stdoutOf(() => show(new Map([[1, 2]]))), 'Map(1) { 1 => 2 }\n');
    assert.equal(show('text'), undefined, 'nothing to await');
  });

  it('show awaits a Jupyter.display hook without toString and prints its text/plain', async () => {
    const x = { [Symbol.for('Jupyter.display')]: async () => ({ 'text/plain': 'from hook', 'text/html': '<b>h</b>' }) };
    assert.equal(await stdoutOf(() => show(x)), 'from hook\n');
  });

  it('show hands a live view a (no-op) handle', async () => {
    let handle: DisplayHandle | undefined;
    const out = await stdoutOf(() => show({ attachDisplay: (h: DisplayHandle) => { handle = h; }, toString: () => '<live>' }));
    assert.equal(out, '<live>\n');
    assert.equal(handle?.id, '');
  });
});
