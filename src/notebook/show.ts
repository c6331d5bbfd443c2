// Display anything in the running cell, whatever the kernel (tslab, Deno): a chart (its one
// MIME bundle), an Arquero table, an array of objects or a plain object (as a table), any
// object with the Deno-style Symbol.for('Jupyter.display') hook, or a live view. Outside a
// notebook it prints the text/plain form to stdout. Bundles come from bundleFromValue; outputs
// go through the kernel's writer (outputs/).
import type { LiveView, MimeBundle } from '../types.js';
import { isDisplayable, JUPYTER_DISPLAY as DISPLAY_KEY, type Displayable } from '../util/jupyter-display.js';
import { bundleFromValue, type BundleOptions } from './bundle-from-value.js';
import { createDisplayHandle } from './display-handle.js';
import { currentOutput } from './outputs/current-output.js';
import { createNodeOutput, textOf } from './outputs/node-output.js';

/** The key of the Deno-style display hook. */
export const JUPYTER_DISPLAY = DISPLAY_KEY;

/** Options of `show`. */
export type ShowOptions = BundleOptions;

const terminal = createNodeOutput();

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
 * show([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]); // a table
 */
export function show(x: unknown, options: ShowOptions = {}): Promise<void> | undefined {
  const out = currentOutput();
  const notebook = out.canDisplay();
  if (isLiveView(x)) {
    if (!notebook) print(String(x));
    x.attachDisplay(createDisplayHandle());
    return undefined;
  }
  if (!notebook) return printValue(x, options);
  const bundle = bundleFromValue(x, options);
  if (!isPromise(bundle)) {
    if (out.write(bundle) === 'none') print(textOf(bundle));
    return undefined;
  }
  // The output is created now, while this cell runs, so it lands here even if not awaited.
  const handle = createDisplayHandle({ 'text/plain': `${summary(x)} (rendering…)` });
  return bundle.then((b) => handle.update(b), (err: unknown) => {
    handle.update({ 'text/plain': `${summary(x)}: ${(err as Error)?.message ?? String(err)}` });
    throw err;
  });
}

function print(text: string): void {
  terminal.write({ 'text/plain': text });
}

// Outside a notebook only the text is wanted: a chart's own one-line toString is used rather
// than rendering its whole bundle.
function printValue(x: unknown, options: ShowOptions): Promise<void> | undefined {
  if (isDisplayable(x) && hasOwnToString(x)) { print(String(x)); return undefined; }
  const bundle = bundleFromValue(x, { ...options, exclude: undefined });
  const printBundle = (b: MimeBundle) => print(textOf(b) || String(x));
  if (isPromise(bundle)) return bundle.then(printBundle);
  printBundle(bundle);
  return undefined;
}

function summary(x: unknown): string {
  return x !== null && typeof x === 'object' && hasOwnToString(x) ? String(x) : 'output';
}

function hasOwnToString(x: object): boolean {
  return typeof (x as { toString?: unknown }).toString === 'function' && x.toString !== Object.prototype.toString;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === 'function';
}

function isLiveView(x: unknown): x is LiveView {
  return x !== null && typeof x === 'object' && typeof (x as { attachDisplay?: unknown }).attachDisplay === 'function';
}

export type { Displayable };
