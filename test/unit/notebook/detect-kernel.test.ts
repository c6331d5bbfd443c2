import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectKernel } from '../../../src/notebook/detect-kernel.js';
import { denoJupyter } from '../../../src/notebook/deno-jupyter.js';

test('detectKernel: Deno first, then tslab, else node', () => {
  assert.equal(detectKernel({ deno: () => true, tslab: () => true }), 'deno');
  assert.equal(detectKernel({ deno: () => false, tslab: () => true }), 'tslab');
  assert.equal(detectKernel({ deno: () => false, tslab: () => false }), 'node');
  assert.equal(detectKernel(), 'node', 'this test runs under plain node');
});

test('denoJupyter: only a readable Deno.jupyter with broadcast counts', () => {
  const broadcast = async () => {};
  assert.equal(denoJupyter({}), undefined, 'node: no Deno');
  assert.equal(denoJupyter({ Deno: {} }), undefined, 'deno run: no jupyter');
  const throwing = { get jupyter(): unknown { throw new Error('Deno.jupyter is only available in `deno jupyter` subcommand'); } };
  assert.equal(denoJupyter({ Deno: throwing }), undefined, 'deno run: the getter throws');
  assert.equal(denoJupyter({ Deno: { jupyter: { display: () => {} } } }), undefined, 'no broadcast');
  const jupyter = { broadcast };
  assert.equal(denoJupyter({ Deno: { jupyter } }), jupyter);
});
