// Snapshot columns ↔ Arrow IPC (the file format, `.arrow`), through flechette, the Arrow library
// Arquero itself uses. Batches are made straight from the typed arrays (no value-by-value builder):
// int64 words are written from the Float64 values without BigInt, dictionary codes are the Int32
// keys as they are, and text goes in as its UTF-8 bytes. Reading hands back views of the file's
// own buffer: the JSON of a million events is not copied. One record batch holds every row.
import {
  Column, Table, TimeUnit, Type, batchType, binary, dictionary, field, float64, int32, int64, list, tableFromIPC, tableToIPC,
  timestamp, utf8, type Batch, type DataType, type Field,
} from '@uwdata/flechette';
import type { ByteSlots, SnapshotColumn, SnapshotColumns } from './snapshot-columns.js';

/**
 * Arrow IPC bytes (file format) of `snapshot` as the list of buffers they are made of, in order:
 * message headers, padding, and each column's buffers, which are views of the columns' own typed
 * arrays (the JSON text of a million events is not copied). A file is written from the list with
 * writev (see docs/snapshots.md, "Writing"); `metadata` is the schema's key-value metadata.
 */
export function arrowChunksFromColumns(snapshot: SnapshotColumns, metadata: ReadonlyMap<string, string>, format: 'file' | 'stream' = 'file'): Uint8Array[] {
  const fields: Field[] = [];
  const children: Column<unknown>[] = [];
  for (const name of snapshot.names) {
    const column = snapshot.columns[name]!;
    const batch = batchOf(column, snapshot.rows);
    fields.push(field(name, batch.type, true));
    children.push(new Column([batch], batch.type));
  }
  const table = new Table({ version: 4 as never, endianness: 0 as never, fields, metadata: new Map(metadata) }, children);
  const sink = new ChunkSink();
  tableToIPC(table, { format, sink });
  return sink.chunks;
}

