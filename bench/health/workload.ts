// Workload: journal.health() against eventTable({ decode: 'lazy' }) on the same journal, interleaved
// run by run, each in a fresh process. Targets (issue 14): health ≤ 1.2× eventTable's time and
// ≤ 0.5× its peak RSS: the checks stream over the scan without reading payloads.
import type { BenchContext } from '../lib/context.js';
import type { Measure, WorkloadResult } from '../lib/report.js';
import { summaryOf } from '../lib/stats.js';
import { cassandraConfig, ensureJournal } from '../cassandra/workload.js';

interface LoadResult { rows: number; loadMs: number; rssBefore: number; rssPeak: number; problems?: number; persistenceIds?: number }

export async function healthWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  await ensureJournal(ctx);
  const config = cassandraConfig(ctx);
  const arg = JSON.stringify({ ...config, decode: 'lazy' });
  const health: Measure = { subject: 'journal.health() (every check, no payload read)', samples: [], rss: [] };
  const table: Measure = { subject: "eventTable, decode: 'lazy'", samples: [], rss: [] };
  const rssRatio: number[] = [];
  const growthRatio: number[] = [];
  const notes: string[] = [];
  ctx.log('health: warm-up eventTable (not measured)');
  await ctx.tsx<LoadResult>('bench/cassandra/ours.ts', [arg]);
  for (let run = 1; run <= ctx.settings.runs; run++) {
    ctx.log(`health run ${run}/${ctx.settings.runs}: health()`);
    const h = (await ctx.tsx<LoadResult>('bench/health/ours.ts', [arg])).result;
    ctx.log(`health run ${run}/${ctx.settings.runs}: eventTable`);
    const t = (await ctx.tsx<LoadResult>('bench/cassandra/ours.ts', [arg])).result;
    health.samples.push(h.rows / (h.loadMs / 1000));
    health.rss!.push(h.rssPeak);
    table.samples.push(t.rows / (t.loadMs / 1000));
    table.rss!.push(t.rssPeak);
    rssRatio.push(h.rssPeak / t.rssPeak);
    growthRatio.push((h.rssPeak - h.rssBefore) / Math.max(1, t.rssPeak - t.rssBefore));
    if (h.rows !== t.rows) notes.push(`run ${run}: health saw ${h.rows} rows, eventTable ${t.rows}.`);
    if (run === 1) notes.push(`health found ${h.problems} problem rows over ${h.persistenceIds} persistence ids (the bench journal is written clean).`);
    if (run === 1 && ctx.settings.events < 1_000_000) {
      notes.push(`the peak RSS target is set for 1M rows: below that, the process's own ${Math.round(h.rssBefore / 2 ** 20)} MiB before the call weigh more than either load.`);
    }
  }
  const ratio = summaryOf(rssRatio);
  const growth = summaryOf(growthRatio);
  return {
    name: 'health',
    title: `Journal health: ${ctx.settings.events.toLocaleString('en-US')} journal rows (${config.keyspace}.${config.table}), health() against eventTable`,
    settings: [
      `both: library defaults, concurrency ${config.concurrency}, page size ${config.pageSize}, ${config.splits} token splits, progress off, a fresh Node process per run; timed from the call to the result (connect before)`,
      'health(): gaps, duplicates, forks, partition holes, plus tag views and all_persistence_ids where those tables exist; SELECT without the payload and serializer columns (tags only with tag_views), numbers computed by Cassandra as doubles',
      'where health()\'s peak comes from: node --expose-gc --import tsx bench/health/probe.ts KEYSPACE health|table (docs/health-checks.md, "Cost")',
      `interleaved runs health, eventTable × ${ctx.settings.runs}; one unmeasured eventTable scan before`,
    ],
    comparisons: [{
      measure: 'rows per second', unit: 'rows/s', kind: 'throughput', ours: health,
      anchors: [{ measure: table, target: { maxTimeRatio: 1.2, text: '≤ 1.2' } }],
    }],
    figures: [
      { label: 'peak RSS, health() ÷ eventTable (whole process)', value: ratio.median, unit: '×', min: ratio.min, max: ratio.max, target: { max: 0.5, text: '≤ 0.5' } },
      { label: 'peak RSS growth during the call, health() ÷ eventTable', value: growth.median, unit: '×', min: growth.min, max: growth.max },
    ],
    notes,
  };
}
