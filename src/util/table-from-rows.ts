// Plain values → a TableLike view for display, without copying: an array of objects (one row
// per object, columns = keys of the first rows), an object of equal-length arrays (one column
// per key, as `aq.table` reads it), or any other plain object (two columns: key, value).
// Shared by the display layer (show) and charts (vegaLite(spec, array)).
import type { TableLike } from '../types.js';

export const defaults = {
  /** Rows whose keys make the columns of an array of objects (a key first seen later is not shown). */
  keyScanRows: 1000,
} as const;

/**
 * True for `{}`-style objects (prototype Object or null): not arrays, Dates, Maps, class instances.
 *
 * @example
 * isPlainObject({ a: 1 }); // true
 */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * True for a non-empty array whose elements (the first 1000 looked at) are all plain objects.
 *
 * @example
 * isRowArray([{ a: 1 }, { a: 2 }]); // true
 */
export function isRowArray(x: unknown): x is Record<string, unknown>[] {
  if (!Array.isArray(x) || x.length === 0) return false;
  const n = Math.min(x.length, defaults.keyScanRows);
  for (let i = 0; i < n; ++i) if (!isPlainObject(x[i])) return false;
  return true;
}

/**
 * A table view of an array of objects: one row per object, the columns in first-seen key order
 * over the first `keyScanRows` rows (default 1000; charts pass Infinity).
 *
 * @example
 * bundleFromTable(tableFromRows([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]));
 */
export function tableFromRows(rows: readonly Record<string, unknown>[], keyScanRows: number = defaults.keyScanRows): TableLike {
  const names = new Set<string>();
  const n = Math.min(rows.length, keyScanRows);
  for (let i = 0; i < n; ++i) for (const k of Object.keys(rows[i] ?? {})) names.add(k);
  const columns = new Map<string, { length: number; at(row: number): unknown }>();
  for (const name of names) columns.set(name, { length: rows.length, at: (row) => rows[row]?.[name] });
  return view([...names], columns, rows.length);
}

/**
 * A table view of a plain object: its columns when every value is an array of one length,
 * else one row per key (`key`, `value`).
 *
 * @example
 * tableFromObject({ rows: 3, undecodable: 0 }); // key | value, 2 rows
 * tableFromObject({ a: [1, 2], b: ['x', 'y'] }); // a | b, 2 rows
 */
export function tableFromObject(object: Record<string, unknown>): TableLike {
  const keys = Object.keys(object);
  const values = keys.map((k) => object[k]);
  const length = Array.isArray(values[0]) || ArrayBuffer.isView(values[0]) ? (values[0] as ArrayLike<unknown>).length : -1;
  const columnar = keys.length > 0 && length >= 0
    && values.every((v) => (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) && (v as ArrayLike<unknown>).length === length);
  const columns = new Map<string, { length: number; at(row: number): unknown }>();
  if (columnar) {
    keys.forEach((k, j) => {
      const column = values[j] as ArrayLike<unknown>;
      columns.set(k, { length, at: (row) => column[row] });
    });
    return view(keys, columns, length);
  }
  columns.set('key', { length: keys.length, at: (row) => keys[row] });
  columns.set('value', { length: keys.length, at: (row) => values[row] });
  return view(['key', 'value'], columns, keys.length);
}

function view(names: string[], columns: Map<string, { length: number; at(row: number): unknown }>, rows: number): TableLike {
  return {
    numRows: () => rows,
    columnNames: () => names,
    column: (name) => columns.get(name),
    isFiltered: () => false,
    isOrdered: () => false,
    indices: () => Uint32Array.from({ length: rows }, (_, i) => i),
  };
}
