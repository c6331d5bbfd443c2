// Arquero table → snapshot columns. The library's own compact columns (dictionary codes, epoch ms,
// JSON bytes) are copied as they are; any other column is typed from its values. Events keep their
// JSON text when they were never parsed, so saving a lazily loaded table parses nothing.
import type { ColumnTable } from 'arquero';
import { DateColumn } from '../table/date-column.js';
import { DictionaryColumn } from '../table/dictionary-column.js';
import { EventColumn, type JsonSlots } from '../table/event-column.js';
import { NullColumn } from '../table/null-column.js';
import { createSlotsWriter, nullSlots, type SnapshotColumn, type SnapshotColumns } from './snapshot-columns.js';

/** Columns stored as int64 when every value is an integer. */
export const INT64_COLUMNS: ReadonlySet<string> = new Set(['partition', 'sequenceNr', 'offset']);

interface ArqueroColumn {
  length: number;
  at(row: number): unknown;
}

/**
 * The snapshot form of `table`, in its current row order (filters and orderby applied).
 *
 * @example
 * const columns = columnsFromTable(await journal.eventTable());
 */
export function columnsFromTable(table: ColumnTable): SnapshotColumns {
  const rows = table.numRows();
  const rowOrder = table.isFiltered() || table.isOrdered() ? table.indices() : null;
  const names = table.columnNames();
  const columns: Record<string, SnapshotColumn> = {};
  for (const name of names) {
    columns[name] = snapshotColumn(name, table.column(name) as unknown as ArqueroColumn, rows, rowOrder);
  }
  return { rows, names, columns };
}

function snapshotColumn(name: string, column: ArqueroColumn, rows: number, order: Uint32Array | null): SnapshotColumn {
  const at = (i: number): number => (order === null ? i : order[i]!);
  if (column instanceof DictionaryColumn) {
    const values = column.values as readonly unknown[];
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) codes[i] = column.codes[at(i)]!;
    if (values.every((v) => typeof v === 'string')) return { kind: 'dictionary', codes, values: values as string[] };
    if (values.every(isStringList)) return { kind: 'list', codes, values: values as (readonly string[] | null)[] };
  }
  if (column instanceof DateColumn) {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = column.msAt(at(i));
    return { kind: 'timestamp', values };
  }
  if (column instanceof EventColumn) return jsonFromEventColumn(column, rows, at);
  if (column instanceof NullColumn) return { kind: 'utf8', slots: nullSlots(rows) };
  if (column instanceof Float64Array) {
    const values = order === null ? column.slice(0, rows) : gatherFloat64(column, order);
    return { kind: INT64_COLUMNS.has(name) && allIntegers(values) ? 'int64' : 'float64', values };
  }
  if (column instanceof Int32Array) {
    const values = new Int32Array(rows);
    for (let i = 0; i < rows; i++) values[i] = column[at(i)]!;
    return { kind: 'int32', values };
  }
  return columnFromValues(name, column, rows, at);
}

