// Kafka snappy batches (codec 2). The Java client writes xerial's framing (snappy-java
// SnappyOutputStream): magic 82 'SNAPPY' 00, int32 version, int32 min-compatible version, then
// chunks of [int32 BE length][raw snappy block]. librdkafka reads both, and writes raw snappy
// blocks (no framing) for record batches v2. Both are read here; compress writes xerial framing,
// which every client reads.
//
// Package: `snappy` (napi-rs over the Rust snap crate, prebuilt binaries per platform from npm, no
// compiler): 2.5–12× snappyjs (pure JS) on 1 MiB JSON batches here (docs/production-clusters.md).
import { checkBatchSize, KafkaCodecError, lazyPackage, type KafkaCodec } from './kafka-codec.js';
import { readUint64, varintEnd } from '../../util/varint.js';

interface SnappyModule {
  uncompress(bytes: Buffer, options?: { asBuffer?: boolean }): Promise<Buffer | string>;
  compress(bytes: Buffer): Promise<Buffer>;
}

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;
/** snappy-java's default block size. */
const XERIAL_CHUNK_BYTES = 32 * 1024;

const snappy = lazyPackage<SnappyModule>('snappy', 'snappy');

/** True when `bytes` opens with xerial's snappy-java stream header. */
export function isXerialFramed(bytes: Buffer): boolean {
  return bytes.length >= XERIAL_HEADER_BYTES && bytes.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

/** The uncompressed length a raw snappy block announces (its varint preamble). */
export function snappyLength(bytes: Buffer, at: number, end: number): number {
  const value = readUint64(bytes, at, end);
  // a uint32 preamble takes at most 5 bytes
  if (varintEnd < 0 || varintEnd - at > 5) throw new KafkaCodecError('snappy', 'A snappy block has a corrupt length preamble.');
  return value;
}

async function uncompressBlock(block: Buffer): Promise<Buffer> {
  checkBatchSize('snappy', snappyLength(block, 0, block.length));
  return (await snappy().uncompress(block, { asBuffer: true })) as Buffer;
}

async function decompress(bytes: Buffer): Promise<Buffer> {
  if (!isXerialFramed(bytes)) return uncompressBlock(bytes);
  const parts: Buffer[] = [];
  let total = 0;
  for (let at = XERIAL_HEADER_BYTES; at < bytes.length;) {
    if (at + 4 > bytes.length) throw new KafkaCodecError('snappy', 'A xerial-framed snappy batch ends inside a chunk length.');
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length < 0 || at + length > bytes.length) {
      throw new KafkaCodecError('snappy', `A xerial-framed snappy batch announces a chunk of ${length} bytes past its end.`);
    }
    const part = await uncompressBlock(bytes.subarray(at, at + length));
    total += part.length;
    checkBatchSize('snappy', total);
    parts.push(part);
    at += length;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

async function compress(encoder: { buffer: Buffer }): Promise<Buffer> {
  const input = encoder.buffer;
  const header = Buffer.alloc(XERIAL_HEADER_BYTES);
  XERIAL_MAGIC.copy(header);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const parts: Buffer[] = [header];
  for (let at = 0; at < input.length; at += XERIAL_CHUNK_BYTES) {
    const block = await snappy().compress(input.subarray(at, at + XERIAL_CHUNK_BYTES));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

/** Kafka's snappy codec (xerial-framed or raw blocks). */
export const snappyCodec: KafkaCodec = { compress, decompress };
