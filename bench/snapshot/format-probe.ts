// Times saveTable and loadTable of a synthetic journal table in this process (one format per run).
//   node --import tsx bench/snapshot/format-probe.ts '{"rows":1000000,"file":"/tmp/x.arrow","op":"save"|"load"}'
import { loadTable, saveTable } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { syntheticJournalTable } from './synthetic-table.js';

const { rows, file, op } = JSON.parse(process.argv[2] ?? '{}') as { rows: number; file: string; op: 'save' | 'load' };
if (op === 'save') {
  const table = syntheticJournalTable(rows);
  const rssBefore = rssNow();
  resetPeak();
  const t0 = performance.now();
  await saveTable(table, file);
  printResult({ op, rows, ms: performance.now() - t0, rssBefore, rssPeak: rssPeak() });
} else {
  const rssBefore = rssNow();
  resetPeak();
  const t0 = performance.now();
  const table = await loadTable(file);
  const loadMs = performance.now() - t0;
  printResult({ op, rows: table.numRows(), ms: loadMs, rssBefore, rssPeak: rssPeak() });
}
