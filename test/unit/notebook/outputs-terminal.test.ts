// The terminal output (node-output.ts), the one place that draws progress and live views outside a
// notebook: on a TTY every open output is redrawn in place; in a log an output prints a line at most
// every 5 s (its first line), its final state whole and at once. Against fake streams and a fake clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { table } from 'arquero';
import { createDisplayHandle } from '../../../src/notebook/display-handle.js';
import { bundleFromViewOutput, bundleWithStatus } from '../../../src/notebook/live-frame.js';
import { createNodeOutput, TTY_TEXT_MIME, type TextSink } from '../../../src/notebook/outputs/node-output.js';
import { createProgressDisplay } from '../../../src/notebook/progress.js';
import type { LoadProgress } from '../../../src/types.js';

function fakeStream(isTTY: boolean, size: { columns?: number; rows?: number } = {}) {
  const writes: string[] = [];
  const stream: TextSink = { isTTY, ...size, write: (s: string) => { writes.push(s); return true; } };
  return { writes, stream };
}

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

const text = (s: string) => ({ 'text/plain': s });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a TTY: outputs redrawn in place', () => {
  it('one output: \\r + text + \\x1b[K, at most every 100 ms, the final state ends the line', async () => {
    const c = clock();
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream, { now: c.now });
    assert.equal(out.write(text('placeholder'), { displayId: 'a' }), 'text');
    assert.deepEqual(writes, [], 'opening prints nothing');
    assert.equal(out.update('a', text('one')), 'text');
    c.t = 40; out.update('a', text('two'));   // within 100 ms: kept for later
    c.t = 150; out.update('a', text('three'));
    c.t = 160; out.update('a', text('done'), { final: true });
    assert.equal(out.update('a', text('late')), 'none', 'a finished output is let go');
    await sleep(5);
    assert.deepEqual(writes, ['\rone\x1b[K', '\rthree\x1b[K', '\rdone\x1b[K\n']);
  });

  it('a skipped state is drawn when the 100 ms are up, without another update', async () => {
    const c = clock();
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text(''), { displayId: 'a' });
    out.update('a', text('one'));
    c.t = 90; out.update('a', text('two'));  // due in 10 ms
    await sleep(60);
    assert.deepEqual(writes, ['\rone\x1b[K', '\rtwo\x1b[K']);
    out.clear('a');
    assert.equal(writes.at(-1), '\r\x1b[J', 'a cleared output is wiped');
  });

  it('a TTY prefers the terminal text (a progress bar) over text/plain', () => {
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream);
    out.write(text(''), { displayId: 'a' });
    out.update('a', { 'text/plain': 'load: 5 rows', [TTY_TEXT_MIME]: '[##--] load: 5 rows' });
    assert.deepEqual(writes, ['\r[##--] load: 5 rows\x1b[K']);
  });

  it('a multi-line frame (a live view) is redrawn over itself; a shorter one clears what is left below', () => {
    const c = clock();
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text(''), { displayId: 'v' });
    out.update('v', text('● live\nrow 1\nrow 2'));
    c.t = 1000; out.update('v', text('● live\nrow 1'));
    c.t = 2000; out.update('v', text('■ stopped\nrow 1'), { final: true });
    assert.deepEqual(writes, [
      '\r● live\x1b[K\nrow 1\x1b[K\nrow 2\x1b[K',
      '\x1b[2A\r● live\x1b[K\nrow 1\x1b[K\x1b[J',
      '\x1b[1A\r■ stopped\x1b[K\nrow 1\x1b[K\n',
    ]);
  });

  it('lines are cut to the terminal width and the region to its height, so the cursor moves stay exact', () => {
    const { writes, stream } = fakeStream(true, { columns: 11, rows: 3 });
    const out = createNodeOutput(stream);
    out.write(text(''), { displayId: 'v' });
    out.update('v', text('head\n0123456789abc\nlast'));
    assert.deepEqual(writes, ['\r012345678…\x1b[K\nlast\x1b[K']);
  });

  it('two outputs interleaving: stacked and redrawn together; one that ends is printed above the other for good', () => {
    const c = clock();
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text(''), { displayId: 'a' });
    out.write(text(''), { displayId: 'b' });
    out.update('a', text('a 1'));
    c.t = 100; out.update('b', text('b 1'));
    c.t = 200; out.update('a', text('a 2'));
    c.t = 300; out.update('a', text('a done'), { final: true });
    c.t = 400; out.update('b', text('b 2'));
    c.t = 500; out.update('b', text('b done'), { final: true });
    assert.deepEqual(writes, [
      '\ra 1\x1b[K',
      '\ra 1\x1b[K\nb 1\x1b[K',
      '\x1b[1A\ra 2\x1b[K\nb 1\x1b[K',
      '\x1b[1A\ra done\x1b[K\nb 1\x1b[K',
      '\rb 2\x1b[K',
      '\rb done\x1b[K\n',
    ]);
  });

  it('text written meanwhile (show) goes above the open outputs, which are drawn again under it', () => {
    const { writes, stream } = fakeStream(true);
    const out = createNodeOutput(stream);
    out.write(text(''), { displayId: 'a' });
    out.update('a', text('load: 5 rows'));
    out.write(text('3 rows'));
    assert.deepEqual(writes, ['\rload: 5 rows\x1b[K', '\r3 rows\x1b[K\nload: 5 rows\x1b[K']);
  });
});

