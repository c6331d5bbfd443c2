// No notebook (a script, a test, CI): outputs are terminal text, and this is the one place that
// draws it. `write` prints a bundle's text/plain on its own line(s) to stdout. An output with a
// display id (a progress bar, a live view) is transient and goes to stderr:
// - on a TTY, every open output is redrawn in place at the bottom of the terminal (`\r`, cursor
//   up, `\x1b[K`), at most every 100 ms; a final update, or text written by `write`, is printed
//   above them for good;
// - in a log (not a TTY), an output prints the first line of its text (a status or progress
//   line) at most every 5 s, counted from when it was opened, the latest state once the 5 s are
//   up; its final update is printed whole and at once; a state still unprinted at exit is
//   printed then. A live view refreshed every second thus adds one line per 5 s to a CI log.
// Opening an output prints nothing (a placeholder has nothing to say in a terminal); an update
// to a display id this output did not open is ignored, as a notebook front end does.
import type { MimeBundle } from '../../types.js';
import type { KernelOutput, OutputOptions, WriteResult } from './kernel-output.js';

/** Where the text goes. `isTTY`, `columns` and `rows` as on process.stderr. */
export interface TextSink {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Options of `createNodeOutput`. */
export interface NodeOutputOptions {
  /** Where outputs with a display id go. Default: the `sink` given, else process.stderr. */
  status?: TextSink;
  /** The clock of the throttles (tests pass their own). Default Date.now. */
  now?: () => number;
}

export const nodeOutputDefaults = {
  /** A TTY redraws its open outputs at most every 100 ms. */
  ttyIntervalMs: 100,
  /** A log prints one line per output at most every 5 s. */
  logIntervalMs: 5000,
} as const;

/**
 * A bundle entry only terminals read: the text a TTY redraws in place instead of text/plain
 * (e.g. a progress bar with its `[####----]`); logs print text/plain.
 */
export const TTY_TEXT_MIME = 'text/x-journal-lens-tty';

/**
 * The terminal's output writer. `write` goes to `sink` (default process.stdout); outputs with a
 * display id go to `options.status` (default: the sink given, else process.stderr). Without
 * arguments, the process's one terminal writer.
 *
 * @example
 * const out = createNodeOutput();
 * out.write({ 'text/plain': '3 rows' }); // prints "3 rows"
 * out.write({ 'text/plain': '' }, { displayId: 'p' });
 * out.update('p', { 'text/plain': 'load: 10 rows' });                   // redrawn in place on a TTY
 * out.update('p', { 'text/plain': 'load: done, 20 rows' }, { final: true }); // printed for good
 */
export function createNodeOutput(sink?: TextSink, options: NodeOutputOptions = {}): KernelOutput {
  // Every default writer of the process is one: `show` printing a table on a TTY while a bar is drawn
  // must lift the bar first.
  if (sink === undefined && options.status === undefined && options.now === undefined) {
    processTerminal ??= terminalOutput(process.stdout, process.stderr, Date.now);
    return processTerminal;
  }
  return terminalOutput(sink ?? process.stdout, options.status ?? sink ?? process.stderr, options.now ?? Date.now);
}

let processTerminal: KernelOutput | undefined;

function terminalOutput(out: TextSink, status: TextSink, now: () => number): KernelOutput {
  const live = status.isTTY === true ? ttyRegion(status, out, now) : logLines(status, out, now);
  return {
    kernel: 'node',
    canDisplay: () => false,
    write(bundle: MimeBundle, writeOptions: OutputOptions = {}): WriteResult {
      if (writeOptions.displayId !== undefined) live.open(writeOptions.displayId);
      else live.print(textOf(bundle));
      return 'text';
    },
    update(displayId, bundle, updateOptions: OutputOptions = {}): WriteResult {
      return live.update(displayId, bundle, updateOptions.final === true) ? 'text' : 'none';
    },
    clear(displayId) {
      live.close(displayId);
    },
  };
}

// The outputs with a display id, drawn one way or the other.
interface LiveOutputs {
  open(id: string): void;
  /** False when `id` is not open. */
  update(id: string, bundle: MimeBundle, final: boolean): boolean;
  close(id: string): void;
  /** Text written by `write`: printed to the main sink, above the open outputs. */
  print(text: string): void;
}

// A TTY: the open outputs stacked at the bottom of the screen, redrawn together.
function ttyRegion(status: TextSink, out: TextSink, now: () => number): LiveOutputs {
  const open = new Map<string, string[]>();
  let drawnHeight = 0;
  let lastPaint = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // One write: back to the region's first line, `above` (printed for good), the region, and a
  // clear of what a taller region left below.
  const paint = (above: string[] = []): void => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    lastPaint = now();
    const region = fitted([...open.values()].flat(), status);
    let s = drawnHeight > 1 ? `\x1b[${drawnHeight - 1}A\r` : '\r';
    for (const line of above) s += `${line}\x1b[K\n`;
    s += region.join('\x1b[K\n');
    if (region.length > 0) s += '\x1b[K';
    if (above.length + region.length < drawnHeight) s += '\x1b[J';
    drawnHeight = region.length;
    if (above.length > 0 || region.length > 0 || s !== '\r') status.write(s);
  };
  const schedule = (): void => {
    const wait = lastPaint + nodeOutputDefaults.ttyIntervalMs - now();
    if (wait <= 0) { paint(); return; }
    timer ??= unref(setTimeout(() => { timer = undefined; paint(); }, wait));
  };
  const leaveAtExit = once(() => atExit(() => {
    if (timer) paint();
    if (drawnHeight > 0) status.write('\n');
    drawnHeight = 0;
  }));
  return {
    open(id) {
      leaveAtExit();
      open.set(id, []);
    },
    update(id, bundle, final) {
      if (!open.has(id)) return false;
      const text = ttyTextOf(bundle);
      if (final) {
        open.delete(id);
        paint(text === '' ? [] : text.split('\n'));
      } else {
        open.set(id, text === '' ? [] : text.split('\n'));
        schedule();
      }
      return true;
    },
    close(id) {
      if (open.delete(id)) paint();
    },
    print(text) {
      if (out === status) { paint(text.split('\n')); return; }
      if (drawnHeight > 0 && out.isTTY === true) {
        // Another stream on the same terminal: the region is lifted, the text printed, the region put back.
        status.write(`${drawnHeight > 1 ? `\x1b[${drawnHeight - 1}A` : ''}\r\x1b[J`);
        drawnHeight = 0;
        out.write(`${text}\n`);
        paint();
        return;
      }
      out.write(`${text}\n`);
    },
  };
}

// Lines of a region as the terminal will show them: each cut to the width (so that a line never
// wraps and the cursor moves stay exact), at most a screen high.
function fitted(lines: string[], status: TextSink): string[] {
  const width = status.columns !== undefined && status.columns > 1 ? status.columns - 1 : Infinity;
  const height = status.rows !== undefined && status.rows > 1 ? status.rows - 1 : Infinity;
  const shown = lines.length > height ? lines.slice(lines.length - height) : lines;
  return shown.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
}

// A log: one line per output per interval, the final state whole.
function logLines(status: TextSink, out: TextSink, now: () => number): LiveOutputs {
  interface Shown { printedAt: number; pending: string | undefined; timer: ReturnType<typeof setTimeout> | undefined }
  const open = new Map<string, Shown>();
  const flush = (shown: Shown): void => {
    if (shown.timer) { clearTimeout(shown.timer); shown.timer = undefined; }
    const line = shown.pending;
    shown.pending = undefined;
    shown.printedAt = now();
    if (line !== undefined && line !== '') status.write(`${line}\n`);
  };
  const forget = (id: string): Shown | undefined => {
    const shown = open.get(id);
    if (shown?.timer) clearTimeout(shown.timer);
    open.delete(id);
    return shown;
  };
  const flushAtExit = once(() => atExit(() => {
    for (const shown of open.values()) flush(shown);
  }));
  return {
    open(id) {
      flushAtExit();
      forget(id);
      open.set(id, { printedAt: now(), pending: undefined, timer: undefined });
    },
    update(id, bundle, final) {
      const shown = open.get(id);
      if (!shown) return false;
      const text = textOf(bundle);
      if (final) {
        forget(id);
        if (text !== '') status.write(`${text}\n`);
        return true;
      }
      shown.pending = firstLine(text);
      const wait = shown.printedAt + nodeOutputDefaults.logIntervalMs - now();
      if (wait <= 0) flush(shown);
      else shown.timer ??= unref(setTimeout(() => flush(shown), wait));
      return true;
    },
    close(id) {
      forget(id);
    },
    print(text) {
      out.write(`${text}\n`);
    },
  };
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) { done = true; f(); }
  };
}

function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

// Work left at exit (a state not printed yet, a TTY region without its last newline), run once
// from one 'exit' listener for every node output of the process.
const exitWork: Array<() => void> = [];
function atExit(work: () => void): void {
  if (exitWork.length === 0 && typeof process?.once === 'function') {
    process.once('exit', () => { for (const w of exitWork) w(); });
  }
  exitWork.push(work);
}

/**
 * A bundle's text/plain, or '' when it has none.
 *
 * @example
 * textOf({ 'text/plain': 'hi', 'text/html': '<b>hi</b>' }); // 'hi'
 */
export function textOf(bundle: MimeBundle): string {
  const text = bundle['text/plain'];
  return typeof text === 'string' ? text : Array.isArray(text) ? text.join('') : '';
}

// What a TTY draws: the bundle's terminal text when it has one, else its text/plain.
function ttyTextOf(bundle: MimeBundle): string {
  const tty = bundle[TTY_TEXT_MIME];
  return typeof tty === 'string' ? tty : textOf(bundle);
}
