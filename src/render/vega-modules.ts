// Lazy, cached loading of the rendering libraries.
// vega and vega-lite use top-level await, so a notebook cell (which tslab turns into CommonJS)
// cannot require() them, and neither can anything in this library's static import graph.
// A real dynamic import() inside an async function is what works: keep it that way.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { RenderError } from '../errors.js';

/** The parts of vega that the renderer uses (typed here: vega's own .d.ts is not readable by tslab's TS 5.0). */
export interface VegaModule {
  version: string;
  parse(spec: unknown, config?: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' | 'svg' | 'canvas' }) => VegaView;
}

export interface VegaView {
  toSVG(scaleFactor?: number): Promise<string>;
  /** Replaces the rows of the named dataset (before the first run: sets them). */
  data(name: string, values: unknown[]): VegaView;
  finalize(): void;
}

export interface VegaLiteModule {
  version: string;
  compile(spec: unknown, options?: unknown): { spec: unknown };
}

export interface ResvgModule {
  Resvg: new (svg: string, options?: unknown) => {
    render(): { width: number; height: number; asPng(): Uint8Array };
  };
}

const require = createRequire(import.meta.url);
let vegaPromise: Promise<{ vega: VegaModule; vl: VegaLiteModule }> | undefined;
let resvgPromise: Promise<ResvgModule> | undefined;
const browserBuilds = new Map<string, Promise<{ version: string; code: string }>>();
const versions = new Map<string, Promise<string>>();

// Every one of these packages resolves to <dir>/build/<file>; their package.json is not exported.
function packageDir(pkg: string): string {
  return dirname(dirname(require.resolve(pkg)));
}

/**
 * The installed version of `pkg`, read once from its package.json (used for CDN script URLs).
 *
 * @example
 * await packageVersion('vega-embed'); // '7.3.0'
 */
export function packageVersion(pkg: 'vega' | 'vega-lite' | 'vega-embed'): Promise<string> {
  let version = versions.get(pkg);
  if (!version) {
    version = readFile(join(packageDir(pkg), 'package.json'), 'utf8')
      .then((text) => (JSON.parse(text) as { version: string }).version);
    versions.set(pkg, version);
  }
  return version;
}

/**
 * vega and vega-lite, imported once per process (the first import costs about a second).
 *
 * @example
 * const { vega, vl } = await loadVega();
 * const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
 */
export function loadVega(): Promise<{ vega: VegaModule; vl: VegaLiteModule }> {
  vegaPromise ??= (async () => {
    try {
      const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
      return { vega: vega as unknown as VegaModule, vl: vl as unknown as VegaLiteModule };
    } catch (cause) {
      vegaPromise = undefined;
      throw new RenderError('Could not load vega / vega-lite.', {
        cause,
        hint: 'Check that the packages vega and vega-lite are installed next to journal-lens (npm ls vega vega-lite).',
      });
    }
  })();
  return vegaPromise;
}

/**
 * @resvg/resvg-js (a native module), loaded on first PNG.
 *
 * @example
 * const { Resvg } = await loadResvg();
 */
export function loadResvg(): Promise<ResvgModule> {
  resvgPromise ??= (async () => {
    try {
      const mod = (await import('@resvg/resvg-js')) as unknown as ResvgModule & { default?: ResvgModule };
      return mod.Resvg ? mod : (mod.default as ResvgModule);
    } catch (cause) {
      resvgPromise = undefined;
      throw new RenderError('Could not load @resvg/resvg-js, which turns SVG into PNG.', {
        cause,
        hint: 'Its prebuilt binary for this platform (e.g. @resvg/resvg-js-linux-x64-gnu) must be installed; reinstall with npm install.',
      });
    }
  })();
  return resvgPromise;
}

/**
 * The minified browser (UMD) build of `pkg` ('vega', 'vega-lite' or 'vega-embed') read from node_modules,
 * with its version; used to inline the scripts into self-contained HTML.
 *
 * @example
 * const { version, code } = await browserBuild('vega-embed');
 */
export function browserBuild(pkg: 'vega' | 'vega-lite' | 'vega-embed'): Promise<{ version: string; code: string }> {
  let build = browserBuilds.get(pkg);
  if (!build) {
    build = (async () => {
      try {
        const [version, code] = await Promise.all([
          packageVersion(pkg),
          readFile(join(packageDir(pkg), 'build', `${pkg}.min.js`), 'utf8'),
        ]);
        return { version, code };
      } catch (cause) {
        browserBuilds.delete(pkg);
        throw new RenderError(`Could not read the browser build of ${pkg} from node_modules.`, {
          cause,
          hint: `Install it (npm install ${pkg}) or save the chart as .svg, .png or .json instead.`,
        });
      }
    })();
    browserBuilds.set(pkg, build);
  }
  return build;
}
