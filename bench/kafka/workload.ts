// Workload 2: Kafka ingest. N events read from the earliest offset into the rolling window (ours)
// against bare kafkajs (same consumer settings, count only) and kcat (librdkafka, count only),
// interleaved; then the latency from the producer's timestamp to the refreshed window at a fixed
// produce rate.
import { spawn } from 'node:child_process';
import type { BenchContext } from '../lib/context.js';
import type { Figure, Measure, WorkloadResult } from '../lib/report.js';
import { summaryOf } from '../lib/stats.js';
import { defaults as tuning } from '../../src/kafka/stream-consumer.js';

const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

interface IngestResult { rows: number; ms: number; firstMs: number; rssBefore: number; rssPeak: number; undecodable?: number; duplicates?: number }
export interface LatencyResult { sent: number; received: number; measured: number; produceRate: number; p50: number; p99: number; max: number; rssPeak: number }

export const ingestTopic = (format: string, n: number) => `bench_ingest_${format}_${n}`;

/** kcat from the beginning to the end of the topic, one line per record, counted here. */
function kcat(brokers: string, topic: string, python: string, repo: string): Promise<IngestResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(python, ['bench/lib/maxrss.py', 'kcat', '-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o\\n'],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let rows = 0;
    let firstMs: number | undefined;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      firstMs ??= performance.now() - t0;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) rows++;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => {
      const rss = /MAXRSS_BYTES (\d+)/.exec(stderr);
      const wall = /WALL_MS ([\d.]+)/.exec(stderr);
      if (code !== 0 || !rss || !wall) reject(new Error(`kcat exited ${code}: ${stderr.slice(-800)}`));
      else resolve({ rows, ms: Number(wall[1]), firstMs: firstMs ?? NaN, rssBefore: 0, rssPeak: Number(rss[1]) });
    });
  });
}

/** kcat's version line and the mean record size of the first 2000 records. */
function kcatFacts(brokers: string, topic: string): Promise<{ version: string; meanBytes: number }> {
  return new Promise((resolve) => {
    const child = spawn('kcat', ['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q', '-c', '2000', '-f', '%S\\n']);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('close', () => {
      const sizes = out.trim().split('\n').map(Number).filter((x) => x > 0);
      const v = spawn('kcat', ['-V']);
      let version = '';
      v.stdout.setEncoding('utf8').on('data', (s: string) => (version += s));
      v.on('close', () => resolve({ version: /kcat - .*?\n.*?\n?.*?(Version [^\s]+|librdkafka[^\n]*)/s.exec(version)?.[1] ?? version.split('\n')[0] ?? '', meanBytes: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length) }));
    });
  });
}

/** One latency run of ours on a fresh topic (created and deleted here). */
export async function oursLatencyRun(ctx: BenchContext, format: 'akka' | 'json', tag: string, intervalMs = 1000): Promise<LatencyResult> {
  const { brokers, rate, latencySeconds, latencyWarmupSeconds } = ctx.settings;
  const topic = `bench_latency_${tag}_${process.pid}_${Date.now()}`;
  await ctx.tsx('bench/kafka/admin.ts', ['create', brokers, topic, '3']);
  try {
    return (await ctx.tsx<LatencyResult>('bench/kafka/ours-latency.ts',
      [brokers, topic, format, String(rate), String(latencySeconds), String(latencyWarmupSeconds), String(intervalMs)])).result;
  } finally {
    await ctx.tsx('bench/kafka/admin.ts', ['delete', brokers, topic]).catch(() => undefined);
  }
}

