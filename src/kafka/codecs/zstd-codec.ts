// Kafka zstd batches (codec 4): one or more zstd frames.
//
// Node's own zlib decompresses zstd from Node 22.15 / 23.8 on (fastest, and bounded by
// maxOutputLength); older Nodes use `fzstd` (pure JS, no binary at all). Compression (for tests
// and benchmarks that produce with kafkajs) needs node:zlib's zstd.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { checkBatchSize, KafkaCodecError, lazyPackage, MAX_BATCH_BYTES, type KafkaCodec } from './kafka-codec.js';

interface FzstdModule { decompress(bytes: Uint8Array): Uint8Array }
type ZlibCall = (bytes: Buffer, options: object, callback: (error: Error | null, out: Buffer) => void) => void;

const native = zlib as unknown as { zstdDecompress?: ZlibCall; zstdCompress?: ZlibCall };
const nativeDecompress = native.zstdDecompress ? promisify(native.zstdDecompress) as (b: Buffer, o: object) => Promise<Buffer> : undefined;
const nativeCompress = native.zstdCompress ? promisify(native.zstdCompress) as (b: Buffer, o: object) => Promise<Buffer> : undefined;
const fzstd = lazyPackage<FzstdModule>('fzstd', 'zstd');

/** Which implementation decompresses zstd in this process: 'node:zlib' or 'fzstd'. */
export const zstdImplementation: 'node:zlib' | 'fzstd' = nativeDecompress ? 'node:zlib' : 'fzstd';

async function decompress(bytes: Buffer): Promise<Buffer> {
  if (nativeDecompress) {
    try {
      return await nativeDecompress(bytes, { maxOutputLength: MAX_BATCH_BYTES });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') checkBatchSize('zstd', MAX_BATCH_BYTES + 1);
      throw new KafkaCodecError('zstd', `A zstd-compressed record batch could not be decompressed: ${(error as Error).message}.`, { cause: error });
    }
  }
  let out: Uint8Array;
  try {
    out = fzstd().decompress(bytes);
  } catch (error) {
    if (error instanceof KafkaCodecError) throw error;
    throw new KafkaCodecError('zstd', `A zstd-compressed record batch could not be decompressed: ${(error as Error).message}.`, { cause: error });
  }
  checkBatchSize('zstd', out.length);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

async function compress(encoder: { buffer: Buffer }): Promise<Buffer> {
  if (!nativeCompress) {
    throw new KafkaCodecError('zstd', `Producing zstd batches needs node:zlib's zstd (Node 22.15+ or 23.8+); this is Node ${process.version}.`);
  }
  return nativeCompress(encoder.buffer, {});
}

/** Kafka's zstd codec. */
export const zstdCodec: KafkaCodec = { compress, decompress };
