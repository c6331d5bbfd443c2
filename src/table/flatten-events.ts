import type { ColumnTable } from 'arquero';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Date);
}

/**
 * Spreads the fields of object events (JSON, CBOR, Java objects) into columns of their own, one per
 * field name seen in any event; a row whose event lacks the field gets undefined. A field named like
 * an existing column becomes `event.<name>`. The `event` column stays.
 *
 * @example
 * flattenEvents(table).select('persistenceId', 'itemId', 'quantity')
 */
export function flattenEvents<T extends ColumnTable>(table: T): T {
  const events = table.array('event') as unknown[];
  const n = events.length;
  const fields = new Map<string, unknown[]>();
  const existing = new Set(table.columnNames());
  for (let i = 0; i < n; i++) {
    const event = events[i];
    if (!isRecord(event)) continue;
    for (const key in event) {
      let column = fields.get(key);
      if (column === undefined) {
        column = new Array<unknown>(n).fill(undefined);
        fields.set(key, column);
      }
      column[i] = event[key];
    }
  }
  if (fields.size === 0) return table;
  const added: Record<string, unknown[]> = {};
  for (const [key, values] of fields) added[existing.has(key) ? `event.${key}` : key] = values;
  return table.assign(added) as T;
}
