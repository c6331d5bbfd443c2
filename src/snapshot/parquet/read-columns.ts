// Several columns of a Parquet file written by saveTable, read by our page reader a few pages at a
// time: each group of pages is decompressed (native snappy, on the main thread), decoded into its
// column and dropped, and the load yields to the event loop every few MB so that Node frees the
// dropped page buffers (docs/snapshots.md, "Peak memory of a Parquet load").
import type { FileMetaData } from 'hyparquet';
import { checksumText, crc32 } from '../json-check.js';
import type { SnapshotColumn, SnapshotColumnKind } from '../snapshot-columns.js';
import { chunkRange, preload, readChunkPages, UnsupportedPage, type ChunkPages } from './pages.js';
import { columnBuilder, type ColumnBuilder } from './read-column.js';

export const readDefaults = {
  /**
   * Page groups from this many compressed bytes decompress on libuv's thread pool, ahead of their
   * decoding (0 in tests: all). Off: measured at 1M rows, the pool's output buffers kept the peak
   * RSS about 0.24 GB higher and the load no faster on two cores (docs/snapshots.md).
   */
  preloadBytes: Infinity,
  /**
   * The load yields to the event loop after this many decompressed bytes: the native package's
   * page buffers are freed by finalizers that Node runs from the event loop, so a load that never
   * yields keeps every page it decompressed alive to its end.
   */
  yieldBytes: 1 << 20,
  /** A chunk's pages are decoded in groups of about this many decompressed bytes. */
  groupBytes: 1 << 20,
};

/** The pages of `chunk` in consecutive groups of about `bytes` decompressed bytes (each shares the dictionary). */
function pageGroups(chunk: ChunkPages, bytes: number): ChunkPages[] {
  const groups: ChunkPages[] = [];
  let group: ChunkPages['pages'] = [];
  let size = 0;
  for (const page of chunk.pages) {
    group.push(page);
    size += page.compressed?.length ?? 0;
    if (size >= bytes) {
      groups.push({ dictionary: chunk.dictionary, pages: group });
      group = [];
      size = 0;
    }
  }
  if (group.length > 0 || groups.length === 0) groups.push({ dictionary: chunk.dictionary, pages: group });
  return groups;
}

/**
 * A Parquet file's bytes: all of them, or a reader of byte ranges (the file read chunk by chunk, so
 * that its compressed bytes are not all held while the columns are built).
 */
export type ParquetBytes = Uint8Array | {
  size: number;
  /** Bytes [start, end): into `into` (when it is large enough, returning a view of it) or a new buffer. */
  read(start: number, end: number, into?: Uint8Array): Uint8Array;
};

/** The footer of `file` (its last bytes, enough for hyparquet's parquetMetadata). */
export function parquetTail(file: ParquetBytes): Uint8Array {
  if (file instanceof Uint8Array) return file;
  const last = file.read(Math.max(0, file.size - 8), file.size);
  const footer = last.length === 8 ? (last[0]! | last[1]! << 8 | last[2]! << 16 | last[3]! << 24) >>> 0 : 0;
  return file.read(Math.max(0, file.size - 8 - footer), file.size);
}

/**
 * Reads `columns` of `file`; returns the columns read and, for the others, why this reader does not
 * take them (read those through hyparquet). Damaged page data rejects with a PageDataError.
 * `checksums` (column → CRC-32 of its chunks' bytes, as parquet-file.ts writes them): `matched`
 * names the columns read by this reader whose chunks, as read, have that CRC-32.
 */
