// One column of a Parquet file written by saveTable, read straight into its SnapshotColumn form
// (docs/snapshots.md, "Library choice"): dictionary codes into an Int32Array, INT64 read as two
// 32-bit halves into a Float64Array (no BigInt), PLAIN byte arrays copied into one buffer with
// offsets and a validity mask (no value per row), dictionary strings decoded once per distinct
// value, tags assembled from their levels into deduplicated lists. A column shape, type or
// encoding this reader does not take throws UnsupportedPage (the caller then uses hyparquet);
// damaged page data throws PageDataError.
import type { ColumnMetaData, FileMetaData, SchemaElement } from 'hyparquet';
import type { ByteSlots, SnapshotColumn, SnapshotColumnKind } from '../snapshot-columns.js';
import { decodeHybrid, PageDataError } from './hybrid.js';
import { nativeSnappy, readChunkPages, UnsupportedPage, type ChunkPages, type DataPage } from './pages.js';
import { snappyInto } from './snappy.js';

export { PageDataError } from './hybrid.js';
export { UnsupportedPage } from './pages.js';

interface Layout {
  leaf: SchemaElement;
  maxDef: number;
  list: boolean;
}

/** A column being built chunk by chunk (row group by row group). */
export interface ColumnBuilder {
  /** The column chunks to read, in row order. */
  chunks: readonly { chunk: ColumnMetaData; rows: number }[];
  /** Decodes the next pages (a chunk's, or the next group of a chunk's) into the column. */
  add(pages: ChunkPages): void;
  finish(): SnapshotColumn;
}

/** Reads column `name` of the Parquet `file` (footer `meta`) as a column of `kind`. */
export function readOwnColumn(file: Uint8Array, meta: FileMetaData, name: string, kind: SnapshotColumnKind): SnapshotColumn {
  const builder = columnBuilder(meta, name, kind, file.length);
  for (const { chunk, rows } of builder.chunks) builder.add(readChunkPages(file, chunk, rows));
  return builder.finish();
}

/**
 * The builder of column `name` as `kind` in a file of `fileBytes` bytes; throws UnsupportedPage when
 * its shape or type is not ours.
 */
export function columnBuilder(meta: FileMetaData, name: string, kind: SnapshotColumnKind, fileBytes: number): ColumnBuilder {
  const layout = layoutOf(meta.schema, name);
  checkType(layout, kind);
  const rows = Number(meta.num_rows);
  const chunks: { chunk: ColumnMetaData; rows: number }[] = [];
  let total = 0;
  let claimedBytes = 0;
  for (const group of meta.row_groups) {
    const column = group.columns.find((c) => c.meta_data?.path_in_schema[0] === name);
    if (column?.meta_data === undefined || column.file_path !== undefined) throw new UnsupportedPage(`column chunk of '${name}' not in this file`);
    const n = Number(group.num_rows);
    chunks.push({ chunk: column.meta_data, rows: n });
    total += n;
    // The text buffer is sized from these claims: bounded by what the file's bytes can expand to.
    const compressed = Math.min(Number(column.meta_data.total_compressed_size), fileBytes);
    claimedBytes += Math.max(0, Math.min(Number(column.meta_data.total_uncompressed_size), compressed * 24 + 64));
  }
  if (total !== rows) throw new PageDataError(`row groups hold ${total} rows, the footer says ${rows}`);
  // `add` takes a chunk's pages whole or in consecutive groups (read-columns.ts decompresses a
  // large chunk a few pages at a time): the rows advance by the pages' rows.
  let row = 0;
  const next = (pages: ChunkPages, decode: (pages: ChunkPages, row: number) => void): void => {
    let n = 0;
    for (const page of pages.pages) n += page.numRows;
    if (row + n > rows) throw new PageDataError(`data pages claim more than the file's ${rows} rows`);
    decode(pages, row);
    row += n;
  };
  switch (kind) {
    case 'int64': case 'timestamp': case 'float64': case 'int32': {
      const values = kind === 'int32' ? new Int32Array(rows) : new Float64Array(rows);
      return {
        chunks,
        add: (pages) => next(pages, (p, at) => numericChunk(p, layout, values, at)),
        finish: () => (kind === 'int32' ? { kind, values: values as Int32Array } : { kind, values: values as Float64Array }),
      };
    }
    case 'dictionary': {
      const codes = new Int32Array(rows);
      const strings = new StringIds();
      return { chunks, add: (pages) => next(pages, (p, at) => dictionaryChunk(p, layout, strings, codes, at)), finish: () => ({ kind, codes, values: strings.values }) };
    }
    case 'json': case 'utf8': case 'binary': {
      const out = new BytesOut(rows, claimedBytes);
      return { chunks, add: (pages) => next(pages, (p, at) => bytesChunk(p, layout, out, at)), finish: () => ({ kind, slots: out.finish() }) };
    }
    case 'list': {
      const lists = new ListIds(rows);
      return { chunks, add: (pages) => next(pages, (p, at) => listChunk(p, layout, lists, at)), finish: () => ({ kind, codes: lists.codes, values: lists.values }) };
    }
  }
}

