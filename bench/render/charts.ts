// The charts of the rendering workload: a scatter plot of n deterministic points (a linear
// congruential generator, so every run and every process draws the same chart).
import { table, type ColumnTable } from 'arquero';
import type { VegaLiteSpec } from '../../src/index.js';

export const scatterSpec: VegaLiteSpec = {
  mark: { type: 'point', size: 8 },
  encoding: {
    x: { field: 'x', type: 'quantitative' },
    y: { field: 'y', type: 'quantitative' },
    color: { field: 'kind', type: 'nominal' },
  },
};

/**
 * n points: x uniform in [0, 100), y = x/2 + noise, kind one of five.
 *
 * @example
 * pointsTable(1000).numRows() // 1000
 */
export function pointsTable(n: number): ColumnTable {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const kind = new Array<string>(n);
  let s = 42;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < n; ++i) {
    x[i] = rnd() * 100;
    y[i] = x[i]! * 0.5 + rnd() * 20;
    kind[i] = `k${i % 5}`;
  }
  return table({ x, y, kind });
}
