// Workload: snapshots (docs/snapshots.md). Loading the benchmark journal from a snapshot file (Arrow
// IPC and Parquet) against loading it from Cassandra and against pyarrow reading the same Parquet
// file; the seed's job from a snapshot against Spark's warm job; and a refresh after 1% new events
// against a full reload, on a journal of its own (snap_bench*), checked equal row for row.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cassandraConfig, ensureJournal } from '../cassandra/workload.js';
import type { BenchContext } from '../lib/context.js';
import type { Measure, WorkloadResult } from '../lib/report.js';
import { summaryOf } from '../lib/stats.js';

interface LoadResult { rows: number; loadMs: number; jobMs?: number; rssBefore: number; rssPeak: number }
interface CassandraResult { rows: number; loadMs: number; aggregateMs?: number; rssPeak: number }
interface PyarrowResult { rows: number; readMs: number; threads: number; rssPeak: number }
interface PrepareResult { rows: number; arrowBytes: number; parquetBytes: number; loadAndWriteArrowMs: number; writeParquetMs: number }
interface RefreshResult { rows: number; fullRows: number; changes: number; deletes: number; refreshMs: number; fullMs: number; rowsRead?: number; rowsDropped?: number; mode?: string; phases?: Record<string, number>; rowsFromScan?: number; partitionsRead?: number; equal: boolean; keyScanMs: number; keyScanRowsRead?: number; keyScanEqual: boolean; floorMs?: number; floorScanMs?: number; floorIdsMs?: number }
interface SparkBatch { warmMs: number; rows: number }

const m = (subject: string): Measure => ({ subject, samples: [], rss: [] });

