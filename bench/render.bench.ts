// Server-side chart rendering cost: Vega-Lite scatter plots of 1k / 10k / 100k points to SVG
// (vega-lite compile + vega View + toSVG) and to PNG (that SVG through resvg), first call and
// warm. Measures only; it never fails. Run: node --import tsx bench/render.bench.ts [--quick]
import { table } from 'arquero';
import { loadVega } from '../src/render/vega-modules.js';
import { vegaLite } from '../src/render/vega-lite.js';
import { pngFromSvg } from '../src/render/png-from-svg.js';
import type { Chart } from '../src/render/Chart.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const warmRuns = quick ? 2 : 5;

// Deterministic data (a linear congruential generator), so runs compare.
function points(n: number) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const kind = new Array<string>(n);
  let s = 42;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < n; ++i) { x[i] = rnd() * 100; y[i] = x[i] * 0.5 + rnd() * 20; kind[i] = `k${i % 5}`; }
  return table({ x, y, kind });
}

function chartOf(n: number): Chart {
  return vegaLite({
    mark: { type: 'point', size: 8 },
    encoding: {
      x: { field: 'x', type: 'quantitative' },
      y: { field: 'y', type: 'quantitative' },
      color: { field: 'kind', type: 'nominal' },
    },
  }, points(n), { maxRows: Infinity });
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const [importMs] = await time(() => loadVega());
const rows: string[][] = [];
for (const n of sizes) {
  // "first" = first render of a new chart of this size in this process (vega already imported);
  // "warm" = median of fresh charts afterwards (JIT warm, caches of Chart not reused).
  const [specMs, chart] = await time(async () => chartOf(n));
  const [svgFirst, svg] = await time(() => chart.toSVG());
  const [pngFirst] = await time(() => pngFromSvg(svg));
  const svgWarm: number[] = [];
  const pngWarm: number[] = [];
  for (let r = 0; r < warmRuns; ++r) {
    const [s, text] = await time(() => chartOf(n).toSVG());
    svgWarm.push(s);
    const [p] = await time(() => pngFromSvg(text));
    pngWarm.push(p);
  }
  rows.push([n.toLocaleString('en-US'), specMs.toFixed(0), svgFirst.toFixed(0), median(svgWarm).toFixed(0),
    pngFirst.toFixed(0), median(pngWarm).toFixed(0), `${(svg.length / 1024).toFixed(0)} kB`]);
}

console.log(`render bench: vega + vega-lite import ${importMs.toFixed(0)} ms (once per process); warm = median of ${warmRuns}`);
const head = ['points', 'spec ms', 'SVG first ms', 'SVG warm ms', 'PNG first ms', 'PNG warm ms', 'SVG size'];
const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
for (const r of [head, ...rows]) console.log(r.map((c, j) => c.padStart(widths[j])).join('  '));
