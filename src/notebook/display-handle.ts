// One output that is replaced in place (update_display_data), e.g. a live chart or a progress
// bar. Kernels route output to whichever cell runs when it is written, so the output must be
// CREATED while its own cell runs; updates find it by display_id wherever they are sent from.
import { randomBytes } from 'node:crypto';
import type { DisplayHandle, MimeBundle } from '../types.js';
import { currentOutput } from './outputs/current-output.js';
import type { KernelOutput } from './outputs/kernel-output.js';

/**
 * Creates an output in the running cell (showing `initial`, default an empty text) and returns
 * a handle whose `update(bundle)` replaces it, even after the cell has finished. Call it while
 * the cell runs. Outside a notebook the handle does nothing (id ''). Works under tslab and Deno.
 *
 * @example
 * const out = createDisplayHandle({ 'text/plain': 'starting…' });
 * setTimeout(() => out.update({ 'text/html': '<b>done</b>', 'text/plain': 'done' }), 1000);
 */
export function createDisplayHandle(initial: MimeBundle = { 'text/plain': '' }, output: KernelOutput = currentOutput()): DisplayHandle {
  if (!output.canDisplay()) return { id: '', update() {} };
  const id = randomBytes(8).toString('hex');
  const first = output.write(initial, { displayId: id });
  if (first === 'none') return { id: '', update() {} };
  return {
    id,
    update(bundle: MimeBundle): void {
      output.update(id, bundle);
    },
  };
}
