// The pages of one Parquet column chunk, as hyparquet-writer writes them (docs/snapshots.md): an
// optional PLAIN dictionary page, then DATA_PAGE_V2 pages (levels uncompressed, values compressed
// with the chunk's codec). Page headers are parsed by hyparquet (a few per column, not a hot
// path); values are decompressed by the native `snappy` package. Anything else (v1 pages, other
// codecs) is an UnsupportedPage, and the caller reads that column through hyparquet instead.
import { createRequire } from 'node:module';
import { snappyUncompress, type ColumnMetaData, type Encoding } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { PageDataError } from './hybrid.js';

/** A page kind, encoding or codec this reader does not take: read the column through hyparquet. */
export class UnsupportedPage extends Error {}

/**
 * One data page: its levels (byte ranges of `levels`, never compressed in v2 pages) and its values,
 * decompressed when `values()` is called (each call decompresses again: call it once). Pages are
 * decompressed one at a time, so only one page's bytes are alive beside the column being built.
 */
export interface DataPage {
  numValues: number;
  numNulls: number;
  numRows: number;
  encoding: Encoding;
  levels: Uint8Array;
  repStart: number;
  repEnd: number;
  defStart: number;
  defEnd: number;
  values(): Uint8Array;
  /** The snappy bytes of the values and their decompressed length, or null when stored uncompressed. */
  compressed: { input: Uint8Array; length: number } | null;
}

export interface ChunkPages {
  /** The dictionary page's PLAIN values and their count, or null. */
  dictionary: { values: Uint8Array; count: number } | null;
  pages: DataPage[];
}

type Uncompress = (input: Uint8Array, length: number) => Uint8Array;

interface SnappyLib {
  uncompressSync(input: Buffer, options: { asBuffer: true; copyOutputData?: boolean }): Buffer;
  uncompress(input: Buffer, options: { asBuffer: true }): Promise<Buffer>;
}

/** `native: false` makes the reader act as if the native package were missing (tests cover that path). */
export const snappySettings = { native: true };

/** Whether the native snappy package is loaded and used (else every page goes through a JS decoder). */
export const nativeSnappy = (): boolean => snappyLib !== null && snappySettings.native;

const snappyLib: SnappyLib | null = (() => {
  try {
    return createRequire(import.meta.url)('snappy') as SnappyLib;
  } catch {
    return null;
  }
})();

/**
 * Snappy through the native package (as parquet-file.ts's compressors hook); hyparquet's JS decoder
 * without it. `copyOutputData`: the package copies each page into a buffer of V8's own and frees its
 * native one at once; V8 frees its buffers as soon as they die, while the package's external ones
 * wait for a full GC and a finalizer. Measured at 1M rows: peak RSS 0.47–0.52 → 0.44–0.45 GB and
 * about 15 % less CPU (docs/snapshots.md, "Peak memory of a load").
 */
const snappy: Uncompress = (() => {
  const lib = snappyLib;
  if (lib !== null) {
    return (input, length) => decompressed(lib.uncompressSync(Buffer.from(input.buffer, input.byteOffset, input.byteLength), { asBuffer: true, copyOutputData: true }), length);
  }
  return (input, length) => {
    const out = new Uint8Array(length);
    snappyUncompress(input, out);
    return out;
  };
})();

function decompressed(out: Buffer, length: number): Uint8Array {
  if (out.length !== length) throw new PageDataError(`a page decompressed to ${out.length} bytes, its header says ${length}`);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Decompresses the data pages of `pages` on libuv's thread pool (the native package's async call),
 * so that a caller can decode one chunk on the main thread while the next one decompresses.
 * Afterwards `values()` returns the bytes made here. A no-op without the native package.
 */
export async function preload(pages: ChunkPages): Promise<void> {
  const lib = snappyLib;
  if (lib === null) return;
  await Promise.all(pages.pages.map(async (page) => {
    const compressed = page.compressed;
    if (compressed === null) return;
    let out: Buffer;
    try {
      out = await lib.uncompress(Buffer.from(compressed.input.buffer, compressed.input.byteOffset, compressed.input.byteLength), { asBuffer: true });
    } catch (error) {
      throw new PageDataError(`a page does not decompress (${(error as Error).message})`);
    }
    const values = decompressed(out, compressed.length);
    page.values = () => values;
  }));
}

/** The bytes [start, end) of the file that the column chunk `chunk` claims (not yet checked). */
export function chunkRange(chunk: ColumnMetaData): { start: number; end: number } {
  const dictOffset = chunk.dictionary_page_offset;
  const start = Number(dictOffset !== undefined && dictOffset > 0n && dictOffset < chunk.data_page_offset ? dictOffset : chunk.data_page_offset);
  return { start, end: start + Number(chunk.total_compressed_size) };
}

/**
 * Reads the pages of the column chunk `chunk` (of a row group of `rows` rows). `file` holds the
 * file's bytes from byte `base` on (the whole file, or just this chunk's range) of a `fileSize`-byte file.
 */
