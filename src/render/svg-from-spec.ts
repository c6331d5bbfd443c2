// Vega-Lite spec → SVG text, on the server: compile to Vega, run a headless View, serialise.
//
// Compiling (vega-lite) and parsing (vega) a spec cost about a quarter of a small chart's render
// and depend only on the spec's shape, not on its rows. A live view redraws the same spec with new
// rows every interval, so the parsed runtime of a spec whose rows sit in top-level `data.values`
// is kept (by the spec text without the rows) and the rows are bound to the View by name.
import { RenderError } from '../errors.js';
import { loadVega, type VegaLiteModule, type VegaModule } from './vega-modules.js';
import type { VegaLiteSpec } from './spec-from-table.js';

export const defaults = {
  /** Parsed runtimes kept, most recently used last. */
  cachedRuntimes: 32,
};

/** The name top-level inline rows are bound under when a spec is compiled without them. */
const ROWS = 'journal_lens_rows';
const runtimes = new Map<string, unknown>();

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
    const values = spec.data?.values;
    if (Array.isArray(values) && Object.keys(spec.data!).length === 1) {
      view = new vega.View(runtimeOf({ ...spec, data: { name: ROWS } }, vega, vl), { renderer: 'none' });
      view.data(ROWS, copiedRows(values));
    } else {
      view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
    }
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

function runtimeOf(shape: VegaLiteSpec, vega: VegaModule, vl: VegaLiteModule): unknown {
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (runtime === undefined) {
    runtime = vega.parse(vl.compile(shape).spec);
    if (runtimes.size >= defaults.cachedRuntimes) runtimes.delete(runtimes.keys().next().value!);
  } else {
    runtimes.delete(key);
  }
  runtimes.set(key, runtime);
  return runtime;
}

// vega tags every ingested row object with a Symbol(vega_id): rendering the chart's own rows
// would change `chart.spec`. Shallow row copies cost far less than the render itself.
function copiedRows(values: readonly unknown[]): unknown[] {
  const copy = new Array<unknown>(values.length);
  for (let i = 0, n = values.length; i < n; ++i) {
    const row: unknown = values[i];
    copy[i] = row !== null && typeof row === 'object' ? { ...row } : row;
  }
  return copy;
}
