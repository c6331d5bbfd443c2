// kafkajs 2.2.4 decodes only gzip; snappy, lz4 and zstd batches throw KafkaJSNotImplemented and a
// stream would reconnect forever. Registering our codecs in its codec table (`CompressionCodecs`,
// the same object its record-batch decoder and our raw path in kafkajs-internals/raw-fetch.ts look codecs up
// in) makes every Kafka codec readable by both, and by any other kafkajs consumer in the process.
// Called when a stream starts (event-stream.ts), never at import: importing journal-lens (a
// Cassandra-only notebook) leaves kafkajs as it is.
import kafkajs from 'kafkajs';
import { lz4Codec } from './lz4-codec.js';
import { snappyCodec } from './snappy-codec.js';
import { zstdCodec } from './zstd-codec.js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

/**
 * Puts the snappy, lz4 and zstd codecs into kafkajs's codec table (idempotent). A codec the user
 * registered already is kept.
 *
 * @example
 * registerKafkaCodecs();
 */
export function registerKafkaCodecs(): void {
  const table = CompressionCodecs as Record<number, () => unknown>;
  const ours: Array<[number, object]> = [
    [CompressionTypes.Snappy, snappyCodec], [CompressionTypes.LZ4, lz4Codec], [CompressionTypes.ZSTD, zstdCodec],
  ];
  for (const [type, codec] of ours) {
    if (isKafkajsStub(table[type])) table[type] = () => codec;
  }
}

// kafkajs's own entries for the codecs it lacks throw when called; anything else is a user's codec.
function isKafkajsStub(entry: (() => unknown) | undefined): boolean {
  if (entry === undefined) return true;
  try {
    entry();
    return false;
  } catch (error) {
    return (error as { name?: string }).name === 'KafkaJSNotImplemented';
  }
}