// ---------------------------------------------------------------- schema

function layoutOf(schema: readonly SchemaElement[], name: string): Layout {
  // Top-level elements are the root's direct children; skip each one's subtree.
  let i = 1;
  while (i < schema.length && schema[i]!.name !== name) i = skipTree(schema, i);
  const top = schema[i];
  if (top === undefined) throw new UnsupportedPage(`no column '${name}'`);
  const optional = top.repetition_type === 'OPTIONAL' ? 1 : 0;
  if (top.repetition_type === 'REPEATED') throw new UnsupportedPage('a repeated top-level field');
  if (top.num_children === undefined || top.num_children === 0) {
    if (top.type === undefined) throw new UnsupportedPage('a field without a type');
    return { leaf: top, maxDef: optional, list: false };
  }
  const repeated = schema[i + 1];
  const leaf = schema[i + 2];
  if (top.num_children !== 1 || repeated?.repetition_type !== 'REPEATED' || repeated.num_children !== 1
    || leaf === undefined || leaf.num_children !== undefined && leaf.num_children > 0 || leaf.repetition_type !== 'REQUIRED') {
    throw new UnsupportedPage('a nested field other than a list of required values');
  }
  return { leaf, maxDef: optional + 1, list: true };
}

function skipTree(schema: readonly SchemaElement[], at: number): number {
  let next = at + 1;
  for (let c = 0; c < (schema[at]!.num_children ?? 0) && next < schema.length; c++) next = skipTree(schema, next);
  return next;
}

function checkType({ leaf, list }: Layout, kind: SnapshotColumnKind): void {
  const type = leaf.type;
  const unit = leaf.logical_type?.type === 'TIMESTAMP' ? leaf.logical_type.unit : leaf.converted_type === 'TIMESTAMP_MILLIS' ? 'MILLIS' : undefined;
  // Plain integers, or integers annotated as signed of their own width (pyarrow writes INT_64 / INT_32).
  const plainInteger = (bits: number): boolean => unit === undefined
    && (leaf.converted_type === undefined || leaf.converted_type === `INT_${bits}`)
    && (leaf.logical_type === undefined || leaf.logical_type.type === 'INTEGER' && leaf.logical_type.bitWidth === bits && leaf.logical_type.isSigned);
  const ok = kind === 'list' ? list && type === 'BYTE_ARRAY'
    : list ? false
      : kind === 'int64' ? type === 'INT64' && plainInteger(64)
        : kind === 'timestamp' ? type === 'INT64' && unit === 'MILLIS'
          : kind === 'float64' ? type === 'DOUBLE'
            : kind === 'int32' ? type === 'INT32' && plainInteger(32)
              : type === 'BYTE_ARRAY';
  if (!ok) throw new UnsupportedPage(`a ${list ? 'list of ' : ''}${type} field read as ${kind}`);
}

