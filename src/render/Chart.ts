// A rendered-on-demand Vega-Lite chart: the final spec plus cached SVG / PNG / bundle.
// A class because a chart has identity (its renders are cached on it).
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { inspect } from 'node:util';
import { OptionError, RenderError } from '../errors.js';
import type { MimeBundle } from '../types.js';
import { bundleFromSpec, summaryFromSpec } from './bundle-from-spec.js';
import { htmlFromSpec } from './html-from-spec.js';
import { pngFromSvg, type PngOptions } from './png-from-svg.js';
import type { VegaLiteSpec } from './spec-from-table.js';
import { svgFromSpec } from './svg-from-spec.js';

import { JUPYTER_DISPLAY } from '../util/jupyter-display.js';

export { JUPYTER_DISPLAY };

/**
 * A Vega-Lite chart. Made by `vegaLite(spec, table)` or a journal chart helper; `show(chart)`
 * displays it in a notebook. Renders are computed on first use and cached; treat `spec` as read-only.
 *
 * @example
 * const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'eventType' }, y: { aggregate: 'count' } } }, table);
 * await chart.save('events.png');
 */
export class Chart {
  #svg: Promise<string> | undefined;
  #png: Promise<Uint8Array> | undefined;
  #bundle: Promise<MimeBundle> | undefined;

  /** @param spec The final Vega-Lite v5 spec, data inlined. */
  constructor(readonly spec: VegaLiteSpec) {}

  /**
   * The chart as an SVG document (rendered on the server by vega).
   *
   * @example
   * const svg = await chart.toSVG();
   */
  toSVG(): Promise<string> {
    this.#svg ??= svgFromSpec(this.spec).catch((e: unknown) => { this.#svg = undefined; throw e; });
    return this.#svg;
  }

  /**
   * The chart as PNG bytes; `scale` (default 1) multiplies the pixel size.
   *
   * @example
   * const png = await chart.toPNG({ scale: 2 });
   */
  toPNG(options: PngOptions = {}): Promise<Uint8Array> {
    if ((options.scale ?? 1) !== 1) return this.toSVG().then((svg) => pngFromSvg(svg, options));
    this.#png ??= this.toSVG().then((svg) => pngFromSvg(svg)).catch((e: unknown) => { this.#png = undefined; throw e; });
    return this.#png;
  }

  /**
   * A self-contained HTML page (vega, vega-lite and vega-embed inlined from node_modules; no network needed).
   *
   * @example
   * await writeFile('chart.html', await chart.toHTML());
   */
  async toHTML(): Promise<string> {
    return htmlFromSpec(this.spec, { scripts: 'inline', fallbackSvg: await this.toSVG() });
  }

  /**
   * Writes the chart to `path`, in the format its extension names: .svg, .png, .html or .json (the spec).
   *
   * @example
   * await chart.save('/tmp/events.svg');
   */
  async save(path: string): Promise<void> {
    const ext = extname(path).toLowerCase();
    let content: string | Uint8Array;
    switch (ext) {
      case '.svg': content = await this.toSVG(); break;
      case '.png': content = await this.toPNG(); break;
      case '.html': case '.htm': content = await this.toHTML(); break;
      case '.json': content = `${JSON.stringify(this.spec, null, 2)}\n`; break;
      default:
        throw new OptionError('path', `Cannot save a chart as '${path}': unknown extension '${ext}'.`, {
          hint: 'Use a path ending in .svg, .png, .html or .json.',
        });
    }
    try {
      await writeFile(path, content);
    } catch (cause) {
      throw new RenderError(`Could not write the chart to '${path}': ${(cause as Error).message}.`, {
        cause, hint: 'Check that the folder exists and is writable.',
      });
    }
  }

  /**
   * The one MIME bundle the chart is displayed as (v5 spec object, SVG, PNG, HTML, text).
   *
   * @example
   * Object.keys(await chart.bundle());
   */
  bundle(): Promise<MimeBundle> {
    this.#bundle ??= Promise.all([this.toSVG(), this.toPNG()])
      .then(([svg, png]) => bundleFromSpec(this.spec, { svg, png }))
      .catch((e: unknown) => { this.#bundle = undefined; throw e; });
    return this.#bundle;
  }

  /**
   * Deno-style display hook. Returns a promise of the bundle: Deno's kernel awaits it, and so
   * does `show`. (Rendering is asynchronous because vega can only be loaded with `import()`.)
   *
   * @example
   * await chart[Symbol.for('Jupyter.display')]();
   */
  [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    return this.bundle();
  }

  /** The spec, so `JSON.stringify(chart)` gives it. */
  toJSON(): VegaLiteSpec {
    return this.spec;
  }

  /** One line, e.g. `<Chart: bar, 3 rows>`. */
  toString(): string {
    return summaryFromSpec(this.spec);
  }

  /** What tslab prints for a cell whose last value is a chart (the spec's data would flood the output). */
  [inspect.custom](): string {
    return this.toString();
  }
}
