// The public entry to charts: any Vega-Lite spec, optionally filled from an Arquero table.
import type { TableLike } from '../types.js';
import { Chart } from './Chart.js';
import { specFromTable, type ChartOptions, type VegaLiteSpec } from './spec-from-table.js';

/**
 * A chart from any Vega-Lite spec. With `table`, its rows become `data.values` (Dates as ISO
 * strings, bigints as numbers); `$schema` is set to v5; everything else passes through.
 * Throws `MaxRowsError` above `options.maxRows` rows (default 5000): aggregate first, or raise it.
 *
 * @example
 * const chart = vegaLite({
 *   mark: 'bar',
 *   encoding: { x: { field: 'eventType', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } },
 * }, events.select('eventType'));
 * await show(chart);
 */
export function vegaLite(spec: VegaLiteSpec, table?: TableLike, options?: ChartOptions): Chart {
  return new Chart(specFromTable(spec, table, options));
}
