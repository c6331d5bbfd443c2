// Workload 1: load the journal into an Arquero table (ours) against a scan of the same rows with
// the bare Node driver (no decoding) and with the Python driver, interleaved run by run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.js';
import type { Measure, WorkloadResult } from '../lib/report.js';
import { summaryOf } from '../lib/stats.js';
import { cassandraBenchDefaults, type CassandraBenchConfig } from './config.js';

interface OursResult { rows: number; loadMs: number; rssBefore: number; rssPeak: number; undecodable: number; rangesTotal?: number }
interface BareResult { rows: number; scanMs: number; meanEventBytes: number; rssBefore: number; rssPeak: number }
interface PythonResult { rows: number; scanMs: number; rssBefore: number; rssPeak: number; concurrency: number; connectionClass: string }

export function cassandraConfig(ctx: BenchContext): CassandraBenchConfig {
  const concurrency = ctx.settings.concurrency ?? cassandraBenchDefaults.concurrency;
  return {
    ...cassandraBenchDefaults,
    keyspace: ctx.settings.keyspace,
    concurrency,
    pageSize: ctx.settings.pageSize ?? cassandraBenchDefaults.pageSize,
    splits: concurrency * 8,
    planFile: join(ctx.outDir, 'cassandra-plan.json'),
  };
}

let seeded: Promise<void> | undefined;

/**
 * Seeds the benchmark journal once per harness run (scripts/seed-demo is idempotent: it writes
 * nothing when the data set is already there).
 */