/** Arrow IPC bytes (file format) of `snapshot` in one buffer, with `metadata` as the schema's key-value metadata. */
export function arrowFromColumns(snapshot: SnapshotColumns, metadata: ReadonlyMap<string, string>, format: 'file' | 'stream' = 'file'): Uint8Array {
  const chunks = arrowChunksFromColumns(snapshot, metadata, format);
  const bytes = new Uint8Array(byteLengthOf(chunks));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The total length of `chunks`. */
export function byteLengthOf(chunks: readonly Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}

/** The Arrow schema of `snapshot` as an IPC stream with no rows (what Parquet's ARROW:schema holds). */
export function arrowSchemaFromColumns(snapshot: SnapshotColumns, metadata: ReadonlyMap<string, string> = new Map()): Uint8Array {
  const empty: SnapshotColumns = { rows: 0, names: snapshot.names, columns: {} };
  for (const name of snapshot.names) empty.columns[name] = emptyLike(snapshot.columns[name]!);
  return arrowFromColumns(empty, metadata, 'stream');
}

/**
 * Columns and key-value metadata of Arrow IPC bytes written by arrowFromColumns. With `ownBytes`
 * (the caller does not use `bytes` afterwards: a file just read), int64 and timestamp columns become
 * doubles in place, in the bytes' own memory, instead of in new arrays (24 MB less at 1M rows).
 * The event loop gets a turn after each column: a refresh decodes its file while Cassandra scans,
 * and the scan's next pages are asked for only when the loop runs.
 */
export async function columnsFromArrow(bytes: Uint8Array, { ownBytes = false }: { ownBytes?: boolean } = {}): Promise<{ snapshot: SnapshotColumns; metadata: Map<string, string> }> {
  const table = tableFromIPC(bytes, { useBigInt: true, useBigIntTimestamp: true });
  const rows = table.numRows;
  const names: string[] = [];
  const columns: Record<string, SnapshotColumn> = {};
  for (const f of table.schema.fields) {
    await new Promise((resolve) => setImmediate(resolve));
    const column = table.getChild(f.name);
    names.push(f.name);
    columns[f.name] = snapshotColumn(column.data as readonly Batch<unknown>[], f.type, rows, ownBytes);
  }
  return { snapshot: { rows, names, columns }, metadata: new Map(table.schema.metadata ?? []) };
}

// ---------------------------------------------------------------- write

const ZEROS = new Uint8Array(64);

/** A flechette sink that keeps the buffers it is given (no concatenation); padding shares one zero buffer. */
class ChunkSink {
  readonly chunks: Uint8Array[] = [];
  write(bytes: Uint8Array): void {
    if (bytes.byteLength > 0) this.chunks.push(bytes);
  }
  pad(byteCount: number): void {
    if (byteCount > 0) this.chunks.push(byteCount <= ZEROS.length ? ZEROS.subarray(0, byteCount) : new Uint8Array(byteCount));
  }
  finish(): null {
    return null;
  }
}

interface BatchParts {
  length: number;
  nullCount: number;
  type: DataType;
  validity: Uint8Array;
  values?: ArrayBufferView;
  offsets?: Int32Array;
  children?: Batch<unknown>[];
}

function makeBatch(parts: BatchParts): Batch<unknown> {
  const Ctor = batchType(parts.type, { useBigInt: true, useBigIntTimestamp: true }) as unknown as new (p: BatchParts) => Batch<unknown>;
  return new Ctor(parts);
}

function batchOf(column: SnapshotColumn, rows: number): Batch<unknown> {
  switch (column.kind) {
    case 'dictionary': {
      const { validity, nullCount, keys } = validityFromCodes(column.codes);
      const values = slotsFromStrings(column.values);
      // The encoder pairs a dictionary with its column by the identity of the value type.
      const valueType = utf8();
      const dictBatch = makeBatch({ length: column.values.length, nullCount: 0, type: valueType, validity: new Uint8Array(0), values: values.bytes, offsets: values.offsets });
      const type = dictionary(valueType, int32());
      const batch = makeBatch({ length: rows, nullCount, type, validity, values: keys }) as Batch<unknown> & { dictionary: Column<unknown> };
      // Set, not setDictionary(): that also decodes every value into a cache for reads, and this
      // batch is only encoded (300k ids and uuids would be turned back into strings for nothing).
      batch.dictionary = new Column([dictBatch], valueType);
      return batch;
    }
    case 'int64':
    case 'timestamp': {
      const { words, validity, nullCount } = int64Of(column.values);
      const type = column.kind === 'int64' ? int64() : timestamp(TimeUnit.MILLISECOND, 'UTC');
      return makeBatch({ length: rows, nullCount, type, validity, values: words });
    }
    case 'float64':
      return makeBatch({ length: rows, nullCount: 0, type: float64(), validity: new Uint8Array(0), values: column.values });
    case 'int32':
      return makeBatch({ length: rows, nullCount: 0, type: int32(), validity: new Uint8Array(0), values: column.values });
    case 'json':
    case 'utf8':
    case 'binary': {
      const { validity, nullCount } = validityFromFlags(column.slots.valid, rows);
      return makeBatch({ length: rows, nullCount, type: column.kind === 'binary' ? binary() : utf8(), validity, values: column.slots.bytes, offsets: column.slots.offsets });
    }
    case 'list':
      return listBatch(column.codes, column.values, rows);
  }
}

/**
 * list<utf8>: per row the strings of its list. The items of the distinct lists are encoded once,
 * into one pool of bytes; rows copy from it (typed arrays only in the row loops).
 */
function listBatch(codes: Int32Array, lists: readonly (readonly string[] | null)[], rows: number): Batch<unknown> {
  const pool = slotsFromStrings(lists.flatMap((l) => l ?? []));
  const poolBytes = new Uint8Array(pool.bytes.buffer, pool.bytes.byteOffset, pool.bytes.byteLength);
  const po = pool.offsets;
  const first = new Int32Array(lists.length + 1); // list c's items are pool items first[c] .. first[c + 1] - 1
  for (let c = 0; c < lists.length; c++) first[c + 1] = first[c]! + (lists[c]?.length ?? 0);
  const offsets = new Int32Array(rows + 1);
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    const c = codes[i]!;
    items += first[c + 1]! - first[c]!;
    bytes += po[first[c + 1]!]! - po[first[c]!]!;
    offsets[i + 1] = items;
  }
  const childOffsets = new Int32Array(items + 1);
  const childBytes = new Uint8Array(bytes);
  let item = 0;
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const c = codes[i]!;
    const from = first[c]!;
    const to = first[c + 1]!;
    if (from === to) continue;
    const base = po[from]!;
    for (let k = from + 1; k <= to; k++) childOffsets[++item] = at + po[k]! - base;
    // Lists are a few short strings: a byte loop beats a set() call per row.
    for (let b = base, end = po[to]!; b < end; b++) childBytes[at++] = poolBytes[b]!;
  }
  let nullCount = 0;
  let validity = new Uint8Array(0);
  const nullCode = lists.indexOf(null);
  if (nullCode >= 0) {
    validity = new Uint8Array((rows + 7) >> 3);
    for (let i = 0; i < rows; i++) {
      if (codes[i] === nullCode) nullCount++;
      else validity[i >> 3]! |= 1 << (i & 7);
    }
    if (nullCount === 0) validity = new Uint8Array(0);
  }
  const child = makeBatch({ length: items, nullCount: 0, type: utf8(), validity: new Uint8Array(0), values: childBytes, offsets: childOffsets });
  return makeBatch({ length: rows, nullCount, type: list(field('element', utf8(), false)), validity, offsets, children: [child] });
}

