// Ours, throughput: an eventStream from the earliest offset into a rolling window that holds all
// N events, in a fresh process. Timed from creating the stream (connect and group join included)
// until the stream has read every partition to its end; then the window must hold N rows.
import { kafkaJournal } from '../../src/from-kafka.js';
import { printResult } from '../lib/child.js';
import { resetPeak, rssNow, rssPeak } from '../lib/rss.js';

const [brokers, topic, format, count] = [process.argv[2]!, process.argv[3]!, process.argv[4] as 'akka' | 'json', Number(process.argv[5])];
const kafka = kafkaJournal({ brokers: brokers.split(',') });
const rssBefore = rssNow();
resetPeak();
const t0 = performance.now();
const stream = kafka.eventStream({ topics: topic, from: 'earliest', format, window: { events: count }, interval: 1000 });
await stream.ready();
let firstMs: number | undefined;
let doneMs: number | undefined;
const deadline = Date.now() + 10 * 60_000;
while (doneMs === undefined && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 10));
  const lag = stream.status().lag;
  const total = lag.reduce((s, p) => s + p.lag, 0);
  if (firstMs === undefined && lag.length > 0 && total < count) firstMs = performance.now() - t0;
  if (lag.length > 0 && total === 0) doneMs = performance.now() - t0;
}
const peak = rssPeak();
const rows = stream.window().numRows();
const status = stream.status();
await stream.stop();
printResult({ rows, ms: doneMs, firstMs, rssBefore, rssPeak: peak, undecodable: status.undecodable, duplicates: status.duplicates });