export function ensureJournal(ctx: BenchContext): Promise<void> {
  seeded ??= new Promise((resolve, reject) => {
    ctx.log(`seeding ${ctx.settings.events} events into ${ctx.settings.keyspace}.messages (skipped when present)`);
    const child = spawn('bash', ['scripts/seed-demo', '--events', String(ctx.settings.events), '--keyspace', ctx.settings.keyspace],
      { cwd: ctx.repo, stdio: ['ignore', process.stderr, 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/seed-demo exited ${code}`))));
  });
  return seeded;
}

export async function cassandraWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  await ensureJournal(ctx);
  const config = cassandraConfig(ctx);
  const arg = JSON.stringify(config);
  const plan = (await ctx.tsx<{ splits: number; ringRanges: number; columns: string[] }>('bench/cassandra/plan.ts', [arg])).result;
  const notes: string[] = [];
  // One unmeasured scan first, so that every measured run finds Cassandra's caches (OS page cache,
  // chunk cache) as warm as the others; the first subject would otherwise pay for all.
  ctx.log('cassandra: warm-up scan (not measured)');
  const warmup = (await ctx.tsx<BareResult>('bench/cassandra/bare.ts', [arg])).result;
  if (warmup.rows !== ctx.settings.events) {
    notes.push(`${config.keyspace}.${config.table} holds ${warmup.rows} rows, not the ${ctx.settings.events} asked for (seeded by an earlier, different run?).`);
  }
  const ours: Measure = { subject: 'eventTable → Arquero (JSON checked, parsed on read)', samples: [], rss: [] };
  const oursEager: Measure = { subject: "eventTable, decode: 'eager' (JSON parsed)", samples: [], rss: [] };
  const perEventEager: number[] = [];
  const bare: Measure = { subject: 'bare Node driver, count only', samples: [], rss: [] };
  const python: Measure = { subject: 'Python driver, count only', samples: [], rss: [] };
  const perEvent: number[] = [];
  const perRow = { ours: [] as number[], bare: [] as number[], python: [] as number[] };
  let pythonInfo: PythonResult | undefined;
  let meanJson = warmup.meanEventBytes;
  for (let run = 1; run <= ctx.settings.runs; run++) {
    ctx.log(`cassandra run ${run}/${ctx.settings.runs}: ours`);
    const o = (await ctx.tsx<OursResult>('bench/cassandra/ours.ts', [arg])).result;
    ours.samples.push(o.rows / (o.loadMs / 1000));
    ours.rss!.push(o.rssPeak);
    if (o.undecodable > 0) notes.push(`ours: ${o.undecodable} rows undecodable in run ${run}.`);
    if (o.rangesTotal !== plan.splits) notes.push(`ours read ${o.rangesTotal} token ranges, the anchors ${plan.splits}.`);
    ctx.log(`cassandra run ${run}/${ctx.settings.runs}: ours, decode: 'eager'`);
    const e = (await ctx.tsx<OursResult>('bench/cassandra/ours.ts', [JSON.stringify({ ...config, decode: 'eager' })])).result;
    oursEager.samples.push(e.rows / (e.loadMs / 1000));
    oursEager.rss!.push(e.rssPeak);
    ctx.log(`cassandra run ${run}/${ctx.settings.runs}: bare driver`);
    const b = (await ctx.tsx<BareResult>('bench/cassandra/bare.ts', [arg])).result;
    bare.samples.push(b.rows / (b.scanMs / 1000));
    bare.rss!.push(b.rssPeak);
    meanJson = b.meanEventBytes;
    perEvent.push((o.rssPeak - o.rssBefore) / o.rows - b.meanEventBytes);
    perEventEager.push((e.rssPeak - e.rssBefore) / e.rows - b.meanEventBytes);
    ctx.log(`cassandra run ${run}/${ctx.settings.runs}: python driver`);
    const p = (await ctx.py<PythonResult>('bench/cassandra/python_scan.py', [arg])).result;
    pythonInfo = p;
    perRow.ours.push((o.rssPeak - o.rssBefore) / o.rows);
    perRow.bare.push((b.rssPeak - b.rssBefore) / b.rows);
    perRow.python.push((p.rssPeak - p.rssBefore) / p.rows);
    python.samples.push(p.rows / (p.scanMs / 1000));
    python.rss!.push(p.rssPeak);
    for (const [who, rows] of [['bare', b.rows], ['python', p.rows], ['ours', o.rows]] as const) {
      if (rows !== warmup.rows) notes.push(`run ${run}: ${who} saw ${rows} rows, the warm-up scan ${warmup.rows}.`);
    }
  }
  bare.detail = `same ${plan.splits} token splits, same query, page size ${config.anchorPageSize} (the driver's default fetchSize), concurrency ${config.concurrency}, client.execute paging`;
  python.detail = `execute_concurrent_with_args, concurrency ${pythonInfo?.concurrency}, results_generator=True, fetch_size ${config.anchorPageSize} (its default), ${pythonInfo?.connectionClass}`;
  const perEventSummary = summaryOf(perEvent);
  const perEventEagerSummary = summaryOf(perEventEager);
  return {
    name: 'cassandra',
    title: `Cassandra load: ${ctx.settings.events.toLocaleString('en-US')} journal rows with JSON events (${config.keyspace}.${config.table})`,
    settings: [
      `ours: eventTable in a fresh Node process per run, concurrency ${config.concurrency}, page size ${config.pageSize}, ${plan.splits} token splits, decode 'lazy' (library defaults: every JSON payload is checked during the load, so undecodable rows are counted then; parsed when a row's event is read), progress off; timed from the call to the table (connect before)`,
      `ours, decode: 'eager': the same, with every event parsed during the load (JSON.parse, strings interned)`,
      `bare Node driver (cassandra-driver ${await driverVersion()}): ${bare.detail}`,
      `Python driver: ${python.detail}, default named-tuple rows, LOCAL_QUORUM as ours`,
      `interleaved runs ours, ours eager, bare, Python × ${ctx.settings.runs}, each in a fresh process; one unmeasured warm-up scan before; columns read: ${plan.columns.join(', ')}`,
    ],
    comparisons: [{
      measure: 'rows per second', unit: 'rows/s', kind: 'throughput', ours,
      anchors: [
        { measure: bare, target: { maxTimeRatio: 1 / 0.8, text: '≤ 1.25 (≥ 0.8× its rows/s)' } },
        { measure: python, target: { maxTimeRatio: 1, text: '≤ 1 (≥ 1× its rows/s)' } },
      ],
    }, {
      measure: "rows per second, decode: 'eager'", unit: 'rows/s', kind: 'throughput', ours: oursEager,
      anchors: [{ measure: bare }, { measure: python }],
    }],
    figures: [
      ...(['ours', 'bare', 'python'] as const).map((who) => {
        const s = summaryOf(perRow[who]);
        return { label: `peak RSS growth per row, ${who === 'ours' ? 'ours (the table: JSON text, columns)' : who === 'bare' ? 'bare Node driver (pages in flight)' : 'Python driver (pages in flight)'}`, value: s.median, unit: 'B/row', min: s.min, max: s.max };
      }),
      {
        label: `ours: peak RSS per event beyond the JSON text (growth per row − mean JSON ${meanJson.toFixed(0)} B)`,
        value: perEventSummary.median, unit: 'B/event', min: perEventSummary.min, max: perEventSummary.max,
        target: { max: 200, text: '≤ 200 B' },
      },
      {
        label: "ours, decode: 'eager': peak RSS per event beyond the JSON text",
        value: perEventEagerSummary.median, unit: 'B/event', min: perEventEagerSummary.min, max: perEventEagerSummary.max,
      },
    ],
    notes,
  };
}

async function driverVersion(): Promise<string> {
  const { createRequire } = await import('node:module');
  return (createRequire(import.meta.url)('cassandra-driver/package.json') as { version: string }).version;
}
