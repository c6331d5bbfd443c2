// A live view's frame is ONE output: the user's table or chart with the stream's status line on
// top. Front ends show the richest type they know, so the line goes into each type they may
// pick: the HTML and the text, and, for a chart, the Vega-Lite spec's title (a front end
// rendering the spec ignores the HTML). Static images keep what they were rendered with.
// (Moved here from kafka/: the stream only says what to show, this layer says how.)
import type { MimeBundle } from '../types.js';
import { summaryFromSpec, VEGA_LITE_MIME } from '../render/bundle-from-spec.js';
import type { VegaLiteSpec } from '../render/spec-from-table.js';
import { escapeHtml } from '../util/escape-html.js';
import { isDisplayable, JUPYTER_DISPLAY } from '../util/jupyter-display.js';
import { bundleFromTable } from './bundle-from-table.js';
import { currentOutput } from './outputs/current-output.js';
import { isTable } from './is-table.js';

const VEGA_LITE = /^application\/vnd\.vegalite\.v\d\+json$/;

/**
 * The status line as a small grey HTML line.
 *
 * @example
 * htmlFromStatusLine('● live · 120 events/s');
 */
export function htmlFromStatusLine(line: string): string {
  return `<div style="font: 11px/1.6 ui-monospace, SFMono-Regular, Menlo, monospace; color: #666; margin: 0 0 4px">${escapeHtml(line)}</div>`;
}

/**
 * Returns a copy of `bundle` with `line` added above its content.
 *
 * @example
 * handle.update(bundleWithStatus(await chart.bundle(), '● live · 120 events/s'));
 */
export function bundleWithStatus(bundle: MimeBundle, line: string): MimeBundle {
  const out: MimeBundle = { ...bundle };
  // A status-only HTML next to a bare Vega-Lite spec would win in JupyterLab (HTML ranks above the
  // Vega renderer) and hide the live chart: the line goes into the spec's title instead.
  const hasSpecOnly = typeof bundle['text/html'] !== 'string' && Object.keys(bundle).some((k) => VEGA_LITE.test(k));
  if (!hasSpecOnly) {
    const html = typeof bundle['text/html'] === 'string' ? bundle['text/html'] : '';
    out['text/html'] = htmlFromStatusLine(line) + html;
  }
  const text = typeof bundle['text/plain'] === 'string' ? bundle['text/plain'] : '';
  out['text/plain'] = text === '' ? line : `${line}\n${text}`;
  for (const mime of Object.keys(bundle)) {
    const spec = bundle[mime];
    if (!VEGA_LITE.test(mime) || spec === null || typeof spec !== 'object') continue;
    const title = (spec as { title?: unknown }).title;
    const text = typeof title === 'string' ? title : title && typeof title === 'object' ? (title as { text?: unknown }).text : undefined;
    out[mime] = {
      ...spec,
      title: {
        ...(title && typeof title === 'object' ? title : {}),
        text: text ?? line,
        ...(text === undefined
          ? { fontSize: 11, fontWeight: 'normal', color: '#666', anchor: 'start', font: 'monospace' }
          : { subtitle: line, subtitleFontSize: 11, subtitleColor: '#666', subtitleFont: 'monospace' }),
      },
    };
  }
  return out;
}

/**
 * The bundle shown when a stream, a view function or a load failed: the status line and the error.
 *
 * @example
 * handle.update(errorBundle('✖ failed', error.message));
 */
export function errorBundle(line: string, message: string): MimeBundle {
  return {
    'text/html': `${htmlFromStatusLine(line)}<pre style="color: #b00020; white-space: pre-wrap; margin: 0">${escapeHtml(message)}</pre>`,
    'text/plain': `${line}\n${message}`,
  };
}

/**
 * bundleFromViewOutput for this process's kernel: in a terminal nothing shows static images, so a
 * stream stopping in a script does not render a chart's SVG and PNG for nothing.
 *
 * @example
 * handle.update(bundleWithStatus(await bundleFromViewOutputHere(chart, true), line));
 */
export function bundleFromViewOutputHere(output: unknown, final: boolean): Promise<MimeBundle> {
  return bundleFromViewOutput(output, final && currentOutput().kernel !== 'node');
}

/**
 * A view function's result as a bundle. Charts are sent as their Vega-Lite spec while live (the
 * front end draws it; rendering SVG and PNG on the server every second would cost more than the
 * stream), and as their full bundle (with static images for nbviewer/GitHub) when `final`.
 *
 * @example
 * bundleWithStatus(await bundleFromViewOutput(chart, false), line);
 */
export async function bundleFromViewOutput(output: unknown, final: boolean): Promise<MimeBundle> {
  if (output === undefined || output === null) return {};
  if (typeof output === 'string') return { 'text/plain': output };
  if (isTable(output)) return bundleFromTable(output);
  const chart = output as { spec?: unknown; bundle?: () => Promise<MimeBundle> };
  if (typeof chart.bundle === 'function' && (final || chart.spec === undefined)) return chart.bundle();
  if (chart.spec !== null && typeof chart.spec === 'object') {
    return { [VEGA_LITE_MIME]: chart.spec, 'text/plain': summaryFromSpec(chart.spec as VegaLiteSpec) };
  }
  if (isDisplayable(output)) return (await output[JUPYTER_DISPLAY]()) ?? {};
  if (typeof output === 'object' && Object.keys(output).some((k) => k.includes('/'))) return output as MimeBundle;
  return { 'text/plain': typeof output === 'object' ? JSON.stringify(output) : String(output) };
}
