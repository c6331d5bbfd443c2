// Vega-Lite spec → HTML that embeds it with vega-embed. Two flavours:
// - 'inline': a whole, self-contained page with the vega, vega-lite and vega-embed browser
//   builds read from node_modules (works offline; ~850 kB) — for chart.save('x.html');
// - 'cdn': a fragment for a notebook's text/html output, loading the scripts from a CDN, with
//   the chart's static SVG inside the div so script-less viewers (nbviewer without network,
//   GitHub, sanitised untrusted outputs) still show the chart, as Altair's html renderer does.
import { randomBytes } from 'node:crypto';
import { browserBuild, packageVersion } from './vega-modules.js';
import type { VegaLiteSpec } from './spec-from-table.js';
import { escapeHtml } from '../util/escape-html.js';

/** Options of `htmlFromSpec`. */
export interface HtmlOptions {
  /** 'inline' (self-contained page, default) or 'cdn' (notebook fragment). */
  scripts?: 'inline' | 'cdn';
  /** Static SVG shown until (or instead of) the interactive chart. */
  fallbackSvg?: string;
  /** Page title for 'inline'. Default 'chart'. */
  title?: string;
}

export const defaults = {
  scripts: 'inline',
  title: 'chart',
  cdn: 'https://cdn.jsdelivr.net/npm/',
  embedOptions: { renderer: 'svg', actions: true },
} as const;

/**
 * HTML showing `spec` through vega-embed (see the two flavours above).
 *
 * @example
 * await writeFile('chart.html', await htmlFromSpec(chart.spec));
 * const fragment = await htmlFromSpec(chart.spec, { scripts: 'cdn', fallbackSvg: await chart.toSVG() });
 */
export async function htmlFromSpec(spec: VegaLiteSpec, options: HtmlOptions = {}): Promise<string> {
  const id = `jl-chart-${randomBytes(6).toString('hex')}`;
  const fallback = options.fallbackSvg ?? '';
  if ((options.scripts ?? defaults.scripts) === 'cdn') return cdnFragment(id, spec, fallback);
  const builds = await Promise.all([browserBuild('vega'), browserBuild('vega-lite'), browserBuild('vega-embed')]);
  const scripts = builds.map((b) => `<script>${scriptText(b.code)}</script>`).join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title ?? defaults.title)}</title>
<style>body { font-family: sans-serif; margin: 16px; }</style>
${scripts}
</head>
<body>
<div id="${id}">${fallback}</div>
<script>
(function () {
  var el = document.getElementById(${JSON.stringify(id)});
  var fallback = el.innerHTML;
  el.innerHTML = '';
  vegaEmbed(el, ${jsonForScript(spec)}, ${JSON.stringify(defaults.embedOptions)})
    .catch(function (err) { el.innerHTML = fallback; console.error(err); });
})();
</script>
</body>
</html>
`;
}

async function cdnFragment(id: string, spec: VegaLiteSpec, fallback: string): Promise<string> {
  const [vega, vl, embed] = await Promise.all([packageVersion('vega'), packageVersion('vega-lite'), packageVersion('vega-embed')]);
  // Without the .js: requirejs appends it, the script-tag loader adds it.
  const paths = {
    'vega': `${defaults.cdn}vega@${vega}/build/vega.min`,
    'vega-lite': `${defaults.cdn}vega-lite@${vl}/build/vega-lite.min`,
    'vega-embed': `${defaults.cdn}vega-embed@${embed}/build/vega-embed.min`,
  };
  // Classic Notebook has requirejs, where UMD builds register as AMD modules and set no global;
  // elsewhere the scripts are added one after the other (vega-lite needs vega, vega-embed both).
  return `<div id="${id}" class="journal-lens-chart">${fallback}</div>
<script type="text/javascript">
(function (spec, embedOptions, paths) {
  var el = document.getElementById(${JSON.stringify(id)});
  if (!el) return;
  var fallback = el.innerHTML;
  function embed(vegaEmbed) {
    el.innerHTML = '';
    vegaEmbed(el, spec, embedOptions).catch(function (err) { el.innerHTML = fallback; console.error(err); });
  }
  if (typeof window.vegaEmbed === 'function') return embed(window.vegaEmbed);
  if (typeof define === 'function' && define.amd && typeof requirejs === 'function') {
    requirejs.config({ paths: paths });
    require(['vega-embed'], embed, function (err) { console.warn('vega-embed could not be loaded', err); });
    return;
  }
  var names = ['vega', 'vega-lite', 'vega-embed'];
  (function next(i) {
    if (i === names.length) return embed(window.vegaEmbed);
    var s = document.createElement('script');
    s.src = paths[names[i]] + '.js';
    s.onload = function () { next(i + 1); };
    s.onerror = function () { console.warn('could not load ' + s.src + '; keeping the static chart'); };
    document.head.appendChild(s);
  })(0);
})(${jsonForScript(spec)}, ${JSON.stringify(defaults.embedOptions)}, ${JSON.stringify(paths)});
</script>`;
}

// JSON inside <script>: '<' escaped so '</script>' or '<!--' in the data cannot end the script;
// U+2028/2029 are line terminators in older JS parsers.
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// A library's code inside <script>...</script>: only '</script' can end it early.
function scriptText(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}

