// Workload: the two notebook kernels side by side. Deno's Jupyter kernel (ours to support, the
// subject) against tslab (the kernel the library was built for, the anchor): kernel start-up and
// a whole-journal eventTable in a cell, each run a fresh kernel started as Jupyter starts it
// (bench/kernels/kernel_run.py, jupyter_client), interleaved tslab, deno, tslab, deno…
import { join } from 'node:path';
import { ensureJournal } from '../cassandra/workload.js';
import type { BenchContext } from '../lib/context.js';
import type { Comparison, Measure, WorkloadResult } from '../lib/report.js';

interface KernelRun { kernel: string; startMs: number; importMs: number; loadMs: number; cellMs: number; rows: number; rssPeak: number | null }

const KERNELS = ['tslab', 'deno'] as const;

export async function kernelsWorkload(ctx: BenchContext): Promise<WorkloadResult> {
  await ensureJournal(ctx);
  const { runs, keyspace, events } = ctx.settings;
  const m = (kernel: string, what: string): Measure => ({ subject: `${kernel}: ${what}`, samples: [], rss: [] });
  const start = { tslab: m('tslab', 'kernel_info reply'), deno: m('deno', 'kernel_info reply') };
  const imports = { tslab: m('tslab', "first cell: import 'journal-lens'"), deno: m('deno', "first cell: import 'journal-lens'") };
  const load = { tslab: m('tslab', 'eventTable (in-kernel)'), deno: m('deno', 'eventTable (in-kernel)') };
  const notes: string[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kernel of KERNELS) {
      ctx.log(`kernels: ${kernel} run ${run}/${runs}`);
      const out = join(ctx.outDir, `kernel-${kernel}-${process.pid}.json`);
      const r = (await ctx.py<KernelRun>('bench/kernels/kernel_run.py', [kernel, join(ctx.repo, 'notebooks'), keyspace, out],
        { env: { ...process.env, PATH: `${join(ctx.repo, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}` } })).result;
      if (r.rows !== events) notes.push(`${kernel} run ${run}: ${r.rows} rows, not ${events}.`);
      start[kernel].samples.push(r.startMs);
      imports[kernel].samples.push(r.importMs);
      load[kernel].samples.push(r.loadMs);
      for (const x of [start, imports, load]) x[kernel].rss!.push(r.rssPeak ?? 0);
    }
  }
  const target = { maxTimeRatio: 1.2, text: '≤ 1.2 × tslab' };
  const comparisons: Comparison[] = [
    { measure: 'kernel start-up', unit: 'ms', kind: 'time', ours: start.deno, anchors: [{ measure: start.tslab, target }] },
    { measure: "first cell, import 'journal-lens'", unit: 'ms', kind: 'time', ours: imports.deno, anchors: [{ measure: imports.tslab }] },
    { measure: `eventTable of ${events.toLocaleString('en-US')} rows in a cell`, unit: 'ms', kind: 'time', ours: load.deno, anchors: [{ measure: load.tslab, target }] },
  ];
  return {
    name: 'kernels',
    title: `Notebook kernels: Deno's Jupyter kernel ÷ tslab, start-up and a ${events.toLocaleString('en-US')}-row eventTable`,
    settings: [
      'each run a fresh kernel from .venv (kernelspecs of scripts/setup) started by jupyter_client in notebooks/, as a notebook there would be; interleaved tslab, deno',
      `start-up: start_kernel → kernel_info reply; import: the first cell (tslab type-checks and compiles it); eventTable: ${keyspace}.messages, progress off, timed inside the kernel`,
      'RSS: the kernel process\'s peak (VmHWM) at the end of the run',
    ],
    comparisons,
    figures: [],
    notes,
  };
}
