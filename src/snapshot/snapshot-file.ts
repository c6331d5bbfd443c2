// Reading and writing snapshot files: the format from the name, the metadata check, and the
// atomic write (a temporary file beside the target, then a rename: a failed or interrupted save
// never leaves a half-written file where the previous snapshot was).
import fs from 'node:fs';
import path from 'node:path';
import { OptionError, SnapshotError } from '../errors.js';
import { arrowChunksFromColumns, byteLengthOf, columnsFromArrow, metadataFromArrowFile } from './arrow-file.js';
import { columnsFromParquet, metadataFromParquet, parquetFromColumns } from './parquet-file.js';
import { parquetTail } from './parquet/read-columns.js';
import { checkJsonColumns, JSON_CHECKSUM_KEY, jsonChecksums, storedChecksums, type JsonCheck } from './json-check.js';
import type { SnapshotColumns } from './snapshot-columns.js';
import { writeChunksSync } from './write-chunks.js';
import { METADATA_KEY, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotInfo } from './snapshot-info.js';

export type SnapshotFormat = 'parquet' | 'arrow';

const PARQUET_MAGIC = 'PAR1';
const ARROW_MAGIC = 'ARROW1';

/** 'parquet' for .parquet/.pq, 'arrow' for .arrow/.feather/.ipc; anything else is refused. */
export function maybeSnapshotFormat(file: string, option = 'path'): SnapshotFormat {
  if (typeof file !== 'string' || file === '') {
    throw new OptionError(option, `${option} must be a file name ending in .parquet or .arrow, got ${JSON.stringify(file)}.`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') return 'arrow';
  throw new OptionError(option, `Snapshot file '${file}' has the extension '${ext}', which names no snapshot format. ` +
    `Use '.parquet' (compressed, opens in pandas, Polars, DuckDB and Spark) or '.arrow' (Arrow IPC, fastest to load).`);
}

/** Writes `columns` with `info` to `file` atomically; returns the bytes written. */
export function writeSnapshotFile(file: string, columns: SnapshotColumns, info: SnapshotInfo): number {
  const format = maybeSnapshotFormat(file);
  const metadata = new Map([[METADATA_KEY, JSON.stringify(info)]]);
  // The JSON columns' checksums: a file that still matches them is not re-validated on load
  // (json-check.ts). Parquet stores its own, of the compressed column chunks (parquet-file.ts).
  const checksums = format === 'arrow' ? jsonChecksums(columns) : {};
  if (Object.keys(checksums).length > 0) metadata.set(JSON_CHECKSUM_KEY, JSON.stringify(checksums));
  // Arrow goes to the file as the buffers it is made of (the columns' own arrays), never joined into one.
  const chunks = format === 'parquet' ? [parquetFromColumns(columns, metadata)] : arrowChunksFromColumns(columns, metadata);
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeChunksSync(temp, chunks);
    replaceFile(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // the temporary file could not be made either
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SnapshotError(file, 'unwritable',
      `Snapshot '${file}' could not be written (${code}: ${(error as Error).message}). ` +
      `Any previous snapshot at that path is unchanged. Check that the folder '${dir}' exists and is writable, ` +
      `or pass another path.`, { cause: error });
  }
  return byteLengthOf(chunks);
}

/**
 * Renames `temp` over `file`. Replacing a file frees the old one's blocks inside the rename (about
 * 0.2 s for a 240 MB snapshot here), so the old file first gets a second name that is removed in the
 * background, after the caller has its table. Where hard links are refused, a plain rename.
 */
function replaceFile(temp: string, file: string): void {
  const old = `${temp}.old`;
  let linked = false;
  try {
    fs.linkSync(file, old);
    linked = true;
  } catch {
    // no previous file, or no hard links here
  }
  try {
    fs.renameSync(temp, file);
  } finally {
    if (linked) void fs.promises.rm(old, { force: true }).catch(() => undefined);
  }
}

/** Reads and checks a snapshot file's metadata only (its footer: no column is read or decoded). */
export function readSnapshotInfo(file: string): SnapshotInfo {
  const opened = openSnapshot(file);
  opened.source.close();
  return opened.info;
}

/** A snapshot file checked once: its metadata now, its columns when asked. */
export interface OpenedSnapshotFile {
  info: SnapshotInfo;
  columns(): Promise<SnapshotColumns>;
}

/**
 * Checks a snapshot file's metadata (its footer only); `columns()` reads the file again, a Parquet
 * file column chunk by column chunk, as readSnapshotFile does. No descriptor stays open between
 * the two: a file replaced in between (other metadata) is refused as changed. JSON values found
 * damaged by `columns()` are added to `info.loadStats` (undecodable rows, see json-check.ts).
 */
export function openSnapshotFile(file: string): OpenedSnapshotFile {
  const opened = openSnapshot(file);
  opened.source.close();
  const info = opened.info;
  const asOpened = JSON.stringify(info);
  return {
    info,
    columns: async () => {
      const again = openSnapshot(file);
      try {
        if (JSON.stringify(again.info) !== asOpened) {
          throw new SnapshotError(file, 'mismatch', `Snapshot '${file}' changed after its metadata was read (it now says saved at ` +
            `${again.info.savedAt}, not ${info.savedAt}): another process wrote it meanwhile. Load it again.`);
        }
        const read = await columnsOf(file, again);
        info.loadStats = read.info.loadStats;
        info.columns = read.info.columns;
        return read.columns;
      } finally {
        again.source.close();
      }
    },
  };
}

/**
 * Reads a snapshot file: its columns and metadata. A Parquet file is read column chunk by column
 * chunk (its compressed bytes are not all held while the columns are built: docs/snapshots.md).
 */
export async function readSnapshotFile(file: string): Promise<{ columns: SnapshotColumns; info: SnapshotInfo }> {
  const opened = openSnapshot(file);
  try {
    return await columnsOf(file, opened);
  } finally {
    opened.source.close();
  }
}

async function columnsOf(file: string, opened: OpenedSnapshot): Promise<{ columns: SnapshotColumns; info: SnapshotInfo }> {
  try {
    // Arrow is read whole into a buffer of this load's own (its columns are views of the file's
    // bytes, and int64 columns become doubles in place).
    let matched: ReadonlySet<string> = new Set();
    const columns = opened.format === 'parquet'
      ? await columnsFromParquet(opened.source, opened.info.columns, { onChunksMatched: (names) => { matched = names; } })
      : withKinds((await columnsFromArrow(await readYielding(opened.source), { ownBytes: true })).snapshot, opened.info.columns);
    if (columns.rows !== opened.info.rows) throw new RangeError(`${columns.rows} rows, metadata says ${opened.info.rows}`);
    const check = checkJsonColumns(columns, opened.checksums, matched);
    return { columns, info: check.damaged > 0 ? withDamaged(opened.info, columns, check) : opened.info };
  } catch (error) {
    throw truncated(file, opened.source.size, error);
  }
}

/**
 * The whole file, read 16 MiB at a time with a turn of the event loop between reads (see
 * columnsFromArrow: a refresh reads the file while Cassandra scans).
 */
async function readYielding(source: FileBytes): Promise<Uint8Array> {
  const step = 16 * 1024 * 1024;
  if (source.size <= step) return source.read(0, source.size);
  const out = Buffer.allocUnsafeSlow(source.size);
  let at = 0;
  while (at < source.size) {
    const got = source.read(at, Math.min(source.size, at + step), out.subarray(at));
    if (got.length === 0) break;
    at += got.length;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return at === source.size ? out : out.subarray(0, at);
}

/** `info` with the rows whose JSON was damaged in the file counted as undecodable, as a Cassandra load counts them. */
function withDamaged(info: SnapshotInfo, columns: SnapshotColumns, check: JsonCheck): SnapshotInfo {
  const saved = info.loadStats;
  const by = { ...(saved?.undecodableBy ?? {}) };
  for (const [key, n] of Object.entries(check.damagedBy)) by[key] = (by[key] ?? 0) + n;
  const kinds = { ...info.columns };
  for (const name of columns.names) kinds[name] = columns.columns[name]!.kind;
  return {
    ...info, columns: kinds,
    loadStats: {
      rows: info.rows, deletedSkipped: 0, filteredSkipped: 0, duplicatesDropped: 0, rangesTotal: 0, elapsedMs: 0, layout: info.cassandra?.layout,
      ...saved, undecodable: (saved?.undecodable ?? 0) + check.damaged, undecodableBy: by,
    },
  };
}

/** A snapshot file's bytes, through an open descriptor, range by range. */
interface FileBytes {
  size: number;
  /**
   * Bytes [start, end) (fewer at the file's end), in a buffer of their own (aligned for typed views),
   * or read into `into` when it is large enough (then a view of it).
   */
  read(start: number, end: number, into?: Uint8Array): Uint8Array;
  close(): void;
}

function fileRanges(file: string): FileBytes {
  const fd = fs.openSync(file, 'r');
  let size: number;
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('illegal operation on a directory, read'), { code: 'EISDIR' });
    size = stat.size;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  let closed = false;
  return {
    size,
    read(start, end, into) {
      if (closed) throw new Error('the snapshot file was already closed');
      const length = Math.max(0, Math.min(end, size) - start);
      const out = into !== undefined && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafeSlow(length);
      let done = 0;
      while (done < out.length) {
        const n = fs.readSync(fd, out, done, out.length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      return done === out.length ? out : out.subarray(0, done);
    },
    close() {
      if (!closed) fs.closeSync(fd);
      closed = true;
    },
  };
}

interface OpenedSnapshot {
  format: SnapshotFormat;
  /** Open until the caller closes it. */
  source: FileBytes;
  info: SnapshotInfo;
  /** The JSON columns' checksums stored by writeSnapshotFile (none in older files). */
  checksums: Record<string, string>;
}

/** Opens `file` and checks its metadata; the caller closes `source` (closed here on any error). */
function openSnapshot(file: string): OpenedSnapshot {
  let source: FileBytes;
  try {
    source = fileRanges(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SnapshotError(file, 'missing', `Snapshot '${file}' could not be read (${code}: ${(error as Error).message}). ` +
      `Check the path, or save one first with saveTable(table, '${file}').`, { cause: error });
  }
  try {
    return checkSnapshot(file, source);
  } catch (error) {
    source.close();
    throw error;
  }
}

function checkSnapshot(file: string, source: FileBytes): OpenedSnapshot {
  const size = source.size;
  const head = Buffer.from(source.read(0, Math.min(size, 8))).toString('latin1');
  const tail = Buffer.from(source.read(Math.max(0, size - 6), size)).toString('latin1');
  let format: SnapshotFormat;
  if (head.startsWith(PARQUET_MAGIC)) format = 'parquet';
  else if (head.startsWith(ARROW_MAGIC)) format = 'arrow';
  else {
    throw new SnapshotError(file, 'foreign', `'${file}' is neither a Parquet nor an Arrow file (it starts with ` +
      `${JSON.stringify(head.replace(/[^\x20-\x7e]/g, '.'))}, ${size} bytes). Pass a file written by saveTable, ` +
      `or delete it to let eventTable({ snapshot }) write a new one.`);
  }
  const complete = format === 'parquet' ? tail.endsWith(PARQUET_MAGIC) : tail === ARROW_MAGIC;
  if (!complete) throw truncated(file, size, new RangeError(`no ${format} footer`));
  let metadata: Map<string, string>;
  try {
    // The footer only, for either format: no column is decoded to read the metadata.
    metadata = format === 'parquet' ? metadataFromParquet(parquetTail(source)) : metadataFromArrowFile(source);
  } catch (error) {
    throw truncated(file, size, error);
  }
  const text = metadata.get(METADATA_KEY);
  let info: SnapshotInfo | undefined;
  try {
    info = text === undefined ? undefined : JSON.parse(text) as SnapshotInfo;
  } catch {
    info = undefined;
  }
  if (info === undefined || info.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(file, 'foreign', `'${file}' is a ${format} file, but not one written by journal-lens ` +
      `(no '${METADATA_KEY}' entry in its metadata), so its columns cannot be trusted to be a journal table. ` +
      `Read it with your own tools, or save a table with saveTable(table, '${file}') to replace it.`);
  }
  if (typeof info.version !== 'number' || info.version > SNAPSHOT_VERSION) {
    throw new SnapshotError(file, 'newer-version', `Snapshot '${file}' has format version ${info.version}, newer than ` +
      `the ${SNAPSHOT_VERSION} this journal-lens reads (it was saved ${info.savedAt}). Update journal-lens, ` +
      `or delete the file to let eventTable({ snapshot }) write a new one.`);
  }
  return { format, source, info, checksums: storedChecksums(metadata.get(JSON_CHECKSUM_KEY)) };
}

function truncated(file: string, size: number, cause: unknown): SnapshotError {
  if (cause instanceof SnapshotError) return cause;
  return new SnapshotError(file, 'truncated', `Snapshot '${file}' is damaged or cut short (${size} bytes; ` +
    `${(cause as Error).message ?? String(cause)}). Delete it and load again: eventTable({ snapshot }) writes a fresh one.`, { cause });
}

/** Text columns saved as JSON events read back as 'utf8' from Arrow: restore their kind. */
function withKinds(columns: SnapshotColumns, kinds: SnapshotInfo['columns']): SnapshotColumns {
  for (const name of columns.names) {
    const column = columns.columns[name]!;
    if (kinds[name] === 'json' && column.kind === 'utf8') columns.columns[name] = { kind: 'json', slots: column.slots };
  }
  return columns;
}