describe('a log (not a TTY): a line per output every 5 s at most, the final state whole', () => {
  it('first lines at 5 s and 10 s, none before; the final state at once and whole', () => {
    const c = clock();
    const { writes, stream } = fakeStream(false);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text('placeholder'), { displayId: 'v' });
    for (c.t = 0; c.t <= 12_000; c.t += 1000) out.update('v', text(`● live · t=${c.t}\nrow 1\nrow 2`));
    out.update('v', text('■ stopped\nrow 1\nrow 2'), { final: true });
    assert.deepEqual(writes, ['● live · t=5000\n', '● live · t=10000\n', '■ stopped\nrow 1\nrow 2\n']);
  });

  it('the latest state is printed when the 5 s are up, without another update', async () => {
    const c = clock();
    const { writes, stream } = fakeStream(false);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text(''), { displayId: 'v' });
    c.t = 4950; out.update('v', text('old'));     // due in 50 ms
    c.t = 4990; out.update('v', text('newest'));
    await sleep(150);
    assert.deepEqual(writes, ['newest\n']);
  });

  it('two outputs interleaving: each has its own 5 s, lines never mixed up', () => {
    const c = clock();
    const { writes, stream } = fakeStream(false);
    const out = createNodeOutput(stream, { now: c.now });
    out.write(text(''), { displayId: 'a' });
    c.t = 2000; out.write(text(''), { displayId: 'b' });
    for (c.t = 2000; c.t <= 8000; c.t += 500) { out.update('a', text(`a ${c.t}`)); out.update('b', text(`b ${c.t}`)); }
    out.update('a', text('a done'), { final: true });
    c.t = 9000; out.update('b', text('b done'), { final: true });
    assert.deepEqual(writes, ['a 5000\n', 'b 7000\n', 'a done\n', 'b done\n']);
  });

  it('write prints text/plain to the main sink, apart from the status sink', () => {
    const main = fakeStream(false);
    const status = fakeStream(false);
    const out = createNodeOutput(main.stream, { status: status.stream });
    out.write(text('3 rows'));
    out.write(text(''), { displayId: 'p' });
    out.update('p', text('load: done'), { final: true });
    assert.deepEqual(main.writes, ['3 rows\n']);
    assert.deepEqual(status.writes, ['load: done\n']);
  });
});

describe('progress and live views go through the terminal output', () => {
  const p: LoadProgress = { rows: 1000, rate: 500, rangesDone: 1, rangesTotal: 4, etaMs: 6000, elapsedMs: 2000, done: false, undecodable: 0 };
  const reason = 'Reading token range (0, 9] of akka.messages failed 6 times over 12.0 s; last error: read timeout.';

  it('a failed load in a log: a line every 5 s, then the failed line at once, nothing after', () => {
    const c = clock();
    const { writes, stream } = fakeStream(false);
    const d = createProgressDisplay(undefined, 'ks.messages', { output: createNodeOutput(stream, { now: c.now }), now: c.now });
    for (c.t = 0; c.t <= 7000; c.t += 250) d.report({ ...p, elapsedMs: c.t, rows: c.t });
    d.fail({ ...p, rows: 7000, elapsedMs: 7100 }, reason);
    d.report(p);
    d.finish(p);
    assert.equal(writes.length, 2);
    assert.equal(writes[0], 'ks.messages: 5,000 rows · 500 rows/s · ranges 1/4 (25%) · ETA 0:06 · 5.0 s\n');
    assert.equal(writes[1], `ks.messages: failed after 7,000 rows · ranges 1/4 (25%) · 7.1 s · ${reason}\n`);
  });

  it('a failed load on a TTY beside a live view: the bar is redrawn in place, its failed line stays above the view', () => {
    const c = clock();
    const { writes, stream } = fakeStream(true);
    const output = createNodeOutput(stream, { now: c.now });
    const view = createDisplayHandle(undefined, output);
    view.update(text('● live\n2 rows'));
    c.t = 100;
    const d = createProgressDisplay(true, 'ks.messages', { output, now: c.now });
    d.report(p);
    c.t = 300;
    d.fail(p, 'read timeout');
    assert.deepEqual(writes, [
      '\r● live\x1b[K\n2 rows\x1b[K',
      '\x1b[1A\r● live\x1b[K\n2 rows\x1b[K\n[#####---------------] ks.messages: 1,000 rows · 500 rows/s · ranges 1/4 (25%) · ETA 0:06 · 2.0 s\x1b[K',
      '\x1b[2A\r[#####---------------] ks.messages: failed after 1,000 rows · ranges 1/4 (25%) · 2.0 s · read timeout\x1b[K\n● live\x1b[K\n2 rows\x1b[K',
    ]);
  });

  it('a live view frame (status line over a table): whole on a TTY, the status line only in a log', async () => {
    const frame = bundleWithStatus(await bundleFromViewOutput(table({ id: ['a', 'b'] }), false), '● live · 3 events/s');
    const tty = fakeStream(true);
    createDisplayHandle(undefined, createNodeOutput(tty.stream)).update(frame);
    assert.equal(tty.writes[0], '\r● live · 3 events/s\x1b[K\nid\x1b[K\na\x1b[K\nb\x1b[K\n2 rows × 1 columns\x1b[K');
    const c = clock();
    const log = fakeStream(false);
    const handle = createDisplayHandle(undefined, createNodeOutput(log.stream, { now: c.now }));
    c.t = 6000;
    handle.update(frame);
    assert.deepEqual(log.writes, ['● live · 3 events/s\n']);
  });
});
