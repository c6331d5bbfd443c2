// Events per time bucket, stacked by event type: the first look at a journal's activity.
// Reads columns timestamp (Date) and, when split, eventType; aggregates before charting, so
// any number of events gives at most (buckets × types) rows.
import { op, table as aqTable } from 'arquero';
import { OptionError } from '../../errors.js';
import type { PushdownEventSource, TableLike } from '../../types.js';
import { isPushdownSource, PendingChart } from './pending-chart.js';
import type { Chart } from '../Chart.js';
import type { ChartOptions } from '../spec-from-table.js';
import { vegaLite } from '../vega-lite.js';
import { journalTable, msFromTimestamp, shortTypeName } from './journal-table.js';

export type TimeBin = 'minute' | 'hour' | 'day' | 'week';

/** Options of `eventsOverTime`. */
export interface EventsOverTimeOptions extends ChartOptions {
  /** Column the bars are split (coloured) by; null for one series. Default 'eventType'. */
  by?: string | null;
  /** Bucket size; 'auto' picks the smallest giving at most 300 buckets. Default 'auto'. Weeks start on Monday (UTC). */
  bin?: TimeBin | 'auto';
  /** Most distinct `by` values shown; the rest are summed as '(other)'. Default 10. */
  maxSeries?: number;
  /** With `by: 'eventType'`: full manifests in the legend instead of simple class names. Default false. */
  fullTypeNames?: boolean;
}

export const defaults = {
  by: 'eventType',
  bin: 'auto',
  maxSeries: 10,
  maxBuckets: 300,
} as const;

const BIN_MS: Record<TimeBin, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
// 1970-01-01 was a Thursday: weeks are shifted by 4 days to start on Monday.
const BIN_OFFSET_MS: Record<TimeBin, number> = { minute: 0, hour: 0, day: 0, week: 4 * 86_400_000 };
export const OTHER = '(other)';

/**
 * A stacked bar chart of events per time bucket (UTC), coloured by `by`.
 *
 * @example
 * await show(eventsOverTime(events, { bin: 'day' }));
 * await show(eventsOverTime(events, { by: null, bin: 'hour' }));
 */
