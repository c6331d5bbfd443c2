// Writes one MIME bundle as ONE output through the running kernel's writer (outputs/): tslab's
// internal writer (or its public API, one MIME type), Deno's `Deno.jupyter.broadcast`, or, with
// no notebook, the text/plain on stdout.
import type { MimeBundle } from '../types.js';
import { currentOutput } from './outputs/current-output.js';
import type { WriteResult } from './outputs/kernel-output.js';

export type { WriteResult };

/** Options of `writeDisplayData`. */
export interface WriteOptions {
  /** Jupyter display_id, needed to update the output later. Default none. */
  displayId?: string;
  /** Replace the output with this display_id (update_display_data) instead of adding one. Default false. */
  update?: boolean;
  /** Per-MIME metadata of display_data. Default {}. */
  metadata?: Record<string, unknown>;
}

/**
 * Writes `bundle` to the notebook (the current cell, or the output with `displayId` on update).
 * Outside a notebook prints its text/plain and returns 'text'.
 *
 * @example
 * writeDisplayData({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' });
 */
export function writeDisplayData(bundle: MimeBundle, options: WriteOptions = {}): WriteResult {
  const out = currentOutput();
  if (options.update === true && options.displayId !== undefined) {
    return out.update(options.displayId, bundle, { metadata: options.metadata });
  }
  return out.write(bundle, { displayId: options.displayId, metadata: options.metadata });
}
