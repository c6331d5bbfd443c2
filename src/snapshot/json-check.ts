// JSON text columns of a snapshot file, checked on load (docs/snapshots.md, "JSON values checked on
// load"). EventColumn parses an event's bytes on first read and assumes they are one JSON text, so a
// value damaged in the file must become an undecodable row when the file is read, as a Cassandra
// load makes one: event null, decodeError saying why, the bytes kept in `raw`. Checking every value
// (decode/json-validate.ts) costs about 0.45 s at 1M rows, so the writer stores a checksum of each
// JSON column in the file's metadata: for .arrow the CRC-32 of its value bytes, lengths and nulls
// (about 50 ms at 1M rows), for .parquet the CRC-32 of its compressed column chunks, taken as they
// are read (parquet-file.ts, a few ms). A file whose columns still match was written by saveTable
// from checked values and is trusted. A file without one, or whose column no longer matches it, has every value checked.
import zlib from 'node:zlib';
import { isJsonText } from '../decode/json-validate.js';
import { hasValue, type ByteSlots, type SnapshotColumn, type SnapshotColumns } from './snapshot-columns.js';

/** Metadata key of the checksums: a JSON object, column name → checksum. */
export const JSON_CHECKSUM_KEY = 'journal-lens:json-checksums';

/** zlib's native CRC-32 (absent before Node 20.15 / 22.2: then no checksum is written or trusted). */
export const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** How a checksum is written in the metadata: `crc32:<hex>:<bytes>` (the CRC and the byte count it covers). */
export function checksumText(crc: number, bytes: number): string {
  return `crc32:${(crc >>> 0).toString(16).padStart(8, '0')}:${bytes}`;
}

/**
 * CRC-32 (zlib's, native: about 50 ms for 160 MiB) of the values of `slots`, then of their lengths
 * and nulls, with the byte count: `crc32:<hex>:<bytes>`. Null where this Node has no zlib.crc32
 * (then every value is checked).
 */
export function slotsChecksum(slots: ByteSlots, rows: number): string | null {
  if (crc32 === undefined) return null;
  const { bytes, offsets, valid } = slots;
  const start = offsets[0]!;
  const end = offsets[rows]!;
  let crc = crc32(bytes.subarray(start, end));
  // Lengths as offsets from the first value (a column may start anywhere in its buffer).
  const relative = start === 0 ? offsets.subarray(0, rows + 1) : offsets.subarray(0, rows + 1).map((o) => o - start);
  crc = crc32(new Uint8Array(relative.buffer, relative.byteOffset, relative.byteLength), crc);
  // Nulls only when there are some (a reader may give an all-ones mask as null).
  if (valid !== null && valid.subarray(0, rows).includes(0)) crc = crc32(valid.subarray(0, rows), crc);
  return checksumText(crc, end - start);
}

/** The checksums of the JSON columns of `columns` (the metadata entry the writer stores). */
export function jsonChecksums(columns: SnapshotColumns): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of columns.names) {
    const column = columns.columns[name]!;
    const sum = column.kind === 'json' ? slotsChecksum(column.slots, columns.rows) : null;
    if (sum !== null) out[name] = sum;
  }
  return out;
}

