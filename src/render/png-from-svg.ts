// SVG → PNG with resvg (Rust, prebuilt binary: no browser, no canvas). It needs real fonts
// for text: the system's are loaded, and vega's 'sans-serif' maps to DejaVu Sans when present.
import { RenderError } from '../errors.js';
import { loadResvg } from './vega-modules.js';

/** Options of `pngFromSvg`. */
export interface PngOptions {
  /** Pixel scale: 2 doubles width and height. Default 1. */
  scale?: number;
}

export const defaults = {
  scale: 1,
  /** Used when the SVG names no family resvg can find. */
  fontFamily: 'DejaVu Sans',
} as const;

/**
 * Rasterises SVG text to PNG bytes.
 *
 * @example
 * const png = await pngFromSvg(await svgFromSpec(spec), { scale: 2 });
 */
export async function pngFromSvg(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? defaults.scale;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RenderError(`PNG scale must be a finite number > 0, got ${String(options.scale)}.`);
  }
  const { Resvg } = await loadResvg();
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: defaults.fontFamily, sansSerifFamily: defaults.fontFamily },
    });
    const png = resvg.render().asPng();
    // resvg hands back a Node Buffer; callers get a plain Uint8Array view of the same bytes.
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } catch (cause) {
    throw new RenderError(`Could not rasterise the chart's SVG to PNG: ${(cause as Error)?.message ?? String(cause)}.`, {
      cause,
      hint: 'Save it as .svg instead, or check that @resvg/resvg-js loads on this platform.',
    });
  }
}