// ---------------------------------------------------------------- levels and codes

const scratch: Int32Array[] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

function scratchOf(slot: number, length: number): Int32Array {
  if (scratch[slot]!.length < length) scratch[slot] = new Int32Array(Math.max(length, scratch[slot]!.length * 2));
  return scratch[slot]!;
}

const bitWidthOf = (max: number): number => 32 - Math.clz32(max);

/** Definition levels of a flat column's page, or null when every row has a value. */
function flatDefs(page: DataPage, maxDef: number): Int32Array | null {
  if (page.numValues !== page.numRows) throw new PageDataError(`a page of ${page.numRows} rows claims ${page.numValues} values`);
  if (maxDef === 0 || page.numNulls === 0) return null;
  const defs = scratchOf(0, page.numValues);
  decodeHybrid(page.levels, page.defStart, page.defEnd, bitWidthOf(maxDef), page.numValues, defs);
  return defs;
}

function countDefined(defs: Int32Array | null, n: number, maxDef: number): number {
  if (defs === null) return n;
  let count = 0;
  for (let i = 0; i < n; i++) if (defs[i] === maxDef) count++;
  return count;
}

/** The dictionary codes of a page's `count` values (RLE_DICTIONARY: a bit width byte, then the hybrid runs). */
function pageCodes(page: DataPage, count: number, dictionarySize: number, slot: number): Int32Array {
  const codes = scratchOf(slot, count);
  if (count === 0) return codes;
  const v = page.values();
  if (v.length === 0) throw new PageDataError(`a dictionary-coded page of ${count} values has no bytes`);
  decodeHybrid(v, 1, v.length, v[0]!, count, codes);
  for (let i = 0; i < count; i++) {
    if (codes[i]! >>> 0 >= dictionarySize) throw new PageDataError(`dictionary index ${codes[i]} is out of range (the dictionary holds ${dictionarySize} values)`);
  }
  return codes;
}

/** What a chunk's dictionary decodes to, made once per dictionary page (its pages may come in groups). */
const fromDictionary = new WeakMap<object, unknown>();

function once<T>(dictionary: object, make: () => T): T {
  if (fromDictionary.has(dictionary)) return fromDictionary.get(dictionary) as T;
  const made = make();
  fromDictionary.set(dictionary, made);
  return made;
}

function isDictionaryCoded(page: DataPage, chunk: ChunkPages): boolean {
  if (page.encoding === 'RLE_DICTIONARY' || page.encoding === 'PLAIN_DICTIONARY') {
    if (chunk.dictionary === null) throw new PageDataError('a dictionary-coded page without a dictionary page');
    return true;
  }
  if (page.encoding !== 'PLAIN') throw new UnsupportedPage(`encoding ${page.encoding}`);
  return false;
}

// ---------------------------------------------------------------- numbers

function numericChunk(chunk: ChunkPages, layout: Layout, out: Float64Array | Int32Array, row: number): void {
  const type = layout.leaf.type!;
  const nullValue = out instanceof Int32Array ? 0 : NaN;
  const dictionary = chunk.dictionary === null ? null : once(chunk.dictionary, () => {
    const { values, count } = chunk.dictionary!;
    if (count * (type === 'INT32' ? 4 : 8) > values.length) throw new PageDataError(`a dictionary page claims ${count} values but holds ${values.length} bytes`);
    const numbers = new Float64Array(count);
    plainNumbers(values, type, count, null, 0, numbers, 0, NaN);
    return numbers;
  });
  for (const page of chunk.pages) {
    const defs = flatDefs(page, layout.maxDef);
    const n = page.numRows;
    if (isDictionaryCoded(page, chunk)) {
      const dict = dictionary!;
      const maxDef = layout.maxDef;
      const codes = pageCodes(page, countDefined(defs, n, maxDef), dict.length, 1);
      if (defs === null) {
        if (out instanceof Float64Array) for (let i = 0; i < n; i++) out[row + i] = dict[codes[i]!]!;
        else for (let i = 0; i < n; i++) out[row + i] = dict[codes[i]!]!;
      } else {
        for (let i = 0, k = 0; i < n; i++) out[row + i] = defs[i] === maxDef ? dict[codes[k++]!]! : nullValue;
      }
    } else {
      plainNumbers(page.values(), type, n, defs, layout.maxDef, out, row, nullValue);
    }
    row += n;
  }
}

