// Workload: the journal analysis on Spark through Spark Connect (src/spark), against
//  1. the same counts (per event type, per day) done in the notebook process (eventTable + Arquero):
//     peak RSS growth of the notebook process, and the counts must be identical;
//  2. pyspark's own Spark Connect client on the same server: the same aggregation SQL over the same view
//     (the client's overhead on Spark's work) and a 100k-row fetch (ours into Arquero, pyspark into pandas).
// Needs the spark service (scripts/services start spark); started here when it is down, and stopped again.
import { execFileSync } from 'node:child_process';
import { ensureJournal } from '../cassandra/workload.js';
import type { BenchContext } from '../lib/context.js';
import type { Measure, WorkloadResult } from '../lib/report.js';
import { AGGREGATE_SQL, fetchSql } from './queries.js';

const REMOTE = 'sc://127.0.0.1:15002';
const FETCH_ROWS = 100_000;
const REPEATS = 2;

interface Aggregate { mode: string; ms: number; rssBefore: number; rssGrowth: number; counts: unknown }
interface Timed { ms: number[]; rows: number }
interface Sql { aggregate: Timed; fetch: Timed; viewSql: string }
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function sparkConnectWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  await ensureJournal(ctx);
  const services = `${ctx.repo}/scripts/services`;
  let started = false;
  try {
    execFileSync(services, ['status', 'spark'], { stdio: 'ignore' });
  } catch {
    ctx.log('spark-connect: starting the spark service (scripts/services start spark)');
    execFileSync(services, ['start', 'spark'], { stdio: ['ignore', 'ignore', 'inherit'] });
    started = true;
  }
  try {
    return await measure(ctx);
  } finally {
    if (started) execFileSync(services, ['stop', 'spark'], { stdio: 'ignore' });
  }
}

async function measure(ctx: BenchContext): Promise<WorkloadResult> {
  const { runs, keyspace } = ctx.settings;
  const m = (subject: string): Measure => ({ subject, samples: [], rss: [] });
  const growthSpark = m('sparkJournal: ev.sql counts per type and per day');
  const growthLocal = m('eventTable + Arquero groupby per type and per day');
  const aggOurs = m('sparkJournal().sql(), warm');
  const aggPy = m('pyspark Connect client, collect(), warm');
  const fetchOurs = m(`spark.sql() → Arquero, ${FETCH_ROWS.toLocaleString('en-US')} rows`);
  const fetchPy = m(`pyspark Connect toPandas(), ${FETCH_ROWS.toLocaleString('en-US')} rows`);
  const notes: string[] = [];
  for (let run = 1; run <= runs; run++) {
    ctx.log(`spark-connect run ${run}/${runs}: counts through Spark`);
    const s = (await ctx.tsx<Aggregate>('bench/spark-connect/ours-aggregate.ts', [JSON.stringify({ mode: 'spark', keyspace, remote: REMOTE })],
      { timeoutMs: 20 * 60_000 })).result;
    ctx.log(`spark-connect run ${run}/${runs}: counts in the notebook process`);
    const l = (await ctx.tsx<Aggregate>('bench/spark-connect/ours-aggregate.ts', [JSON.stringify({ mode: 'local', keyspace, remote: REMOTE })],
      { timeoutMs: 20 * 60_000 })).result;
    // The RSS growth is the measure here (bytes, as 'time': smaller is better); the durations go to the notes.
    growthSpark.samples.push(s.rssGrowth / 2 ** 20);
    growthLocal.samples.push(l.rssGrowth / 2 ** 20);
    notes.push(`run ${run}: counts through Spark in ${(s.ms / 1000).toFixed(1)} s, locally in ${(l.ms / 1000).toFixed(1)} s; ` +
      `results ${JSON.stringify(s.counts) === JSON.stringify(l.counts) ? 'identical' : 'DIFFERENT'}`);

    ctx.log(`spark-connect run ${run}/${runs}: client overhead, ours`);
    const o = (await ctx.tsx<Sql>('bench/spark-connect/ours-sql.ts',
      [JSON.stringify({ keyspace, remote: REMOTE, repeats: REPEATS, fetchRows: FETCH_ROWS })], { timeoutMs: 20 * 60_000 })).result;
    ctx.log(`spark-connect run ${run}/${runs}: client overhead, pyspark Connect`);
    try {
      const p = (await ctx.py<{ aggregate: Timed; fetch: Timed }>('bench/spark-connect/pyspark_connect.py', [JSON.stringify({
        remote: REMOTE, viewSql: o.viewSql, aggregateSql: AGGREGATE_SQL, fetchSql: fetchSql(keyspace, FETCH_ROWS), repeats: REPEATS,
      })], { timeoutMs: 20 * 60_000 })).result;
      aggOurs.samples.push(median(o.aggregate.ms));
      aggPy.samples.push(median(p.aggregate.ms));
      fetchOurs.samples.push((o.fetch.rows * 1000) / median(o.fetch.ms));
      fetchPy.samples.push((p.fetch.rows * 1000) / median(p.fetch.ms));
      if (o.aggregate.rows !== p.aggregate.rows || o.fetch.rows !== p.fetch.rows) {
        notes.push(`run ${run}: row counts differ (aggregate ${o.aggregate.rows} vs ${p.aggregate.rows}, fetch ${o.fetch.rows} vs ${p.fetch.rows})`);
      }
    } catch (error) {
      notes.push(`run ${run}: pyspark's Connect client failed: ${(error as Error).message.split('\n').slice(0, 6).join(' / ')}`);
    }
  }
  return {
    name: 'spark-connect',
    title: `Spark Connect (sparkJournal) over the ${ctx.settings.events.toLocaleString('en-US')}-row journal`,
    settings: [
      `server: scripts/services spark (Spark Connect 3.5.7, local[2], 2 GiB driver, connector 3.5.1) at ${REMOTE}, shared by both clients`,
      'RSS growth: this process\'s VmHWM after the counts − VmRSS before (after connecting), in MiB',
      `client overhead: "${AGGREGATE_SQL}" over the same events view; median of ${REPEATS} warm repeats per run`,
      `fetch: ${fetchSql(keyspace, FETCH_ROWS)}; ours into an Arquero table, pyspark into a pandas DataFrame`,
    ],
    comparisons: [
      { measure: 'peak RSS growth of the notebook process (MiB)', unit: 'MiB', kind: 'time', ours: growthSpark,
        anchors: [{ measure: growthLocal, target: { maxTimeRatio: 0.1, text: '≤ 1/10 of eventTable + Arquero' } }] },
      { measure: 'aggregation over the events view', unit: 'ms', kind: 'time', ours: aggOurs,
        anchors: [{ measure: aggPy, target: { maxTimeRatio: 1.1, text: '≤ 1.1× pyspark Connect' } }] },
      { measure: `fetch ${FETCH_ROWS.toLocaleString('en-US')} rows`, unit: 'rows/s', kind: 'throughput', ours: fetchOurs,
        anchors: [{ measure: fetchPy, target: { maxTimeRatio: 1, text: '≥ 1× pyspark toPandas() rows/s' } }] },
    ],
    figures: [],
    notes,
  };
}
