// Duck-typed table test: a table from the notebook's own copy of arquero is not an instance of ours.
import type { TableLike } from '../types.js';

/**
 * True when `x` looks like an Arquero table (numRows, columnNames, column, indices, isFiltered).
 *
 * @example
 * isTable(aq.table({ a: [1] })); // true
 */
export function isTable(x: unknown): x is TableLike {
  if (x === null || typeof x !== 'object') return false;
  const t = x as Record<string, unknown>;
  return typeof t.numRows === 'function' && typeof t.columnNames === 'function' && typeof t.column === 'function'
    && typeof t.indices === 'function' && typeof t.isFiltered === 'function';
}
