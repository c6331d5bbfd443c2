// Sends one full MIME bundle (spec object + SVG + PNG + HTML + text) as ONE display_data
// output. tslab's public API sends one MIME type per message and strings only, so the bundle
// goes through tslab's internal writer; when a tslab version lacks it, the public API sends
// the single best MIME type instead.
import type { MimeBundle } from '../types.js';
import { tslabJupyter, tslabPublic, type TslabDisplay } from './kernel.js';

/** How a bundle was written: whole, as one MIME type (fallback), or not at all (no notebook). */
export type WriteResult = 'bundle' | 'single' | 'none';

/** Options of `writeDisplayData`. */
export interface WriteOptions {
  /** Jupyter display_id, needed to update the output later. Default none. */
  displayId?: string;
  /** Replace the output with this display_id (update_display_data) instead of adding one. Default false. */
  update?: boolean;
  /** Per-MIME metadata of display_data. Default {}. */
  metadata?: Record<string, unknown>;
}

// Fallback only: one tslab Display per display_id, since it tracks "first write or update" itself.
const fallbackDisplays = new Map<string, TslabDisplay>();
const FALLBACK_ORDER = ['image/png', 'text/html', 'image/svg+xml', 'text/plain'] as const;

/**
 * Writes `bundle` to the notebook (the current cell, or the output with `displayId` on update).
 *
 * @example
 * writeDisplayData({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' });
 */
export function writeDisplayData(bundle: MimeBundle, options: WriteOptions = {}): WriteResult {
  const writer = tslabJupyter()?.lastWriteDisplayData;
  if (typeof writer === 'function') {
    writer({
      data: bundle,
      metadata: options.metadata ?? {},
      transient: options.displayId ? { display_id: options.displayId } : {},
    }, options.update === true && options.displayId !== undefined);
    return 'bundle';
  }
  return writeSingle(bundle, options);
}

function writeSingle(bundle: MimeBundle, options: WriteOptions): WriteResult {
  const tslab = tslabPublic();
  const mime = FALLBACK_ORDER.find((m) => typeof bundle[m] === 'string');
  if (!tslab || !mime) return 'none';
  let display = tslab.display;
  if (options.displayId) {
    display = fallbackDisplays.get(options.displayId) ?? tslab.newDisplay();
    fallbackDisplays.set(options.displayId, display);
  }
  const value = bundle[mime] as string;
  try {
    if (mime === 'image/png') display.png(Buffer.from(value, 'base64'));
    else if (mime === 'text/html') display.html(value);
    else if (mime === 'image/svg+xml') display.svg(value);
    else display.text(value);
  } catch {
    return 'none'; // "Not ready": no cell has run yet
  }
  return 'single';
}
