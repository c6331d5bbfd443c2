// tslab: a full MIME bundle (spec object + SVG + PNG + HTML + text) as ONE display_data output.
// tslab's public API sends one MIME type per message and strings only, so the bundle goes
// through tslab's internal writer (kernel.ts finds the live one); when a tslab version lacks
// it, the public API sends the single best MIME type instead.
import type { MimeBundle } from '../../types.js';
import { tslabJupyter, tslabPublic, type TslabDisplay, type TslabJupyter, type TslabPublic } from '../kernel.js';
import { EMPTY_BUNDLE, type KernelOutput, type OutputOptions, type WriteResult } from './kernel-output.js';

const FALLBACK_ORDER = ['image/png', 'text/html', 'image/svg+xml', 'text/plain'] as const;

/** Where the tslab modules come from; tests pass stand-ins. */
export interface TslabModules {
  jupyter(): TslabJupyter | undefined;
  public(): TslabPublic | undefined;
}

const liveModules: TslabModules = { jupyter: tslabJupyter, public: tslabPublic };

/**
 * The tslab kernel's output writer.
 *
 * @example
 * createTslabOutput().write({ 'text/plain': 'hi' });
 */
export function createTslabOutput(modules: TslabModules = liveModules): KernelOutput {
  // Fallback only: one tslab Display per display_id, since it tracks "first write or update" itself.
  const fallbackDisplays = new Map<string, TslabDisplay>();

  function send(bundle: MimeBundle, options: OutputOptions, update: boolean): WriteResult {
    const writer = modules.jupyter()?.lastWriteDisplayData;
    if (typeof writer === 'function') {
      writer({
        data: bundle,
        metadata: options.metadata ?? {},
        transient: options.displayId ? { display_id: options.displayId } : {},
      }, update && options.displayId !== undefined);
      return 'bundle';
    }
    return writeSingle(bundle, options);
  }

  function writeSingle(bundle: MimeBundle, options: OutputOptions): WriteResult {
    const tslab = modules.public();
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

  return {
    kernel: 'tslab',
    canDisplay: () => typeof modules.jupyter()?.lastWriteDisplayData === 'function',
    write: (bundle, options = {}) => send(bundle, options, false),
    update: (displayId, bundle, options = {}) => send(bundle, { ...options, displayId }, true),
    clear(displayId) {
      send(EMPTY_BUNDLE, { displayId }, true);
    },
  };
}
