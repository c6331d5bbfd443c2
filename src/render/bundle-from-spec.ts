// Vega-Lite spec → the ONE Jupyter MIME bundle a chart is displayed as. Each front end picks
// what it renders: JupyterLab / Notebook 7 / VS Code the v5 spec (a JSON object, not a string),
// nbviewer the text/html (vega-embed from a CDN, the SVG inside as fallback), GitHub and other
// script-less viewers the PNG or SVG, terminals the text.
import type { MimeBundle } from '../types.js';
import { htmlFromSpec } from './html-from-spec.js';
import { pngFromSvg } from './png-from-svg.js';
import type { VegaLiteSpec } from './spec-from-table.js';
import { svgFromSpec } from './svg-from-spec.js';

export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/** Already rendered pieces, so a chart that has them does not render twice. */
export interface BundleParts {
  svg?: string;
  png?: Uint8Array;
}

/**
 * The display bundle of a chart: `application/vnd.vegalite.v5+json` (object), `image/svg+xml`,
 * `image/png` (base64, as Jupyter stores it, scale 1), `text/html`, `text/plain`.
 *
 * @example
 * const bundle = await bundleFromSpec(chart.spec);
 * bundle['text/plain']; // '<Chart: bar, 3 rows>'
 */
export async function bundleFromSpec(spec: VegaLiteSpec, parts: BundleParts = {}): Promise<MimeBundle> {
  const svg = parts.svg ?? await svgFromSpec(spec);
  const [png, html] = await Promise.all([
    parts.png ?? pngFromSvg(svg),
    htmlFromSpec(spec, { scripts: 'cdn', fallbackSvg: svg }),
  ]);
  return {
    [VEGA_LITE_MIME]: spec,
    'image/svg+xml': svg,
    'image/png': Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64'),
    'text/html': html,
    'text/plain': summaryFromSpec(spec),
  };
}

/**
 * One line saying what a chart is: its mark (or composition) and inline row count.
 *
 * @example
 * summaryFromSpec({ mark: { type: 'bar' }, data: { values: [1, 2, 3] } }); // '<Chart: bar, 3 rows>'
 */
export function summaryFromSpec(spec: VegaLiteSpec): string {
  const values = spec.data?.values;
  const rows = Array.isArray(values) ? `, ${values.length.toLocaleString('en-US')} ${values.length === 1 ? 'row' : 'rows'}` : '';
  return `<Chart: ${kindOf(spec)}${rows}>`;
}

function kindOf(spec: VegaLiteSpec): string {
  const mark = spec.mark;
  if (typeof mark === 'string') return mark;
  if (mark && typeof mark === 'object' && typeof (mark as { type?: unknown }).type === 'string') {
    return (mark as { type: string }).type;
  }
  for (const kind of ['layer', 'facet', 'repeat', 'concat', 'hconcat', 'vconcat']) {
    if (kind in spec) return kind;
  }
  return 'spec';
}