function seed(ctx: BenchContext, keyspace: string): Promise<void> {
  return new Promise((resolve, reject) => {
    ctx.log(`snapshot: seeding ${ctx.settings.events} events into ${keyspace}.messages for the refresh (skipped when present)`);
    const child = spawn('bash', ['scripts/seed-demo', '--events', String(ctx.settings.events), '--keyspace', keyspace],
      { cwd: ctx.repo, stdio: ['ignore', process.stderr, 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/seed-demo exited ${code}`))));
  });
}

export async function snapshotWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  await ensureJournal(ctx);
  const config = cassandraConfig(ctx);
  const arg = JSON.stringify(config);
  const files = { arrow: join(ctx.outDir, `snapshot-${ctx.settings.events}.arrow`), parquet: join(ctx.outDir, `snapshot-${ctx.settings.events}.parquet`) };
  ctx.log('snapshot: writing the snapshot files from the benchmark journal (not measured)');
  const prep = (await ctx.tsx<PrepareResult>('bench/snapshot/prepare.ts', [arg, JSON.stringify(files)])).result;
  const notes: string[] = [];

  const arrow = m('loadTable(.arrow): Arrow IPC via flechette');
  const parquet = m('loadTable(.parquet): our page reader (footer by hyparquet)');
  const pyarrow = m('pyarrow.parquet.read_table, same .parquet');
  const cassandra = m('eventTable from Cassandra (same rows)');
  const job = m('loadTable(.arrow) + parse every event + count per type + sort');
  const columnsJob = m('loadTable(.arrow) + flattenEvents + count per type + sort');
  const spark = m('Spark job, session up (2nd job), from Cassandra');
  const refresh = m("eventTable({ snapshot }) refresh, 'written-since' (default)");
  const keyScan = m("eventTable({ snapshot, refresh: { method: 'key-scan' } })");
  const full = m('eventTable full reload');
  const floor = m('bare driver: the rows written since + all_persistence_ids (the reads no refresh can skip)');
  let pyThreads = 0;
  for (let run = 1; run <= ctx.settings.runs; run++) {
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: ours .arrow`);
    const a = (await ctx.tsx<LoadResult>('bench/snapshot/load.ts', [JSON.stringify({ file: files.arrow })])).result;
    arrow.samples.push(a.loadMs);
    arrow.rss!.push(a.rssPeak);
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: ours .parquet`);
    const p = (await ctx.tsx<LoadResult>('bench/snapshot/load.ts', [JSON.stringify({ file: files.parquet })])).result;
    parquet.samples.push(p.loadMs);
    parquet.rss!.push(p.rssPeak);
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: pyarrow`);
    const py = (await ctx.py<PyarrowResult>('bench/snapshot/pyarrow_read.py', [JSON.stringify({ file: files.parquet })])).result;
    pyarrow.samples.push(py.readMs);
    pyarrow.rss!.push(py.rssPeak);
    pyThreads = py.threads;
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: Cassandra load (+ the seed's job)`);
    const c = (await ctx.tsx<CassandraResult>('bench/cassandra/ours.ts', [JSON.stringify({ ...config, aggregate: true })])).result;
    cassandra.samples.push(c.loadMs);
    cassandra.rss!.push(c.rssPeak);
    for (const [who, rows] of [['.arrow', a.rows], ['.parquet', p.rows], ['pyarrow', py.rows]] as const) {
      if (rows !== c.rows) notes.push(`run ${run}: ${who} has ${rows} rows, the Cassandra load ${c.rows}.`);
    }
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: the seed's job from the snapshot`);
    const j = (await ctx.tsx<LoadResult>('bench/snapshot/load.ts', [JSON.stringify({ file: files.arrow, job: true })])).result;
    job.samples.push(j.loadMs + (j.jobMs ?? 0));
    job.rss!.push(j.rssPeak);
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: the seed's job from the snapshot, events into columns`);
    const jc = (await ctx.tsx<LoadResult>('bench/snapshot/load.ts', [JSON.stringify({ file: files.arrow, job: 'columns' })])).result;
    columnsJob.samples.push(jc.loadMs + (jc.jobMs ?? 0));
    columnsJob.rss!.push(jc.rssPeak);
    ctx.log(`snapshot run ${run}/${ctx.settings.runs}: Spark (cold, then warm)`);
    try {
      const s = (await ctx.py<SparkBatch>('bench/spark/batch.py', [JSON.stringify({ keyspace: config.keyspace, table: config.table })],
        { timeoutMs: 20 * 60_000 })).result;
      spark.samples.push(s.warmMs);
    } catch (error) {
      notes.push(`run ${run}: Spark batch failed: ${(error as Error).message.split('\n').slice(0, 4).join(' / ')}`);
    }
  }

  const refreshKeyspace = ctx.settings.events === 1_000_000 ? 'snap_bench' : `snap_bench_${ctx.settings.events}`;
  let equalRuns = 0;
  const read: number[] = [];
  try {
    await seed(ctx, refreshKeyspace);
    const refreshFile = join(ctx.outDir, `snapshot-refresh-${ctx.settings.events}.arrow`);
    for (let run = 1; run <= ctx.settings.runs; run++) {
      ctx.log(`snapshot refresh run ${run}/${ctx.settings.runs}: 1% new events, refresh, full reload`);
      const r = (await ctx.tsx<RefreshResult>('bench/snapshot/refresh.ts', [JSON.stringify({ ...config, keyspace: refreshKeyspace }),
        JSON.stringify({ file: refreshFile, percent: 1, run: Date.now() })], { timeoutMs: 20 * 60_000 })).result;
      refresh.samples.push(r.refreshMs);
      keyScan.samples.push(r.keyScanMs);
      if (!r.keyScanEqual) notes.push(`refresh run ${run}: the key-scan refresh differs from the full reload.`);
      full.samples.push(r.fullMs);
      if (r.floorMs !== undefined) floor.samples.push(r.floorMs);
      read.push(r.rowsRead ?? NaN);
      notes.push(`refresh run ${run}: ${r.rowsFromScan ?? '?'} new rows taken from the scan, ${r.partitionsRead ?? '?'} partitions re-read; phases (ms) ${JSON.stringify(r.phases ?? {})}.`);
      if (r.equal) equalRuns++;
      else notes.push(`refresh run ${run}: the refreshed table (${r.rows} rows) differs from the full reload (${r.fullRows} rows).`);
      if (run === 1) notes.push(`refresh: ${r.changes} new events (half in new ids, half appended to existing ids) and ${r.deletes} logical deletes per run, on ${r.fullRows} rows.`);
    }
  } catch (error) {
    notes.push(`refresh not measured: ${(error as Error).message.split('\n').slice(0, 6).join(' / ')}`);
  }
  const readSummary = summaryOf(read.filter(Number.isFinite));
  return {
    name: 'snapshot',
    title: `Snapshots: ${prep.rows.toLocaleString('en-US')} journal rows from a file, and a refresh after 1% new events`,
    settings: [
      `files: .arrow ${(prep.arrowBytes / 2 ** 20).toFixed(0)} MiB (uncompressed Arrow IPC), .parquet ${(prep.parquetBytes / 2 ** 20).toFixed(0)} MiB (snappy); ` +
        `written once, not measured (eventTable with snapshot ${(prep.loadAndWriteArrowMs / 1000).toFixed(1)} s incl. the load; saveTable .parquet ${(prep.writeParquetMs / 1000).toFixed(1)} s)`,
      `ours: loadTable in a fresh Node process per run, timed from the call to the table (events stay JSON text, parsed on first read, as after eventTable)`,
      `pyarrow ${pyThreads} threads; Cassandra: eventTable over ${config.keyspace}.${config.table} with the library defaults (connect outside the timing)`,
      `the seed's job: every event parsed, groupby eventType count, orderby key (bench/cassandra/ours.ts's aggregation)`,
      `events into columns: flattenEvents reads every event's fields from its JSON bytes into columns, as Spark's from_json(event, schema) does, then the same count and sort`,
      `refresh: its own journal (${refreshKeyspace}), each run writes 1% new events and some deletes, then times the refresh and a full reload in one process`,
    ],
    comparisons: [
      { measure: 'load the journal table (time)', unit: 'ms', kind: 'time', ours: arrow,
        anchors: [
          { measure: cassandra, target: { maxTimeRatio: 0.1, text: '≤ 0.1 of the Cassandra load' } },
          { measure: pyarrow, target: { maxTimeRatio: 2, text: '≤ 2× pyarrow' } },
        ] },
      { measure: 'load the journal table from Parquet (time)', unit: 'ms', kind: 'time', ours: parquet,
        anchors: [
          { measure: cassandra, target: { maxTimeRatio: 0.1, text: '≤ 0.1 of the Cassandra load' } },
          { measure: pyarrow, target: { maxTimeRatio: 2, text: '≤ 2× pyarrow' } },
        ] },
      { measure: "the seed's job from a snapshot (time)", unit: 'ms', kind: 'time', ours: job,
        anchors: [{ measure: spark, target: { maxTimeRatio: 0.1, text: '≤ 0.1 of Spark warm' } }] },
      { measure: "the seed's job from a snapshot, events into columns (flattenEvents; Spark's from_json counterpart)", unit: 'ms', kind: 'time', ours: columnsJob,
        anchors: [{ measure: spark, target: { maxTimeRatio: 0.1, text: '≤ 0.1 of Spark warm' } }] },
      { measure: 'refresh after 1% new events (time)', unit: 'ms', kind: 'time', ours: refresh,
        anchors: [{ measure: full, target: { maxTimeRatio: 0.25, text: '≤ 0.25 of a full reload' } }] },
      { measure: 'refresh after 1% new events, the key-scan fallback (time)', unit: 'ms', kind: 'time', ours: keyScan,
        anchors: [{ measure: full }] },
      { measure: "the refresh's floor: Cassandra's reads alone, bare driver (time)", unit: 'ms', kind: 'time', ours: floor,
        anchors: [{ measure: full }, { measure: refresh }] },
    ],
    figures: [
      { label: 'peak RSS, .arrow load ÷ Cassandra load', value: summaryOf(arrow.rss!).median / summaryOf(cassandra.rss!).median, unit: '×', target: { max: 1, text: '≤ 1' } },
      { label: 'peak RSS, .parquet load ÷ Cassandra load', value: summaryOf(parquet.rss!).median / summaryOf(cassandra.rss!).median, unit: '×', target: { max: 1, text: '≤ 1' } },
      { label: 'refresh: rows read from Cassandra (scan + re-read)', value: readSummary.median, unit: 'rows', min: readSummary.min, max: readSummary.max },
      { label: 'refresh runs equal to the full reload, row for row', value: equalRuns, unit: `of ${refresh.samples.length}` },
    ],
    notes,
  };
}
