// Counting events per type and per day over the bench journal, in a fresh process: through Spark
// (sparkJournal: the counts come back) or locally (eventTable + Arquero: every event comes in).
// Reports the peak RSS growth of this process (VmHWM after − VmRSS before) and the counts.
//   node --import tsx bench/spark-connect/ours-aggregate.ts '{"mode":"spark"|"local","keyspace":"bench","remote":"sc://…"}'
import { op } from 'arquero';
import { cassandraJournal, sparkJournal } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const config = JSON.parse(process.argv[2] ?? '{}') as { mode: 'spark' | 'local'; keyspace: string; remote: string };
type Counts = { perType: [string, number][]; perDay: [string, number][] };
const sorted = (rows: object[], key: string): [string, number][] =>
  rows.map((r) => [String((r as Record<string, unknown>)[key]), Number((r as Record<string, unknown>)['n'])] as [string, number])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

let counts: Counts;
let rssBefore: number;
let ms: number;
if (config.mode === 'spark') {
  const spark = sparkJournal({ remote: config.remote });
  const ev = spark.events({ keyspace: config.keyspace });
  await spark.sql('SELECT 1'); // connects, outside the measure (as the local side connects first)
  rssBefore = rssNow();
  resetPeak();
  const t0 = performance.now();
  const perType = await ev.sql('SELECT eventType, count(*) AS n FROM events GROUP BY eventType');
  const perDay = await ev.sql("SELECT date_format(`timestamp`, 'yyyy-MM-dd') AS day, count(*) AS n FROM events GROUP BY 1");
  ms = performance.now() - t0;
  counts = { perType: sorted(perType.objects(), 'eventType'), perDay: sorted(perDay.objects(), 'day') };
  await spark.close();
} else {
  const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
  await journal.keyspaces();
  rssBefore = rssNow();
  resetPeak();
  const t0 = performance.now();
  const table = await journal.eventTable({ keyspace: config.keyspace, progress: false });
  const perType = table.groupby('eventType').count({ as: 'n' });
  const perDay = table.derive({ day: (d: { timestamp: Date }) => op.substring(op.format_utcdate(d.timestamp), 0, 10) })
    .groupby('day').count({ as: 'n' });
  ms = performance.now() - t0;
  counts = { perType: sorted(perType.objects(), 'eventType'), perDay: sorted(perDay.objects(), 'day') };
  await journal.close();
}
printResult({ mode: config.mode, ms, rssBefore, rssGrowth: rssPeak() - rssBefore, counts });
