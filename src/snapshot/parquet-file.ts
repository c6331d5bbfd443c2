// Snapshot columns ↔ Parquet (`.parquet`), written through hyparquet-writer; read through our own
// page reader (src/snapshot/parquet/, docs/snapshots.md) for the pages we write, and through hyparquet
// (pure JS) for the footer and for columns our reader does not take (files of other writers). Types as other tools expect them: int64, timestamp(ms, UTC), UTF-8 strings,
// list<string>, binary. Parquet dictionary-encodes repeated strings on its own; the Arrow schema
// stored under ARROW:schema (with our metadata, which pyarrow reads from there) tells pandas and
// pyarrow to load those columns as dictionaries again.
import { createRequire } from 'node:module';
import { parquetMetadata, parquetRead, type ColumnMetaData, type Compressors, type SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import { arrowSchemaFromColumns } from './arrow-file.js';
import { chunkRange } from './parquet/pages.js';
import { checksumText, crc32, storedChecksums } from './json-check.js';
import { parquetTail, readOwnColumns, type ParquetBytes } from './parquet/read-columns.js';
import { createSlotsWriter, hasValue, nullSlots, type SnapshotColumn, type SnapshotColumns } from './snapshot-columns.js';

/** Footer key listing the columns that hold only nulls: a reader builds them without decoding a page. */
const NULL_COLUMNS_KEY = 'journal-lens:null-columns';

export const defaults = {
  /** Rows per row group: pyarrow and DuckDB read row groups in parallel. */
  rowGroupRows: 250_000,
  /** Bytes per data page (hyparquet-writer's default); smaller in tests to get many pages. */
  pageBytes: 1 << 20,
};

/**
 * JOURNAL_LENS_PARQUET_READER=hyparquet reads every column through hyparquet (the A/B baseline in
 * bench/snapshot/load.ts, and a way around a bug in our page reader); unset or 'auto': ours first.
 */
function maybeReader(options: ParquetReadOptions): 'auto' | 'hyparquet' {
  if (options.reader !== undefined) return options.reader;
  return process.env['JOURNAL_LENS_PARQUET_READER'] === 'hyparquet' ? 'hyparquet' : 'auto';
}

type Element = SchemaElement;

/**
 * Snappy pages decompressed by the `snappy` package (native, already a dependency for Kafka's
 * codec) instead of hyparquet's JavaScript decoder, which was the largest single cost of a read
 * (docs/snapshots.md); hyparquet's own decoder when the package cannot load.
 */
const compressors: Compressors = (() => {
  try {
    const snappy = createRequire(import.meta.url)('snappy') as { uncompressSync(input: Buffer, options: { asBuffer: true }): Buffer };
    return {
      SNAPPY: (input: Uint8Array) => {
        const out = snappy.uncompressSync(Buffer.from(input.buffer, input.byteOffset, input.byteLength), { asBuffer: true });
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      },
    };
  } catch {
    return {};
  }
})();

/**
 * Parquet bytes of `snapshot`, with `metadata` as the file's key-value metadata. `jsonChecksums:
 * false` leaves out the JSON columns' chunk checksums (a file as older versions wrote it; tests).
 */
export function parquetFromColumns(snapshot: SnapshotColumns, metadata: ReadonlyMap<string, string>, { jsonChecksums = true } = {}): Uint8Array {
  const schema: Element[] = [{ name: 'root', num_children: snapshot.names.length }];
  const columnData: ColumnSource[] = [];
  for (const name of snapshot.names) {
    const column = snapshot.columns[name]!;
    // REQUIRED where there is no null: readers then skip definition levels and null checks.
    schema.push(...elementsOf(name, column).map((e, i) => (i === 0 && e.repetition_type === 'OPTIONAL' && !hasNulls(column) ? { ...e, repetition_type: 'REQUIRED' as const } : e)));
    // Text as it is (a dictionary of a million payloads costs and saves nothing); repeated strings
    // always as a dictionary (the writer's own rule kept ids plain, and a reader then decodes a
    // string per row instead of one per distinct id).
    const encoding = column.kind === 'json' || column.kind === 'utf8' || column.kind === 'binary' ? 'PLAIN' as const
      : column.kind === 'dictionary' ? 'RLE_DICTIONARY' as const : undefined;
    columnData.push({ name, data: dataOf(column, snapshot.rows), ...(encoding ? { encoding } : {}) });
  }
  const kvMetadata = [...metadata].map(([key, value]) => ({ key, value }));
  // `decodeError` is usually null in every row; decoding its pages cost a tenth of a read.
  const nullColumns = snapshot.names.filter((name) => snapshot.rows > 0 && onlyNulls(snapshot.columns[name]!));
  if (nullColumns.length > 0) kvMetadata.push({ key: NULL_COLUMNS_KEY, value: JSON.stringify(nullColumns) });
  kvMetadata.push({ key: 'ARROW:schema', value: Buffer.from(arrowSchemaFromColumns(snapshot, metadata)).toString('base64') });
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({ writer, schema, kvMetadata, statistics: false, createdBy: 'journal-lens' });
  void parquet.write({ columnData, rowGroupSize: defaults.rowGroupRows, pageSize: defaults.pageBytes });
  // The JSON columns' chunks as written (compressed, a seventh of their text): a reader that finds
  // the same CRC-32 trusts their values without checking them (json-check.ts, docs/snapshots.md).
  const sums = jsonChecksums ? chunkChecksums(writer.getBytes(), parquet.row_groups, snapshot.names.filter((n) => snapshot.columns[n]!.kind === 'json')) : {};
  if (Object.keys(sums).length > 0) kvMetadata.push({ key: JSON_CHUNK_CHECKSUMS_KEY, value: JSON.stringify(sums) });
  void parquet.finish();
  return writer.getBytes();
}

/** Footer key of the CRC-32s of the JSON columns' column chunks (their bytes in the file, all row groups in order). */
export const JSON_CHUNK_CHECKSUMS_KEY = 'journal-lens:json-chunk-checksums';

function chunkChecksums(file: Uint8Array, rowGroups: readonly { columns: readonly { meta_data?: ColumnMetaData }[] }[], names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (crc32 === undefined) return out;
  for (const name of names) {
    let crc = 0;
    let bytes = 0;
    for (const group of rowGroups) {
      const meta = group.columns.find((c) => c.meta_data?.path_in_schema[0] === name)?.meta_data;
      if (meta === undefined) return {};
      const { start, end } = chunkRange(meta);
      crc = crc32(file.subarray(start, end), crc);
      bytes += end - start;
    }
    out[name] = checksumText(crc, bytes);
  }
  return out;
}

/** The key-value metadata of Parquet bytes (reads the footer only). */
export function metadataFromParquet(bytes: Uint8Array): Map<string, string> {
  const meta = parquetMetadata(bytes);
  return new Map((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
}

/** How columnsFromParquet reads: 'auto' (our page reader, hyparquet for what it does not take) or hyparquet only. */
export interface ParquetReadOptions {
  reader?: 'auto' | 'hyparquet';
  /**
   * Called with the JSON columns whose chunks, as read, match the CRC-32s the writer stored (their
   * values need no check: json-check.ts).
   */
  onChunksMatched?: (columns: ReadonlySet<string>) => void;
  /** Called for each column read through hyparquet in 'auto' mode, with the reason. */
  onFallback?: (column: string, reason: string) => void;
}

/**
 * Columns of Parquet bytes written by parquetFromColumns; `kinds` says which snapshot kind each column had.
 * Each column goes through our own page reader (src/snapshot/parquet/, docs/snapshots.md) when its
 * pages are of the kinds saveTable writes, else through hyparquet (files from other writers).
 */
export async function columnsFromParquet(bytes: ParquetBytes, kinds: Readonly<Record<string, SnapshotColumn['kind']>>, options: ParquetReadOptions = {}): Promise<SnapshotColumns> {
  const meta = parquetMetadata(parquetTail(bytes));
  const rows = Number(meta.num_rows);
  const names = meta.schema.filter((_e, i) => i > 0 && isTopLevel(meta.schema, i)).map((e) => e.name);
  // The whole file for hyparquet, read only if a column goes through it.
  let whole: ArrayBuffer | null = null;
  const wholeFile = (): ArrayBuffer => {
    if (whole !== null) return whole;
    const all = bytes instanceof Uint8Array ? bytes : bytes.read(0, bytes.size);
    return whole = all.byteOffset === 0 && all.byteLength === all.buffer.byteLength ? all.buffer as ArrayBuffer : new Uint8Array(all).buffer;
  };
  // hyparquet: one column at a time, converted as soon as it is read: only one column's per-row values
  // (strings, byte views) are alive at once, which keeps the peak memory near the table's size.
  // Text is read as bytes (copied into one buffer, no string per row), the rest with strings
  // (a dictionary page's strings are decoded once and shared by its rows).
  const bytesKinds = new Set(['json', 'utf8', 'binary']);
  const timestampFromMilliseconds = (ms: bigint): number => Number(ms);
  const columns: Record<string, SnapshotColumn> = {};
  const nullColumns = new Set(nullColumnsOf(meta.key_value_metadata));
  const reader = maybeReader(options);
  // Our page reader first, for every column it takes (src/snapshot/parquet/); hyparquet for the rest.
  const ours = reader === 'auto'
    ? await readOwnColumns(bytes, meta, names.filter((n) => !nullColumns.has(n) || nullColumn(kinds[n] ?? 'utf8', rows) === null).map((name) => ({ name, kind: kinds[name] ?? 'utf8' })),
      storedChunkChecksums(meta.key_value_metadata))
    : { read: new Map<string, SnapshotColumn>(), unsupported: new Map<string, string>(), matched: new Set<string>() };
  options.onChunksMatched?.(ours.matched);
  for (const name of names) {
    const kind = kinds[name] ?? 'utf8';
    const empty = nullColumns.has(name) ? nullColumn(kind, rows) : null;
    if (empty !== null) {
      columns[name] = empty;
      continue;
    }
    const own = ours.read.get(name);
    if (own !== undefined) {
      columns[name] = own;
      continue;
    }
    const why = ours.unsupported.get(name);
    if (why !== undefined) options.onFallback?.(name, why);
    const chunks: { rowStart: number; data: ArrayLike<unknown> }[] = [];
    await parquetRead({
      file: wholeFile(), metadata: meta, columns: [name], compressors,
      onChunk: (chunk) => { chunks.push({ rowStart: chunk.rowStart, data: chunk.columnData as ArrayLike<unknown> }); },
      parsers: bytesKinds.has(kind) ? { timestampFromMilliseconds, stringFromBytes: (b: Uint8Array) => b } : { timestampFromMilliseconds },
    });
    columns[name] = columnFrom(kind, chunks.sort((a, b) => a.rowStart - b.rowStart), rows);
  }
  return { rows, names, columns };
}

// ---------------------------------------------------------------- write

function elementsOf(name: string, column: SnapshotColumn): Element[] {
  switch (column.kind) {
    case 'dictionary':
    case 'json':
    case 'utf8':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }];
    case 'binary':
      return [{ name, type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' }];
    case 'int64':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
    case 'timestamp':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } }];
    case 'float64':
      return [{ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }];
    case 'int32':
      return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
    case 'list':
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      ];
  }
}

