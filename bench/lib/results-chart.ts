// The results as one Vega-Lite chart (rendered with our own vegaLite(...).save()): per comparison
// the time ratio ours ÷ anchor (log scale, 1 = parity) with its run range and the target.
import { table } from 'arquero';
import { vegaLite } from '../../src/index.js';
import { timeRatio, type WorkloadResult } from './report.js';

export async function resultsChart(results: readonly WorkloadResult[], path: string): Promise<void> {
  const label: string[] = [];
  const ratio: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const target: (number | null)[] = [];
  const workload: string[] = [];
  for (const w of results) {
    for (const c of w.comparisons) {
      for (const a of c.anchors) {
        const r = timeRatio(c.kind, c.ours.samples, a.measure.samples);
        if (!Number.isFinite(r.ofMedians)) continue;
        const text = `${w.name}: ${c.measure} vs ${a.measure.subject}`;
        label.push(text.length > 90 ? `${text.slice(0, 89)}…` : text);
        ratio.push(r.ofMedians);
        lo.push(r.min);
        hi.push(r.max);
        target.push(a.target?.maxTimeRatio ?? null);
        workload.push(w.name);
      }
    }
  }
  if (label.length === 0) return;
  const data = table({ label, ratio, lo, hi, target, workload });
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 640 } } as const;
  const x = { type: 'quantitative', scale: { type: 'log' }, title: 'time ours ÷ anchor (< 1: ours faster), log scale' } as const;
  await vegaLite({
    title: 'journal-lens vs anchors (median, run range, target ▏)',
    width: 420,
    layer: [
      { mark: { type: 'rule' }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { y, x: { ...x, field: 'ratio' }, color: { field: 'workload', type: 'nominal' } } },
      { mark: { type: 'tick', color: 'black', thickness: 2 }, encoding: { y, x: { ...x, field: 'target' } } },
      { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { field: 'one', type: 'quantitative' } } },
    ],
  }, data, { maxRows: Infinity }).save(path);
}
