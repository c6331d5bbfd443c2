// journal.health() over the whole bench journal in a fresh process. Peak RSS as bench/cassandra/ours.ts
// measures eventTable's: VmHWM after the call, VmRSS before it.
import { cassandraJournal } from '../../src/index.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { configFromArgv } from '../cassandra/config.js';

const config = configFromArgv();
const journal = cassandraJournal({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
await journal.keyspaces(); // connect outside the timing, as the eventTable child does
const rssBefore = rssNow();
const resetOk = resetPeak();
const t0 = performance.now();
const health = await journal.health({
  keyspace: config.keyspace, table: config.table, progress: false,
  concurrency: config.concurrency, splits: config.splits, pageSize: config.pageSize,
});
const loadMs = performance.now() - t0;
const peak = rssPeak();
printResult({ rows: health.stats.rows, loadMs, rssBefore, rssPeak: peak, resetPeakOk: resetOk, problems: health.problems, persistenceIds: health.stats.persistenceIds });
await journal.close();