/** A column of other values (plain arrays, other column classes), typed by its first non-null value. */
function columnFromValues(name: string, column: ArqueroColumn, rows: number, at: (i: number) => number): SnapshotColumn {
  let sample: unknown = null;
  for (let i = 0; i < rows && (sample === null || sample === undefined); i++) sample = column.at(at(i));
  if (typeof sample === 'string' || sample === null || sample === undefined) {
    if (allOf(column, rows, at, (v) => v === null || v === undefined || typeof v === 'string')) {
      return stringColumn(column, rows, at);
    }
  } else if (sample instanceof Date) {
    if (allOf(column, rows, at, (v) => v === null || v === undefined || v instanceof Date)) {
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i++) values[i] = (column.at(at(i)) as Date | null)?.getTime() ?? NaN;
      return { kind: 'timestamp', values };
    }
  } else if (typeof sample === 'number') {
    if (allOf(column, rows, at, (v) => typeof v === 'number' || v === null || v === undefined)) {
      const values = new Float64Array(rows);
      for (let i = 0; i < rows; i++) values[i] = (column.at(at(i)) as number | null) ?? NaN;
      return { kind: INT64_COLUMNS.has(name) && allIntegers(values) ? 'int64' : 'float64', values };
    }
  } else if (sample instanceof Uint8Array) {
    if (allOf(column, rows, at, (v) => v === null || v === undefined || v instanceof Uint8Array)) {
      const out = createSlotsWriter(rows);
      for (let i = 0; i < rows; i++) out.push((column.at(at(i)) as Uint8Array | null) ?? null);
      return { kind: 'binary', slots: out.finish() };
    }
  } else if (isStringList(sample)) {
    if (allOf(column, rows, at, isStringList)) return listColumn(column, rows, at);
  }
  const out = createSlotsWriter(rows);
  for (let i = 0; i < rows; i++) out.pushString(jsonText(column.at(at(i))));
  return { kind: 'json', slots: out.finish() };
}

/** Strings: a dictionary when values repeat (ids, types), plain text when most are distinct. */
function stringColumn(column: ArqueroColumn, rows: number, at: (i: number) => number): SnapshotColumn {
  const index = new Map<string, number>();
  const values: string[] = [];
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = column.at(at(i)) as string | null | undefined;
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      if (values.length > 1000 && values.length * 2 > rows) return utf8Column(column, rows, at);
      code = values.length;
      values.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  if (values.length === 0) return { kind: 'utf8', slots: nullSlots(rows) };
  return { kind: 'dictionary', codes, values };
}

function utf8Column(column: ArqueroColumn, rows: number, at: (i: number) => number): SnapshotColumn {
  const out = createSlotsWriter(rows);
  for (let i = 0; i < rows; i++) out.pushString((column.at(at(i)) as string | null | undefined) ?? null);
  return { kind: 'utf8', slots: out.finish() };
}

function listColumn(column: ArqueroColumn, rows: number, at: (i: number) => number): SnapshotColumn {
  const index = new Map<string, number>();
  const values: (readonly string[] | null)[] = [];
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const list = (column.at(at(i)) as readonly string[] | null | undefined) ?? null;
    const key = list === null ? '\u0000null' : list.join('\u0001');
    let code = index.get(key);
    if (code === undefined) {
      code = values.length;
      values.push(list);
      index.set(key, code);
    }
    codes[i] = code;
  }
  return { kind: 'list', codes, values };
}

// EventColumn keeps its parsed values and JSON slots private to the table folder; the snapshot
// reads both so that unparsed events are copied as bytes, never parsed and stringified again.
interface EventColumnParts {
  values: unknown[] | null;
  slots: JsonSlots | null;
}

function jsonFromEventColumn(column: EventColumn, rows: number, at: (i: number) => number): SnapshotColumn {
  const { values, slots } = column as unknown as EventColumnParts;
  const out = createSlotsWriter(rows, 1 << 20);
  for (let i = 0; i < rows; i++) {
    const row = at(i);
    const value = values === null ? undefined : values[row];
    if (value === undefined && slots !== null && slots.length[row]! > 0) {
      const start = slots.start[row]!;
      out.push(slots.arena.blocks[slots.block[row]!]!.subarray(start, start + slots.length[row]!));
    } else {
      out.pushString(jsonText(value));
    }
  }
  return { kind: 'json', slots: out.finish() };
}

/** JSON text of a decoded value; bytes become base64 strings, bigints decimal strings. */
export function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, jsonReplacer) ?? null;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

function isStringList(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

function allOf(column: ArqueroColumn, rows: number, at: (i: number) => number, test: (v: unknown) => boolean): boolean {
  for (let i = 0; i < rows; i++) if (!test(column.at(at(i)))) return false;
  return true;
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v && !Number.isSafeInteger(v)) return false;
  }
  return true;
}

function gatherFloat64(column: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]!]!;
  return out;
}
