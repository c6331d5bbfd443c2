// Where sequence numbers are missing: one bar per missing range, one row per persistence id.
import { desc } from 'arquero';
import type { ColumnTable } from 'arquero';
import type { PushdownEventSource, TableLike } from '../../types.js';
import { isPushdownSource, PendingChart } from './pending-chart.js';
import type { Chart } from '../Chart.js';
import type { ChartOptions } from '../spec-from-table.js';
import { vegaLite } from '../vega-lite.js';
import { journalTable } from './journal-table.js';
import { sequenceGapsFromTable } from './sequence-gaps-from-table.js';

/** Options of `sequenceGaps` (and of `sequenceGapsFromTable`, which uses only `startAt`). */
export interface SequenceGapsOptions extends ChartOptions {
  /** When set, numbers from `startAt` up to an id's first loaded event count as missing too. Default undefined (no). */
  startAt?: number;
  /** How many persistence ids are shown (those missing the most events). Default 30. */
  top?: number;
}

export const defaults = {
  top: 30,
} as const;

/**
 * A chart of the missing sequence-number ranges per persistence id (x: sequenceNr, y: id), or a
 * one-line "no gaps" chart. `sequenceGapsFromTable` gives the same ranges as a table.
 *
 * @example
 * await show(sequenceGaps(events));
 */
export function sequenceGaps(table: TableLike, options?: SequenceGapsOptions): Chart;
export function sequenceGaps(table: PushdownEventSource, options?: SequenceGapsOptions): PendingChart;
export function sequenceGaps(table: TableLike | PushdownEventSource, options: SequenceGapsOptions = {}): Chart | PendingChart {
  if (isPushdownSource(table)) {
    return new PendingChart(table.sequenceGaps({ ...(options.startAt === undefined ? {} : { startAt: options.startAt }) }).then(({ gaps, persistenceIds }) =>
      chartFromGaps(journalTable(gaps, ['persistenceId', 'partition', 'from', 'to', 'missing'], 'sequenceGaps'), persistenceIds, options)));
  }
  const gaps = sequenceGapsFromTable(table, options);
  const ids = journalTable(table, ['persistenceId'], 'sequenceGaps').groupby('persistenceId').count().numRows();
  return chartFromGaps(gaps, ids, options);
}

function chartFromGaps(gaps: ColumnTable, ids: number, options: SequenceGapsOptions): Chart {
  const top = options.top ?? defaults.top;
  if (gaps.numRows() === 0) {
    return vegaLite({
      title: 'Sequence number gaps',
      data: { values: [{ text: `No gaps in sequenceNr across ${ids.toLocaleString('en-US')} persistence ids.` }] },
      view: { stroke: null },
      mark: { type: 'text', align: 'left', fontSize: 13 },
      encoding: { text: { field: 'text', type: 'nominal' }, x: { value: 0 } },
    }, undefined, { height: 30, ...options });
  }
  const perId = gaps.groupby('persistenceId').rollup({ total: 'd => op.sum(d.missing)' }).orderby(desc('total'), 'persistenceId');
  const shownPerId = perId.slice(0, top);
  const shownIds = shownPerId.array('persistenceId') as string[];
  const shown = gaps.semijoin(shownPerId, 'persistenceId');
  const missing = gaps.rollup({ total: 'd => op.sum(d.missing)' }).get('total', 0) as number;
  const withGaps = perId.numRows();
  return vegaLite({
    title: {
      text: 'Sequence number gaps',
      subtitle: `${missing.toLocaleString('en-US')} missing in ${gaps.numRows().toLocaleString('en-US')} ranges; `
        + `${withGaps.toLocaleString('en-US')} of ${ids.toLocaleString('en-US')} persistence ids have gaps`
        + (withGaps > top ? ` (top ${top} shown)` : ''),
    },
    mark: { type: 'bar', tooltip: { content: 'data' }, minBandSize: 2 },
    encoding: {
      y: { field: 'persistenceId', type: 'nominal', title: 'persistence id', sort: shownIds },
      x: { field: 'from', type: 'quantitative', title: 'sequenceNr', scale: { zero: false } },
      x2: { field: 'end' },
      color: { value: '#d62728' },
    },
    transform: [{ calculate: 'datum.to + 1', as: 'end' }],
  }, shown, { height: null, ...options });
}