export async function kafkaWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  const { brokers, kafkaEvents: n, kafkaFormat: format, runs } = ctx.settings;
  const topic = ingestTopic(format, n);
  ctx.log(`kafka: topic ${topic} with ${n} events (produced once, kept for later runs)`);
  const ensured = (await ctx.tsx<{ produced: boolean; messages: number; eventsPerSecond?: number }>('bench/kafka/admin.ts',
    ['ensure', brokers, topic, String(n), format === 'akka' ? 'event-format' : 'json', '3'], { timeoutMs: 30 * 60_000, echoStderr: false })).result;
  const facts = await kcatFacts(brokers, topic);
  const notes: string[] = [];
  if (ensured.produced) notes.push(`produced the ${n} events of ${topic} first (${Math.round(ensured.eventsPerSecond ?? 0)} events/s, demo producer, bulk).`);

  const m = (subject: string): Measure => ({ subject, samples: [], rss: [] });
  const oursAll = m('eventStream → rolling window');
  const bareAll = m('bare kafkajs, count only');
  const kcatAll = m('kcat, count only');
  const oursSteady = m(oursAll.subject);
  const bareSteady = m(bareAll.subject);
  const kcatSteady = m(kcatAll.subject);
  const rate = (r: IngestResult) => r.rows / (r.ms / 1000);
  const steady = (r: IngestResult) => r.rows / ((r.ms - r.firstMs) / 1000);
  for (let run = 1; run <= runs; run++) {
    ctx.log(`kafka ingest run ${run}/${runs}: ours`);
    const o = (await ctx.tsx<IngestResult>('bench/kafka/ours-ingest.ts', [brokers, topic, format, String(n)])).result;
    if (o.rows !== n) notes.push(`run ${run}: ours' window held ${o.rows} rows, not ${n}.`);
    if (o.undecodable) notes.push(`run ${run}: ours found ${o.undecodable} undecodable records.`);
    oursAll.samples.push(rate(o));
    oursSteady.samples.push(steady(o));
    oursAll.rss!.push(o.rssPeak);
    oursSteady.rss!.push(o.rssPeak);
    ctx.log(`kafka ingest run ${run}/${runs}: bare kafkajs`);
    const b = (await ctx.tsx<IngestResult>('bench/kafka/bare-ingest.ts', [brokers, topic, String(n)])).result;
    bareAll.samples.push(rate(b));
    bareSteady.samples.push(steady(b));
    bareAll.rss!.push(b.rssPeak);
    bareSteady.rss!.push(b.rssPeak);
    ctx.log(`kafka ingest run ${run}/${runs}: kcat`);
    const k = await kcat(brokers, topic, ctx.python, ctx.repo);
    if (k.rows !== n) notes.push(`run ${run}: kcat counted ${k.rows} records, not ${n}.`);
    kcatAll.samples.push(rate(k));
    kcatSteady.samples.push(steady(k));
    kcatAll.rss!.push(k.rssPeak);
    kcatSteady.rss!.push(k.rssPeak);
  }

  // The same records, lz4- and zstd-compressed (copied once from the topic above, kept): ours and
  // bare kafkajs decompress with journal-lens's codecs (src/kafka/codecs), kcat with librdkafka's.
  const codecComparisons: WorkloadResult['comparisons'] = [];
  for (const codec of ['lz4', 'zstd'] as const) {
    const codecTopic = `${topic}_${codec}`;
    const copied = (await ctx.tsx<{ produced: boolean; messages: number }>('bench/kafka/admin.ts',
      ['ensure-copy', brokers, codecTopic, topic, String(n), codec], { timeoutMs: 30 * 60_000, echoStderr: false })).result;
    if (copied.messages !== n) notes.push(`${codecTopic} holds ${copied.messages} records, not ${n}.`);
    const oc = m(`eventStream → rolling window, ${codec}`);
    const bc = m(`bare kafkajs + our ${codec} codec, count only`);
    const kc = m(`kcat, ${codec}, count only`);
    for (let run = 1; run <= runs; run++) {
      ctx.log(`kafka ingest (${codec}) run ${run}/${runs}: ours, bare kafkajs, kcat`);
      const o = (await ctx.tsx<IngestResult>('bench/kafka/ours-ingest.ts', [brokers, codecTopic, format, String(n)])).result;
      if (o.rows !== n) notes.push(`${codec} run ${run}: ours' window held ${o.rows} rows, not ${n}.`);
      oc.samples.push(rate(o));
      oc.rss!.push(o.rssPeak);
      const b = (await ctx.tsx<IngestResult>('bench/kafka/bare-ingest.ts', [brokers, codecTopic, String(n)])).result;
      bc.samples.push(rate(b));
      bc.rss!.push(b.rssPeak);
      const k = await kcat(brokers, codecTopic, ctx.python, ctx.repo);
      kc.samples.push(rate(k));
      kc.rss!.push(k.rssPeak);
    }
    codecComparisons.push({ measure: `events per second, from start, ${codec}-compressed topic`, unit: 'events/s', kind: 'throughput', ours: oc,
      anchors: [{ measure: bc }, { measure: kc }] });
  }

  const p50: number[] = [];
  const p99: number[] = [];
  const latencyRss: number[] = [];
  for (let run = 1; run <= runs; run++) {
    ctx.log(`kafka latency run ${run}/${runs}: ours at ${ctx.settings.rate}/s for ${ctx.settings.latencySeconds} s`);
    const l = await oursLatencyRun(ctx, format, 'kafka');
    if (l.received !== l.sent) notes.push(`latency run ${run}: sent ${l.sent}, the window saw ${l.received}.`);
    if (Math.abs(l.produceRate - ctx.settings.rate) > ctx.settings.rate * 0.05) notes.push(`latency run ${run}: the producer reached ${Math.round(l.produceRate)}/s.`);
    p50.push(l.p50);
    p99.push(l.p99);
    latencyRss.push(l.rssPeak);
  }
  const s50 = summaryOf(p50);
  const s99 = summaryOf(p99);
  const figures: Figure[] = [
    { label: `ours: latency producer timestamp → refreshed window, p50 at ${ctx.settings.rate} events/s`, value: s50.median, unit: 'ms', min: s50.min, max: s50.max },
    { label: `ours: same, p99`, value: s99.median, unit: 'ms', min: s99.min, max: s99.max, target: { max: 1000 + 250, text: '≤ interval + 250 = 1250 ms' } },
    { label: 'ours: peak RSS of a latency run', value: summaryOf(latencyRss).median / 1024 ** 2, unit: 'MiB' },
  ];
  const throughputTarget = { maxTimeRatio: 1 / 0.9, text: '≤ 1.11 (≥ 0.9× its events/s)' };
  return {
    name: 'kafka',
    title: `Kafka ingest: ${n.toLocaleString('en-US')} events (${format === 'akka' ? 'akka EventFormat with JSON inside' : 'plain JSON'}, mean ${facts.meanBytes.toFixed(0)} B) from topic ${topic} (3 partitions)`,
    settings: [
      `ours: kafkaJournal().eventStream({ from: 'earliest', format: '${format}', window: { events: ${n} }, interval: 1000 }) in a fresh Node process, default consumer tuning (${tuning.partitionsConsumedConcurrently} partitions at once, ${mib(tuning.maxBytesPerPartition)}/partition, ${mib(tuning.maxBytes)}/fetch, ${tuning.maxWaitTimeInMs} ms max wait; record batches read in place); done when every partition is read to its end`,
      'bare kafkajs 2.2.4: the same consumer settings, a fresh group, eachBatch counting records (no decoding, no window)',
      `kcat (${facts.version}) -C -o beginning -e -q -f '%o\\n', librdkafka defaults, lines counted by the harness`,
      '"from start" includes connect and group join (kcat: process start, no group); "after first record" times from the first record to the last',
      `latency: a fresh topic per run, ours from 'latest' (window 60 s, interval 1 s, format ${format}), a separate producer process at ${ctx.settings.rate}/s for ${ctx.settings.latencySeconds} s; at each micro-batch the window is aggregated (count per event type), then latency = now − producedAt per event; the first ${ctx.settings.latencyWarmupSeconds} s left out; p50/p99 are medians over ${runs} runs`,
      `interleaved ours, kafkajs, kcat × ${runs}, each in a fresh process`,
      'lz4 and zstd rows: the same records copied once into topics of their own, one compressed batch per partition per produce request of ≤ 2000 records (kafkajs producer with journal-lens\'s codecs)',
    ],
    comparisons: [
      { measure: 'events per second, from start', unit: 'events/s', kind: 'throughput', ours: oursAll,
        anchors: [{ measure: bareAll, target: throughputTarget }, { measure: kcatAll }] },
      { measure: 'events per second, after first record', unit: 'events/s', kind: 'throughput', ours: oursSteady,
        anchors: [{ measure: bareSteady }, { measure: kcatSteady }] },
      ...codecComparisons,
    ],
    figures,
    notes,
  };
}
