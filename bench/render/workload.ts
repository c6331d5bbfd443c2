// Workload 3: Vega-Lite charts of 1k, 10k and 100k points to SVG and to PNG, first call and warm,
// ours against vl-convert on the very same spec; each (size, output, run) in a fresh process.
import type { BenchContext } from '../lib/context.js';
import type { Comparison, Measure, WorkloadResult } from '../lib/report.js';
import { summaryOf } from '../lib/stats.js';

/**
 * Warm renders per chart size: small charts take ~10 renders before V8 (ours) and Deno (vl-convert)
 * have compiled their hot paths, and render in tens of ms; large ones settle at once and take seconds.
 */
export function warmRendersFor(points: number): number {
  return Math.max(2, Math.min(10, Math.round(10_000 / points)));
}

interface RenderResult { firstMs: number; warmMs: number[]; bytes: number; rssPeak: number; vegaLite?: string; vega?: string }

export async function renderWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  const { renderSizes: sizes, runs } = ctx.settings;
  const { files } = (await ctx.tsx<{ files: Record<string, string> }>('bench/render/specs.ts', [ctx.outDir, sizes.join(',')])).result;
  const comparisons: Comparison[] = [];
  const notes: string[] = [];
  let anchorVersions = '';
  for (const n of sizes) {
    const warm = ctx.settings.warm ?? warmRendersFor(n);
    for (const output of ['svg', 'png'] as const) {
      const m = (subject: string): Measure => ({ subject, samples: [], rss: [] });
      const oursFirst = m('vegaLite().to' + output.toUpperCase() + '()');
      const oursWarm = m(oursFirst.subject);
      const vlFirst = m(`vl-convert vegalite_to_${output}`);
      const vlWarm = m(vlFirst.subject);
      const bytes = { ours: 0, anchor: 0 };
      for (let run = 1; run <= runs; run++) {
        ctx.log(`render ${n} points ${output} run ${run}/${runs}`);
        const o = (await ctx.tsx<RenderResult>('bench/render/ours.ts', [String(n), output, String(warm)])).result;
        oursFirst.samples.push(o.firstMs);
        oursWarm.samples.push(summaryOf(o.warmMs).median);
        oursFirst.rss!.push(o.rssPeak);
        oursWarm.rss!.push(o.rssPeak);
        const a = (await ctx.py<RenderResult>('bench/render/vl_convert_render.py', [files[n]!, output, String(warm)])).result;
        vlFirst.samples.push(a.firstMs);
        vlWarm.samples.push(summaryOf(a.warmMs).median);
        vlFirst.rss!.push(a.rssPeak);
        vlWarm.rss!.push(a.rssPeak);
        anchorVersions = `Vega-Lite ${a.vegaLite}, Vega ${a.vega}`;
        bytes.ours = o.bytes;
        bytes.anchor = a.bytes;
      }
      const label = `${n.toLocaleString('en-US')} points → ${output.toUpperCase()}`;
      comparisons.push({
        measure: `${label}, first call`, unit: 'ms per chart', kind: 'time', ours: oursFirst, anchors: [{ measure: vlFirst }],
      });
      comparisons.push({
        measure: `${label}, warm`, unit: 'ms per chart', kind: 'time', ours: oursWarm,
        anchors: [{ measure: vlWarm, target: { maxTimeRatio: 1, text: '≤ 1 × vl-convert warm' } }],
      });
      notes.push(`${label}: output ${(bytes.ours / 1024).toFixed(0)} kB ours, ${(bytes.anchor / 1024).toFixed(0)} kB vl-convert.`);
    }
  }
  return {
    name: 'render',
    title: `Rendering: Vega-Lite scatter plots of ${sizes.map((n) => n.toLocaleString('en-US')).join(' / ')} points to SVG and PNG`,
    settings: [
      'ours: vegaLite(spec, table, { maxRows: Infinity }).toSVG() / .toPNG() (vega-lite 6.5, vega 6.4, resvg), each (size, output, run) in a fresh Node process;'
        + ' a fresh Chart every time; the library keeps the parsed Vega runtime of a spec\'s shape (rows bound by name), so warm charts of the same spec skip compile + parse as a live view\'s refreshes do',
      `vl-convert-python 1.9.0.post1 (${anchorVersions}), defaults (scale 1, ppi 72), the same complete spec (data inlined, read before the clock), a fresh Python process each`,
      `first = first chart of the process (loads the renderer / starts vl-convert's JS runtime); warm = median of the later charts (${sizes.map((n) => `${ctx.settings.warm ?? warmRendersFor(n)} at ${n.toLocaleString('en-US')}`).join(', ')}); interleaved ours, vl-convert × ${runs}`,
    ],
    comparisons,
    figures: [],
    notes,
  };
}