function dataOf(column: SnapshotColumn, rows: number): ColumnSource['data'] {
  switch (column.kind) {
    case 'dictionary':
    case 'list': {
      const out = new Array<unknown>(rows);
      const { codes, values } = column;
      for (let i = 0; i < rows; i++) out[i] = codes[i] === -1 ? null : values[codes[i]!];
      return out as ColumnSource['data'];
    }
    case 'int64':
    case 'timestamp': {
      const v = column.values;
      if (!hasNulls(column)) {
        const out = new BigInt64Array(rows);
        for (let i = 0; i < rows; i++) out[i] = BigInt(v[i]!);
        return out;
      }
      const out = new Array<bigint | null>(rows);
      for (let i = 0; i < rows; i++) out[i] = v[i] === v[i] ? BigInt(v[i]!) : null;
      return out as ColumnSource['data'];
    }
    case 'float64':
    case 'int32':
      return column.values;
    case 'json':
    case 'utf8':
    case 'binary': {
      const out = new Array<Uint8Array | null>(rows);
      const { bytes, offsets } = column.slots;
      for (let i = 0; i < rows; i++) out[i] = hasValue(column.slots, i) ? bytes.subarray(offsets[i], offsets[i + 1]) : null;
      return out as ColumnSource['data'];
    }
  }
}

