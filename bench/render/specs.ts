// Writes the complete Vega-Lite spec ours renders for each size (data inlined, width/height as
// ours sets them) to bench/out/render-spec-<n>.json, so that vl-convert renders the very same spec.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vegaLite } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { pointsTable, scatterSpec } from './charts.js';

const [outDir, sizes] = [process.argv[2]!, process.argv[3]!.split(',').map(Number)];
const files: Record<number, string> = {};
for (const n of sizes) {
  const path = join(outDir, `render-spec-${n}.json`);
  writeFileSync(path, JSON.stringify(vegaLite(scatterSpec, pointsTable(n), { maxRows: Infinity }).spec));
  files[n] = path;
}
printResult({ files });