/** The checksums stored in a file's metadata, or an empty object (older files, other writers). */
export function storedChecksums(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** What checkJsonColumns found: damaged values made undecodable rows, counted by `serializerId:eventType`. */
export interface JsonCheck {
  /** JSON columns whose every value was checked (no stored checksum, or it did not match). */
  checked: string[];
  damaged: number;
  damagedBy: Record<string, number>;
}

/**
 * Checks the JSON columns of `columns` read from a file: a column in `trusted` (a Parquet file's
 * compressed chunks matched their stored CRC-32) or matching its stored checksum is trusted; any other has every value checked, and a value JSON.parse refuses makes its row
 * undecodable in place (value null; decodeError set; the bytes in the binary column `raw`, made when
 * missing, unless the row already has raw bytes).
 */
export function checkJsonColumns(columns: SnapshotColumns, checksums: Readonly<Record<string, string>>, trusted: ReadonlySet<string> = new Set()): JsonCheck {
  const result: JsonCheck = { checked: [], damaged: 0, damagedBy: {} };
  for (const name of columns.names) {
    const column = columns.columns[name]!;
    if (column.kind !== 'json' || trusted.has(name)) continue;
    const stored = checksums[name];
    if (stored !== undefined && stored === slotsChecksum(column.slots, columns.rows)) continue;
    result.checked.push(name);
    const damaged = damagedRows(column.slots, columns.rows);
    if (damaged.size === 0) continue;
    markUndecodable(columns, name, damaged);
    result.damaged += damaged.size;
    const serId = columns.columns['serId'];
    const type = columns.columns['eventType'];
    for (const row of damaged.keys()) {
      const id = serId?.kind === 'int32' ? serId.values[row] : '?';
      const t = type?.kind === 'dictionary' && type.codes[row]! >= 0 ? type.values[type.codes[row]!] : '';
      const key = `${id}:${t}`;
      result.damagedBy[key] = (result.damagedBy[key] ?? 0) + 1;
    }
  }
  return result;
}

/** Rows whose value is not one JSON text, with JSON.parse's reason. */
function damagedRows(slots: ByteSlots, rows: number): Map<number, string> {
  const { bytes, offsets } = slots;
  const damaged = new Map<number, string>();
  for (let i = 0; i < rows; i++) {
    if (!hasValue(slots, i) || isJsonText(bytes, offsets[i]!, offsets[i + 1]!)) continue;
    // Not proven valid (or nested deeper than the checker goes): JSON.parse decides.
    try {
      JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', offsets[i]!, offsets[i + 1]!));
    } catch (error) {
      damaged.set(i, (error as Error).message);
    }
  }
  return damaged;
}

function markUndecodable(columns: SnapshotColumns, name: string, damaged: Map<number, string>): void {
  const { rows } = columns;
  const column = columns.columns[name] as Extract<SnapshotColumn, { kind: 'json' }>;
  const slots = column.slots;
  const buf = Buffer.from(slots.bytes.buffer, slots.bytes.byteOffset, slots.bytes.byteLength);
  // raw: the damaged value's bytes (copied: the column's buffer may be a view of the whole file).
  const raw = columns.columns['raw'];
  const oldRaw = raw !== undefined && (raw.kind === 'binary' || raw.kind === 'utf8') ? raw.slots : null;
  columns.columns['raw'] = { kind: 'binary', slots: rebuild(rows, oldRaw, (i) => (oldRaw !== null && hasValue(oldRaw, i) ? null : damaged.has(i) ? buf.subarray(slots.offsets[i], slots.offsets[i + 1]) : null)) };
  // decodeError: what JSON.parse said, beside any error the row had.
  const errors = columns.columns['decodeError'];
  const message = (i: number): Uint8Array => Buffer.from(`${name} JSON damaged in the snapshot file: ${damaged.get(i)}`, 'utf8');
  if (errors !== undefined && errors.kind === 'dictionary') {
    const values = [...errors.values];
    const codes = errors.codes;
    for (const [row] of damaged) {
      codes[row] = values.length;
      values.push(message(row).toString());
    }
    columns.columns['decodeError'] = { kind: 'dictionary', codes, values };
  } else {
    const oldErrors = errors !== undefined && errors.kind === 'utf8' ? errors.slots : null;
    columns.columns['decodeError'] = { kind: 'utf8', slots: rebuild(rows, oldErrors, (i) => (damaged.has(i) ? message(i) : null)) };
  }
  // The value itself: null (its bytes are in raw).
  const valid = slots.valid ?? new Uint8Array(rows).fill(1);
  for (const [row] of damaged) valid[row] = 0;
  column.slots = { ...slots, valid };
  for (const added of ['raw', 'decodeError']) if (!columns.names.includes(added)) columns.names.push(added);
}

/** Slots of `rows` rows: `extra(i)` where it gives bytes, else the old slots' value (or null). */
function rebuild(rows: number, old: ByteSlots | null, extra: (i: number) => Uint8Array | null): ByteSlots {
  const parts: (Uint8Array | null)[] = new Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const e = extra(i);
    const v = e ?? (old !== null && hasValue(old, i) ? old.bytes.subarray(old.offsets[i], old.offsets[i + 1]) : null);
    parts[i] = v;
    if (v !== null) total += v.length;
  }
  const bytes = new Uint8Array(total);
  const offsets = new Int32Array(rows + 1);
  let valid: Uint8Array | null = null;
  let used = 0;
  for (let i = 0; i < rows; i++) {
    const v = parts[i] ?? null;
    if (v === null) (valid ??= new Uint8Array(rows).fill(1))[i] = 0;
    else {
      bytes.set(v, used);
      used += v.length;
    }
    offsets[i + 1] = used;
  }
  return { bytes, offsets, valid };
}
