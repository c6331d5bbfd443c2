// Ours: loadTable of a snapshot file in a fresh process; with `job`, then the seed's job (every
// event parsed, count per event type, order by key), as bench/cassandra/ours.ts does after a load.
//   node --import tsx bench/snapshot/load.ts '{"file":"…","job":false}'
// `"reader":"hyparquet"` reads a .parquet file through hyparquet alone (the baseline of our page reader).
import { loadStats, loadTable } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const { file, job, reader } = JSON.parse(process.argv[2] ?? '{}') as { file: string; job?: boolean; reader?: 'auto' | 'hyparquet' };
if (reader !== undefined) process.env['JOURNAL_LENS_PARQUET_READER'] = reader;
const rssBefore = rssNow();
const resetOk = resetPeak();
const t0 = performance.now();
const table = await loadTable(file);
const loadMs = performance.now() - t0;
let jobMs: number | undefined;
if (job) {
  const t1 = performance.now();
  let objects = 0;
  for (const event of table.array('event')) if (event !== null && typeof event === 'object') objects++;
  if (objects + (loadStats(table)?.undecodable ?? 0) !== table.numRows()) throw new Error(`only ${objects} of ${table.numRows()} events are objects`);
  const counts = table.groupby('eventType').count().objects();
  const order = table.orderby('persistenceId', 'partition', 'sequenceNr').indices();
  if (order.length !== table.numRows() || counts.length === 0) throw new Error('the job lost rows');
  jobMs = performance.now() - t1;
}
printResult({ rows: table.numRows(), loadMs, jobMs, rssBefore, rssPeak: rssPeak(), resetPeakOk: resetOk });