/** PLAIN INT64 / DOUBLE / INT32 values of `n` rows (those whose level is `maxDef`) into out[row…]. */
function plainNumbers(v: Uint8Array, type: string, n: number, defs: Int32Array | null, maxDef: number, out: Float64Array | Int32Array, row: number, nullValue: number): void {
  const width = type === 'INT32' ? 4 : 8;
  const count = countDefined(defs, n, maxDef);
  if (v.length < count * width) throw new PageDataError(`a page claims ${count} values of ${width} bytes but holds ${v.length} bytes`);
  const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
  let p = 0;
  if (type === 'INT64') {
    // Two 32-bit halves: exact for every integer a double holds, no BigInt per value.
    for (let i = 0; i < n; i++) {
      if (defs === null || defs[i] === maxDef) {
        out[row + i] = view.getInt32(p + 4, true) * 4294967296 + view.getUint32(p, true);
        p += 8;
      } else out[row + i] = nullValue;
    }
  } else if (type === 'DOUBLE') {
    for (let i = 0; i < n; i++) {
      if (defs === null || defs[i] === maxDef) {
        out[row + i] = view.getFloat64(p, true);
        p += 8;
      } else out[row + i] = nullValue;
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (defs === null || defs[i] === maxDef) {
        out[row + i] = view.getInt32(p, true);
        p += 4;
      } else out[row + i] = nullValue;
    }
  }
}

// ---------------------------------------------------------------- strings

/**
 * Distinct strings in order of first appearance. Looked up in an open-addressing table of ids
 * keyed by a hash of the value's bytes (typed arrays, not a Map: a Map of 0.3M strings held about
 * 15 MiB of heap tables until the next full GC, at the load's peak; docs/snapshots.md).
 */
class StringIds {
  readonly values: string[] = [];
  private hashes = new Int32Array(1024);
  private table = new Int32Array(2048).fill(-1);

  /** The id of the UTF-8 bytes text[start, end) (hashed as decoded: bytes that decode alike share an id). */
  private id(text: Buffer, start: number, end: number): number {
    // ASCII bytes hash as their characters and compare without a string made: a value already
    // seen in an earlier row group's dictionary is not decoded again. Other text is decoded first.
    let h = 0x811c9dc5;
    let ascii = true;
    for (let k = start; k < end; k++) {
      const b = text[k]!;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      h = Math.imul(h ^ b, 0x01000193);
    }
    let s: string | null = null;
    if (!ascii) {
      s = text.toString('utf8', start, end);
      h = 0x811c9dc5;
      for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    }
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!;
      if (id === -1) {
        const next = this.values.length;
        this.values.push(s ?? text.toString('latin1', start, end));
        if (next >= this.hashes.length) {
          const grown = new Int32Array(this.hashes.length * 2);
          grown.set(this.hashes);
          this.hashes = grown;
        }
        this.hashes[next] = h;
        this.table[slot] = next;
        // Up to 3/4 full (linear probing stays short; the table is a third of the memory at 1/4).
        if (this.values.length * 4 > this.table.length * 3) this.rehash();
        return next;
      }
      if (this.hashes[id] !== h) continue;
      const known = this.values[id]!;
      if (s !== null ? known === s : sameAscii(known, text, start, end)) return id;
    }
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
  }

  /** Ids of the `count` PLAIN byte-array values in `v` (a dictionary page). */
  idsOf(v: Uint8Array, count: number): Int32Array {
    // Each value takes at least its 4-byte length: a larger claim is damage (checked before allocating).
    if (count * 4 > v.length) throw new PageDataError(`a page claims ${count} text values but holds ${v.length} bytes`);
    const out = new Int32Array(count);
    const text = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    let p = 0;
    for (let i = 0; i < count; i++) {
      const length = byteArrayLength(v, p);
      out[i] = this.id(text, p + 4, p + 4 + length);
      p += 4 + length;
    }
    return out;
  }
}

