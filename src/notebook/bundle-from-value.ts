// The one function from "anything we show" to a MIME bundle: displayables (charts, the frames
// of frames.ts, any object with the Deno-style hook), Arquero tables, Errors, arrays of plain
// objects and plain objects (as tables), strings, and anything else as inspected text.
import { inspect } from 'node:util';
import type { MimeBundle } from '../types.js';
import { isDisplayable, JUPYTER_DISPLAY } from '../util/jupyter-display.js';
import { redact } from '../util/redact.js';
import { bundleFromTable, type TableDisplayOptions } from './bundle-from-table.js';
import type { SyncFrame } from './frames.js';
import { isTable } from './is-table.js';
import { errorBundle } from './live-frame.js';
import { isPlainObject, isRowArray, tableFromObject, tableFromRows } from '../util/table-from-rows.js';

/** Options of `bundleFromValue` (and `show`). */
export interface BundleOptions extends TableDisplayOptions {
  /**
   * MIME types left out of the bundle. JupyterLab ranks text/html above the Vega-Lite renderer,
   * so a chart's HTML (vega-embed from a CDN, static SVG offline) is what it shows;
   * `exclude: ['text/html']` makes it use its built-in Vega-Lite renderer. Default none.
   */
  exclude?: string[];
}

/**
 * The MIME bundle of `value`; a promise when it needs rendering (a chart).
 *
 * @example
 * bundleFromValue(events);                       // { 'text/html': '<div…<table…', 'text/plain': … }
 * bundleFromValue([{ id: 'a', n: 1 }]);          // a table too
 * await bundleFromValue(chart, { exclude: ['text/html'] });
 */
export function bundleFromValue(value: SyncFrame, options?: BundleOptions): MimeBundle;
export function bundleFromValue(value: unknown, options?: BundleOptions): MimeBundle | Promise<MimeBundle>;
export function bundleFromValue(value: unknown, options: BundleOptions = {}): MimeBundle | Promise<MimeBundle> {
  if (isDisplayable(value)) {
    const bundle = value[JUPYTER_DISPLAY]();
    return isPromise(bundle) ? bundle.then((b) => without(b, options.exclude)) : without(bundle, options.exclude);
  }
  return without(plainBundle(value, options), options.exclude);
}

function plainBundle(value: unknown, options: TableDisplayOptions): MimeBundle {
  if (isTable(value)) return bundleFromTable(value, options);
  if (value instanceof Error) return errorBundle(`✖ ${value.name}`, redact(value.message));
  if (isRowArray(value)) return bundleFromTable(tableFromRows(value), options);
  if (isPlainObject(value) && Object.keys(value).length > 0) return bundleFromTable(tableFromObject(value), options);
  return { 'text/plain': typeof value === 'string' ? value : inspect(value, { depth: 4, colors: false }) };
}

function without(bundle: MimeBundle, exclude: string[] | undefined): MimeBundle {
  if (!exclude || exclude.length === 0) return bundle;
  const out: MimeBundle = {};
  for (const [mime, data] of Object.entries(bundle)) if (!exclude.includes(mime)) out[mime] = data;
  return out;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === 'function';
}
