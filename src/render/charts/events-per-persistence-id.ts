// The busiest persistence ids: events per id, with the sequence number range seen.
// Reads persistenceId and sequenceNr.
import { desc, op } from 'arquero';
import type { PushdownEventSource, TableLike } from '../../types.js';
import type { ColumnTable } from 'arquero';
import { isPushdownSource, PendingChart } from './pending-chart.js';
import type { Chart } from '../Chart.js';
import type { ChartOptions } from '../spec-from-table.js';
import { vegaLite } from '../vega-lite.js';
import { journalTable } from './journal-table.js';

/** Options of `eventsPerPersistenceId`. */
export interface EventsPerPersistenceIdOptions extends ChartOptions {
  /** How many persistence ids are shown (those with the most events). Default 20. */
  top?: number;
}

export const defaults = {
  top: 20,
} as const;

/**
 * A horizontal bar chart of the `top` persistence ids by number of events.
 *
 * @example
 * await show(eventsPerPersistenceId(events, { top: 10 }));
 */
export function eventsPerPersistenceId(table: TableLike, options?: EventsPerPersistenceIdOptions): Chart;
export function eventsPerPersistenceId(table: PushdownEventSource, options?: EventsPerPersistenceIdOptions): PendingChart;
export function eventsPerPersistenceId(table: TableLike | PushdownEventSource, options: EventsPerPersistenceIdOptions = {}): Chart | PendingChart {
  const columns = ['persistenceId', 'count', 'firstSequenceNr', 'lastSequenceNr'];
  if (isPushdownSource(table)) {
    return new PendingChart(table.countEvents({ groupBy: ['persistenceId'], sequenceRange: true })
      .then((counts) => chartFromIdCounts(journalTable(counts, columns, 'eventsPerPersistenceId').orderby(desc('count'), 'persistenceId'), options)));
  }
  return chartFromIdCounts(journalTable(table, ['persistenceId', 'sequenceNr'], 'eventsPerPersistenceId')
    .groupby('persistenceId')
    .rollup({ count: op.count(), firstSequenceNr: op.min('sequenceNr'), lastSequenceNr: op.max('sequenceNr') })
    .orderby(desc('count'), 'persistenceId'), options);
}

function chartFromIdCounts(counted: ColumnTable, options: EventsPerPersistenceIdOptions): Chart {
  const top = options.top ?? defaults.top;
  const ids = counted.numRows();
  return vegaLite({
    title: {
      text: ids > top ? `Top ${top} persistence ids by events` : 'Events per persistence id',
      subtitle: `${ids.toLocaleString('en-US')} persistence ids`,
    },
    mark: { type: 'bar', tooltip: { content: 'data' } },
    encoding: {
      y: { field: 'persistenceId', type: 'nominal', sort: '-x', title: 'persistence id' },
      x: { field: 'count', type: 'quantitative', title: 'events' },
    },
  }, counted.slice(0, top), { height: null, ...options });
}