export async function readOwnColumns(file: ParquetBytes, meta: FileMetaData, columns: readonly { name: string; kind: SnapshotColumnKind }[],
  checksums: Readonly<Record<string, string>> = {}):
  Promise<{ read: Map<string, SnapshotColumn>; unsupported: Map<string, string>; matched: Set<string> }> {
  const crcs = new Map<string, { crc: number; bytes: number }>();
  const sum = (name: string, bytes: Uint8Array): void => {
    if (crc32 === undefined || checksums[name] === undefined) return;
    const at = crcs.get(name) ?? { crc: 0, bytes: 0 };
    crcs.set(name, { crc: crc32(bytes, at.crc), bytes: at.bytes + bytes.length });
  };
  const read = new Map<string, SnapshotColumn>();
  const unsupported = new Map<string, string>();
  const builders: { name: string; builder: ColumnBuilder }[] = [];
  const fileSize = file instanceof Uint8Array ? file.length : file.size;
  for (const { name, kind } of columns) {
    try {
      builders.push({ name, builder: columnBuilder(meta, name, kind, fileSize) });
    } catch (error) {
      if (!(error instanceof UnsupportedPage)) throw error;
      unsupported.set(name, error.message);
    }
  }
  // Every chunk of every column in read order, a large chunk in groups of pages: one group's
  // decompressed pages (about 1 MB) are alive at once, not a whole chunk (tens of MB for the events).
  const tasks = builders.flatMap(({ name, builder }) => builder.chunks.map((c) => ({ name, builder, ...c })));
  type Task = typeof tasks[number];
  // Chunks read from a file go into one reused buffer: a unit is decoded before the next one is
  // read (fresh buffers per chunk freed late and kept the RSS higher than reading the whole file;
  // a second buffer for a read-ahead kept another 6 MB resident at 1M rows and saved no time).
  let buffer = new Uint8Array(0);
  const readChunk = (source: Exclude<ParquetBytes, Uint8Array>, start: number, end: number): Uint8Array => {
    if (buffer.length < end - start) buffer = new Uint8Array(end - start);
    return source.read(start, end, buffer);
  };
  function* units(): Generator<{ task: Task; pages: ChunkPages | Error }> {
    for (const task of tasks) {
      let pages: ChunkPages;
      try {
        const { start, end } = chunkRange(task.chunk);
        if (file instanceof Uint8Array) {
          pages = readChunkPages(file, task.chunk, task.rows);
          sum(task.name, file.subarray(start, end));
        } else {
          // This chunk's bytes only (a claim outside the file is refused by readChunkPages).
          const bytes = start >= 0 && end >= start && end <= fileSize ? readChunk(file, start, end) : new Uint8Array(0);
          pages = readChunkPages(bytes, task.chunk, task.rows, start, fileSize);
          sum(task.name, bytes);
        }
      } catch (error) {
        yield { task, pages: error as Error };
        continue;
      }
      for (const group of pageGroups(pages, readDefaults.groupBytes)) yield { task, pages: group };
    }
  }
  const source = units();
  const load = (): { task: Task; ready: Promise<ChunkPages | Error> } | null => {
    const unit = source.next();
    if (unit.done === true) return null;
    const { task, pages } = unit.value;
    if (pages instanceof Error) return { task, ready: Promise.resolve(pages) };
    // A small group decompresses on the main thread when decoded: a hand-off to the thread pool
    // costs more than it saves there (and on a loaded machine, a scheduling delay each).
    let compressed = 0;
    for (const page of pages.pages) compressed += page.compressed?.input.length ?? 0;
    if (compressed < readDefaults.preloadBytes) return { task, ready: Promise.resolve(pages) };
    return { task, ready: preload(pages).then(() => pages, (error: unknown) => error as Error) };
  };
  // Each unit is decoded before the next is loaded (its chunk's bytes are in the one buffer).
  let sinceYield = 0;
  for (let next = load(); next !== null; next = load()) {
    const { task, ready } = next;
    const pages = await ready;
    if (!(pages instanceof Error)) for (const page of pages.pages) sinceYield += page.compressed?.length ?? 0;
    if (sinceYield >= readDefaults.yieldBytes) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (unsupported.has(task.name)) continue;
    if (pages instanceof UnsupportedPage) {
      unsupported.set(task.name, pages.message);
      continue;
    }
    if (pages instanceof Error) throw pages;
    try {
      task.builder.add(pages);
    } catch (error) {
      if (!(error instanceof UnsupportedPage)) throw error;
      unsupported.set(task.name, error.message);
    }
  }
  for (const { name, builder } of builders) if (!unsupported.has(name)) read.set(name, builder.finish());
  const matched = new Set<string>();
  for (const [name, { crc, bytes }] of crcs) if (read.has(name) && checksumText(crc, bytes) === checksums[name]) matched.add(name);
  return { read, unsupported, matched };
}
