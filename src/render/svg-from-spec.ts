// Vega-Lite spec → SVG text, on the server: compile to Vega, run a headless View, serialise.
import { RenderError } from '../errors.js';
import { loadVega } from './vega-modules.js';
import type { VegaLiteSpec } from './spec-from-table.js';

/**
 * Renders a Vega-Lite spec to an SVG document (vega-lite compile → vega View with renderer 'none' → toSVG).
 *
 * @example
 * const svg = await svgFromSpec({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a' } } });
 */
export async function svgFromSpec(spec: VegaLiteSpec): Promise<string> {
  const { vega, vl } = await loadVega();
  let view;
  try {
    const vgSpec = vl.compile(withCopiedRows(spec)).spec;
    view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    return await view.toSVG();
  } catch (cause) {
    throw new RenderError(`Could not render the Vega-Lite spec to SVG: ${(cause as Error)?.message ?? String(cause)}.`, {
      cause,
      hint: 'Check the spec against the Vega-Lite v5 documentation (field names must match the table\'s columns); '
        + 'chart.spec shows what was rendered.',
    });
  } finally {
    view?.finalize();
  }
}

// vega tags every ingested row object with a Symbol(vega_id): rendering the chart's own rows
// would change `chart.spec`. Shallow row copies cost far less than the render itself.
function withCopiedRows(spec: VegaLiteSpec): VegaLiteSpec {
  const values = spec.data?.values;
  if (!Array.isArray(values)) return spec;
  const copy = new Array<unknown>(values.length);
  for (let i = 0, n = values.length; i < n; ++i) {
    const row: unknown = values[i];
    copy[i] = row !== null && typeof row === 'object' ? { ...row } : row;
  }
  return { ...spec, data: { ...spec.data, values: copy } };
}