export function eventsOverTime(table: TableLike, options?: EventsOverTimeOptions): Chart;
export function eventsOverTime(table: PushdownEventSource, options?: EventsOverTimeOptions): PendingChart;
export function eventsOverTime(table: TableLike | PushdownEventSource, options: EventsOverTimeOptions = {}): Chart | PendingChart {
  if (isPushdownSource(table)) return new PendingChart(eventsOverTimeOnSource(table, options));
  const by = options.by === undefined ? defaults.by : options.by;
  const t = journalTable(table, by ? ['timestamp', by] : ['timestamp'], 'eventsOverTime');
  const index = t.indices(true);
  const n = index.length;
  const stamps = t.column('timestamp')!;
  const ms = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  let valid = 0;
  for (let i = 0; i < n; ++i) {
    const v = msFromTimestamp(stamps.at(index[i]));
    ms[i] = v;
    if (v === v) { // not NaN
      ++valid;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const bin = maybeBin(options.bin, valid > 0 ? max - min : 0);
  const size = BIN_MS[bin];
  const offset = BIN_OFFSET_MS[bin];
  const time = new Float64Array(valid);
  const series: unknown[] = by ? new Array(valid) : [];
  const byColumn = by ? t.column(by)! : undefined;
  const shortNames = by === 'eventType' && !options.fullTypeNames;
  for (let i = 0, j = 0; i < n; ++i) {
    const v = ms[i];
    if (v !== v) continue;
    time[j] = Math.floor((v - offset) / size) * size + offset;
    if (byColumn) series[j] = shortNames ? shortTypeName(seriesName(byColumn.at(index[i]))) : seriesName(byColumn.at(index[i]));
    ++j;
  }
  const counted = aqTable(by ? { time, series } : { time })
    .groupby(by ? ['time', 'series'] : ['time'])
    .count({ as: 'count' });
  return chartFromCounted(counted, by, bin, valid, min, max, options);
}

// The aggregation on the source (Spark): per-hour counts give the span when the bin is 'auto', then one
// count per (bucket[, by]) comes back; short type names merge here, as in the local path.
async function eventsOverTimeOnSource(source: PushdownEventSource, options: EventsOverTimeOptions): Promise<Chart> {
  const by = options.by === undefined ? defaults.by : options.by;
  let bin: TimeBin;
  if ((options.bin ?? defaults.bin) === 'auto') {
    const hourly = journalTable(await source.countEvents({ groupBy: [], timeBinMs: BIN_MS.hour }), ['time'], 'eventsOverTime');
    const times = hourly.column('time')!;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < times.length; ++i) {
      const t = Number(times.at(i));
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    bin = maybeBin('auto', times.length > 0 ? hi - lo : 0);
  } else {
    bin = maybeBin(options.bin, 0);
  }
  const counts = journalTable(await source.countEvents({ groupBy: by ? [by] : [], timeBinMs: BIN_MS[bin], timeBinOffsetMs: BIN_OFFSET_MS[bin] }),
    by ? ['time', by, 'count'] : ['time', 'count'], 'eventsOverTime');
  const n = counts.numRows();
  const time = new Float64Array(n);
  const count = new Float64Array(n);
  const series: string[] = by ? new Array<string>(n) : [];
  const [timeColumn, countColumn, byColumn] = [counts.column('time')!, counts.column('count')!, by ? counts.column(by)! : undefined];
  const shortNames = by === 'eventType' && !options.fullTypeNames;
  let valid = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; ++i) {
    time[i] = Number(timeColumn.at(i));
    count[i] = Number(countColumn.at(i));
    valid += count[i]!;
    if (time[i]! < min) min = time[i]!;
    if (time[i]! + BIN_MS[bin] > max) max = time[i]! + BIN_MS[bin] - 1;
    if (byColumn) series[i] = shortNames ? shortTypeName(seriesName(byColumn.at(i))) : seriesName(byColumn.at(i));
  }
  const counted = aqTable(by ? { time, series, count } : { time, count })
    .groupby(by ? ['time', 'series'] : ['time'])
    .rollup({ count: (d: { count: number }) => op.sum(d.count) });
  return chartFromCounted(counted, by, bin, valid, min, max, options);
}

function chartFromCounted(
  counted: ReturnType<typeof aqTable>, by: string | null, bin: TimeBin, valid: number, min: number, max: number,
  options: EventsOverTimeOptions,
): Chart {
  const maxSeries = options.maxSeries ?? defaults.maxSeries;
  const size = BIN_MS[bin];
  const keep = by ? topSeries(counted.column('series')!, counted.column('count')!, maxSeries) : undefined;
  const values = rowsFromCounts(counted, by, keep, size);
  const span = valid > 0 ? `${new Date(min).toISOString()} – ${new Date(max).toISOString()}` : 'no timestamps';
  return vegaLite({
    title: { text: `Events per ${bin}`, subtitle: `${valid.toLocaleString('en-US')} events, ${span} (UTC)` },
    data: { values },
    // Bars span [time, end) exactly; with x2 set Vega-Lite does not stack y by itself, so the
    // stack is an explicit transform (y0..y1 per bucket, series in name order).
    transform: [{ stack: 'count', groupby: ['time'], sort: by ? [{ field: by }] : [], as: ['y0', 'y1'] }],
    mark: { type: 'bar', tooltip: { content: 'data' } },
    encoding: {
      x: { field: 'time', type: 'temporal', title: `${bin} (UTC)`, scale: { type: 'utc' } },
      x2: { field: 'end' },
      y: { field: 'y0', type: 'quantitative', title: 'events' },
      y2: { field: 'y1' },
      ...(by ? { color: { field: by, type: 'nominal', title: by } } : {}),
    },
  }, undefined, options);
}

function maybeBin(bin: TimeBin | 'auto' | undefined, spanMs: number): TimeBin {
  const b = bin ?? defaults.bin;
  if (b === 'auto') {
    for (const candidate of ['minute', 'hour', 'day'] as const) {
      if (spanMs / BIN_MS[candidate] < defaults.maxBuckets) return candidate;
    }
    return 'week';
  }
  if (!(b in BIN_MS)) {
    throw new OptionError('bin', `eventsOverTime: unknown bin '${String(b)}'.`, { hint: "Use 'minute', 'hour', 'day', 'week' or 'auto'." });
  }
  return b;
}

function seriesName(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}

// The `max` series with the most events keep their names (ties by name, for stable charts).
function topSeries(names: { length: number; at(i: number): unknown }, counts: { at(i: number): unknown }, max: number): Set<string> {
  const totals = new Map<string, number>();
  for (let i = 0; i < names.length; ++i) {
    const name = names.at(i) as string;
    totals.set(name, (totals.get(name) ?? 0) + (counts.at(i) as number));
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Set(ranked.length > max ? ranked.slice(0, max - 1).map(([k]) => k) : ranked.map(([k]) => k));
}

function rowsFromCounts(
  counted: ReturnType<typeof aqTable>, by: string | null, keep: Set<string> | undefined, size: number,
): Record<string, unknown>[] {
  // Few rows (buckets × series): a Map merging the '(other)' series is clearer than arquero here.
  const rows = new Map<string, { time: number; series: string; count: number }>();
  const time = counted.column('time')!;
  const series = by ? counted.column('series')! : undefined;
  const count = counted.column('count')!;
  for (let i = 0, n = counted.numRows(); i < n; ++i) {
    const t = time.at(i) as number;
    const s = series ? (keep!.has(series.at(i) as string) ? (series.at(i) as string) : OTHER) : '';
    const key = `${t}\u0000${s}`;
    const row = rows.get(key);
    if (row) row.count += count.at(i) as number;
    else rows.set(key, { time: t, series: s, count: count.at(i) as number });
  }
  return [...rows.values()]
    .sort((a, b) => a.time - b.time || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0))
    .map((r) => ({
      time: new Date(r.time).toISOString(),
      end: new Date(r.time + size).toISOString(),
      ...(by ? { [by]: r.series } : {}),
      count: r.count,
    }));
}
