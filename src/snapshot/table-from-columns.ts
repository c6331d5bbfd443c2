// Snapshot columns → Arquero table, in the same compact column classes a Cassandra load makes:
// dictionary codes, epoch ms behind Dates, JSON events kept as bytes and parsed on first read.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { DateColumn } from '../table/date-column.js';
import { DictionaryColumn } from '../table/dictionary-column.js';
import { EventColumn, JsonArena } from '../table/event-column.js';
import { NullColumn } from '../table/null-column.js';
import { hasValue, type ByteSlots, type SnapshotColumn, type SnapshotColumns } from './snapshot-columns.js';

type TableColumn = unknown[] | Float64Array | Int32Array | DateColumn | EventColumn | NullColumn | DictionaryColumn<unknown>;

/**
 * The Arquero table of snapshot columns. The byte buffers are shared, not copied.
 *
 * @example
 * const t = tableFromColumns(await readSnapshotFile('journal.arrow'));
 */
export function tableFromColumns(snapshot: SnapshotColumns): ColumnTable {
  const columns: Record<string, TableColumn> = {};
  for (const name of snapshot.names) columns[name] = tableColumn(snapshot.columns[name]!, snapshot.rows);
  return aq.table(columns as Parameters<typeof aq.table>[0]);
}

function tableColumn(column: SnapshotColumn, rows: number): TableColumn {
  switch (column.kind) {
    case 'dictionary':
      return dictionaryColumn<string>(column.codes, column.values);
    case 'list':
      return dictionaryColumn<readonly string[] | null>(column.codes, column.values);
    case 'int64':
    case 'float64':
    case 'int32':
      return column.values;
    case 'timestamp':
      return new DateColumn(column.values);
    case 'json':
      return eventColumn(column.slots, rows);
    case 'utf8':
      return column.slots.valid !== null && !column.slots.valid.includes(1) ? new NullColumn(rows) : textColumn(column.slots, rows);
    case 'binary':
      return binaryColumn(column.slots, rows);
  }
}

/** Codes of -1 (nulls) point at an extra null value at the end of the dictionary. */
function dictionaryColumn<T>(codes: Int32Array, values: readonly T[]): DictionaryColumn<T | null> {
  if (!codes.includes(-1)) return new DictionaryColumn<T | null>(codes, values);
  const nullCode = values.length;
  const fixed = codes.slice();
  for (let i = 0; i < fixed.length; i++) if (fixed[i] === -1) fixed[i] = nullCode;
  return new DictionaryColumn<T | null>(fixed, [...values, null]);
}

function eventColumn(slots: ByteSlots, rows: number): EventColumn {
  const arena = new JsonArena();
  const bytes = slots.bytes;
  arena.blocks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const start = slots.offsets.subarray(0, rows);
  const length = new Int32Array(rows);
  const offsets = slots.offsets;
  for (let i = 0; i < rows; i++) length[i] = offsets[i + 1]! - offsets[i]!;
  // A null event has no bytes; a value of null (not undefined) makes the column read it as null.
  let values: unknown[] | null = null;
  if (slots.valid !== null) {
    for (let i = 0; i < rows; i++) {
      if (slots.valid[i] === 0) (values ??= new Array<unknown>(rows))[i] = null;
    }
  }
  return new EventColumn(values, { arena, block: new Int32Array(rows), start, length }, rows);
}

function textColumn(slots: ByteSlots, rows: number): (string | null)[] {
  const out = new Array<string | null>(rows);
  const buf = Buffer.from(slots.bytes.buffer, slots.bytes.byteOffset, slots.bytes.byteLength);
  for (let i = 0; i < rows; i++) out[i] = hasValue(slots, i) ? buf.toString('utf8', slots.offsets[i], slots.offsets[i + 1]) : null;
  return out;
}

function binaryColumn(slots: ByteSlots, rows: number): (Uint8Array | null)[] {
  const out = new Array<Uint8Array | null>(rows);
  for (let i = 0; i < rows; i++) out[i] = hasValue(slots, i) ? slots.bytes.slice(slots.offsets[i], slots.offsets[i + 1]) : null;
  return out;
}
