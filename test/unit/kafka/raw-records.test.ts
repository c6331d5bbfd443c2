import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { installRawFetchDecoding, rawBatchesOf, rawFetchStats, recordBatchesOf, withRawRecordBatches } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { CorruptRecordBatchError, RawRecordCursor } from '../../../src/kafka/records/raw-record-cursor.js';
import { KeyFilteredCursor, keyString, type RecordCursor } from '../../../src/kafka/records/record-cursor.js';
import { kafkajsCodecs, rawRecordsOf, recordBatchBytes } from './raw-records.js';

const require = createRequire(import.meta.url);
type Encoded = { buffer: Buffer };
const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: number | string): unknown };
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (o: object) => Promise<Encoded> };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: object) => Encoded;
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: unknown) => Promise<{ records: KafkaMessage[] }>;

interface Seen { offset: number; timestampMs: number; key: string | null; value: string | null; headers: Record<string, unknown> }

function drain(records: RecordCursor): Seen[] {
  const out: Seen[] = [];
  while (records.next()) {
    const value = records.value();
    const headers = Object.fromEntries(Object.entries(records.headers()).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v === undefined ? null : String(v)]));
    out.push({ offset: records.offset, timestampMs: records.timestampMs, key: records.keyStart < 0 ? null : keyString(records), value: value === null ? null : value.toString(), headers });
  }
  return out;
}

test('raw records read like kafkajs decodes them: keys, null values, headers, timestamps, gzip', async () => {
  const records = [
    Record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from('cart-1'), value: Buffer.from('{"a":1}'), headers: { trace: 'x', multi: ['1', '2'] } }),
    Record({ offsetDelta: 1, timestampDelta: -5, key: null, value: Buffer.from('é🙂 text') }),
    Record({ offsetDelta: 2, timestampDelta: 2 ** 33, key: Buffer.from('cart-2'), value: null }),
    Record({ offsetDelta: 4, timestampDelta: 7, key: Buffer.from(''), value: Buffer.alloc(300, 0x61) }),
  ];
  for (const compression of [0, 1]) {
    const encoded = await RecordBatch({
      compression, firstOffset: Long.fromValue(1_000_000_000_000), firstTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_009,
      lastOffsetDelta: 4, records,
    });
    const bytes = Buffer.concat([encoded.buffer, encoded.buffer.subarray(0, 40)]); // + a partial batch, as maxBytes leaves
    const reference = (await decodeBatch(new Decoder(encoded.buffer))).records.map((m) => ({
      offset: Number(m.offset), timestampMs: Number(m.timestamp), key: m.key === null ? null : m.key.toString(), value: m.value === null ? null : m.value.toString(),
      headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v === undefined ? null : String(v)])),
    }));
    const stand = await recordBatchesOf(bytes, kafkajsCodecs.lookupCodecByAttributes);
    assert.equal(stand.length, 1, 'the partial trailing batch is left for the next fetch');
    assert.equal(stand[0]!.offset, String(1_000_000_000_004), 'the stand-in carries the batch\'s last offset');
    const cursor = new RawRecordCursor(rawBatchesOf(stand)!);
    assert.equal(cursor.count, 4);
    assert.deepEqual(drain(cursor), reference, `compression ${compression}`);
    assert.deepEqual(drain(new RawRecordCursor(rawBatchesOf(stand)!, 1_000_000_000_002)).map((r) => r.offset), [1_000_000_000_002, 1_000_000_000_004], 'records before the fetched offset are skipped');
  }
});

test('raw records: LogAppendTime stamps every record with the batch time; a key filter passes matching keys only', async () => {
  const messages: KafkaMessage[] = ['a', 'b', 'a'].map((k, i) => ({ key: Buffer.from(k), value: Buffer.from(String(i)), timestamp: String(10 + i), attributes: 0, offset: String(i), headers: {} }));
  const stand = await recordBatchesOf(recordBatchBytes(messages, { logAppendTime: 99 }), kafkajsCodecs.lookupCodecByAttributes);
  assert.deepEqual(drain(new RawRecordCursor(rawBatchesOf(stand)!)).map((r) => r.timestampMs), [99, 99, 99]);
  const onlyA = new KeyFilteredCursor(await rawRecordsOf(messages, { perBatch: 2 }), (k) => k !== null && k.toString() === 'a');
  assert.deepEqual(drain(onlyA).map((r) => [r.key, r.value, r.offset]), [['a', '0', 0], ['a', '2', 2]]);
});

test('raw records: a record that overruns its batch is a clear report, not a wrong row', async () => {
  const messages: KafkaMessage[] = [{ key: null, value: Buffer.from('hello'), timestamp: '1', attributes: 0, offset: '0', headers: {} }];
  const bytes = recordBatchBytes(messages);
  bytes[61] = 0x7e; // record length 63: past the batch's end
  const stand = await recordBatchesOf(bytes, kafkajsCodecs.lookupCodecByAttributes);
  // (skipped and reported, not thrown: see batch-headers-trusted.test.ts)
  const cursor = new RawRecordCursor(rawBatchesOf(stand)!);
  assert.equal(cursor.next(), false);
  assert.match(cursor.corruptions?.[0]?.detail ?? '', /overruns its batch/);
  assert.ok(new CorruptRecordBatchError('x').message.includes('(x)'));
});

test('the raw decoding is taken only inside withRawRecordBatches; kafkajs messages elsewhere', async () => {
  assert.equal(installRawFetchDecoding(), true);
  const decodeMessages = require('kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js') as (d: unknown) => Promise<unknown[]>;
  const set = recordBatchBytes([{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: '5', attributes: 0, offset: '7', headers: {} }]);
  const response = () => new Decoder(Buffer.concat([Buffer.from([0, 0, 0, set.length]), set]));
  const outside = (await decodeMessages(response())) as KafkaMessage[];
  assert.equal(rawBatchesOf(outside), null);
  assert.equal(outside[0]!.value!.toString(), 'v');
  assert.equal(outside[0]!.offset, '7');
  const before = rawFetchStats.recordSets;
  const inside = await withRawRecordBatches(() => decodeMessages(response()));
  assert.equal(rawFetchStats.recordSets, before + 1);
  const raw = rawBatchesOf(inside);
  assert.ok(raw);
  assert.deepEqual(drain(new RawRecordCursor(raw)).map((r) => [r.key, r.value, r.offset, r.timestampMs]), [['k', 'v', 7, 5]]);
});
