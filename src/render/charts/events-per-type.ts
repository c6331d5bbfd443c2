// Events per event type, most frequent first. Reads the eventType column.
import { desc, escape, op } from 'arquero';
import type { PushdownEventSource, TableLike } from '../../types.js';
import type { Chart } from '../Chart.js';
import type { ColumnTable } from 'arquero';
import { isPushdownSource, PendingChart } from './pending-chart.js';
import type { ChartOptions } from '../spec-from-table.js';
import { vegaLite } from '../vega-lite.js';
import { journalTable, shortTypeName } from './journal-table.js';

/** Options of `eventsPerType`. */
export interface EventsPerTypeOptions extends ChartOptions {
  /** Most types shown (the most frequent). Default 50. */
  top?: number;
  /** Label bars with the full manifest (`com.example.Cart$ItemAdded`) instead of the simple name (`ItemAdded`). Default false. */
  fullTypeNames?: boolean;
}

export const defaults = {
  top: 50,
} as const;

function chartOptions({ top: _top, fullTypeNames: _full, ...rest }: EventsPerTypeOptions): EventsPerTypeOptions {
  return rest;
}

/**
 * A horizontal bar chart of the number of events of each type, most frequent on top. Given a Spark
 * journal handle, the counting runs on Spark and a PendingChart comes back (`await show(…)` it).
 *
 * @example
 * await show(eventsPerType(events));
 */
export function eventsPerType(table: TableLike, options?: EventsPerTypeOptions): Chart;
export function eventsPerType(table: PushdownEventSource, options?: EventsPerTypeOptions): PendingChart;
export function eventsPerType(table: TableLike | PushdownEventSource, options: EventsPerTypeOptions = {}): Chart | PendingChart {
  if (isPushdownSource(table)) {
    return new PendingChart(table.countEvents({ groupBy: ['eventType'] })
      .then((counts) => chartFromTypeCounts(journalTable(counts, ['eventType', 'count'], 'eventsPerType'), options)));
  }
  return chartFromTypeCounts(journalTable(table, ['eventType'], 'eventsPerType').groupby('eventType').count({ as: 'count' }), options);
}

function chartFromTypeCounts(byManifest: ColumnTable, options: EventsPerTypeOptions): Chart {
  const top = options.top ?? defaults.top;
  const counted = (options.fullTypeNames ? byManifest : byManifest
    .derive({ eventType: escape((d: { eventType: unknown }) => shortTypeName(String(d.eventType ?? ''))) })
    .groupby('eventType')
    .rollup({ count: (d: { count: number }) => op.sum(d.count) }))
    .orderby(desc('count'), 'eventType');
  const types = counted.numRows();
  const total = counted.rollup({ total: 'd => op.sum(d.count)' }).get('total', 0) as number | undefined ?? 0;
  const shown = counted.slice(0, top);
  return vegaLite({
    title: {
      text: 'Events per type',
      subtitle: `${total.toLocaleString('en-US')} events of ${types.toLocaleString('en-US')} types`
        + (types > top ? `, top ${top} shown` : ''),
    },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'eventType', type: 'nominal', sort: '-x', title: 'event type' },
      x: { field: 'count', type: 'quantitative', title: 'events' },
    },
  }, shown, { height: null, ...chartOptions(options) });
}
