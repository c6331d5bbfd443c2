// Any Vega-Lite spec + an Arquero table → the final v5 spec with the rows inlined.
// Everything but `data` and `$schema` passes through untouched, so layers, facets, concats,
// transforms and params work as Vega-Lite defines them.
import { MaxRowsError, OptionError } from '../errors.js';
import type { TableLike } from '../types.js';
import { valuesFromTable } from './values-from-table.js';

/**
 * A Vega-Lite spec as a plain object (vega-lite's own `TopLevelSpec` type cannot be read by
 * the TypeScript 5.0 bundled with tslab, so specs are typed loosely here).
 */
export interface VegaLiteSpec {
  $schema?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Options of `vegaLite` and of the journal chart helpers. */
export interface ChartOptions {
  /** Most rows inlined into the spec before `MaxRowsError` (Altair's limit). Default 5000; `Infinity` turns it off. */
  maxRows?: number;
  /** Width in pixels given to single-view and layer specs that set none; null leaves Vega-Lite's. Default 400. */
  width?: number | null;
  /** Height in pixels, same rule as `width`. Default 250. */
  height?: number | null;
}

export const defaults = {
  maxRows: 5000,
  width: 400,
  height: 250,
} satisfies Required<ChartOptions>;

/** The schema the notebook front ends render (JupyterLab 4, Notebook 7, VS Code take v3–v5, not v6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * The final spec: `spec` with `$schema` v5, the table's rows as `data.values` (when a table is
 * given; it replaces any `data` of the spec), and default width/height on single views.
 * Throws `MaxRowsError` when more than `maxRows` rows would be inlined.
 *
 * @example
 * specFromTable({ mark: 'bar', encoding: { x: { field: 'k' }, y: { aggregate: 'count' } } }, table);
 */
export function specFromTable(spec: VegaLiteSpec, table?: TableLike, options: ChartOptions = {}): VegaLiteSpec {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new OptionError('spec', `A Vega-Lite spec must be an object, got ${Array.isArray(spec) ? 'an array' : String(spec)}.`);
  }
  const maxRows = maybeMaxRows(options.maxRows);
  const out: VegaLiteSpec = { $schema: VEGA_LITE_SCHEMA, ...spec };
  out.$schema = VEGA_LITE_SCHEMA;
  if (table) {
    checkRows(table.numRows(), maxRows);
    out.data = { values: valuesFromTable(table) };
  } else if (spec.data && Array.isArray(spec.data.values)) {
    checkRows(spec.data.values.length, maxRows);
  }
  if ('mark' in spec || 'layer' in spec) {
    const width = options.width === undefined ? defaults.width : options.width;
    const height = options.height === undefined ? defaults.height : options.height;
    if (width !== null && out.width === undefined) out.width = width;
    if (height !== null && out.height === undefined) out.height = height;
  }
  return out;
}

function maybeMaxRows(maxRows: number | undefined): number {
  if (maxRows === undefined) return defaults.maxRows;
  if (typeof maxRows !== 'number' || Number.isNaN(maxRows) || maxRows < 0) {
    throw new OptionError('maxRows', `maxRows must be a number ≥ 0 or Infinity, got ${String(maxRows)}.`);
  }
  return maxRows;
}

function checkRows(rows: number, maxRows: number): void {
  if (rows <= maxRows) return;
  throw new MaxRowsError(rows, maxRows,
    `The chart would inline ${rows.toLocaleString('en-US')} rows, more than maxRows = ${maxRows.toLocaleString('en-US')}; `
    + 'every row is stored in the notebook and sent to the browser.',
    {
      hint: 'Aggregate first (e.g. table.groupby(\'eventType\').count(), or the helpers eventsOverTime, eventsPerType, '
        + 'eventsPerPersistenceId, which aggregate), or raise the limit with { maxRows: N } or { maxRows: Infinity }.',
    });
}
