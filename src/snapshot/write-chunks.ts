// Writing a file from the list of buffers it is made of (fs.writevSync, a batch of buffers per
// call), so a snapshot's bytes are never concatenated into one more buffer of their full size.
import fs from 'node:fs';

/** Buffers per writev call (below every platform's IOV_MAX of 1024). */
const BATCH = 512;

/** Writes `chunks`, in order, to a new or truncated `file`. Throws what fs throws. */
export function writeChunksSync(file: string, chunks: readonly Uint8Array[]): void {
  const fd = fs.openSync(file, 'w');
  try {
    writeAll(fd, chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes every byte of `chunks` at the current position of `fd`, resuming after short writes. */
export function writeAll(fd: number, chunks: readonly Uint8Array[]): void {
  let i = 0;
  let skip = 0; // bytes of chunks[i] already written
  while (i < chunks.length) {
    const batch: Uint8Array[] = [];
    for (let k = i; k < chunks.length && batch.length < BATCH; k++) batch.push(k === i && skip > 0 ? chunks[k]!.subarray(skip) : chunks[k]!);
    // A short write steps over the whole buffers written and into the one cut short.
    let left = fs.writevSync(fd, batch);
    for (const chunk of batch) {
      if (left < chunk.byteLength) {
        skip += left;
        break;
      }
      left -= chunk.byteLength;
      i++;
      skip = 0;
    }
  }
}
