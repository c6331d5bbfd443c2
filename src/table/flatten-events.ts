import type { ColumnTable } from 'arquero';
import { warn } from '../util/warn.js';

export const flattenDefaults = {
  /**
   * Field names made into columns at most. Each column holds a slot per row, so events with many
   * distinct keys (a map keyed by ids, or hostile ones) would otherwise need keys × rows slots.
   */
  maxColumns: 1000,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Date);
}

/**
 * Spreads the fields of object events (JSON, CBOR, Java objects) into columns of their own, one per
 * field name seen in any event; a row whose event lacks the field gets undefined. A field named like
 * an existing column becomes `event.<name>`. The `event` column stays. At most 1000 field names
 * become columns (the first seen); further ones stay only in `event`, with a warning.
 *
 * @example
 * flattenEvents(table).select('persistenceId', 'itemId', 'quantity')
 */
export function flattenEvents<T extends ColumnTable>(table: T): T {
  const events = table.array('event') as unknown[];
  const n = events.length;
  const fields = new Map<string, unknown[]>();
  const existing = new Set(table.columnNames());
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const event = events[i];
    if (!isRecord(event)) continue;
    for (const key in event) {
      let column = fields.get(key);
      if (column === undefined) {
        if (fields.size >= flattenDefaults.maxColumns) { skipped++; continue; }
        column = new Array<unknown>(n).fill(undefined);
        fields.set(key, column);
      }
      column[i] = event[key];
    }
  }
  if (skipped > 0) {
    warn(`flattenEvents: the events have more than ${flattenDefaults.maxColumns} distinct field names; only the first ${flattenDefaults.maxColumns} became columns, the others stay in the event column.`, 'flatten:maxColumns');
  }
  if (fields.size === 0) return table;
  const added: Record<string, unknown[]> = {};
  for (const [key, values] of fields) added[existing.has(key) ? `event.${key}` : key] = values;
  return table.assign(added) as T;
}
