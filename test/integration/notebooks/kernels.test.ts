// The display layer and the file-writing features in each real kernel, tslab and Deno: a throwaway
// notebook (no services needed) run by scripts/run-notebook --kernel K, with the same checks for both:
// plain values as tables, a chart from an array of objects shown and saved (svg, png, html), a
// Parquet snapshot written and read back, an output updated in place by display id, an Error.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');
const root = mkdtempSync(join(tmpdir(), 'kernels-it-'));
mkdirSync(join(root, 'node_modules'));
symlinkSync(REPO, join(root, 'node_modules', 'journal-lens'));
symlinkSync(join(REPO, 'node_modules', 'arquero'), join(root, 'node_modules', 'arquero'));
// Deno resolves bare imports through node_modules only below a package.json (see docs/kernels.md)
writeFileSync(join(root, 'package.json'), '{ "private": true }\n');
after(() => rmSync(root, { recursive: true, force: true }));

const CELLS = [
  `import * as aq from 'arquero';
import { createDisplayHandle, loadTable, saveTable, show, vegaLite } from 'journal-lens';`,
  `show([{ kind: 'a', n: 1 }, { kind: 'b', n: 2, late: true }])`,
  `show({ rows: 3, layout: 'event' })`,
  `const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } } },
  [{ k: 'a', n: 1 }, { k: 'b', n: 3 }]);
await chart.save('OUT/chart.svg');
await chart.save('OUT/chart.png');
await chart.save('OUT/chart.html');
await show(chart)`,
  `await saveTable(aq.table({ id: [1, 2, 3], name: ['x', 'y', 'z'] }), 'OUT/snap.parquet');
show(await loadTable('OUT/snap.parquet'))`,
  `const handle = createDisplayHandle({ 'text/plain': 'v0' });
handle.update({ 'text/plain': 'v1', 'text/html': '<b>v1</b>' });`,
  `show(new RangeError('boom'))`,
];

interface Output { output_type: string; data?: Record<string, unknown>; name?: string; text?: string | string[] }
const joined = (x: unknown) => (Array.isArray(x) ? x.join('') : typeof x === 'string' ? x : '');

for (const kernel of ['tslab', 'deno'] as const) {
  test(`display layer and files in a real ${kernel} kernel`, { timeout: 180_000 }, async () => {
    const out = join(root, kernel);
    mkdirSync(out);
    const nb = {
      cells: CELLS.map((source, i) => ({
        cell_type: 'code', id: `k${i}`, metadata: {}, execution_count: null, outputs: [], source: source.replaceAll('OUT', out),
      })),
      metadata: { kernelspec: { name: kernel, display_name: kernel, language: 'typescript' } },
      nbformat: 4, nbformat_minor: 5,
    };
    const input = join(root, `display-${kernel}.ipynb`);
    writeFileSync(input, JSON.stringify(nb));
    const executed = join(root, `display-${kernel}.out.ipynb`);
    const { stdout } = await run(join(REPO, 'scripts/run-notebook'), ['--kernel', kernel, input, executed], { cwd: REPO, maxBuffer: 16 << 20 });
    assert.match(stdout, /0 errors/, stdout);
    const cells = (JSON.parse(readFileSync(executed, 'utf8')) as { cells: { outputs: Output[] }[] }).cells;
    const displays = (i: number) => cells[i]!.outputs.filter((o) => o.output_type === 'display_data');
    const html = (i: number) => displays(i).map((o) => joined(o.data?.['text/html'])).join('');

    assert.match(html(1), /<table/, 'an array of objects is a table');
    assert.match(html(1), />late<br>/);
    assert.match(html(1), /2 rows × 3 columns/);
    assert.match(html(2), />key<br>[\s\S]*>value<br>[\s\S]*layout[\s\S]*event/, 'a plain object is a key/value table');

    const chart = displays(3);
    assert.equal(chart.length, 1, 'one chart output (placeholder replaced in place)');
    assert.equal(typeof chart[0]!.data!['application/vnd.vegalite.v5+json'], 'object');
    assert.deepEqual((chart[0]!.data!['application/vnd.vegalite.v5+json'] as { data: { values: unknown[] } }).data.values,
      [{ k: 'a', n: 1 }, { k: 'b', n: 3 }]);
    assert.match(readFileSync(join(out, 'chart.svg'), 'utf8'), /^<svg/);
    assert.equal(readFileSync(join(out, 'chart.png')).subarray(1, 4).toString('latin1'), 'PNG');
    assert.match(readFileSync(join(out, 'chart.html'), 'utf8'), /vegaEmbed|vega-embed/);

    assert.match(html(4), /3 rows × 2 columns/, 'the snapshot read back');
    assert.match(html(4), />z</);

    const updated = displays(5);
    assert.equal(updated.length, 1, 'one output, updated in place by display id');
    assert.equal(joined(updated[0]!.data!['text/plain']), 'v1');

    assert.match(joined(displays(6)[0]?.data?.['text/plain']), /^✖ RangeError\nboom$/);
  });
}
