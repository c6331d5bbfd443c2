// The shapes every workload returns and the one table they print as. A comparison puts ours
// against one or more anchors measured in the same interleaved runs; its ratio is always in TIME,
// ours ÷ anchor (< 1: ours is faster), computed from throughputs as anchor ÷ ours.
import { summaryOf, type Summary } from './stats.js';

/** One subject's samples of one measure, one per run. */
export interface Measure {
  subject: string;
  /** Per run: rows/s, events/s (kind 'throughput') or ms (kind 'time'). */
  samples: number[];
  /** Per run: peak resident bytes of the subject's process, when known. */
  rss?: number[];
  /** What the subject is and how it is configured. */
  detail?: string;
}

export interface Target {
  /** The largest time ratio ours ÷ anchor that meets the target. */
  maxTimeRatio: number;
  text: string;
}

export interface Comparison {
  measure: string;
  unit: string;
  kind: 'throughput' | 'time';
  ours: Measure;
  anchors: { measure: Measure; target?: Target }[];
}

/** A figure that is not a comparison (a latency percentile, RSS per event…). */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  min?: number;
  max?: number;
  target?: { max: number; text: string };
}

export interface WorkloadResult {
  name: string;
  title: string;
  settings: string[];
  comparisons: Comparison[];
  figures: Figure[];
  notes: string[];
  /** Set when the workload could not run: why. */
  notMeasured?: string;
}

/** Time ratio ours ÷ anchor from medians, and its range over the runs (run i of ours against run i of the anchor). */
export function timeRatio(kind: Comparison['kind'], ours: readonly number[], anchor: readonly number[]): Summary & { ofMedians: number } {
  const r = (o: number, a: number) => (kind === 'throughput' ? a / o : o / a);
  const perRun: number[] = [];
  for (let i = 0; i < Math.min(ours.length, anchor.length); i++) perRun.push(r(ours[i]!, anchor[i]!));
  return { ...summaryOf(perRun), ofMedians: r(summaryOf(ours).median, summaryOf(anchor).median) };
}

const grouped = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';

/** A value with sensible digits for its size. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  return grouped(x, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

export function bytes(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  return x >= 1024 ** 3 ? `${(x / 1024 ** 3).toFixed(2)} GiB` : `${(x / 1024 ** 2).toFixed(0)} MiB`;
}

function pad(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r) => r.map((c, j) => (rightAligned.has(j) ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd());
}

/** The printed lines of one workload. */
export function linesOf(w: WorkloadResult, runs: number): string[] {
  const out: string[] = [`== ${w.title} ==`];
  for (const s of w.settings) out.push(`  ${s}`);
  if (w.notMeasured !== undefined) {
    out.push(`  NOT MEASURED: ${w.notMeasured}`);
    for (const n of w.notes) out.push(`  note: ${n}`);
    return out;
  }
  // One table per workload: a row per subject, the measure named on ours' row.
  const rows: string[][] = [['measure', '', 'subject', 'median', 'min', 'max', 'unit', 'peak RSS', 'time ours÷anchor', 'runs min–max', 'target', 'met']];
  let short = false;
  for (const c of w.comparisons) {
    const line = (m: Measure, who: string, first: boolean, ratio?: ReturnType<typeof timeRatio>, target?: Target) => {
      const s = summaryOf(m.samples);
      const rss = m.rss && m.rss.length > 0 ? summaryOf(m.rss).median : undefined;
      if (m.samples.length < runs) short = true;
      rows.push([first ? c.measure : '', who, m.subject, num(s.median), num(s.min), num(s.max), c.unit, bytes(rss),
        ratio ? ratio.ofMedians.toFixed(2) : '', ratio && ratio.n > 1 ? `${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}` : '',
        target?.text ?? '', target && ratio ? (ratio.ofMedians <= target.maxTimeRatio ? 'yes' : 'NO') : '']);
    };
    line(c.ours, 'ours', true);
    for (const a of c.anchors) line(a.measure, 'anchor', false, timeRatio(c.kind, c.ours.samples, a.measure.samples), a.target);
  }
  if (rows.length > 1) for (const l of pad(rows, new Set([3, 4, 5, 7, 8, 9]))) out.push(`  ${l}`);
  if (short) out.push('  (some subjects have fewer samples than runs: some runs failed, see notes)');
  for (const f of w.figures) {
    const range = f.min !== undefined && f.max !== undefined ? ` (runs ${num(f.min)}–${num(f.max)})` : '';
    const target = f.target ? `   target ${f.target.text}: ${f.value <= f.target.max ? 'yes' : 'NO'}` : '';
    out.push(`  ${f.label}: ${num(f.value)} ${f.unit}${range}${target}`);
  }
  for (const n of w.notes) out.push(`  note: ${n}`);
  return out;
}