export function readChunkPages(file: Uint8Array, chunk: ColumnMetaData, rows: number, base = 0, fileSize = file.length): ChunkPages {
  if (chunk.codec !== 'UNCOMPRESSED' && chunk.codec !== 'SNAPPY') throw new UnsupportedPage(`codec ${chunk.codec}`);
  const claimed = chunkRange(chunk);
  if (!(claimed.start >= 4 && claimed.end <= fileSize && claimed.end >= claimed.start)) {
    throw new PageDataError(`a column chunk claims bytes ${claimed.start}–${claimed.end} of a ${fileSize}-byte file`);
  }
  if (claimed.start < base || claimed.end - base > file.length) throw new RangeError(`bytes ${claimed.start}–${claimed.end} were not read`);
  // Positions below are in `file`.
  const start = claimed.start - base;
  const end = claimed.end - base;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const reader = { view, offset: start };
  let dictionary: ChunkPages['dictionary'] = null;
  const pages: DataPage[] = [];
  let rowsRead = 0;
  while (rowsRead < rows) {
    if (reader.offset >= end) throw new PageDataError(`a column chunk holds ${rowsRead} of its row group's ${rows} rows`);
    const header = parquetHeader(reader);
    const pageStart = reader.offset;
    const compressed = header.compressed_page_size;
    const uncompressed = header.uncompressed_page_size;
    if (!Number.isInteger(compressed) || compressed < 0 || pageStart + compressed > end || !Number.isInteger(uncompressed) || uncompressed < 0) {
      throw new PageDataError(`a page claims ${compressed} bytes at byte ${pageStart} of a column chunk ending at ${end}`);
    }
    reader.offset = pageStart + compressed;
    if (header.type === 'DICTIONARY_PAGE') {
      const h = header.dictionary_page_header;
      if (h === undefined || (h.encoding !== 'PLAIN' && h.encoding !== 'PLAIN_DICTIONARY')) throw new UnsupportedPage(`dictionary encoding ${h?.encoding}`);
      if (dictionary !== null || pages.length > 0) throw new PageDataError('a second dictionary page, or one after data pages');
      if (!Number.isInteger(h.num_values) || h.num_values < 0) throw new PageDataError(`a dictionary page claims ${h.num_values} values`);
      dictionary = { values: values(file, pageStart, compressed, uncompressed, chunk.codec === 'SNAPPY'), count: h.num_values };
    } else if (header.type === 'DATA_PAGE_V2') {
      const h = header.data_page_header_v2;
      if (h === undefined) throw new PageDataError('a DATA_PAGE_V2 page without its header');
      const repLength = h.repetition_levels_byte_length;
      const defLength = h.definition_levels_byte_length;
      const counts = [h.num_values, h.num_nulls, h.num_rows, repLength, defLength];
      if (!counts.every((n) => Number.isInteger(n) && n >= 0) || h.num_nulls > h.num_values || repLength + defLength > compressed || repLength + defLength > uncompressed) {
        throw new PageDataError(`a data page has impossible counts (values ${h.num_values}, nulls ${h.num_nulls}, rows ${h.num_rows}, level bytes ${repLength} + ${defLength}, page bytes ${compressed})`);
      }
      if (rowsRead + h.num_rows > rows) throw new PageDataError(`data pages claim more rows than their row group's ${rows}`);
      const levelBytes = repLength + defLength;
      const isCompressed = h.is_compressed !== false && chunk.codec === 'SNAPPY';
      pages.push({
        numValues: h.num_values, numNulls: h.num_nulls, numRows: h.num_rows, encoding: h.encoding,
        levels: file, repStart: pageStart, repEnd: pageStart + repLength, defStart: pageStart + repLength, defEnd: pageStart + levelBytes,
        values: () => values(file, pageStart + levelBytes, compressed - levelBytes, uncompressed - levelBytes, isCompressed),
        // Sizes checked now, before any page is decoded.
        compressed: isCompressed ? { input: checkSizes(file, pageStart + levelBytes, compressed - levelBytes, uncompressed - levelBytes, true), length: uncompressed - levelBytes } : null,
      });
      if (!isCompressed) checkSizes(file, pageStart + levelBytes, compressed - levelBytes, uncompressed - levelBytes, false);
      rowsRead += h.num_rows;
      if (h.num_rows === 0 && h.num_values > 0) throw new PageDataError('a data page of values but no rows');
    } else if (header.type === 'INDEX_PAGE') {
      continue;
    } else {
      throw new UnsupportedPage(`page type ${header.type}`);
    }
  }
  return { dictionary, pages };
}

function values(file: Uint8Array, at: number, compressed: number, uncompressed: number, isCompressed: boolean): Uint8Array {
  const input = checkSizes(file, at, compressed, uncompressed, isCompressed);
  if (!isCompressed) return input;
  try {
    return snappy(input, uncompressed);
  } catch (error) {
    if (error instanceof PageDataError) throw error;
    throw new PageDataError(`a page does not decompress (${(error as Error).message})`);
  }
}

/** The page's bytes in `file`, once its sizes are checked. */
function checkSizes(file: Uint8Array, at: number, compressed: number, uncompressed: number, isCompressed: boolean): Uint8Array {
  const input = file.subarray(at, at + compressed);
  if (!isCompressed) {
    if (uncompressed !== compressed) throw new PageDataError(`an uncompressed page of ${compressed} bytes claims ${uncompressed}`);
    return input;
  }
  // Snappy's own length preamble must agree with the header, and no snappy stream expands more
  // than about 22× (a 3-byte copy makes at most 64 bytes): a larger claim is damage, not data.
  let claimed = 0;
  for (let k = 0, shift = 0; k < 5; k++, shift += 7) {
    const b = input[k];
    if (b === undefined) throw new PageDataError('a compressed page is cut short');
    claimed += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  if (claimed !== uncompressed || uncompressed > compressed * 24 + 64) {
    throw new PageDataError(`a compressed page of ${compressed} bytes claims ${uncompressed} (snappy says ${claimed})`);
  }
  return input;
}
