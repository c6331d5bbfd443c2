// The public entry to charts: any Vega-Lite spec, optionally filled from an Arquero table or an
// array of plain objects.
import { OptionError } from '../errors.js';
import type { TableLike } from '../types.js';
import { isPlainObject, tableFromRows } from '../util/table-from-rows.js';
import { Chart } from './Chart.js';
import { specFromTable, type ChartOptions, type VegaLiteSpec } from './spec-from-table.js';

/** What `vegaLite` takes as data: an Arquero table, or an array of plain objects (one row each). */
export type ChartData = TableLike | readonly Record<string, unknown>[];

/**
 * A chart from any Vega-Lite spec. With `data` (an Arquero table or an array of objects), its
 * rows become `data.values` (Dates as ISO strings, bigints as numbers); `$schema` is set to v5;
 * everything else passes through. Throws `MaxRowsError` above `options.maxRows` rows (default
 * 5000): aggregate first, or raise it.
 *
 * @example
 * const chart = vegaLite({
 *   mark: 'bar',
 *   encoding: { x: { field: 'eventType', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } },
 * }, events.select('eventType'));
 * await show(chart);
 * await show(vegaLite({ mark: 'bar', encoding: { x: { field: 'k' }, y: { field: 'n' } } }, [{ k: 'a', n: 1 }]));
 */
export function vegaLite(spec: VegaLiteSpec, data?: ChartData, options?: ChartOptions): Chart {
  return new Chart(specFromTable(spec, maybeChartData(data), options));
}

/**
 * `data` as a table: arrays of plain objects become a table view; anything else that is not an
 * Arquero table is an OptionError naming what it got.
 *
 * @example
 * maybeChartData([{ k: 'a' }]).numRows(); // 1
 */
export function maybeChartData(data: ChartData | undefined): TableLike | undefined {
  if (data === undefined || data === null) return undefined;
  if (Array.isArray(data)) {
    const bad = data.findIndex((row) => !isPlainObject(row));
    if (bad >= 0) {
      throw new OptionError('data', `vegaLite's data is an array, but element ${bad} is ${describe(data[bad])}, not an object with one field per column.`, {
        hint: "Pass an array of objects like [{ eventType: 'A', count: 3 }], or an Arquero table (aq.from(...)).",
      });
    }
    return tableFromRows(data as readonly Record<string, unknown>[], Infinity);
  }
  const t = data as Partial<TableLike>;
  if (typeof t === 'object' && typeof t.numRows === 'function' && typeof t.columnNames === 'function' && typeof t.column === 'function') {
    return data as TableLike;
  }
  throw new OptionError('data', `vegaLite's data must be an Arquero table or an array of objects, got ${describe(data)}.`, {
    hint: 'Pass a table (events.groupby(...).count()) or an array of objects; or put the data into the spec as data: { values: [...] } and pass no second argument.',
  });
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return `a ${(x as object).constructor?.name ?? 'object'}`;
  return `${typeof x} ${JSON.stringify(x)?.slice(0, 40) ?? String(x)}`;
}
