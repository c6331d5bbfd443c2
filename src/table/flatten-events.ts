import type { ColumnTable } from 'arquero';
import { warn } from '../util/warn.js';
import { attachLoadStats, loadStats } from './load-stats.js';
import { DictionaryColumn } from './dictionary-column.js';
import { EventColumn, parseEventJson } from './event-column.js';
import { JsonObjectFields } from './json-object-fields.js';

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

/** The field columns of one pass: an array of `rows` slots per field name, in the order first seen. */
class FieldColumns {
  readonly columns = new Map<string, unknown[]>();
  skipped = 0;

  constructor(private readonly rows: number) {}

  /** The column of `key`, made on first sight; null once `maxColumns` columns exist. */
  column(key: string): unknown[] | null {
    let column = this.columns.get(key);
    if (column === undefined) {
      if (this.columns.size >= flattenDefaults.maxColumns) {
        this.skipped++;
        return null;
      }
      column = new Array<unknown>(this.rows).fill(undefined);
      this.columns.set(key, column);
    }
    return column;
  }

  /** Row `i` from a decoded event: its own enumerable fields, in their order (non-objects add none). */
  addEvent(event: unknown, i: number): void {
    if (!isRecord(event)) return;
    for (const key in event) {
      const column = this.column(key);
      if (column !== null) column[i] = event[key];
    }
  }
}

/**
 * The rows of an EventColumn: each row still held as JSON bytes is scanned field by field into the
 * columns (json-object-fields.ts), with no event object made and nothing cached in the column; a
 * row already parsed or decoded, or bytes that are not one plain JSON object, go the object way.
 */
function addEventColumn(column: EventColumn, index: Uint32Array | null, n: number, fields: FieldColumns): void {
  const { values, slots } = column.storage;
  if (slots === null) {
    for (let i = 0; i < n; i++) fields.addEvent(values?.[index === null ? i : index[i]!], i);
    return;
  }
  const scanner = new JsonObjectFields();
  const blocks = slots.arena.blocks;
  const { block, start, length } = slots;
  const keys = scanner.keys;
  const fieldValues = scanner.values;
  const keySlots = scanner.keySlots;
  const slotKeys: (string | undefined)[] = [];
  const slotColumns: (unknown[] | null)[] = [];
  for (let i = 0; i < n; i++) {
    const row = index === null ? i : index[i]!;
    const value = values === null ? undefined : values[row];
    const size = length[row]!;
    if (value !== undefined || size === 0) {
      fields.addEvent(value, i);
      continue;
    }
    const bytes = blocks[block[row]!]!;
    const from = start[row]!;
    let isObject: boolean;
    try {
      isObject = scanner.scan(bytes, from, from + size);
    } catch {
      isObject = false; // a string too long for the engine, say: the object way decides
    }
    if (!isObject) {
      fields.addEvent(parseEventJson(bytes, from, from + size), i); // as EventColumn.at reads it, not kept
      continue;
    }
    const count = scanner.count;
    for (let f = 0; f < count; f++) {
      // a key's column is kept by the scanner's cache slot of the key (the same string while the
      // slot holds it): no Map lookup per field
      const key = keys[f]!;
      const slot = keySlots[f]!;
      let target: unknown[] | null;
      if (slot >= 0 && slotKeys[slot] === key) {
        target = slotColumns[slot]!;
      } else {
        target = fields.column(key);
        if (slot >= 0) {
          slotKeys[slot] = key;
          slotColumns[slot] = target;
        }
      }
      if (target !== null) target[i] = fieldValues[f];
    }
  }
  scanner.clear();
}

/**
 * Spreads the fields of object events (JSON, CBOR, Java objects) into columns of their own, one per
 * field name seen in any event; a row whose event lacks the field gets undefined. A field named like
 * an existing column becomes `event.<name>`, and so does a field named `__proto__` (Arquero keeps
 * columns in plain objects, where that name cannot be a column). The `event` column stays. At most
 * 1000 field names become columns (the first seen); further ones stay only in `event`, with a warning.
 * The load statistics of the input stay reachable through `loadStats` of the result.
 *
 * Events still held as JSON text (after `eventTable` or `loadTable`, before anything read them) are
 * read field by field from their bytes: no event object is made for them and the `event` column
 * keeps them unparsed, so this costs about what Spark's `from_json` does, not a parse of every
 * event. The columns equal those the parsed events would give, value for value.
 *
 * @example
 * flattenEvents(table).select('persistenceId', 'itemId', 'quantity')
 */
export function flattenEvents<T extends ColumnTable>(table: T): T {
  const n = table.numRows();
  const fields = new FieldColumns(n);
  const column = table.column('event') as unknown;
  if (column instanceof EventColumn) {
    addEventColumn(column, table.isFiltered() || table.isOrdered() ? table.indices() : null, n, fields);
  } else {
    const events = table.array('event') as unknown[];
    for (let i = 0; i < n; i++) fields.addEvent(events[i], i);
  }
  if (fields.skipped > 0) {
    warn(`flattenEvents: the events have more than ${flattenDefaults.maxColumns} distinct field names; only the first ${flattenDefaults.maxColumns} became columns, the others stay in the event column.`, 'flatten:maxColumns');
  }
  if (fields.columns.size === 0) return table;
  const existing = new Set(table.columnNames());
  const added: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const [key, values] of fields.columns) added[existing.has(key) || key === '__proto__' ? `event.${key}` : key] = values;
  const base = column instanceof EventColumn && (table.isFiltered() || table.isOrdered()) && !table.isGrouped()
    ? rowsTaken(table, table.indices())
    : table;
  const flat = base.assign(added) as T;
  const stats = loadStats(table);
  if (stats) attachLoadStats(flat, stats);
  return flat;
}

/**
 * `table` reduced to `rows`. Event and dictionary columns are taken as columns of their own; the
 * others go through Arquero's reify, which would read (so parse) every event into a plain array.
 */
function rowsTaken<T extends ColumnTable>(table: T, rows: Uint32Array): T {
  const names = table.columnNames();
  const takesOwn = (column: unknown): column is EventColumn | DictionaryColumn<unknown> =>
    column instanceof EventColumn || column instanceof DictionaryColumn;
  const others = table.select(names.filter((name) => !takesOwn(table.column(name)))).reify(rows as unknown as number[]);
  const data: Record<string, unknown> = {};
  for (const name of names) {
    const column = table.column(name) as unknown;
    data[name] = takesOwn(column) ? column.subset(rows) : others.column(name);
  }
  // null drops the filter, order and groups (undefined would keep them); Arquero's types omit null
  return table.create({ data: data as never, names, filter: null as never, order: null as never, groups: null as never });
}
