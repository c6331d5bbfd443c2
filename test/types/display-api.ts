// The display layer's public types, compiled as a tslab cell would compile them (scripts/check-kernel-types.mjs).
import {
  bundleFromValue, currentOutput, detectKernel, errorFrame, progressFrame, show, vegaLite,
  type ChartData, type KernelName, type KernelOutput, type MimeBundle,
} from 'journal-lens';

const kernel: KernelName = detectKernel();
const out: KernelOutput = currentOutput();
if (out.canDisplay()) out.write({ 'text/plain': kernel }, { displayId: 'x' });
out.update('x', { 'text/plain': 'y' });
out.clear('x');
const rows: ChartData = [{ type: 'A', count: 3 }];
const chart = vegaLite({ mark: 'bar', encoding: { x: { field: 'type' }, y: { field: 'count' } } }, rows);
const pending: MimeBundle | Promise<MimeBundle> = bundleFromValue(chart, { exclude: ['text/html'] });
const progress: MimeBundle = bundleFromValue(progressFrame({
  rows: 1, rangesDone: 0, rangesTotal: 1, elapsedMs: 0, rate: 0, etaMs: undefined, done: false, undecodable: 0,
}, 'load'));
const failed: MimeBundle = bundleFromValue(errorFrame('✖ failed', 'why'));
show([{ a: 1 }, { a: 2 }]);
show({ rows: 3 });
export { pending, progress, failed };
