// Deno's Jupyter kernel: display_data / update_display_data through `Deno.jupyter.broadcast`,
// the call under `Deno.jupyter.display`, which also carries metadata. Broadcasts are async;
// they are chained so an update never overtakes the output it replaces, and a failed one
// (kernel shutting down) is dropped instead of becoming an unhandled rejection.
import type { MimeBundle } from '../../types.js';
import { denoJupyter, type DenoJupyter } from '../deno-jupyter.js';
import { EMPTY_BUNDLE, type KernelOutput, type OutputOptions, type WriteResult } from './kernel-output.js';

/**
 * The Deno kernel's output writer. `jupyter` defaults to the live `Deno.jupyter`.
 *
 * @example
 * const out = createDenoOutput();
 * out.write({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' }, { displayId: 'x' });
 * out.update('x', { 'text/plain': 'bye' });
 */
export function createDenoOutput(jupyter: () => DenoJupyter | undefined = denoJupyter): KernelOutput {
  let queue: Promise<void> = Promise.resolve();
  const send = (msgType: string, bundle: MimeBundle, options: OutputOptions): WriteResult => {
    const kernel = jupyter();
    if (!kernel) return 'none';
    const content = {
      data: bundle,
      metadata: options.metadata ?? {},
      transient: options.displayId ? { display_id: options.displayId } : {},
    };
    queue = queue.then(() => kernel.broadcast(msgType, content)).catch(() => {});
    return 'bundle';
  };
  return {
    kernel: 'deno',
    canDisplay: () => jupyter() !== undefined,
    write: (bundle, options = {}) => send('display_data', bundle, options),
    update: (displayId, bundle, options = {}) => send('update_display_data', bundle, { ...options, displayId }),
    clear(displayId) {
      send('update_display_data', EMPTY_BUNDLE, { displayId });
    },
  };
}
