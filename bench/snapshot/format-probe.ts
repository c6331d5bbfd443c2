// Times saveTable and loadTable of a synthetic journal table in this process (one format per run).
//   node --import tsx bench/snapshot/format-probe.ts '{"rows":1000000,"file":"/tmp/x.arrow","op":"save"|"load"}'
// `"reader":"hyparquet"` loads a .parquet file through hyparquet alone (the A/B baseline of our page
// reader, src/snapshot/parquet/); the default is ours, with hyparquet for what it does not take.
import { loadTable, saveTable } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { syntheticJournalTable } from './synthetic-table.js';

const { rows, file, op, reader } = JSON.parse(process.argv[2] ?? '{}') as { rows: number; file: string; op: 'save' | 'load'; reader?: 'auto' | 'hyparquet' };
if (reader !== undefined) process.env['JOURNAL_LENS_PARQUET_READER'] = reader;
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
  const cpu0 = process.cpuUsage();
  const table = await loadTable(file);
  const loadMs = performance.now() - t0;
  // CPU time too: on a shared machine it moves far less than wall-clock time between runs.
  const cpu = process.cpuUsage(cpu0);
  printResult({ op, reader: reader ?? 'auto', rows: table.numRows(), ms: loadMs, cpuMs: (cpu.user + cpu.system) / 1000, rssBefore, rssPeak: rssPeak() });
}
