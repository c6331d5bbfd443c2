// Times saveTable and loadTable of a synthetic journal table in this process (one format per run).
//   node --import tsx bench/snapshot/format-probe.ts '{"rows":1000000,"file":"/tmp/x.arrow","op":"save"|"load"}'
// `"reader":"hyparquet"` loads a .parquet file through hyparquet alone (the A/B baseline of our page
// reader, src/snapshot/parquet/); the default is ours, with hyparquet for what it does not take.
// `"sample":10` (load only) samples process.memoryUsage() every 10 ms during the load and prints, at the
// largest RSS seen, how it splits into V8 heap, array buffers and the rest (docs/snapshots.md, "Peak memory of a load").
import { loadTable, saveTable } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { syntheticJournalTable } from './synthetic-table.js';

const { rows, file, op, reader, sample } = JSON.parse(process.argv[2] ?? '{}') as { rows: number; file: string; op: 'save' | 'load'; reader?: 'auto' | 'hyparquet'; sample?: number };
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
  const mib = (n: number): number => Math.round(n / 1048576);
  let top: NodeJS.MemoryUsage & { atMs: number } = { ...process.memoryUsage(), atMs: 0 };
  const take = (): void => {
    const m = process.memoryUsage();
    if (m.rss > top.rss) top = { ...m, atMs: performance.now() - t0 };
  };
  const timer = sample !== undefined && sample > 0 ? setInterval(take, sample) : undefined;
  const table = await loadTable(file);
  if (timer !== undefined) {
    clearInterval(timer);
    take();
    console.log(`largest sampled RSS ${mib(top.rss)} MiB at ${top.atMs.toFixed(0)} ms: heap ${mib(top.heapUsed)} used / ${mib(top.heapTotal)} MiB, ` +
      `arrayBuffers ${mib(top.arrayBuffers)} MiB, other external ${mib(top.external - top.arrayBuffers)} MiB, rest ${mib(top.rss - top.heapTotal - top.arrayBuffers)} MiB`);
  }
  const loadMs = performance.now() - t0;
  // CPU time too: on a shared machine it moves far less than wall-clock time between runs.
  const cpu = process.cpuUsage(cpu0);
  printResult({ op, reader: reader ?? 'auto', rows: table.numRows(), ms: loadMs, cpuMs: (cpu.user + cpu.system) / 1000, rssBefore, rssPeak: rssPeak() });
}
