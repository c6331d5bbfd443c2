// Where health()'s peak memory comes from (a diagnostic, not a workload): samples
// process.memoryUsage() every few milliseconds during journal.health() (or eventTable, for
// comparison) and prints the sample at the peak RSS, the VmHWM, and the heap left live after.
// node --expose-gc --import tsx bench/health/probe.ts KEYSPACE health|table [pageSize] [concurrency]
import v8 from 'node:v8';
import { cassandraJournal } from '../../src/index.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const [keyspace = 'bench', subject = 'health', pageSize, concurrency] = process.argv.slice(2);
const mib = (n: number): number => Math.round(n / 2 ** 20);
const journal = cassandraJournal({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1' });
await journal.keyspaces();
let scanDoneAt = NaN;
let liveAtScanEnd = NaN;
let rssAtScanEnd = NaN;
let hwmAtScanEnd = NaN;
const options = {
  keyspace, progress: (p: { done: boolean }) => {
    if (!p.done) return;
    scanDoneAt = performance.now();
    rssAtScanEnd = rssNow();
    hwmAtScanEnd = rssPeak();
    // PROBE_GC=1: a full collection when the scan ends, to see the scan's live state (changes the peak)
    if (process.env['PROBE_GC'] === '1') {
      (globalThis as { gc?: () => void }).gc?.();
      liveAtScanEnd = process.memoryUsage().heapUsed;
    }
  },
  ...(pageSize ? { pageSize: Number(pageSize) } : {}), ...(concurrency ? { concurrency: Number(concurrency) } : {}),
};
const newSpace = (): number => v8.getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_space')?.space_size ?? NaN;
const newSpaceBefore = newSpace();
const heapBefore = process.memoryUsage();
let peak = heapBefore;
let peakAt = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) {
    peak = m;
    peakAt = performance.now();
  }
}, 5);
const before = rssNow();
resetPeak();
const t0 = performance.now();
const result: unknown = subject === 'health'
  ? (await journal.health(options)).stats
  : (await journal.eventTable({ ...options, decode: 'lazy' })).numRows();
const ms = performance.now() - t0;
clearInterval(sampler);
const hwm = rssPeak();
const newSpaceAfter = newSpace();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const after = process.memoryUsage();
const heap = v8.getHeapSpaceStatistics().map((s) => `${s.space_name.replace('_space', '')} ${mib(s.space_used_size)}`).join(', ');
console.log(JSON.stringify({
  subject, keyspace, ms: Math.round(ms), rssBefore: mib(before), hwm: mib(hwm),
  peakAtMs: Math.round(peakAt - t0), scanDoneAtMs: Math.round(scanDoneAt - t0), liveAtScanEnd: mib(liveAtScanEnd),
  rssAtScanEnd: mib(rssAtScanEnd), hwmAtScanEnd: mib(hwmAtScanEnd), newSpace: [mib(newSpaceBefore), mib(newSpaceAfter)],
  before: { heapTotal: mib(heapBefore.heapTotal), heapUsed: mib(heapBefore.heapUsed), external: mib(heapBefore.external) },
  atPeak: { rss: mib(peak.rss), heapTotal: mib(peak.heapTotal), heapUsed: mib(peak.heapUsed), external: mib(peak.external), arrayBuffers: mib(peak.arrayBuffers) },
  afterGc: { heapUsed: mib(after.heapUsed), arrayBuffers: mib(after.arrayBuffers) },
}));
console.log(`heap spaces after: ${heap}`);
console.log(typeof result === 'object' ? JSON.stringify(result) : String(result));
await journal.close();
