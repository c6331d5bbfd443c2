// The values the library itself shows, beside the user's: a load's progress, a live view's
// frame, an error. Each is a displayable (the Jupyter.display hook), so `bundleFromValue` turns
// it into a bundle like any chart, and Deno's `Deno.jupyter.display(frame)` shows it as is.
import type { LoadProgress, MimeBundle } from '../types.js';
import { JUPYTER_DISPLAY } from '../util/jupyter-display.js';
import { bundleFromViewOutput, bundleWithStatus, errorBundle } from './live-frame.js';
import { progressHtml, progressText } from './progress-format.js';

/** A frame whose bundle is ready at once. */
export interface SyncFrame {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** A frame whose bundle needs rendering (a chart). */
export interface AsyncFrame {
  [JUPYTER_DISPLAY](): Promise<MimeBundle>;
}

/**
 * A load's progress: the HTML bar and the one-line text.
 *
 * @example
 * out.update(id, bundleFromValue(progressFrame(p, 'cassandra akka.messages')));
 */
export function progressFrame(progress: LoadProgress, label: string): SyncFrame {
  return {
    [JUPYTER_DISPLAY]: () => ({ 'text/html': progressHtml(progress, label), 'text/plain': progressText(progress, label) }),
  };
}

/**
 * One refresh of a live view: what the view function returned, under the stream's status line.
 * `final` asks for a chart's full bundle (static images), else its spec only.
 *
 * @example
 * handle.update(await bundleFromValue(liveFrame(chart, '● live · 120 events/s', false)));
 */
export function liveFrame(output: unknown, statusLine: string, final: boolean): AsyncFrame {
  return { [JUPYTER_DISPLAY]: async () => bundleWithStatus(await bundleFromViewOutput(output, final), statusLine) };
}

/**
 * A failure shown in place of a view or a load: the status line and the message.
 *
 * @example
 * handle.update(bundleFromValue(errorFrame('✖ failed', error.message)));
 */
export function errorFrame(statusLine: string, message: string): SyncFrame {
  return { [JUPYTER_DISPLAY]: () => errorBundle(statusLine, message) };
}
