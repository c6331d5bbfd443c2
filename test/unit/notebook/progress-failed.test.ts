// A failed load's progress output ends in a "failed" state with the reason, instead of a bar that
// stays where it was (or keeps moving): in a notebook the in-place output, in a terminal the bar
// line, in logs the last line, for a function the last progress it receives. Nothing is drawn after.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { DisplayData } from '../../../src/notebook/kernel.js';
import type { LoadProgress } from '../../../src/types.js';
import { createNodeOutput, type TextSink } from '../../../src/notebook/outputs/node-output.js';

const require = createRequire(import.meta.url);
const sent: { data: DisplayData; update: boolean }[] = [];
const fakeJupyter = { lastWriteDisplayData: null as null | ((data: DisplayData, update: boolean) => void) };
// A stand-in for tslab's internal module, placed before kernel detection first runs (as in fake-kernel.test.ts).
const path = require.resolve('tslab/dist/jupyter', { paths: [require.main?.filename ?? process.argv[1]] });
require.cache[path] = { exports: fakeJupyter } as NodeJS.Module;
const { createProgressDisplay } = await import('../../../src/notebook/progress.js');
const { progressBarText, progressHtml, progressText } = await import('../../../src/notebook/progress-format.js');

const p: LoadProgress = { rows: 45210, rate: 3012.4, rangesDone: 12, rangesTotal: 64, etaMs: 41_000, elapsedMs: 15_000, done: false, undecodable: 0 };
const reason = 'Reading token range (0, 9] of akka.messages failed 6 times over 12.0 s; last error: read timeout.';

// The progress display drawn by the terminal output (node-output.ts) on a fake stream, with the test's clock.
function onTerminal(stream: TextSink, now: () => number = Date.now) {
  return { output: createNodeOutput(stream, { now }), now };
}

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => { writes.push(s); return true; } } };
}

describe('a failed load keeps its progress moving: the progress ends in a failed state with the reason', () => {
  it('progressText and progressBarText say failed, how far it got, and why; no ETA', () => {
    const failed = { ...p, done: true, failed: reason };
    assert.equal(progressText(failed, 'akka.messages'),
      `akka.messages: failed after 45,210 rows · ranges 12/64 (18%) · 15.0 s · ${reason}`);
    assert.match(progressBarText(failed, 'akka.messages'), /^\[#{4}-{16}\] akka\.messages: failed after 45,210 rows/, 'the bar stays where it stopped');
  });

  it('progressHtml shows a red bar where it stopped and the reason, escaped', () => {
    const html = progressHtml({ ...p, done: true, failed: 'a <b> reason' }, 'ks.messages');
    assert.match(html, /width:18\.8%;height:100%;background:#e53935/);
    assert.match(html, /failed after 45,210 rows/);
    assert.match(html, /a &lt;b&gt; reason/);
  });

  it('a terminal: the bar line is redrawn as failed, ends with a newline, and nothing is drawn after', () => {
    const { writes, stream } = fakeStream(true);
    let now = 0;
    const d = createProgressDisplay(true, 'load', onTerminal(stream, () => now));
    d.report(p);
    now = 20;
    d.fail(p, reason);
    now = 500;
    d.report(p);
    d.finish(p);
    d.fail(p, 'again');
    assert.equal(writes.length, 2);
    assert.match(writes[1]!, /^\r\[#+-+\] load: failed after 45,210 rows .*read timeout\.\x1b\[K\n$/);
  });

  it('logs: the failed line is written at once, not after the 5 s interval', () => {
    const { writes, stream } = fakeStream(false);
    const d = createProgressDisplay(undefined, 'load', onTerminal(stream, () => 100));
    d.report(p);
    d.fail(p, reason);
    assert.deepEqual(writes, [`load: failed after 45,210 rows · ranges 12/64 (18%) · 15.0 s · ${reason}\n`]);
  });

  it('a function receives one last progress with done and failed set', () => {
    const seen: LoadProgress[] = [];
    const d = createProgressDisplay((q) => seen.push(q), 'x');
    d.report(p);
    d.fail(p, reason);
    d.report(p);
    assert.equal(seen.length, 2);
    assert.equal(seen[1]!.failed, reason);
    assert.equal(seen[1]!.done, true);
  });

  it('a notebook: the one in-place output is updated to the failed state, even inside the throttle interval', () => {
    fakeJupyter.lastWriteDisplayData = (data, update) => { sent.push({ data, update }); };
    let now = 0;
    const d = createProgressDisplay(undefined, 'akka.messages', { now: () => now });
    d.report(p);
    now = 10;
    d.fail(p, reason);
    now = 1000;
    d.report(p);
    const ids = new Set(sent.map((m) => m.data.transient?.display_id));
    assert.equal(ids.size, 1, 'one output');
    const last = sent[sent.length - 1]!;
    assert.equal(last.update, true);
    assert.match(String(last.data.data['text/plain']), /akka\.messages: failed after 45,210 rows .*read timeout/);
    assert.match(String(last.data.data['text/html']), /#e53935/);
    fakeJupyter.lastWriteDisplayData = null;
  });
});
