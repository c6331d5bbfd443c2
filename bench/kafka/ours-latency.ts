// Ours, latency: a live eventStream (from 'latest', rolling 60 s window, INTERVAL ms, default 1000) on a fresh
// topic while a separate producer process sends RATE events/s for SECONDS. At every micro-batch
// the window is refreshed and aggregated (count per event type, what a live chart of it needs);
// then each event of the batch gets latency = now − its producedAt. Events produced in the first
// WARMUP seconds are left out of the percentiles (JIT, first group join).
import { spawn } from 'node:child_process';
import { kafkaJournal } from '../../src/from-kafka.js';
import { printResult } from '../lib/child.js';
import { rssPeak } from '../lib/rss.js';
import { percentile } from '../lib/stats.js';

const [brokers, topic, format, rate, seconds, warmup, interval] = process.argv.slice(2);
const streamFormat = format === 'json' ? 'json' : 'akka';
const kafka = kafkaJournal({ brokers: brokers!.split(',') });
const stream = kafka.eventStream({ topics: topic!, from: 'latest', format: streamFormat, window: { seconds: 60 }, interval: Number(interval ?? 1000) });
await stream.ready();

const producedAt: number[] = [];
const latency: number[] = [];
let batches = 0;
let windowRowsMax = 0;
stream.onBatch((batch) => {
  const counts = stream.window().groupby('eventType').count().objects();
  const now = Date.now();
  batches++;
  windowRowsMax = Math.max(windowRowsMax, counts.reduce((s, c) => s + Number((c as { count: number }).count), 0));
  const events = batch.array('event') as ArrayLike<{ producedAt?: number } | null>;
  for (let i = 0; i < events.length; i++) {
    const at = events[i]?.producedAt;
    if (typeof at === 'number') {
      producedAt.push(at);
      latency.push(now - at);
    }
  }
});

const producer = await new Promise<{ sent: number; startedAt: number; eventsPerSecond: number }>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/kafka/produce.ts', brokers!, topic!,
    streamFormat === 'json' ? 'json' : 'event-format', rate!, seconds!], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.on('close', (code) => {
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (code !== 0 || !line) reject(new Error(`producer exited ${code}: ${out.slice(-500)}`));
    else resolve(JSON.parse(line.slice(7)));
  });
});
// the last events need up to one interval to show, plus the time to aggregate
const until = Date.now() + 5000;
while (producedAt.length < producer.sent && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
await stream.stop();

const from = producer.startedAt + Number(warmup) * 1000;
const kept = latency.filter((_, i) => producedAt[i]! >= from);
printResult({
  sent: producer.sent, received: latency.length, measured: kept.length, produceRate: producer.eventsPerSecond,
  p50: percentile(kept, 50), p99: percentile(kept, 99), max: percentile(kept, 100), batches, windowRowsMax, rssPeak: rssPeak(),
});
