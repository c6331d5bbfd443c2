// Are we running inside a tslab kernel, and can we write to a cell? tslab keeps its display
// writer in its internal module `tslab/dist/jupyter`; the live instance is the one the KERNEL
// loaded, found from the kernel's entry point (require.main) — not a copy in our node_modules,
// whose writer would never be set.
import { createRequire } from 'node:module';
import type { MimeBundle } from '../types.js';
import { denoJupyter } from './deno-jupyter.js';

/** The message content tslab's writer sends as display_data / update_display_data. */
export interface DisplayData {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** tslab's internal `jupyter` module: `lastWriteDisplayData` is swapped at each cell execution. */
export interface TslabJupyter {
  lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null | undefined;
}

/** tslab's public display API (one MIME type per message). */
export interface TslabDisplay {
  html(s: string): void;
  png(b: Uint8Array): void;
  svg(s: string): void;
  text(s: string): void;
}

/** The public `tslab` module. */
export interface TslabPublic {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

const require = createRequire(import.meta.url);
let kernel: { jupyter: TslabJupyter; entry: string } | null | undefined;

/**
 * tslab's internal jupyter module as loaded by the running kernel, or undefined outside tslab.
 *
 * @example
 * tslabJupyter()?.lastWriteDisplayData;
 */
export function tslabJupyter(): TslabJupyter | undefined {
  if (kernel === undefined) kernel = findKernel();
  return kernel?.jupyter;
}

function findKernel(): { jupyter: TslabJupyter; entry: string } | null {
  const entry = require.main?.filename ?? process.argv[1];
  if (!entry) return null;
  let path: string;
  try {
    path = require.resolve('tslab/dist/jupyter', { paths: [entry] });
  } catch {
    return null;
  }
  // Loaded already means the kernel is running it; requiring it here would make a fresh,
  // never-ready instance, so a module absent from the cache means "not in tslab".
  const loaded = require.cache[path];
  if (!loaded || typeof loaded.exports !== 'object' || !('lastWriteDisplayData' in loaded.exports)) return null;
  return { jupyter: loaded.exports as TslabJupyter, entry };
}

/**
 * True when this process is a tslab kernel.
 *
 * @example
 * if (!isTslab()) console.log(String(chart));
 */
export function isTslab(): boolean {
  return tslabJupyter() !== undefined;
}

/**
 * True when a notebook cell can be written to now: always inside Deno's Jupyter kernel; in tslab
 * once a cell has started (tslab sets its writer when a cell starts and only replaces it at the
 * next cell, so this is also true between cells; output written then goes to the cell that ran
 * last, or to the one running when it is written).
 *
 * @example
 * inCellExecution(); // false under plain node
 */
export function inCellExecution(): boolean {
  return denoJupyter() !== undefined || typeof tslabJupyter()?.lastWriteDisplayData === 'function';
}

/**
 * The public `tslab` module of the running kernel (fallback display API), or undefined.
 *
 * @example
 * tslabPublic()?.display.html('<b>hi</b>');
 */
export function tslabPublic(): TslabPublic | undefined {
  if (!tslabJupyter() || !kernel) return undefined;
  try {
    const mod = require(require.resolve('tslab', { paths: [kernel.entry] })) as Partial<TslabPublic>;
    return typeof mod.newDisplay === 'function' && mod.display ? (mod as TslabPublic) : undefined;
  } catch {
    return undefined;
  }
}