/** Whether the string `known` is the ASCII bytes text[start, end). */
function sameAscii(known: string, text: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let k = 0; k < known.length; k++) if (known.charCodeAt(k) !== text[start + k]) return false;
  return true;
}

/** The length prefix of the PLAIN byte array at `p`, checked against the page's bytes. */
function byteArrayLength(v: Uint8Array, p: number): number {
  if (p + 4 > v.length) throw new PageDataError(`a page's values end at byte ${v.length}, before all the values it claims`);
  const length = (v[p]! | v[p + 1]! << 8 | v[p + 2]! << 16 | v[p + 3]! << 24) >>> 0;
  if (p + 4 + length > v.length) throw new PageDataError(`a value of ${length} bytes at byte ${p} runs past the page's ${v.length} bytes`);
  return length;
}

function dictionaryChunk(chunk: ChunkPages, layout: Layout, strings: StringIds, out: Int32Array, row: number): void {
  const dict = chunk.dictionary;
  const remap = dict === null ? null : once(dict, () => strings.idsOf(dict.values, dict.count));
  for (const page of chunk.pages) {
    const defs = flatDefs(page, layout.maxDef);
    const n = page.numRows;
    const maxDef = layout.maxDef;
    if (isDictionaryCoded(page, chunk)) {
      const codes = pageCodes(page, countDefined(defs, n, maxDef), remap!.length, 1);
      const ids = remap!;
      if (defs === null) for (let i = 0; i < n; i++) out[row + i] = ids[codes[i]!]!;
      else for (let i = 0, k = 0; i < n; i++) out[row + i] = defs[i] === maxDef ? ids[codes[k++]!]! : -1;
    } else {
      const ids = strings.idsOf(page.values(), countDefined(defs, n, maxDef));
      for (let i = 0, k = 0; i < n; i++) out[row + i] = defs === null || defs[i] === maxDef ? ids[k++]! : -1;
    }
    row += n;
  }
}

// ---------------------------------------------------------------- text and bytes

/** One buffer for a whole text column, sized from the chunks' (checked) uncompressed sizes. */
class BytesOut {
  readonly offsets: Int32Array;
  valid: Uint8Array | null = null;
  bytes: Buffer;
  used = 0;

  constructor(readonly rows: number, capacity: number) {
    this.offsets = new Int32Array(rows + 1);
    this.bytes = Buffer.allocUnsafe(Math.min(Math.max(capacity, 16), 0x7fffffff));
  }

  /** Room for `extra` more bytes: the buffer doubles (dictionary-coded text can outgrow its pages). */
  reserve(extra: number): Buffer {
    if (this.used + extra <= this.bytes.length) return this.bytes;
    let size = this.bytes.length * 2;
    while (size < this.used + extra) size *= 2;
    if (this.used + extra > 0x7fffffff) throw new PageDataError(`a text column above 2 GiB (${this.used + extra} bytes) cannot be held`);
    const grown = Buffer.allocUnsafe(Math.min(size, 0x7fffffff));
    grown.set(this.bytes.subarray(0, this.used));
    return this.bytes = grown;
  }

  markNull(row: number): void {
    if (this.valid === null) this.valid = new Uint8Array(this.rows).fill(1);
    this.valid[row] = 0;
  }

