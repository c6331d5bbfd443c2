// Batch headers trusted: a Kafka record batch's header says how many records it holds, and anyone
// who can write to a topic chooses those bytes. A header that claims 2^31 records must not size
// any column by that claim, and one that claims more records than its bytes hold (or is otherwise
// corrupt) is reported once with its offset and skipped, never thrown out of the read loop (which
// kafkajs would retry forever). Batches are encoded with kafkajs's own encoder, then their header
// is altered.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { createJsonFormat } from '../../../src/kafka/formats/json-format.js';
import { defaults as rawFetchDefaults, rawBatchesOf, recordBatchesOf } from '../../../src/kafka/kafkajs-internals/raw-fetch.js';
import { RawRecordCursor } from '../../../src/kafka/records/raw-record-cursor.js';
import { kafkajsCodecs } from './raw-records.js';

const require = createRequire(import.meta.url);
type Encoded = { buffer: Buffer };
const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: number | string): unknown };
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (o: object) => Promise<Encoded> };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: object) => Encoded;

const AT_COUNT = 57;

/** A record batch of `n` JSON records at offsets first … first + n - 1, as kafkajs encodes it. */
async function batch(first: number, n: number, compression = 0): Promise<Buffer> {
  const records = Array.from({ length: n }, (_, i) => Record({
    offsetDelta: i, timestampDelta: i, key: Buffer.from(`id-${first + i}`), value: Buffer.from(JSON.stringify({ seq: first + i, type: 'Added' })),
  }));
  const encoded = await RecordBatch({
    compression, firstOffset: Long.fromValue(first), firstTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_000 + n, lastOffsetDelta: n - 1, records,
  });
  return encoded.buffer;
}

function withCount(b: Buffer, count: number): Buffer {
  const copy = Buffer.from(b);
  copy.writeInt32BE(count | 0, AT_COUNT);
  return copy;
}

async function cursorOf(...batches: Buffer[]): Promise<RawRecordCursor> {
  const stand = await recordBatchesOf(Buffer.concat(batches), kafkajsCodecs.lookupCodecByAttributes);
  return new RawRecordCursor(rawBatchesOf(stand) ?? []);
}

function offsetsOf(cursor: RawRecordCursor): number[] {
  const out: number[] = [];
  while (cursor.next()) out.push(cursor.offset);
  return out;
}

test('batch headers trusted: a batch whose header claims 2^31 records sizes nothing by the claim', async () => {
  for (const claimed of [2 ** 31 - 1, 2 ** 31, 2 ** 30]) {
    const cursor = await cursorOf(withCount(await batch(100, 3), claimed));
    const bytes = (await batch(100, 3)).length;
    assert.ok(cursor.count <= bytes, `count ${cursor.count} is bounded by the batch's ${bytes} bytes (claimed ${claimed | 0})`);
    const before = process.memoryUsage().arrayBuffers;
    const chunk = createJsonFormat()('events', 0, cursor);
    assert.ok(process.memoryUsage().arrayBuffers - before < 1024 * 1024, 'no column allocated for the claimed records');
    assert.equal(chunk.length, (claimed | 0) > 0 ? 3 : 0, 'the records the batch does hold are read (none when the claim is negative)');
    assert.equal(cursor.corruptions?.length, 1, 'reported');
    assert.equal(cursor.corruptions![0]!.offset, 100);
    assert.match(cursor.corruptions![0]!.detail, new RegExp(`claims ${claimed | 0} records`));
  }
});

test('batch headers trusted: a batch that claims more records than it holds is reported once with its offset and skipped; the next batch is read', async () => {
  const cursor = await cursorOf(await batch(0, 2), withCount(await batch(2, 3), 5), await batch(5, 2));
  assert.deepEqual(offsetsOf(cursor), [0, 1, 2, 3, 4, 5, 6], 'every record that is there is read, none invented');
  assert.deepEqual(cursor.corruptions, [{ offset: 2, detail: 'the batch header claims 5 records but the batch holds 3' }]);
  assert.equal(cursor.next(), false);
  assert.equal(cursor.corruptions?.length, 1, 'once');
});

test('batch headers trusted: a record that overruns its batch ends that batch (reported), the next batch is read', async () => {
  const bad = await batch(10, 1);
  bad[61] = 0x7e; // the record's length: 63 bytes, past the batch's end
  const cursor = await cursorOf(bad, await batch(12, 1));
  assert.deepEqual(offsetsOf(cursor), [12]);
  assert.equal(cursor.corruptions?.length, 1);
  assert.equal(cursor.corruptions![0]!.offset, 10);
  assert.match(cursor.corruptions![0]!.detail, /overruns its batch/);
});

test('batch headers trusted: a compressed batch that does not inflate is reported and skipped, not a failed fetch', async () => {
  const good = await batch(20, 2, 1);
  const bad = Buffer.from(good);
  bad.fill(0x55, 61 + 10); // gzip stream damaged after its header
  const stand = await recordBatchesOf(Buffer.concat([bad, await batch(22, 1)]), kafkajsCodecs.lookupCodecByAttributes);
  assert.equal(stand.length, 2, 'both batches handed on; the stand-in of the bad one carries its last offset');
  assert.equal(stand[0]!.offset, '21');
  const cursor = new RawRecordCursor(rawBatchesOf(stand)!);
  assert.deepEqual(offsetsOf(cursor), [22]);
  assert.equal(cursor.corruptions?.[0]?.offset, 20);
  assert.match(cursor.corruptions![0]!.detail, /could not be decompressed/);
});

test('batch headers trusted: a batch length shorter than a header is reported at its offset, not silently dropped', async () => {
  const bad = await batch(30, 2);
  bad.writeInt32BE(20, 8); // length field: less than the 49 header bytes it must cover
  const stand = await recordBatchesOf(bad, kafkajsCodecs.lookupCodecByAttributes);
  assert.equal(stand.length, 1, 'a stand-in, so that the stream moves past it');
  assert.equal(stand[0]!.offset, '31');
  const cursor = new RawRecordCursor(rawBatchesOf(stand)!);
  assert.equal(cursor.next(), false);
  assert.equal(cursor.corruptions?.[0]?.offset, 30);
  assert.match(cursor.corruptions![0]!.detail, /length/);
});

test('decompression without a ceiling: a gzip record batch that inflates past the ceiling is skipped and reported, never inflated whole', async () => {
  const saved = rawFetchDefaults.maxInflatedBatchBytes;
  rawFetchDefaults.maxInflatedBatchBytes = 1024 * 1024;
  try {
    const bomb = (await RecordBatch({
      compression: 1, firstOffset: Long.fromValue(40), firstTimestamp: 1, maxTimestamp: 1, lastOffsetDelta: 0,
      records: [Record({ offsetDelta: 0, timestampDelta: 0, key: null, value: Buffer.alloc(8 * 1024 * 1024) })],
    })).buffer;
    assert.ok(bomb.length < 64 * 1024, 'a few KiB on the wire');
    const stand = await recordBatchesOf(Buffer.concat([bomb, await batch(41, 1, 1)]), kafkajsCodecs.lookupCodecByAttributes);
    const cursor = new RawRecordCursor(rawBatchesOf(stand)!);
    assert.deepEqual(offsetsOf(cursor), [41], 'the next (gzip) batch still reads');
    assert.equal(cursor.corruptions?.[0]?.offset, 40);
    assert.match(cursor.corruptions![0]!.detail, /inflate past 1 MiB/);
  } finally {
    rawFetchDefaults.maxInflatedBatchBytes = saved;
  }
});
