// Ours: vegaLite(spec, table).toSVG() / .toPNG() in a fresh process. "first" is the first chart
// of the process (it pays for loading vega, vega-lite and resvg, as a notebook's first chart
// does); "warm" renders fresh charts afterwards (no Chart cache reused). The table is built before
// the clock starts: the anchor gets its spec read from a file before its clock starts too.
import { vegaLite } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { rssPeak } from '../lib/rss.js';
import { pointsTable, scatterSpec } from './charts.js';

const n = Number(process.argv[2]);
const output = process.argv[3] as 'svg' | 'png';
const warmRuns = Number(process.argv[4]);
const data = pointsTable(n);
const render = async (): Promise<number> => {
  const chart = vegaLite(scatterSpec, data, { maxRows: Infinity });
  return output === 'svg' ? (await chart.toSVG()).length : (await chart.toPNG()).length;
};
let t = performance.now();
const size = await render();
const firstMs = performance.now() - t;
const warmMs: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  t = performance.now();
  await render();
  warmMs.push(performance.now() - t);
}
printResult({ firstMs, warmMs, bytes: size, rssPeak: rssPeak() });
