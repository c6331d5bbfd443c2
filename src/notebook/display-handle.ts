// One output that is replaced in place (update_display_data), e.g. a live chart or a progress
// bar. Kernels route output to whichever cell runs when it is written, so the output must be
// CREATED while its own cell runs; updates find it by display_id wherever they are sent from.
// Outside a notebook the output is terminal text (outputs/node-output.ts): redrawn in place on
// a TTY, a line every few seconds in a log.
import { randomBytes } from 'node:crypto';
import type { DisplayHandle, MimeBundle } from '../types.js';
import { currentOutput } from './outputs/current-output.js';
import type { KernelOutput } from './outputs/kernel-output.js';

/** Options of one update. */
export interface DisplayUpdateOptions {
  /** The output's last state: a terminal prints it whole and at once (see OutputOptions.final). Default false. */
  final?: boolean;
}

/** A DisplayHandle whose update can say it is the last. */
export interface OutputHandle extends DisplayHandle {
  update(bundle: MimeBundle, options?: DisplayUpdateOptions): void;
}

/**
 * Creates an output in the running cell (showing `initial`, default an empty text) and returns
 * a handle whose `update(bundle)` replaces it, even after the cell has finished. Call it while
 * the cell runs. Works under tslab and Deno; in a terminal the output is drawn by the node
 * output (nothing is printed until the first update). Where nothing can be written (tslab
 * before a cell ran) the handle does nothing (id '').
 *
 * @example
 * const out = createDisplayHandle({ 'text/plain': 'starting…' });
 * setTimeout(() => out.update({ 'text/html': '<b>done</b>', 'text/plain': 'done' }, { final: true }), 1000);
 */
export function createDisplayHandle(initial: MimeBundle = { 'text/plain': '' }, output: KernelOutput = currentOutput()): OutputHandle {
  // A terminal can always be written to; a notebook only once a cell runs.
  if (output.kernel !== 'node' && !output.canDisplay()) return { id: '', update() {} };
  const id = randomBytes(8).toString('hex');
  const first = output.write(initial, { displayId: id });
  if (first === 'none') return { id: '', update() {} };
  return {
    id,
    update(bundle: MimeBundle, options: DisplayUpdateOptions = {}): void {
      output.update(id, bundle, { final: options.final });
    },
  };
}
