// Where a long load reports its progress: one notebook output updated in place, a redrawn
// terminal line, a line every few seconds in logs, a user's function, or nowhere.
import type { LoadProgress, ProgressSink } from '../types.js';
import { bundleFromValue } from './bundle-from-value.js';
import { createDisplayHandle } from './display-handle.js';
import { progressFrame } from './frames.js';
import { inCellExecution } from './kernel.js';
import { progressBarText, progressHtml, progressText } from './progress-format.js';

/** What `createProgressDisplay` returns: `report` while loading, then `finish` or `fail` once. */
export interface ProgressDisplay {
  report(progress: LoadProgress): void;
  finish(progress: LoadProgress): void;
  /** Ends the display in a "failed" state saying `reason`, drawn at once; nothing is drawn after. */
  fail(progress: LoadProgress, reason: string): void;
}

/** Where the display goes when not in a notebook (tests pass their own). */
export interface ProgressEnvironment {
  stream?: { write(s: string): unknown; isTTY?: boolean };
  now?: () => number;
  /** Force the notebook path on or off. Default: whether a notebook cell (tslab or Deno) can be written to. */
  notebook?: boolean;
}

export const defaults = {
  /** Notebook updates at most every 250 ms (about 4 per second). */
  notebookIntervalMs: 250,
  /** Terminal redraws at most every 100 ms. */
  ttyIntervalMs: 100,
  /** Log lines (stderr not a TTY) at most every 5 s. */
  logIntervalMs: 5000,
} as const;

/**
 * A progress display for a load. `option`: `false` → silent; a function → called with every
 * progress; `true` or undefined → a notebook progress bar updated in place (throttled to ~4/s,
 * the final state stays), else on stderr a one-line bar redrawn with '\r' when it is a TTY,
 * or a line every 5 s at most (CI logs). Create it while the cell runs.
 *
 * @example
 * const progress = createProgressDisplay(options.progress, 'cassandra akka.messages');
 * progress.report(p); // many times
 * progress.finish(last); // or, when the load failed: progress.fail(last, error.message)
 */
export function createProgressDisplay(
  option: boolean | ProgressSink | undefined, label: string, env: ProgressEnvironment = {},
): ProgressDisplay {
  if (option === false) return { report() {}, finish() {}, fail() {} };
  if (typeof option === 'function') return sinkDisplay(option);
  const now = env.now ?? Date.now;
  if (env.notebook ?? inCellExecution()) {
    const handle = createDisplayHandle({ 'text/html': progressHtml(idle, label), 'text/plain': `${label}: starting` });
    return throttled(defaults.notebookIntervalMs, now, (p) => handle.update(bundleOf(p, label)), true);
  }
  const stream = env.stream ?? process.stderr;
  if (stream.isTTY) {
    let drawn = false;
    const draw = (p: LoadProgress) => {
      stream.write(`\r${progressBarText(p, label)}\x1b[K${p.done ? '\n' : ''}`);
      drawn = !p.done;
    };
    const display = throttled(defaults.ttyIntervalMs, now, draw, false);
    const end = (last: () => void) => () => { last(); if (drawn) stream.write('\n'); };
    return {
      report: display.report,
      finish: (p) => end(() => display.finish(p))(),
      fail: (p, reason) => end(() => display.fail(p, reason))(),
    };
  }
  return throttled(defaults.logIntervalMs, now, (p) => stream.write(`${progressText(p, label)}\n`), false, true);
}

const idle: LoadProgress = { rows: 0, rangesDone: 0, rangesTotal: 0, elapsedMs: 0, rate: 0, etaMs: undefined, done: false, undecodable: 0 };

// A user's function: every report, then one last progress (done, or failed with the reason).
function sinkDisplay(sink: ProgressSink): ProgressDisplay {
  let ended = false;
  return {
    report(p) { if (!ended) sink(p); },
    finish(p) { if (!ended) { ended = true; sink(p); } },
    fail(p, reason) { if (!ended) { ended = true; sink({ ...p, done: true, failed: reason }); } },
  };
}

function bundleOf(p: LoadProgress, label: string) {
  return bundleFromValue(progressFrame(p, label));
}

// Draws at most once per interval. With `trailing`, the latest skipped progress is drawn when
// the interval ends (a notebook bar must not freeze on a stale value during a pause); terminals
// and logs just wait for the next report. `skipFirst` makes logs start after one interval.
function throttled(
  intervalMs: number, now: () => number, draw: (p: LoadProgress) => void, trailing: boolean, skipFirst = false,
): ProgressDisplay {
  let last = skipFirst ? now() : -Infinity;
  let pending: LoadProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const flush = () => {
    timer = undefined;
    if (pending && !finished) { last = now(); draw(pending); pending = undefined; }
  };
  return {
    report(p) {
      if (finished) return;
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        pending = undefined;
        draw(p);
      } else if (trailing) {
        pending = p;
        timer ??= setTimeout(flush, intervalMs - (t - last));
        (timer as { unref?: () => void }).unref?.();
      }
    },
    finish(p) {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      draw({ ...p, done: true });
    },
    fail(p, reason) {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      draw({ ...p, done: true, failed: reason });
    },
  };
}
