// Kafka lz4 batches (codec 3): the LZ4 *frame* format (magic 04 22 4D 18), as the Java client's
// KafkaLZ4BlockOutputStream and librdkafka write it for record batches v2 (older message formats
// had a broken header checksum; they are not read here, as kafkajs reads only v2 with codecs).
//
// Package: `lz4-napi` (napi-rs over the Rust lz4_flex crate, prebuilt binaries per platform from
// npm, no compiler): 1.4–5× lz4js (pure JS) on 1 MiB JSON batches here (docs/production-clusters.md).
import { checkBatchSize, KafkaCodecError, lazyPackage, type KafkaCodec } from './kafka-codec.js';

interface Lz4Module {
  decompressFrame(bytes: Buffer): Promise<Buffer>;
  compressFrame(bytes: Buffer): Promise<Buffer>;
}

const FRAME_MAGIC = 0x184d2204;
const lz4 = lazyPackage<Lz4Module>('lz4-napi', 'lz4');

// A frame that announces its content size (FLG bit 3) is checked before any output is allocated.
function announcedSize(bytes: Buffer): number | undefined {
  if (bytes.length < 7 || bytes.readUInt32LE(0) !== FRAME_MAGIC) {
    throw new KafkaCodecError('lz4', 'An lz4-compressed record batch does not start with the LZ4 frame magic 04 22 4D 18.');
  }
  if ((bytes[4]! & 0x08) === 0 || bytes.length < 14) return undefined;
  return Number(bytes.readBigUInt64LE(6));
}

async function decompress(bytes: Buffer): Promise<Buffer> {
  const size = announcedSize(bytes);
  if (size !== undefined) checkBatchSize('lz4', size);
  const out = await lz4().decompressFrame(bytes);
  checkBatchSize('lz4', out.length);
  return out;
}

/** Kafka's lz4 codec (LZ4 frames). */
export const lz4Codec: KafkaCodec = {
  compress: (encoder) => lz4().compressFrame(encoder.buffer),
  decompress,
};
