// Kafka's snappy, lz4 and zstd codecs (src/kafka/codecs): registered in kafkajs's codec table, they
// decode the same records through kafkajs's own record-batch decoder and through our raw path.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import zlib from 'node:zlib';
import kafkajs from 'kafkajs';
import { KafkaCodecError, MAX_BATCH_BYTES } from '../../../src/kafka/codecs/kafka-codec.js';
import { lz4Codec } from '../../../src/kafka/codecs/lz4-codec.js';
import { registerKafkaCodecs } from '../../../src/kafka/codecs/register-kafka-codecs.js';
import { isXerialFramed, snappyCodec } from '../../../src/kafka/codecs/snappy-codec.js';
import { zstdCodec, zstdImplementation } from '../../../src/kafka/codecs/zstd-codec.js';
import { rawBatchesOf, recordBatchesOf } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { RawRecordCursor } from '../../../src/kafka/records/raw-record-cursor.js';
import { kafkajsCodecs } from './raw-records.js';

const require = createRequire(import.meta.url);
const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: number | string): unknown };
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (o: object) => Promise<{ buffer: Buffer }> };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: object) => { buffer: Buffer };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<{ records: Array<{ offset: string; value: Buffer | null }> }>;
const { CompressionTypes } = kafkajs;
const hasNativeZstd = typeof (zlib as unknown as { zstdCompress?: unknown }).zstdCompress === 'function';

registerKafkaCodecs();

const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => JSON.stringify({ persistenceId: `cart-${i % 37}`, sequenceNr: i, type: 'ItemAdded' })).join('\n'));

test('each codec round-trips a payload larger than one snappy chunk or LZ4 block', async () => {
  const codecs: Array<[string, typeof snappyCodec]> = [['snappy', snappyCodec], ['lz4', lz4Codec]];
  if (hasNativeZstd) codecs.push(['zstd', zstdCodec]);
  for (const [name, codec] of codecs) {
    const packed = await codec.compress({ buffer: payload });
    assert.ok(packed.length < payload.length / 2, `${name} compresses`);
    assert.deepEqual(await codec.decompress(packed), payload, name);
  }
});

test('snappy reads both xerial-framed batches (Java client) and raw blocks (librdkafka)', async () => {
  const framed = await snappyCodec.compress({ buffer: payload });
  assert.ok(isXerialFramed(framed));
  const snappy = require('snappy') as { compressSync(b: Buffer): Buffer };
  const raw = snappy.compressSync(payload);
  assert.ok(!isXerialFramed(raw));
  assert.deepEqual(await snappyCodec.decompress(raw), payload);
});

test('zstd decompresses with node:zlib where Node has it, else with fzstd; both read the same frame', async () => {
  assert.equal(zstdImplementation, typeof (zlib as unknown as { zstdDecompress?: unknown }).zstdDecompress === 'function' ? 'node:zlib' : 'fzstd');
  // A frame written by the zstd reference implementation (zstd -3 of 'journal-lens\n' × 4).
  const frame = Buffer.from('KLUv/QRYnQAAaGpvdXJuYWwtbGVucwoBAKCcX1IXHxg=', 'base64');
  const fzstd = require('fzstd') as { decompress(b: Uint8Array): Uint8Array };
  const expected = Buffer.from('journal-lens\n'.repeat(4));
  assert.deepEqual(Buffer.from(fzstd.decompress(frame)), expected);
  assert.deepEqual(await zstdCodec.decompress(frame), expected);
});

test('kafkajs decodes and our raw path reads the same records for every codec', async () => {
  const types = [CompressionTypes.GZIP, CompressionTypes.Snappy, CompressionTypes.LZ4, ...(hasNativeZstd ? [CompressionTypes.ZSTD] : [])];
  const records = Array.from({ length: 50 }, (_, i) => Record({ offsetDelta: i, timestampDelta: i, key: Buffer.from(`k${i}`), value: Buffer.from(`value ${i} `.repeat(20)) }));
  for (const compression of types) {
    const encoded = await RecordBatch({
      compression, firstOffset: Long.fromValue(100), firstTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_049, lastOffsetDelta: 49, records,
    });
    const viaKafkajs = (await decodeBatch(new Decoder(encoded.buffer))).records.map((m) => [Number(m.offset), m.value?.toString()]);
    const cursor = new RawRecordCursor(rawBatchesOf(await recordBatchesOf(encoded.buffer, kafkajsCodecs.lookupCodecByAttributes))!);
    const viaRaw: Array<[number, string | undefined]> = [];
    while (cursor.next()) viaRaw.push([cursor.offset, cursor.value()?.toString()]);
    assert.equal(viaKafkajs.length, 50, `codec ${compression}`);
    assert.deepEqual(viaRaw, viaKafkajs, `codec ${compression}`);
  }
});

test('a batch announcing more than the ceiling is refused before any output is allocated', async () => {
  // raw snappy: varint preamble announcing MAX_BATCH_BYTES + 1
  const preamble: number[] = [];
  for (let v = MAX_BATCH_BYTES + 1; ; v = Math.floor(v / 128)) {
    if (v < 128) { preamble.push(v); break; }
    preamble.push((v % 128) | 0x80);
  }
  await assert.rejects(snappyCodec.decompress(Buffer.from([...preamble, 0, 0, 0])), (e: unknown) => e instanceof KafkaCodecError && e.message.includes(String(MAX_BATCH_BYTES + 1)));
  // LZ4 frame with content size MAX_BATCH_BYTES + 1
  const frame = Buffer.alloc(20);
  frame.writeUInt32LE(0x184d2204, 0);
  frame[4] = 0x60 | 0x08;
  frame[5] = 0x40;
  frame.writeBigUInt64LE(BigInt(MAX_BATCH_BYTES + 1), 6);
  await assert.rejects(lz4Codec.decompress(frame), (e: unknown) => e instanceof KafkaCodecError && /refused/.test(e.message));
  await assert.rejects(lz4Codec.decompress(Buffer.from('not a frame')), (e: unknown) => e instanceof KafkaCodecError && /frame magic/.test(e.message));
});

test('registering keeps a codec the user put in the table, and is idempotent', () => {
  const table = kafkajs.CompressionCodecs as Record<number, () => unknown>;
  assert.equal(table[CompressionTypes.LZ4]!(), lz4Codec);
  const mine = { compress: async () => Buffer.alloc(0), decompress: async () => Buffer.alloc(0) };
  const saved = table[CompressionTypes.Snappy]!;
  table[CompressionTypes.Snappy] = () => mine;
  try {
    registerKafkaCodecs();
    assert.equal(table[CompressionTypes.Snappy]!(), mine);
  } finally {
    table[CompressionTypes.Snappy] = saved;
  }
});
