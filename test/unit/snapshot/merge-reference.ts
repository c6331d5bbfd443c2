// The refresh's merge as it was before refresh-merge.ts: append the new rows, sort the key, gather every
// column. Kept here, out of the package, as the reference the merge is tested against.
import { asKind, commonKind, keyOrder, mergeDictionaries, takeRows } from '../../../src/snapshot/column-ops.js';
import type { ByteSlots, SnapshotColumn, SnapshotColumns } from '../../../src/snapshot/snapshot-columns.js';

/** The rows of `a` followed by those of `b`; columns missing on one side are null there. */
export function appendRows(a: SnapshotColumns, b: SnapshotColumns): SnapshotColumns {
  // An empty side has no say in the kinds (its columns were typed from no values).
  if (b.rows === 0) return a;
  if (a.rows === 0 && a.names.length === b.names.length && b.names.every((n) => a.names.includes(n))) return { ...b, names: [...a.names] };
  const names = [...a.names, ...b.names.filter((n) => !a.names.includes(n))];
  const columns: Record<string, SnapshotColumn> = {};
  for (const name of names) {
    const left = a.columns[name];
    const right = b.columns[name];
    const kind = commonKind(left, right);
    columns[name] = appendColumn(asKind(left, kind, a.rows), asKind(right, kind, b.rows));
  }
  return { rows: a.rows + b.rows, names, columns };
}

function appendColumn(a: SnapshotColumn, b: SnapshotColumn): SnapshotColumn {
  switch (a.kind) {
    case 'dictionary':
    case 'list': {
      const other = b as typeof a;
      const { values, remap } = mergeDictionaries(a, other);
      const codes = new Int32Array(a.codes.length + other.codes.length);
      codes.set(a.codes);
      for (let i = 0; i < other.codes.length; i++) {
        const c = other.codes[i]!;
        codes[a.codes.length + i] = c === -1 ? -1 : remap[c]!;
      }
      return a.kind === 'dictionary'
        ? { kind: 'dictionary', codes, values: values as string[] }
        : { kind: 'list', codes, values: values as (readonly string[] | null)[] };
    }
    case 'int64':
    case 'float64':
    case 'timestamp': {
      const other = b as typeof a;
      const values = new Float64Array(a.values.length + other.values.length);
      values.set(a.values);
      values.set(other.values, a.values.length);
      return { kind: a.kind, values };
    }
    case 'int32': {
      const other = b as typeof a;
      const values = new Int32Array(a.values.length + other.values.length);
      values.set(a.values);
      values.set(other.values, a.values.length);
      return { kind: 'int32', values };
    }
    case 'json':
    case 'utf8':
    case 'binary':
      return { kind: a.kind, slots: appendSlots(a.slots, (b as typeof a).slots) };
  }
}

function appendSlots(a: ByteSlots, b: ByteSlots): ByteSlots {
  const na = a.offsets.length - 1;
  const nb = b.offsets.length - 1;
  const bytes = new Uint8Array(a.bytes.length + b.bytes.length);
  bytes.set(a.bytes);
  bytes.set(b.bytes, a.bytes.length);
  const offsets = new Int32Array(na + nb + 1);
  offsets.set(a.offsets);
  const shift = a.offsets[na]!;
  for (let i = 1; i <= nb; i++) offsets[na + i] = shift + b.offsets[i]! - b.offsets[0]!;
  let valid: Uint8Array | null = null;
  if (a.valid !== null || b.valid !== null) {
    valid = new Uint8Array(na + nb).fill(1);
    if (a.valid !== null) valid.set(a.valid);
    if (b.valid !== null) valid.set(b.valid, na);
  }
  return { bytes, offsets, valid };
}

/**
 * The key order of `merged` = a key-ordered snapshot's rows followed by new rows from `freshStart`
 * on, keeping only the snapshot rows in `keep` (ascending, hence in key order): the new rows are
 * sorted and merged in, one pass.
 */
export function keyOrderMerged(merged: SnapshotColumns, keep: Int32Array, freshStart: number): Int32Array {
  const n = merged.rows - freshStart;
  const rows = new Int32Array(keep.length + n);
  rows.set(keep);
  for (let i = 0; i < n; i++) rows[keep.length + i] = freshStart + i;
  const order = keyOrder(takeRowsOf(merged, ['persistenceId', 'partition', 'sequenceNr', 'timestamp'], rows), keep.length);
  for (let i = 0; i < order.length; i++) order[i] = rows[order[i]!]!;
  return order;
}

function takeRowsOf(snapshot: SnapshotColumns, names: string[], rows: Int32Array): SnapshotColumns {
  const present = names.filter((n) => snapshot.columns[n] !== undefined);
  return takeRows({ rows: snapshot.rows, names: present, columns: snapshot.columns }, rows);
}
