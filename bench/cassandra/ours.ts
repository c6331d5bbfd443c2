// Ours: eventTable over the whole journal in a fresh process (decoding every JSON event into an
// Arquero table). Peak RSS is this process's own: VmHWM after the load minus VmRSS before it.
import { cassandraJournal, loadStats } from '../../src/index.js';
import { countPerTypeAndKeyOrder, readEveryEvent } from '../lib/seed-job.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { configFromArgv } from './config.js';

const config = configFromArgv();
const journal = cassandraJournal({ contactPoints: config.contactPoints, localDataCenter: config.localDataCenter });
await journal.keyspaces(); // connects, so that connecting is outside the timing (as for the anchors)
const rssBefore = rssNow();
const resetOk = resetPeak();
const t0 = performance.now();
const table = await journal.eventTable({
  keyspace: config.keyspace, table: config.table, progress: false,
  concurrency: config.concurrency, splits: config.splits, pageSize: config.pageSize, decode: config.decode,
});
const loadMs = performance.now() - t0;
const peak = rssPeak();
let aggregateMs: number | undefined;
let processMs: number | undefined;
let eventTypes: number | undefined;
if (config.aggregate) {
  // The Spark comparison's work: every event parsed (Spark's from_json), the count per event type,
  // and the table ordered by its key.
  const t1 = performance.now();
  readEveryEvent(table);
  ({ eventTypes } = countPerTypeAndKeyOrder(table));
  aggregateMs = performance.now() - t1;
  processMs = performance.now(); // since this process started: Node start, imports, connect, load, aggregation
}
const stats = loadStats(table);
printResult({
  rows: table.numRows(), loadMs, aggregateMs, processMs, eventTypes, rssBefore, rssPeak: peak, resetPeakOk: resetOk,
  undecodable: stats?.undecodable ?? 0, rangesTotal: stats?.rangesTotal,
});
await journal.close();
