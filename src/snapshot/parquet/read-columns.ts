// Several columns of a Parquet file written by saveTable, read by our page reader with the next
// column chunk decompressing on libuv's thread pool while this one decodes on the main thread: the
// two cores share a load that is about half snappy, half decoding (docs/snapshots.md).
import type { FileMetaData } from 'hyparquet';
import type { SnapshotColumn, SnapshotColumnKind } from '../snapshot-columns.js';
import { preload, readChunkPages, UnsupportedPage, type ChunkPages } from './pages.js';
import { columnBuilder, type ColumnBuilder } from './read-column.js';

export const readDefaults = {
  /** Column chunks from this many compressed bytes decompress on the thread pool (0 in tests: all). */
  preloadBytes: 256 * 1024,
};

/**
 * Reads `columns` of `file`; returns the columns read and, for the others, why this reader does not
 * take them (read those through hyparquet). Damaged page data rejects with a PageDataError.
 */
export async function readOwnColumns(file: Uint8Array, meta: FileMetaData, columns: readonly { name: string; kind: SnapshotColumnKind }[]):
  Promise<{ read: Map<string, SnapshotColumn>; unsupported: Map<string, string> }> {
  const read = new Map<string, SnapshotColumn>();
  const unsupported = new Map<string, string>();
  const builders: { name: string; builder: ColumnBuilder }[] = [];
  for (const { name, kind } of columns) {
    try {
      builders.push({ name, builder: columnBuilder(meta, name, kind, file.length) });
    } catch (error) {
      if (!(error instanceof UnsupportedPage)) throw error;
      unsupported.set(name, error.message);
    }
  }
  // Every chunk of every column in read order; the next one is parsed and decompressing while
  // the current one decodes (at most two chunks' pages alive at once).
  const tasks = builders.flatMap(({ name, builder }) => builder.chunks.map((c) => ({ name, builder, ...c })));
  const load = (i: number): Promise<ChunkPages | Error> | null => {
    const task = tasks[i];
    if (task === undefined) return null;
    let pages: ChunkPages;
    try {
      pages = readChunkPages(file, task.chunk, task.rows);
    } catch (error) {
      return Promise.resolve(error as Error);
    }
    // A small chunk decompresses on the main thread when decoded: a hand-off to the thread pool
    // costs more than it saves there (and on a loaded machine, a scheduling delay each).
    if (Number(task.chunk.total_compressed_size) < readDefaults.preloadBytes) return Promise.resolve(pages);
    return preload(pages).then(() => pages, (error: unknown) => error as Error);
  };
  let next = load(0);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    const pages = await next!;
    next = load(i + 1);
    if (unsupported.has(task.name)) continue;
    if (pages instanceof UnsupportedPage) {
      unsupported.set(task.name, pages.message);
      continue;
    }
    if (pages instanceof Error) {
      await next?.catch(() => undefined);
      throw pages;
    }
    try {
      task.builder.add(pages);
    } catch (error) {
      if (!(error instanceof UnsupportedPage)) {
        await next?.catch(() => undefined);
        throw error;
      }
      unsupported.set(task.name, error.message);
    }
  }
  for (const { name, builder } of builders) if (!unsupported.has(name)) read.set(name, builder.finish());
  return { read, unsupported };
}