function hasNulls(column: SnapshotColumn): boolean {
  switch (column.kind) {
    case 'dictionary': return column.codes.includes(-1);
    case 'list': return column.values.includes(null);
    case 'int64': case 'timestamp': case 'float64': return column.values.some((v) => v !== v);
    case 'int32': return false;
    case 'json': case 'utf8': case 'binary': return column.slots.valid !== null && column.slots.valid.includes(0);
  }
}

function onlyNulls(column: SnapshotColumn): boolean {
  switch (column.kind) {
    case 'dictionary': return column.codes.every((c) => c === -1);
    case 'int64': case 'timestamp': case 'float64': return column.values.every((v) => v !== v);
    case 'json': case 'utf8': case 'binary': return column.slots.valid !== null && column.slots.valid.every((v) => v === 0);
    case 'int32': case 'list': return false;
  }
}

// ---------------------------------------------------------------- read

function storedChunkChecksums(kv: { key: string; value?: string }[] | undefined): Record<string, string> {
  return storedChecksums(kv?.find((e) => e.key === JSON_CHUNK_CHECKSUMS_KEY)?.value);
}

function nullColumnsOf(kv: { key: string; value?: string }[] | undefined): string[] {
  const value = kv?.find((e) => e.key === NULL_COLUMNS_KEY)?.value;
  if (value === undefined) return [];
  try {
    const names: unknown = JSON.parse(value);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** A column of `rows` nulls of `kind`, or null for kinds that are never all null (read them). */
function nullColumn(kind: SnapshotColumn['kind'], rows: number): SnapshotColumn | null {
  switch (kind) {
    case 'dictionary': return { kind, codes: new Int32Array(rows).fill(-1), values: [] };
    case 'int64': case 'timestamp': case 'float64': return { kind, values: new Float64Array(rows).fill(NaN) };
    case 'json': case 'utf8': case 'binary': return { kind, slots: nullSlots(rows) };
    case 'int32': case 'list': return null;
  }
}

function isTopLevel(schema: readonly Element[], index: number): boolean {
  // Walk the tree from the root: top-level elements are the root's direct children.
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at]!.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  while (i < schema.length) {
    if (i === index) return true;
    if (i > index) return false;
    i = skip(i);
  }
  return false;
}

interface ListNode {
  code: number;
  next: Map<string, ListNode> | null;
}

function columnFrom(kind: SnapshotColumn['kind'], chunks: { rowStart: number; data: ArrayLike<unknown> }[], rows: number): SnapshotColumn {
  switch (kind) {
    case 'dictionary': {
      // Rows of one dictionary page share their strings; a plain page has a string per row.
      const byObject = new Map<unknown, number>();
      const byText = new Map<string, number>();
      const values: string[] = [];
      const codes = new Int32Array(rows);
      let row = 0;
      for (const { data } of chunks) {
        for (let i = 0; i < data.length && row < rows; i++, row++) {
          const v = data[i];
          if (v === null || v === undefined) {
            codes[row] = -1;
            continue;
          }
          // Strings are keys as they are; byte values (not expected) are decoded once per object.
          let code = typeof v === 'string' ? byText.get(v) : byObject.get(v);
          if (code === undefined) {
            const text = typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('utf8');
            code = byText.get(text);
            if (code === undefined) {
              code = values.length;
              values.push(text);
              byText.set(text, code);
            }
            if (typeof v !== 'string') byObject.set(v, code);
          }
          codes[row] = code;
        }
      }
      return { kind: 'dictionary', codes, values };
    }
    case 'list': {
      // Lists are looked up in a trie of their elements (no string or array made per row); a list
      // not seen before is copied once. Element strings of a dictionary page are shared objects.
      const root: ListNode = { code: -1, next: null };
      let nullCode = -1;
      const values: (readonly string[] | null)[] = [];
      const codes = new Int32Array(rows);
      let row = 0;
      for (const { data } of chunks) {
        for (let i = 0; i < data.length && row < rows; i++, row++) {
          const raw = data[i] as (Uint8Array | string)[] | null | undefined;
          if (raw === null || raw === undefined) {
            if (nullCode === -1) {
              nullCode = values.length;
              values.push(null);
            }
            codes[row] = nullCode;
            continue;
          }
          let node = root;
          for (let k = 0; k < raw.length; k++) {
            const x = raw[k]!;
            const key = typeof x === 'string' ? x : Buffer.from(x).toString('utf8');
            node.next ??= new Map();
            let child = node.next.get(key);
            if (child === undefined) node.next.set(key, child = { code: -1, next: null });
            node = child;
          }
          if (node.code === -1) {
            node.code = values.length;
            values.push(Object.freeze(raw.map((x) => (typeof x === 'string' ? x : Buffer.from(x).toString('utf8')))));
          }
          codes[row] = node.code;
        }
      }
      return { kind: 'list', codes, values };
    }
    case 'int64':
    case 'timestamp':
    case 'float64': {
      const values = new Float64Array(rows);
      let row = 0;
      for (const { data } of chunks) {
        for (let i = 0; i < data.length && row < rows; i++, row++) {
          const v = data[i] as number | bigint | null | undefined;
          values[row] = v === null || v === undefined ? NaN : Number(v);
        }
      }
      return { kind, values };
    }
    case 'int32': {
      const values = new Int32Array(rows);
      let row = 0;
      for (const { data } of chunks) for (let i = 0; i < data.length && row < rows; i++, row++) values[row] = Number(data[i] ?? 0);
      return { kind, values };
    }
    case 'json':
    case 'utf8':
    case 'binary': {
      // Sized once from the values (no regrowth copies of a column of hundreds of MB).
      let total = 0;
      for (const { data } of chunks) {
        for (let i = 0; i < data.length; i++) {
          const v = data[i] as Uint8Array | string | null | undefined;
          if (v !== null && v !== undefined) total += typeof v === 'string' ? v.length * 3 : v.length;
        }
      }
      const out = createSlotsWriter(rows, Math.max(1, total));
      for (const { data } of chunks) {
        for (let i = 0; i < data.length; i++) {
          const v = data[i] as Uint8Array | string | null | undefined;
          if (v === null || v === undefined) out.push(null);
          else if (typeof v === 'string') out.pushString(v);
          else out.push(v);
        }
      }
      return { kind, slots: out.finish() };
    }
  }
}
