import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadProgress } from '../../../src/types.js';
import { duration, progressBarText, progressHtml, progressText } from '../../../src/notebook/progress-format.js';
import { createProgressDisplay } from '../../../src/notebook/progress.js';
import { createNodeOutput, type TextSink } from '../../../src/notebook/outputs/node-output.js';

const p: LoadProgress = { rows: 45210, rate: 3012.4, rangesDone: 12, rangesTotal: 64, etaMs: 41_000, elapsedMs: 15_000, done: false, undecodable: 3 };

describe('progress formatting', () => {
  it('progressText says rows, rate, ranges, ETA, undecodable, elapsed', () => {
    assert.equal(progressText(p, 'cassandra'),
      'cassandra: 45,210 rows · 3,012 rows/s · ranges 12/64 (18%) · ETA 0:41 · 3 undecodable · 15.0 s');
  });

  it('done, unknown totals, no ETA', () => {
    assert.equal(progressText({ ...p, done: true, rangesDone: 64, undecodable: 0, elapsedMs: 90_000 }, 'x'),
      'x: done, 45,210 rows · 3,012 rows/s · ranges 64/64 (100%) · 1:30');
    assert.equal(progressText({ ...p, rangesTotal: 0, etaMs: undefined, undecodable: 0, rows: 1 }, 'k'),
      'k: 1 row · 3,012 rows/s · 15.0 s');
  });

  it('progressBarText draws a 20-cell bar', () => {
    assert.match(progressBarText({ ...p, rangesDone: 32 }, 'x'), /^\[#{10}-{10}\] x: /);
  });

  it('progressHtml has the label, a bar at the right width and escapes', () => {
    const html = progressHtml({ ...p, rangesDone: 16 }, 'ks.<messages>');
    assert.match(html, /<b>ks\.&lt;messages&gt;<\/b>/);
    assert.match(html, /width:25\.0%/);
    assert.match(html, /45,210 rows · 3,012 rows\/s · ranges 16\/64 \(25%\)/);
    assert.doesNotMatch(progressHtml({ ...p, rangesTotal: 0 }, 'x'), /width:320px/, 'no bar without a total');
  });

  it('duration', () => {
    assert.equal(duration(0), '0:00');
    assert.equal(duration(61_000), '1:01');
    assert.equal(duration(3_723_000), '1:02:03');
  });
});

// The progress display drawn by the terminal output (node-output.ts) on a fake stream, with the test's clock.
function onTerminal(stream: TextSink, now: () => number = Date.now) {
  return { output: createNodeOutput(stream, { now }), now };
}

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => { writes.push(s); return true; } } };
}

describe('createProgressDisplay', () => {
  it('false is silent; a function gets every progress', () => {
    const off = createProgressDisplay(false, 'x');
    off.report(p); off.finish(p);
    const seen: LoadProgress[] = [];
    const sink = createProgressDisplay((q) => seen.push(q), 'x');
    sink.report(p); sink.report(p); sink.finish({ ...p, done: true });
    assert.equal(seen.length, 3);
  });

  it('a TTY gets one line redrawn with \\r, throttled, ending with a newline', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const d = createProgressDisplay(true, 'load', onTerminal(stream, () => now));
    d.report(p);               // drawn
    now = 50; d.report(p);     // within 100 ms: skipped
    now = 150; d.report(p);    // drawn
    d.finish({ ...p, rangesDone: 64 });
    assert.equal(writes.length, 3);
    assert.ok(writes.every((w) => w.startsWith('\r[')));
    assert.ok(writes[2].endsWith('\n'));
    assert.match(writes[2], /load: done, 45,210 rows/);
  });

  it('not a TTY (CI logs): a line every 5 s at most, and the final one', () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const d = createProgressDisplay(undefined, 'load', onTerminal(stream, () => now));
    for (now = 0; now <= 12_000; now += 500) d.report(p);
    d.finish(p);
    assert.equal(writes.length, 3, 'at 5 s, 10 s, and the end');
    assert.ok(writes.every((w) => w.endsWith('\n') && !w.includes('\r')));
    assert.match(writes[2], /done/);
  });

  it('reports after finish are ignored', () => {
    const { writes, stream } = fakeStream(false);
    const d = createProgressDisplay(true, 'x', onTerminal(stream));
    d.finish(p); d.report(p); d.finish(p);
    assert.equal(writes.length, 1);
  });
});
