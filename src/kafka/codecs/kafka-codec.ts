// The shape kafkajs's codec table (`CompressionCodecs`) expects, and the ceiling on what one
// compressed record batch may expand to.
import { createRequire } from 'node:module';

/** A kafkajs compression codec: `compress` gets kafkajs's Encoder (its `buffer`), `decompress` a batch's records region. */
export interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(bytes: Buffer): Promise<Buffer>;
}

/**
 * A record batch is at most a broker's `message.max.bytes` (1 MiB by default) compressed; 128 MiB
 * decompressed (the ceiling gzip batches have too) is far beyond any real batch and keeps a compression bomb from
 * exhausting the kernel.
 */
export const MAX_BATCH_BYTES = 128 * 1024 * 1024;

/** Our codecs' failures: kafkajs shows the message on the stream's status line. */
export class KafkaCodecError extends Error {
  constructor(readonly codec: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaCodecError';
  }
}

const require = createRequire(import.meta.url);

/**
 * Loads an npm package on first use, so that a topic without that codec never loads its native
 * binary; a package that cannot load gives one paragraph naming the codec and what to do.
 *
 * @example
 * const snappy = lazyPackage<SnappyModule>('snappy', 'snappy');
 * const out = await snappy().uncompress(bytes);
 */
export function lazyPackage<T>(name: string, codec: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    try {
      loaded = require(name) as T;
      return loaded;
    } catch (error) {
      throw new KafkaCodecError(codec,
        `A record batch is ${codec}-compressed, and the package '${name}' that decompresses it could not be loaded on ` +
        `${process.platform}-${process.arch} (Node ${process.version}): ${error instanceof Error ? error.message : String(error)}. ` +
        `Reinstall journal-lens's dependencies (npm ci) so that npm picks the prebuilt binary for this platform.`, { cause: error });
    }
  };
}

/**
 * Throws KafkaCodecError when a batch announces or produced more than MAX_BATCH_BYTES.
 *
 * @example
 * checkBatchSize('snappy', announced);
 */
export function checkBatchSize(codec: string, bytes: number): void {
  if (bytes > MAX_BATCH_BYTES) {
    throw new KafkaCodecError(codec, `A ${codec}-compressed record batch expands to ${bytes} bytes, more than the ${MAX_BATCH_BYTES} ` +
      'bytes any real batch holds: it is refused (a compression bomb or a corrupt batch).');
  }
}
