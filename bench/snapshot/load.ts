// Ours: loadTable of a snapshot file in a fresh process; with `job`, then the seed's job (every
// event parsed, count per event type, order by key), as bench/cassandra/ours.ts does after a load.
// `"job":"columns"` does the job the way Spark's from_json does it: flattenEvents spreads every
// event's fields into columns (straight from the JSON bytes, no event objects), then the same count
// and sort on that table.
//   node --import tsx bench/snapshot/load.ts '{"file":"…","job":false}'
// `"reader":"hyparquet"` reads a .parquet file through hyparquet alone (the baseline of our page reader).
import { flattenEvents, loadStats, loadTable } from '../../src/index.js';
import { countPerTypeAndKeyOrder, readEveryEvent } from '../lib/seed-job.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const { file, job, reader } = JSON.parse(process.argv[2] ?? '{}') as { file: string; job?: boolean | 'columns'; reader?: 'auto' | 'hyparquet' };
if (reader !== undefined) process.env['JOURNAL_LENS_PARQUET_READER'] = reader;
const rssBefore = rssNow();
const resetOk = resetPeak();
const t0 = performance.now();
const table = await loadTable(file);
const loadMs = performance.now() - t0;
let jobMs: number | undefined;
let fieldColumns: number | undefined;
if (job === 'columns') {
  const t1 = performance.now();
  const flat = flattenEvents(table);
  countPerTypeAndKeyOrder(flat);
  jobMs = performance.now() - t1;
  // every row accounted for: an object event has a field in some column, or the row is undecodable
  const names = flat.columnNames().filter((name) => !table.columnNames().includes(name));
  const seen = new Uint8Array(flat.numRows());
  for (const name of names) {
    const values = flat.array(name) as unknown[];
    for (let i = 0; i < values.length; i++) if (values[i] !== undefined) seen[i] = 1;
  }
  let withFields = 0;
  for (let i = 0; i < seen.length; i++) withFields += seen[i]!;
  if (withFields + (loadStats(table)?.undecodable ?? 0) !== table.numRows()) throw new Error(`only ${withFields} of ${table.numRows()} events gave fields`);
  fieldColumns = names.length;
} else if (job) {
  const t1 = performance.now();
  readEveryEvent(table);
  countPerTypeAndKeyOrder(table);
  jobMs = performance.now() - t1;
}
printResult({ rows: table.numRows(), loadMs, jobMs, fieldColumns, rssBefore, rssPeak: rssPeak(), resetPeakOk: resetOk });
