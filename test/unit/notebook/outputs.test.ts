// Each kernel's writer against a stand-in for that kernel: the messages it would send.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDenoOutput } from '../../../src/notebook/outputs/deno-output.js';
import { createNodeOutput } from '../../../src/notebook/outputs/node-output.js';
import { createTslabOutput } from '../../../src/notebook/outputs/tslab-output.js';
import { createDisplayHandle } from '../../../src/notebook/display-handle.js';
import type { DisplayData, TslabDisplay } from '../../../src/notebook/kernel.js';

test('deno: display_data, update_display_data and a clear, in order, by display_id', async () => {
  const sent: { type: string; content: Record<string, unknown> }[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const jupyter = {
    async broadcast(type: string, content: Record<string, unknown>) {
      if (sent.length === 0) await gate; // the first message is slow: the update must still come after it
      sent.push({ type, content });
    },
  };
  const out = createDenoOutput(() => jupyter);
  assert.equal(out.kernel, 'deno');
  assert.equal(out.canDisplay(), true);
  assert.equal(out.write({ 'text/plain': 'a', 'application/vnd.vegalite.v5+json': { mark: 'bar' } }, { displayId: 'd1' }), 'bundle');
  assert.equal(out.update('d1', { 'text/plain': 'b' }), 'bundle');
  out.clear('d1');
  release();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(sent.map((m) => [m.type, (m.content.transient as { display_id?: string }).display_id, (m.content.data as Record<string, unknown>)['text/plain']]),
    [['display_data', 'd1', 'a'], ['update_display_data', 'd1', 'b'], ['update_display_data', 'd1', '']]);
  assert.deepEqual((sent[0]!.content.data as Record<string, unknown>)['application/vnd.vegalite.v5+json'], { mark: 'bar' }, 'a spec stays an object');
});

test('deno: a failing broadcast (kernel going away) is dropped, later ones still go out', async () => {
  const sent: string[] = [];
  let first = true;
  const out = createDenoOutput(() => ({
    async broadcast(_type: string, content: Record<string, unknown>) {
      if (first) { first = false; throw new Error('kernel gone'); }
      sent.push((content.data as Record<string, string>)['text/plain']!);
    },
  }));
  out.write({ 'text/plain': 'lost' });
  out.write({ 'text/plain': 'kept' });
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(sent, ['kept']);
});

test('deno: without Deno.jupyter nothing is written and a handle is a no-op', () => {
  const out = createDenoOutput(() => undefined);
  assert.equal(out.canDisplay(), false);
  assert.equal(out.write({ 'text/plain': 'x' }), 'none');
  assert.equal(createDisplayHandle({ 'text/plain': 'x' }, out).id, '');
});

test('tslab: the internal writer gets the whole bundle; update flag only with a display_id', () => {
  const sent: { data: DisplayData; update: boolean }[] = [];
  const jupyter = { lastWriteDisplayData: (data: DisplayData, update: boolean) => { sent.push({ data, update }); } };
  const out = createTslabOutput({ jupyter: () => jupyter, public: () => undefined });
  assert.equal(out.canDisplay(), true);
  const handle = createDisplayHandle({ 'text/plain': 'v0', 'text/html': '<i>v0</i>' }, out);
  handle.update({ 'text/plain': 'v1' });
  out.clear(handle.id);
  assert.deepEqual(sent.map((m) => [m.update, m.data.transient.display_id, m.data.data['text/plain']]),
    [[false, handle.id, 'v0'], [true, handle.id, 'v1'], [true, handle.id, '']]);
  assert.deepEqual(Object.keys(sent[0]!.data.data).sort(), ['text/html', 'text/plain']);
});

test('tslab: without the internal writer, the public API gets the best single MIME type', () => {
  const calls: string[] = [];
  const display = (tag: string): TslabDisplay => ({
    html: (s) => calls.push(`${tag} html ${s}`), png: () => calls.push(`${tag} png`),
    svg: () => calls.push(`${tag} svg`), text: (s) => calls.push(`${tag} text ${s}`),
  });
  let n = 0;
  const out = createTslabOutput({ jupyter: () => ({ lastWriteDisplayData: undefined }), public: () => ({ display: display('cell'), newDisplay: () => display(`d${++n}`) }) });
  assert.equal(out.canDisplay(), false, 'no cell has set the writer');
  assert.equal(out.write({ 'text/html': '<b>x</b>', 'text/plain': 'x' }), 'single');
  assert.equal(out.write({ 'text/plain': 'p' }, { displayId: 'k' }), 'single');
  assert.equal(out.update('k', { 'text/plain': 'q' }), 'single');
  assert.deepEqual(calls, ['cell html <b>x</b>', 'd1 text p', 'd1 text q'], 'updates reuse the display made for the id');
});

test('node: write prints text/plain; updates and clears print nothing', () => {
  const lines: string[] = [];
  const out = createNodeOutput({ write: (s: string) => lines.push(s) });
  assert.equal(out.kernel, 'node');
  assert.equal(out.canDisplay(), false);
  assert.equal(out.write({ 'text/html': '<b>x</b>', 'text/plain': 'x' }), 'text');
  assert.equal(out.write({ 'image/png': 'AAAA' }), 'text');
  assert.equal(out.update('id', { 'text/plain': 'y' }), 'none');
  out.clear('id');
  assert.deepEqual(lines, ['x\n', '\n']);
});
