// Anchor: the bare Node driver over the same token splits with the same query, page size and
// concurrency as eventTable, only counting rows (no decoding, nothing kept).
import { readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';
import { configFromArgv, type ScanPlan } from './config.js';

const config = configFromArgv();
const plan = JSON.parse(readFileSync(config.planFile, 'utf8')) as ScanPlan;
const client = new cassandra.Client({
  contactPoints: config.contactPoints, localDataCenter: config.localDataCenter,
  queryOptions: { consistency: cassandra.types.consistencies.localQuorum, prepare: true },
});
await client.connect();
const rssBefore = rssNow();
resetPeak();
let rows = 0;
let eventBytes = 0;
let next = 0;
const t0 = performance.now();
const worker = async (): Promise<void> => {
  while (next < plan.splits.length) {
    const [start, end] = plan.splits[next++]!;
    const params = [cassandra.types.Long.fromString(start), cassandra.types.Long.fromString(end)];
    let pageState: string | undefined;
    do {
      const result = await client.execute(plan.query, params, {
        prepare: true, fetchSize: config.anchorPageSize, autoPage: false, ...(pageState ? { pageState } : {}),
      });
      const page = result.rows;
      rows += page.length;
      // the JSON text length, for the RSS-per-event figure of ours (a length read, no decoding)
      for (let i = 0; i < page.length; i++) eventBytes += (page[i]!['event'] as Buffer | null)?.length ?? 0;
      pageState = result.pageState ?? undefined;
    } while (pageState);
  }
};
await Promise.all(Array.from({ length: Math.min(config.concurrency, plan.splits.length) }, worker));
const scanMs = performance.now() - t0;
printResult({ rows, scanMs, meanEventBytes: rows > 0 ? eventBytes / rows : 0, rssBefore, rssPeak: rssPeak() });
await client.shutdown();