  finish(): ByteSlots {
    // A column much smaller than its pages (length prefixes, levels, headers) gives the slack back.
    const bytes = this.used < this.bytes.length * 0.8 ? Buffer.from(this.bytes.subarray(0, this.used)) : this.bytes.subarray(0, this.used);
    return { bytes, offsets: this.offsets, valid: this.valid };
  }
}

function bytesChunk(chunk: ChunkPages, layout: Layout, out: BytesOut, row: number): void {
  const maxDef = layout.maxDef;
  const { offsets } = out;
  // Dictionary entries (other writers dictionary-code text): where each starts and how long it is.
  const dict = chunk.dictionary;
  const { entryStart, entryLength } = dict === null ? { entryStart: null, entryLength: null } : once(dict, () => {
    const { values: d, count } = dict;
    if (count * 4 > d.length) throw new PageDataError(`a dictionary page claims ${count} values but holds ${d.length} bytes`);
    const starts = new Int32Array(count);
    const lengths = new Int32Array(count);
    for (let e = 0, p = 0; e < count; e++) {
      const length = byteArrayLength(d, p);
      starts[e] = p + 4;
      lengths[e] = length;
      p += 4 + length;
    }
    return { entryStart: starts, entryLength: lengths };
  });
  for (const page of chunk.pages) {
    const defs = flatDefs(page, maxDef);
    const n = page.numRows;
    if (isDictionaryCoded(page, chunk)) {
      const d = chunk.dictionary!.values;
      const codes = pageCodes(page, countDefined(defs, n, maxDef), entryStart!.length, 1);
      for (let i = 0, k = 0; i < n; i++) {
        if (defs === null || defs[i] === maxDef) {
          const e = codes[k++]!;
          const length = entryLength![e]!;
          const target = out.reserve(length);
          target.set(d.subarray(entryStart![e]!, entryStart![e]! + length), out.used);
          out.used += length;
        } else out.markNull(row + i);
        offsets[row + i + 1] = out.used;
      }
      row += n;
      continue;
    }
    // The page goes into the column's buffer (decompressed straight into it, or in one copy), then
    // each value moves down over the length prefixes before it (copyWithin: no view made per value;
    // twice as fast as a set per value). A value's new place ends before the next prefix, which is
    // read after the move.
    // With the native package a page is decompressed natively and copied in: ~15 % faster at 1M rows
    // than the JS decoder writing straight into the column, for ~15 MiB more peak RSS (both measured
    // against the targets in docs/snapshots.md, "Peak memory of a load"; the time one was the tighter).
    const packed = nativeSnappy() ? null : page.compressed;
    const plain = packed === null ? page.values() : null;
    const size = packed !== null ? packed.length : plain!.length;
    const target = out.reserve(size);
    const end = out.used + size;
    if (packed !== null) snappyInto(packed.input, target, out.used, packed.length);
    else target.set(plain!, out.used);
    let used = out.used;
    let p = used;
    for (let i = 0; i < n; i++) {
      if (defs === null || defs[i] === maxDef) {
        if (p + 4 > end) throw new PageDataError(`a page's values end at byte ${size}, before all the values it claims`);
        const length = (target[p]! | target[p + 1]! << 8 | target[p + 2]! << 16 | target[p + 3]! << 24) >>> 0;
        p += 4;
        if (p + length > end) throw new PageDataError(`a value of ${length} bytes at byte ${p - 4 - out.used} runs past the page's ${size} bytes`);
        target.copyWithin(used, p, p + length);
        used += length;
        p += length;
      } else out.markNull(row + i);
      offsets[row + i + 1] = used;
    }
    out.used = used;
    row += n;
  }
}

// ---------------------------------------------------------------- lists (tags)

/** Lists of strings deduplicated in a trie of element ids; each distinct list is made once. */
class ListIds {
  readonly codes: Int32Array;
  readonly values: (readonly string[] | null)[] = [];
  readonly elements = new StringIds();
  private readonly nodeCode: number[] = [-1];
  private readonly nodeChildren: (Map<number, number> | undefined)[] = [undefined];
  private nullCode = -1;
  private path: number[] = [];