/**
 * UTF-8 bytes and offsets of `values`. Encoded joined, in one call; when that gives one byte per
 * character (ASCII: ids, type names, uuids) the offsets are the string lengths. Otherwise each
 * string is encoded on its own (joining could pair a lone surrogate with its neighbour's).
 */
function slotsFromStrings(values: readonly string[]): ByteSlots {
  const offsets = new Int32Array(values.length + 1);
  const joined = values.join('');
  const ascii = Buffer.from(joined, 'utf8');
  if (ascii.length === joined.length) {
    for (let i = 0; i < values.length; i++) offsets[i + 1] = offsets[i]! + values[i]!.length;
    return { bytes: ascii, offsets, valid: null };
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) offsets[i + 1] = total += Buffer.byteLength(values[i]!, 'utf8');
  const bytes = Buffer.allocUnsafe(total);
  for (let i = 0; i < values.length; i++) bytes.write(values[i]!, offsets[i]!, 'utf8');
  return { bytes, offsets, valid: null };
}

/**
 * Little-endian int64s of integral doubles (|x| < 2^53), written as 32-bit words without a BigInt
 * per value (an Int32Array store keeps the low 32 bits of the integer, sign included), and the
 * validity of the NaNs (nulls), in one pass.
 */
function int64Of(values: Float64Array): { words: BigInt64Array; validity: Uint8Array; nullCount: number } {
  const words = new Int32Array(values.length * 2);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) {
      nulls++;
      continue;
    }
    words[2 * i] = v;
    words[2 * i + 1] = Math.floor(v * 2.3283064365386963e-10); // v / 2^32, exact
  }
  let validity = new Uint8Array(0);
  if (nulls > 0) {
    validity = new Uint8Array((values.length + 7) >> 3);
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) validity[i >> 3]! |= 1 << (i & 7);
  }
  // Batches cut their values to `length` elements: hand them a 64-bit view of the words.
  return { words: new BigInt64Array(words.buffer, 0, values.length), validity, nullCount: nulls };
}

/** Null codes (-1) become a null bit over key 0 (Arrow wants a valid key there), in a copy. */
function validityFromCodes(codes: Int32Array): { validity: Uint8Array; nullCount: number; keys: Int32Array } {
  if (!codes.includes(-1)) return { validity: new Uint8Array(0), nullCount: 0, keys: codes };
  const keys = codes.slice();
  const validity = new Uint8Array((codes.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === -1) {
      keys[i] = 0;
      nulls++;
    } else validity[i >> 3]! |= 1 << (i & 7);
  }
  return { validity, nullCount: nulls, keys };
}

