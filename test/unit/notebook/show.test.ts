import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { isTslab, inCellExecution } from '../../../src/notebook/kernel.js';
import { writeDisplayData } from '../../../src/notebook/display-writer.js';
import { createDisplayHandle, type OutputHandle } from '../../../src/notebook/display-handle.js';
import { show } from '../../../src/notebook/show.js';
import { detectKernel } from '../../../src/notebook/detect-kernel.js';
import { currentOutput } from '../../../src/notebook/outputs/current-output.js';
import { vegaLite } from '../../../src/render/vega-lite.js';
import type { DisplayHandle } from '../../../src/types.js';

async function outputOf(stream: NodeJS.WriteStream, fn: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const write = stream.write;
  stream.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof stream.write;
  try { await fn(); } finally { stream.write = write; }
  return chunks.join('');
}
const stdoutOf = (fn: () => unknown) => outputOf(process.stdout, fn);
const stderrOf = (fn: () => unknown) => outputOf(process.stderr, fn);
// Whether stderr is a TTY or a log, a final state is printed at once (node-output.ts).
const FINAL_LINE = /^\r?b(\x1b\[K)?\n$/;

describe('outside a notebook (plain node)', () => {
  it('detects no kernel; writeDisplayData prints the text', async () => {
    assert.equal(isTslab(), false);
    assert.equal(inCellExecution(), false);
    assert.equal(detectKernel(), 'node');
    assert.equal(currentOutput().kernel, 'node');
    assert.equal(await stdoutOf(() => assert.equal(writeDisplayData({ 'text/plain': 'x', 'text/html': '<b>x</b>' }), 'text')), 'x\n');
  });

  it('a display handle is terminal text on stderr: nothing when opened, its final state at once', async () => {
    const err = await stderrOf(() => {
      const handle = createDisplayHandle({ 'text/plain': 'a' });
      assert.notEqual(handle.id, '');
      handle.update({ 'text/plain': 'b' }, { final: true });
      handle.update({ 'text/plain': 'c' }, { final: true });
    });
    assert.match(err, FINAL_LINE, 'the final state once; nothing after it');
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

  it('show prints a live view and hands it a terminal handle (refreshes go to stderr)', async () => {
    let handle: OutputHandle | undefined;
    const out = await stdoutOf(() => show({ attachDisplay: (h: DisplayHandle) => { handle = h as OutputHandle; }, toString: () => '<live>' }));
    assert.equal(out, '<live>\n');
    assert.notEqual(handle?.id, '');
    assert.match(await stderrOf(() => handle!.update({ 'text/plain': 'b' }, { final: true })), FINAL_LINE);
  });
});
