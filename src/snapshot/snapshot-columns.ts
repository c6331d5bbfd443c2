// The in-memory form of a snapshot between an Arquero table and a file: one typed, columnar value
// per column, in the shapes both Arrow IPC and Parquet store (codes + dictionary, int64 as numbers,
// epoch ms, UTF-8 bytes + offsets). Saving, loading, sorting and the refresh merge all work on it,
// so neither file format ever sees an Arquero column and no step makes an object per row.

/** Variable-length values (UTF-8 text or bytes) back to back; row i is bytes[offsets[i], offsets[i + 1]). */
export interface ByteSlots {
  bytes: Uint8Array;
  /** rows + 1 entries. */
  offsets: Int32Array;
  /** 1 = row has a value, 0 = null; null when every row has one. */
  valid: Uint8Array | null;
}

/** One column of a snapshot. */
export type SnapshotColumn =
  /** Repeated strings: row r is values[codes[r]] (-1 = null). */
  | { kind: 'dictionary'; codes: Int32Array; values: readonly string[] }
  /** Integers stored as int64 (partition, sequenceNr, offset); NaN = null. */
  | { kind: 'int64'; values: Float64Array }
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'int32'; values: Int32Array }
  /** Epoch milliseconds, stored as a UTC timestamp; NaN = null. */
  | { kind: 'timestamp'; values: Float64Array }
  /** Events as JSON text, parsed on first read when loaded. */
  | { kind: 'json'; slots: ByteSlots }
  | { kind: 'utf8'; slots: ByteSlots }
  | { kind: 'binary'; slots: ByteSlots }
  /** Lists of strings (tags): row r is values[codes[r]] (null = no list). */
  | { kind: 'list'; codes: Int32Array; values: readonly (readonly string[] | null)[] };

export type SnapshotColumnKind = SnapshotColumn['kind'];

/** A table in snapshot form: named columns of equal length, in order. */
export interface SnapshotColumns {
  rows: number;
  names: string[];
  columns: Record<string, SnapshotColumn>;
}

/** Byte slots of `rows` nulls. */
export function nullSlots(rows: number): ByteSlots {
  return { bytes: new Uint8Array(0), offsets: new Int32Array(rows + 1), valid: new Uint8Array(rows) };
}

/** Whether row `row` of `slots` has a value. */
export function hasValue(slots: ByteSlots, row: number): boolean {
  return slots.valid === null || slots.valid[row] === 1;
}

/** Grows a byte buffer while slots are appended one by one (see createSlotsWriter). */
export interface SlotsWriter {
  push(bytes: Uint8Array | null): void;
  pushString(text: string | null): void;
  finish(): ByteSlots;
}

/** Appends values to one byte buffer, doubling it when full; `rows` is the final row count. */
export function createSlotsWriter(rows: number, initialBytes = 1 << 16): SlotsWriter {
  let bytes = Buffer.allocUnsafe(initialBytes);
  let used = 0;
  let row = 0;
  const offsets = new Int32Array(rows + 1);
  let valid: Uint8Array | null = null;
  const reserve = (n: number): void => {
    if (used + n <= bytes.length) return;
    let size = bytes.length * 2;
    while (size < used + n) size *= 2;
    if (size > 0x7fffffff) throw new RangeError(`a text column above 2 GiB cannot be stored (${used + n} bytes)`);
    const grown = Buffer.allocUnsafe(size);
    grown.set(bytes.subarray(0, used));
    bytes = grown;
  };
  const markNull = (): void => {
    if (valid === null) valid = new Uint8Array(rows).fill(1);
    valid[row] = 0;
  };
  return {
    push(value) {
      if (value === null) markNull();
      else {
        reserve(value.length);
        bytes.set(value, used);
        used += value.length;
      }
      offsets[++row] = used;
    },
    pushString(text) {
      if (text === null) markNull();
      else {
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        reserve(text.length * 3);
        used += bytes.write(text, used, 'utf8');
      }
      offsets[++row] = used;
    },
    finish() {
      return { bytes: bytes.subarray(0, used), offsets, valid };
    },
  };
}
