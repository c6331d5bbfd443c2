// Where a long load reports its progress: one output updated in place through the running
// kernel's writer (outputs/): a notebook progress bar, or in a terminal a bar redrawn in place
// (TTY) or a line every few seconds (logs), both drawn by node-output.ts; or a user's function;
// or nowhere. Nothing here writes to a stream itself.
import type { LoadProgress, MimeBundle, ProgressSink } from '../types.js';
import { bundleFromValue } from './bundle-from-value.js';
import { createDisplayHandle } from './display-handle.js';
import { progressFrame } from './frames.js';
import { currentOutput } from './outputs/current-output.js';
import type { KernelOutput } from './outputs/kernel-output.js';
import { TTY_TEXT_MIME } from './outputs/node-output.js';
import { progressBarText, progressHtml, progressText } from './progress-format.js';

/** What `createProgressDisplay` returns: `report` while loading, then `finish` or `fail` once. */
export interface ProgressDisplay {
  report(progress: LoadProgress): void;
  finish(progress: LoadProgress): void;
  /** Ends the display in a "failed" state saying `reason`, drawn at once; nothing is drawn after. */
  fail(progress: LoadProgress, reason: string): void;
}

/** What the display draws on, and its clock (tests pass their own). */
export interface ProgressEnvironment {
  /** Default currentOutput(): the notebook's writer, or the terminal's (stderr). Tests pass createNodeOutput(fakeStream). */
  output?: KernelOutput;
  now?: () => number;
}

export const defaults = {
  /** Notebook updates at most every 250 ms (about 4 per second). */
  notebookIntervalMs: 250,
  /** Terminal updates at most every 100 ms (the terminal output then keeps a log to a line every 5 s). */
  terminalIntervalMs: 100,
} as const;

/**
 * A progress display for a load. `option`: `false` → silent; a function → called with every
 * progress; `true` or undefined → one output of the running kernel updated in place: a notebook
 * progress bar (throttled to ~4/s, the final state stays), or in a terminal a one-line bar
 * redrawn in place on a TTY, or a line every 5 s at most in a log (CI), the final line always.
 * Create it while the cell runs.
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
  const output = env.output ?? currentOutput();
  const terminal = output.kernel === 'node';
  const handle = createDisplayHandle({ 'text/html': progressHtml(idle, label), 'text/plain': `${label}: starting` }, output);
  const draw = (p: LoadProgress) => handle.update(terminal ? terminalBundle(p, label) : bundleOf(p, label), { final: p.done });
  // A notebook bar must not freeze on a stale value during a pause (trailing draw); a terminal
  // waits for the next report (loads report every 250 ms), and its output throttles logs itself.
  return throttled(terminal ? defaults.terminalIntervalMs : defaults.notebookIntervalMs, now, draw, !terminal);
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

function bundleOf(p: LoadProgress, label: string): MimeBundle {
  return bundleFromValue(progressFrame(p, label));
}

// A terminal: the line a log prints, and the bar a TTY redraws.
function terminalBundle(p: LoadProgress, label: string): MimeBundle {
  return { 'text/plain': progressText(p, label), [TTY_TEXT_MIME]: progressBarText(p, label) };
}

// Draws at most once per interval, and the final (done or failed) state at once. With
// `trailing`, the latest skipped progress is drawn when the interval ends.
function throttled(
  intervalMs: number, now: () => number, draw: (p: LoadProgress) => void, trailing: boolean,
): ProgressDisplay {
  let last = -Infinity;
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
