// What the journal chart helpers share: column checks and a table of this library's arquero.
import { ColumnTable, table as aqTable } from 'arquero';
import { OptionError } from '../../errors.js';
import type { TableLike } from '../../types.js';

/**
 * `table` as a ColumnTable of this library's arquero, with only `columns`, after checking they exist.
 * A table from another copy of arquero (a notebook's own) is rebuilt from its columns (filter and
 * order applied), since arquero's verbs only accept their own class.
 *
 * @example
 * const t = journalTable(events, ['timestamp', 'eventType'], 'eventsOverTime');
 */
export function journalTable(table: TableLike, columns: string[], caller: string): ColumnTable {
  const names = table.columnNames();
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new OptionError('table',
      `${caller} needs the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `'${c}'`).join(', ')} of a journal table; `
      + `the table has ${names.map((c) => `'${c}'`).join(', ') || 'no columns'}.`,
      { hint: 'Pass a table loaded by this library, or rename your columns (table.rename({ ts: \'timestamp\' })).' });
  }
  if (table instanceof ColumnTable) return table.select(columns);
  const index = table.indices(true);
  const n = index.length;
  const data: Record<string, unknown[]> = {};
  for (const name of columns) {
    const column = table.column(name)!;
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; ++i) values[i] = column.at(index[i]);
    data[name] = values;
  }
  return aqTable(data);
}

/** Epoch ms of a timestamp cell (Date, number or ISO string); NaN when absent or invalid. */
export function msFromTimestamp(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Date.parse(value);
  return NaN;
}

/**
 * The simple class name of an event type: `com.example.cart.ShoppingCart$ItemAdded` → `ItemAdded`
 * (a Jackson `#version` suffix is dropped too), so axis labels stay readable.
 *
 * @example
 * shortTypeName('com.example.cart.ShoppingCart$ItemAdded#2') // 'ItemAdded'
 */
export function shortTypeName(type: string): string {
  const hash = type.indexOf('#');
  const name = hash >= 0 ? type.slice(0, hash) : type;
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
  return cut >= 0 && cut < name.length - 1 ? name.slice(cut + 1) : name;
}