  constructor(rows: number) {
    this.codes = new Int32Array(rows);
  }

  child(node: number, element: number, depth: number): number {
    this.path[depth] = element;
    let children = this.nodeChildren[node];
    if (children === undefined) this.nodeChildren[node] = children = new Map();
    let next = children.get(element);
    if (next === undefined) {
      next = this.nodeCode.length;
      this.nodeCode.push(-1);
      this.nodeChildren.push(undefined);
      children.set(element, next);
    }
    return next;
  }

  /** The code of the list ending at trie node `node`, `depth` elements long (null: no list). */
  code(node: number, depth: number, isNull: boolean): number {
    if (isNull) {
      if (this.nullCode === -1) {
        this.nullCode = this.values.length;
        this.values.push(null);
      }
      return this.nullCode;
    }
    let code = this.nodeCode[node]!;
    if (code === -1) {
      code = this.nodeCode[node] = this.values.length;
      const strings = this.elements.values;
      const list = new Array<string>(depth);
      for (let k = 0; k < depth; k++) list[k] = strings[this.path[k]!]!;
      this.values.push(Object.freeze(list));
    }
    return code;
  }
}

function listChunk(chunk: ChunkPages, layout: Layout, lists: ListIds, row: number): void {
  const maxDef = layout.maxDef;
  const emptyDef = maxDef - 1;
  const dict = chunk.dictionary;
  const remap = dict === null ? null : once(dict, () => lists.elements.idsOf(dict.values, dict.count));
  const out = lists.codes;
  for (const page of chunk.pages) {
    const n = page.numValues;
    if (n < page.numRows) throw new PageDataError(`a page of ${page.numRows} lists claims only ${n} values`);
    // Runs can claim any count in a few bytes: more than 64 elements a list on average is refused
    // before the level arrays are allocated.
    if (n > 64 * page.numRows + (1 << 20)) throw new PageDataError(`a page of ${page.numRows} lists claims ${n} values`);
    const reps = scratchOf(0, n);
    decodeHybrid(page.levels, page.repStart, page.repEnd, 1, n, reps);
    const defs = scratchOf(1, n);
    decodeHybrid(page.levels, page.defStart, page.defEnd, bitWidthOf(maxDef), n, defs);
    const count = countDefined(defs, n, maxDef);
    let elements: Int32Array;
    if (isDictionaryCoded(page, chunk)) {
      elements = pageCodes(page, count, remap!.length, 2);
      for (let k = 0; k < count; k++) elements[k] = remap![elements[k]!]!;
    } else {
      elements = lists.elements.idsOf(page.values(), count);
    }
    let r = row - 1;
    let node = 0;
    let depth = 0;
    let isNull = false;
    for (let i = 0, k = 0; i < n; i++) {
      const d = defs[i]!;
      if (reps[i] === 0) {
        if (r >= row) out[r] = lists.code(node, depth, isNull);
        if (++r >= row + page.numRows) throw new PageDataError(`a page claims ${page.numRows} lists but its levels start more`);
        node = 0;
        depth = 0;
        isNull = d < emptyDef;
        if (d === maxDef) node = lists.child(node, elements[k++]!, depth++);
        else if (d > maxDef) throw new PageDataError(`definition level ${d} above the column's ${maxDef}`);
      } else {
        if (r < row) throw new PageDataError('a page starts in the middle of a list');
        if (d !== maxDef) throw new PageDataError(`a list element with definition level ${d} (the elements are required)`);
        node = lists.child(node, elements[k++]!, depth++);
      }
    }
    if (r >= row) out[r] = lists.code(node, depth, isNull);
    if (r - row + 1 !== page.numRows) throw new PageDataError(`a page claims ${page.numRows} lists, its levels hold ${r - row + 1}`);
    row += page.numRows;
  }
}
