// Test helpers: the same records through both readers. Messages are encoded as Kafka record
// batches (message format v2, a few records per batch, optionally gzip) and read back with
// RawRecordCursor; formats must give the same chunk as from kafkajs-style messages.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { KafkaMessage } from 'kafkajs';
import { createRequire } from 'node:module';
import type { StreamChunk } from '../../../src/types.js';
import type { ChunkFromRecords } from '../../../src/kafka/formats/chunk-builder.js';
import { rawBatchesOf, recordBatchesOf, type Codec } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { RawRecordCursor } from '../../../src/kafka/records/raw-record-cursor.js';
import { recordsOf, type RecordCursor } from '../../../src/kafka/records/record-cursor.js';

const require = createRequire(import.meta.url);
export const kafkajsCodecs = require('kafkajs/src/protocol/message/compression/index.js') as { lookupCodecByAttributes(a: number): Codec | null };

function varint(out: number[], v: number): void {
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    out.push((u % 128) | 0x80);
    u = Math.floor(u / 128);
  }
  out.push(u);
}

function bytes(out: number[], b: Uint8Array | null): void {
  if (b === null) return varint(out, -1);
  varint(out, b.length);
  for (const x of b) out.push(x);
}

/** One record batch (v2) holding `messages`, whose offsets must be increasing. */
export function recordBatchBytes(messages: readonly KafkaMessage[], options: { gzip?: boolean; logAppendTime?: number } = {}): Buffer {
  const baseOffset = Number(messages[0]!.offset);
  const baseTimestamp = Number(messages[0]!.timestamp);
  const records: number[] = [];
  for (const m of messages) {
    const body: number[] = [0];
    varint(body, Number(m.timestamp) - baseTimestamp);
    varint(body, Number(m.offset) - baseOffset);
    bytes(body, m.key === undefined ? null : m.key);
    bytes(body, m.value);
    const headers = Object.entries(m.headers ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x] as const));
    varint(body, headers.length);
    for (const [k, v] of headers) {
      bytes(body, Buffer.from(k));
      bytes(body, v === undefined ? null : Buffer.from(v));
    }
    varint(records, body.length);
    records.push(...body);
  }
  const recordBytes = options.gzip ? gzipSync(Buffer.from(records)) : Buffer.from(records);
  const header = Buffer.alloc(61);
  const lastOffsetDelta = Number(messages[messages.length - 1]!.offset) - baseOffset;
  header.writeBigInt64BE(BigInt(baseOffset), 0);
  header.writeInt32BE(61 - 12 + recordBytes.length, 8);
  header.writeInt8(2, 16);
  header.writeInt16BE((options.gzip ? 1 : 0) | (options.logAppendTime !== undefined ? 8 : 0), 21);
  header.writeInt32BE(lastOffsetDelta, 23);
  header.writeBigInt64BE(BigInt(baseTimestamp), 27);
  header.writeBigInt64BE(BigInt(options.logAppendTime ?? baseTimestamp), 35);
  header.writeBigInt64BE(-1n, 43);
  header.writeInt32BE(messages.length, 57);
  return Buffer.concat([header, recordBytes]);
}

/** `messages` as raw batches of up to `perBatch` records, read from `fromOffset` on. */
export async function rawRecordsOf(messages: readonly KafkaMessage[], options: { perBatch?: number; gzip?: boolean; fromOffset?: number } = {}): Promise<RecordCursor> {
  const perBatch = options.perBatch ?? 3;
  const parts: Buffer[] = [];
  for (let i = 0; i < messages.length; i += perBatch) parts.push(recordBatchBytes(messages.slice(i, i + perBatch), { gzip: options.gzip }));
  const stand = await recordBatchesOf(Buffer.concat(parts), kafkajsCodecs.lookupCodecByAttributes);
  return new RawRecordCursor(rawBatchesOf(stand) ?? [], options.fromOffset ?? 0);
}

/** A chunk with its kept JSON as text per row, so chunks made from different buffers compare. */
export function comparable(chunk: StreamChunk): unknown {
  const json = chunk.json;
  const texts = json == null ? null : Array.from(json.length, (n, i) => (n === 0 ? null : json.bytes.toString('utf8', json.start[i]!, json.start[i]! + n)));
  return { ...chunk, json: texts, raw: chunk.raw?.map((r) => (r === null ? null : [...r])) ?? null };
}

/**
 * The format over messages, checked against the same records read raw (plain and gzip).
 *
 * @example
 * const akka = viaBothReaders(createAkkaFormat(deps));
 * const chunk = await akka('events', 0, messages);
 */
export function viaBothReaders(format: ChunkFromRecords): (topic: string, partition: number, messages: readonly KafkaMessage[]) => Promise<StreamChunk> {
  return async (topic, partition, messages) => {
    const fromMessages = format(topic, partition, recordsOf(messages));
    for (const gzip of [false, true]) {
      const fromRaw = format(topic, partition, await rawRecordsOf(messages, { gzip }));
      assert.deepEqual(comparable(fromRaw), comparable(fromMessages), `raw record batches${gzip ? ' (gzip)' : ''} read like messages`);
    }
    return fromMessages;
  };
}