function validityFromFlags(flags: Uint8Array | null, rows: number): { validity: Uint8Array; nullCount: number } {
  if (flags === null) return { validity: new Uint8Array(0), nullCount: 0 };
  const validity = new Uint8Array((rows + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    if (flags[i] === 1) validity[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return nulls === 0 ? { validity: new Uint8Array(0), nullCount: 0 } : { validity, nullCount: nulls };
}

function emptyLike(column: SnapshotColumn): SnapshotColumn {
  switch (column.kind) {
    case 'dictionary': return { kind: 'dictionary', codes: new Int32Array(0), values: [] };
    case 'list': return { kind: 'list', codes: new Int32Array(0), values: [] };
    case 'int32': return { kind: 'int32', values: new Int32Array(0) };
    case 'int64': case 'float64': case 'timestamp': return { kind: column.kind, values: new Float64Array(0) };
    case 'json': case 'utf8': case 'binary':
      return { kind: column.kind, slots: { bytes: new Uint8Array(0), offsets: new Int32Array(1), valid: null } };
  }
}

// ---------------------------------------------------------------- read

interface ReadBatch {
  length: number;
  nullCount: number;
  validity?: Uint8Array;
  values: ArrayBufferView & ArrayLike<number | bigint>;
  offsets?: Int32Array;
  children?: ReadBatch[];
  dictionary?: Column<unknown>;
}

function snapshotColumn(batches: readonly Batch<unknown>[], type: DataType, rows: number, inPlace: boolean): SnapshotColumn {
  if (batches.length !== 1) throw new RangeError(`expected one record batch, found ${batches.length}`);
  const b = batches[0] as unknown as ReadBatch;
  const valid = (i: number): boolean => b.nullCount === 0 || !b.validity || b.validity.length === 0 || ((b.validity[i >> 3]! >> (i & 7)) & 1) === 1;
  switch (type.typeId) {
    case Type.Dictionary: {
      const keys = b.values as Int32Array;
      const codes = b.nullCount === 0 ? keys : keys.slice();
      if (b.nullCount > 0) for (let i = 0; i < rows; i++) if (!valid(i)) codes[i] = -1;
      return { kind: 'dictionary', codes, values: b.dictionary!.toArray() as string[] };
    }
    case Type.Int: {
      const bitWidth = (type as { bitWidth: number }).bitWidth;
      if (bitWidth === 32) return { kind: 'int32', values: b.values as Int32Array };
      return { kind: 'int64', values: numbersFromInt64(b, valid, rows, inPlace) };
    }
    case Type.Timestamp:
      return { kind: 'timestamp', values: numbersFromInt64(b, valid, rows, inPlace) };
    case Type.Float:
      return { kind: 'float64', values: b.values as Float64Array };
    case Type.Utf8:
    case Type.Binary: {
      const flags = b.nullCount === 0 ? null : new Uint8Array(rows);
      if (flags !== null) for (let i = 0; i < rows; i++) flags[i] = valid(i) ? 1 : 0;
      const slots: ByteSlots = { bytes: b.values as Uint8Array, offsets: b.offsets!, valid: flags };
      return { kind: type.typeId === Type.Binary ? 'binary' : 'utf8', slots };
    }
    case Type.List:
      return listColumn(b, rows, valid);
    default:
      throw new RangeError(`unsupported Arrow type id ${type.typeId}`);
  }
}

function numbersFromInt64(b: ReadBatch, valid: (i: number) => boolean, rows: number, inPlace: boolean): Float64Array {
  const v = b.values;
  const words = new Int32Array(v.buffer, v.byteOffset, rows * 2);
  // In place: value i's double takes the 8 bytes its two words are read from, after they are read.
  const out = inPlace && v.byteOffset % 8 === 0 ? new Float64Array(v.buffer, v.byteOffset, rows) : new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = valid(i) ? words[2 * i + 1]! * 4294967296 + (words[2 * i]! >>> 0) : NaN;
  return out;
}

/**
 * The schema's key-value metadata of an Arrow IPC file, from its footer alone (the file's last
 * bytes: footer length, then the footer's Schema table): no record batch is read or decoded, so a
 * 1M-row file's metadata costs two small reads instead of decoding the table. Offsets are checked
 * against the footer's bytes; a damaged footer throws a RangeError.
 */
export function metadataFromArrowFile(file: { size: number; read(start: number, end: number): Uint8Array }): Map<string, string> {
  const tailLength = 10; // int32 footer length + 'ARROW1'
  if (file.size < tailLength + 8) throw new RangeError(`an Arrow file of ${file.size} bytes has no footer`);
  const tail = file.read(file.size - tailLength, file.size);
  const footerLength = new DataView(tail.buffer, tail.byteOffset, tail.byteLength).getInt32(0, true);
  if (!(footerLength > 0 && footerLength <= file.size - tailLength - 8)) throw new RangeError(`an Arrow footer claims ${footerLength} bytes of a ${file.size}-byte file`);
  const footer = file.read(file.size - tailLength - footerLength, file.size - tailLength);
  const fb = flatBuffer(footer);
  const root = fb.offset(0);
  // Footer: 0 version, 1 schema, 2 dictionaries, 3 recordBatches; Schema: 0 endianness, 1 fields, 2 custom_metadata.
  const schema = fb.field(root, 1);
  const metadata = new Map<string, string>();
  if (schema === null) return metadata;
  const pairs = fb.field(schema, 2);
  if (pairs === null) return metadata;
  const count = fb.u32(pairs);
  if (count > footer.length / 4) throw new RangeError(`an Arrow schema claims ${count} metadata entries`);
  for (let i = 0; i < count; i++) {
    const pair = fb.offset(pairs + 4 + 4 * i);
    const key = fb.field(pair, 0);
    const value = fb.field(pair, 1);
    if (key !== null) metadata.set(fb.string(key), value === null ? '' : fb.string(value));
  }
  return metadata;
}

/** Bounds-checked reads of a FlatBuffers buffer (tables, offsets, strings). */
function flatBuffer(buf: Uint8Array) {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = (p: number, bytes: number): number => {
    if (!(p >= 0 && p + bytes <= buf.length)) throw new RangeError(`an Arrow footer points at byte ${p} of its ${buf.length}`);
    return p;
  };
  const u32 = (p: number): number => view.getUint32(at(p, 4), true);
  /** The position a uoffset at `p` points to. */
  const offset = (p: number): number => at(p + u32(p), 4);
  /** The position of table field `index` (an offset field: where it points), or null when absent. */
  const field = (table: number, index: number): number | null => {
    const vtable = at(table - view.getInt32(at(table, 4), true), 4);
    const vtableSize = view.getUint16(vtable, true);
    if (4 + 2 * index + 2 > vtableSize) return null;
    const fieldOffset = view.getUint16(at(vtable + 4 + 2 * index, 2), true);
    return fieldOffset === 0 ? null : offset(table + fieldOffset);
  };
  const string = (p: number): string => {
    const length = u32(p);
    return Buffer.from(buf.buffer, buf.byteOffset + at(p + 4, length), length).toString('utf8');
  };
  return { u32, offset, field, string };
}

/**
 * list<utf8> → codes over distinct lists. Rows are keyed by their raw bytes and item lengths (a
 * one-byte string, cheap to hash) and only a list not seen before is decoded: a million rows of
 * a few tag sets decode a few lists, not two million strings.
 */
function listColumn(b: ReadBatch, rows: number, valid: (i: number) => boolean): SnapshotColumn {
  const child = b.children![0]!;
  const cv = child.values as Uint8Array;
  const bytes = Buffer.from(cv.buffer, cv.byteOffset, cv.byteLength);
  const co = child.offsets!;
  const lo = b.offsets!;
  const index = new Map<string, number>();
  const values: (readonly string[] | null)[] = [];
  const codes = new Int32Array(rows);
  let nullCode = -1;
  for (let i = 0; i < rows; i++) {
    if (!valid(i)) {
      if (nullCode < 0) {
        nullCode = values.length;
        values.push(null);
      }
      codes[i] = nullCode;
      continue;
    }
    const first = lo[i]!;
    const last = lo[i + 1]!;
    let key = bytes.toString('latin1', co[first]!, co[last]!);
    for (let k = first; k < last; k++) key += String.fromCharCode(0xe000 + co[k + 1]! - co[k]!);
    let code = index.get(key);
    if (code === undefined) {
      const list: string[] = [];
      for (let k = first; k < last; k++) list.push(bytes.toString('utf8', co[k], co[k + 1]));
      code = values.length;
      values.push(Object.freeze(list));
      index.set(key, code);
    }
    codes[i] = code;
  }
  return { kind: 'list', codes, values };
}
