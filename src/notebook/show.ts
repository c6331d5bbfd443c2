// Display anything in the running cell: a chart (its one MIME bundle), an Arquero table, any
// object with the Deno-style Symbol.for('Jupyter.display') hook, or a live view. Outside a
// notebook it prints the text/plain form to stdout.
import { inspect } from 'node:util';
import type { LiveView, MimeBundle, TableLike } from '../types.js';
import { bundleFromTable, textFromTable, type TableDisplayOptions } from './bundle-from-table.js';
import { createDisplayHandle } from './display-handle.js';
import { writeDisplayData } from './display-writer.js';
import { inCellExecution } from './kernel.js';

/** The key of the Deno-style display hook. */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/** Options of `show`. */
export interface ShowOptions extends TableDisplayOptions {
  /**
   * MIME types left out of the displayed bundle. JupyterLab ranks text/html above the Vega-Lite
   * renderer, so a chart's HTML (vega-embed from a CDN, static SVG offline) is what it shows;
   * `exclude: ['text/html']` makes it use its built-in Vega-Lite renderer. Default none.
   */
  exclude?: string[];
}

type Displayable = { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> };

/**
 * Shows `x` in the running cell. Returns a promise when the display needs rendering (a chart):
 * `await show(chart)` so the cell waits for it (tslab does not await a cell's last value);
 * otherwise returns undefined, so a cell ending in `show(table)` prints nothing extra.
 * A chart gets a placeholder output at once, replaced in place when its render is ready.
 *
 * @example
 * await show(eventsPerType(events));
 * show(events);                      // first 20 rows, HTML
 * show(events, { maxRows: 50 });
 */
export function show(x: unknown, options: ShowOptions = {}): Promise<void> | undefined {
  const notebook = inCellExecution();
  if (isLiveView(x)) {
    if (!notebook) { print(String(x)); }
    x.attachDisplay(createDisplayHandle());
    return undefined;
  }
  if (isDisplayable(x)) {
    if (!notebook) return printDisplayable(x);
    const bundle = x[JUPYTER_DISPLAY]();
    if (!isPromise(bundle)) { write(without(bundle, options.exclude)); return undefined; }
    // The output is created now, while this cell runs, so it lands here even if not awaited.
    const handle = createDisplayHandle({ 'text/plain': `${summary(x)} (rendering…)` });
    return bundle.then((b) => handle.update(without(b, options.exclude)), (err: unknown) => {
      handle.update({ 'text/plain': `${summary(x)}: ${(err as Error)?.message ?? String(err)}` });
      throw err;
    });
  }
  if (isTable(x)) {
    if (notebook) write(bundleFromTable(x, options));
    else print(textFromTable(x, options));
    return undefined;
  }
  const text = typeof x === 'string' ? x : inspect(x, { depth: 4, colors: false });
  if (notebook) write({ 'text/plain': text });
  else print(text);
  return undefined;
}

function without(bundle: MimeBundle, exclude: string[] | undefined): MimeBundle {
  if (!exclude || exclude.length === 0) return bundle;
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(bundle)) if (!exclude.includes(mime)) out[mime] = value;
  return out;
}

function write(bundle: MimeBundle): void {
  if (writeDisplayData(bundle) === 'none') print(String(bundle['text/plain'] ?? ''));
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

// Outside a notebook only the text is wanted: a chart's own one-line toString is used rather
// than rendering its whole bundle.
function printDisplayable(x: Displayable): Promise<void> | undefined {
  if (hasOwnToString(x)) { print(String(x)); return undefined; }
  const bundle = x[JUPYTER_DISPLAY]();
  const printBundle = (b: MimeBundle) => print(typeof b['text/plain'] === 'string' ? b['text/plain'] : inspect(x));
  if (isPromise(bundle)) return bundle.then(printBundle);
  printBundle(bundle);
  return undefined;
}

function summary(x: object): string {
  return hasOwnToString(x) ? String(x) : 'output';
}

function hasOwnToString(x: object): boolean {
  return typeof (x as { toString?: unknown }).toString === 'function' && x.toString !== Object.prototype.toString;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === 'function';
}

function isDisplayable(x: unknown): x is Displayable {
  return x !== null && typeof x === 'object' && typeof (x as Record<symbol, unknown>)[JUPYTER_DISPLAY] === 'function';
}

function isLiveView(x: unknown): x is LiveView {
  return x !== null && typeof x === 'object' && typeof (x as { attachDisplay?: unknown }).attachDisplay === 'function';
}

// Duck-typed: a table from the notebook's own copy of arquero is not an instance of ours.
function isTable(x: unknown): x is TableLike {
  if (x === null || typeof x !== 'object') return false;
  const t = x as Record<string, unknown>;
  return typeof t.numRows === 'function' && typeof t.columnNames === 'function' && typeof t.column === 'function'
    && typeof t.indices === 'function' && typeof t.isFiltered === 'function';
}
