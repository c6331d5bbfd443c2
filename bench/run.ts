// The benchmark harness: one command (`npm run bench` → scripts/bench → this file), one table.
// Each workload runs ours and its anchors interleaved (A B A B), each run in a fresh process,
// and prints medians with min and max, the time ratio ours ÷ anchor and peak RSS. Results also
// go to bench/out/results.json and bench/out/results.png. Measures only: it never asserts timings.
//
//   scripts/bench [--events 1000000] [--kafka-events 2000000] [--runs 3] [--only cassandra,kafka,render,spark]
//                 [--rate 10000] [--latency-seconds 15] [--render-sizes 1000,10000,100000] [--warm N]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cassandraWorkload } from './cassandra/workload.js';
import { createContext, type BenchContext, type BenchSettings } from './lib/context.js';
import { machineInfo, machineLines } from './lib/machine.js';
import { linesOf, type WorkloadResult } from './lib/report.js';
import { resultsChart } from './lib/results-chart.js';

const WORKLOADS = ['cassandra', 'kafka', 'render', 'spark', 'health', 'spark-connect', 'snapshot', 'kernels'] as const;
type WorkloadName = (typeof WORKLOADS)[number];

const HELP = `Usage: scripts/bench [options]    (npm run bench -- [options])
  --only LIST            workloads, comma-separated: ${WORKLOADS.join(',')} (default all)
  --runs N               interleaved runs per subject; medians, min and max over them (default 3)
  --events N             journal rows for the Cassandra load and the Spark batch (default 1000000)
  --kafka-events N       events of the Kafka ingest (default 2000000)
  --kafka-format F       akka (EventFormat, the journal's format) | json (default akka)
  --rate N               produce rate of the latency runs, events/s (default 10000)
  --latency-seconds N    seconds of producing per latency run (default 15)
  --render-sizes LIST    points per chart (default 1000,10000,100000)
  --warm N               warm renders per size and output (default: 10 for 1k points, 2 from 5k up)
  --concurrency N        Cassandra scan concurrency (default: the library's, 4)
  --page-size N          Cassandra page size (default: the library's, 5000)`;

function positive(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`--${name} must be a positive integer, got '${v}'.`);
  return n;
}

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h' },
    only: { type: 'string' },
    runs: { type: 'string' },
    events: { type: 'string' },
    'kafka-events': { type: 'string' },
    'kafka-format': { type: 'string' },
    rate: { type: 'string' },
    'latency-seconds': { type: 'string' },
    'render-sizes': { type: 'string' },
    warm: { type: 'string' },
    concurrency: { type: 'string' },
    'page-size': { type: 'string' },
    brokers: { type: 'string' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const only = (values.only ?? WORKLOADS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const w of only) {
  if (!WORKLOADS.includes(w as WorkloadName)) throw new Error(`--only: unknown workload '${w}'; known: ${WORKLOADS.join(', ')}.`);
}
const kafkaFormat = values['kafka-format'] ?? 'akka';
if (kafkaFormat !== 'akka' && kafkaFormat !== 'json') throw new Error(`--kafka-format must be akka or json, got '${kafkaFormat}'.`);
const events = positive('events', values.events, 1_000_000);
const settings: BenchSettings = {
  events,
  keyspace: events === 1_000_000 ? 'bench' : `bench_${events}`,
  kafkaEvents: positive('kafka-events', values['kafka-events'], 2_000_000),
  kafkaFormat,
  brokers: values.brokers ?? '127.0.0.1:9092',
  rate: positive('rate', values.rate, 10_000),
  latencySeconds: positive('latency-seconds', values['latency-seconds'], 15),
  latencyWarmupSeconds: 3,
  renderSizes: (values['render-sizes'] ?? '1000,10000,100000').split(',').map((s) => positive('render-sizes', s.trim(), 0)),
  warm: values.warm === undefined ? undefined : positive('warm', values.warm, 2),
  runs: positive('runs', values.runs, 3),
  concurrency: values.concurrency === undefined ? undefined : positive('concurrency', values.concurrency, 0),
  pageSize: values['page-size'] === undefined ? undefined : positive('page-size', values['page-size'], 0),
};

const repo = resolve(import.meta.dirname, '..');
const outDir = join(repo, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const python = join(repo, '.venv', 'bin', 'python');
const started = Date.now();
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const ctx: BenchContext = createContext(repo, outDir, python, settings, log);

const machine = machineInfo(python);
const header = [
  `journal-lens benchmark — ${new Date(started).toISOString()}`,
  ...machineLines(machine),
  `settings: runs ${settings.runs} (interleaved, each run a fresh process); --only ${only.join(',')}; events ${settings.events}; ` +
    `kafka-events ${settings.kafkaEvents} (${settings.kafkaFormat}); rate ${settings.rate}/s for ${settings.latencySeconds} s ` +
    `(first ${settings.latencyWarmupSeconds} s left out); render sizes ${settings.renderSizes.join(', ')}, ${settings.warm ?? 'auto'} warm`,
  'ratios: "time ours÷anchor" is always a ratio of TIMES, ours ÷ anchor (< 1 = ours faster); from throughputs it is anchor ÷ ours.',
  '',
];
console.log(header.join('\n'));

const runners: Record<WorkloadName, (c: BenchContext) => Promise<WorkloadResult>> = {
  cassandra: cassandraWorkload,
  kafka: async (c) => (await import('./kafka/workload.js')).kafkaWorkload(c),
  render: async (c) => (await import('./render/workload.js')).renderWorkload(c),
  spark: async (c) => (await import('./spark/workload.js')).sparkWorkload(c),
  health: async (c) => (await import('./health/workload.js')).healthWorkload(c),
  snapshot: async (c) => (await import('./snapshot/workload.js')).snapshotWorkload(c),
  'spark-connect': async (c) => (await import('./spark-connect/workload.js')).sparkConnectWorkload(c),
  kernels: async (c) => (await import('./kernels/workload.js')).kernelsWorkload(c),
};

const results: WorkloadResult[] = [];
const printed: string[] = [];
for (const name of WORKLOADS.filter((w) => only.includes(w))) {
  const load = os.loadavg()[0]!.toFixed(2);
  const t0 = Date.now();
  log(`${name}: starting (load average ${load})`);
  let result: WorkloadResult;
  try {
    result = await runners[name](ctx);
  } catch (error) {
    result = {
      name, title: name, settings: [], comparisons: [], figures: [], notes: [],
      notMeasured: (error as Error).message.split('\n').slice(0, 12).join('\n    '),
    };
  }
  result.settings.push(`load average (1 min) before: ${load}; took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  results.push(result);
  const lines = linesOf(result, settings.runs);
  printed.push(...lines, '');
  console.log(lines.join('\n') + '\n');
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);

writeFileSync(join(outDir, 'results.json'), JSON.stringify({ started: new Date(started).toISOString(), machine, settings, results }, null, 2));
writeFileSync(join(outDir, 'results.txt'), [...header, ...printed].join('\n') + '\n');
try {
  await resultsChart(results, join(outDir, 'results.png'));
  console.log(`wrote ${join('bench', 'out', 'results.json')}, results.txt and results.png`);
} catch (error) {
  console.log(`wrote ${join('bench', 'out', 'results.json')}; the chart failed: ${(error as Error).message}`);
}
