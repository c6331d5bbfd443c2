// Fault: an LZ4 block header (Akka's 87 D9 6D F6 + int32 length) claiming 4 GiB allocated the
// output before anything was validated. The claim must be checked first: against
// limits.maxEventBytes, and against what the block's bytes can produce at all (255:1 at most).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lz4BlockDecompress } from '../../../src/decode/lz4-block.js';
import { LimitExceededError } from '../../../src/errors.js';
import { viaCassandra, viaKafka } from './paths.js';

function lz4Payload(claimed: number, block: number[]): Buffer {
  const header = Buffer.from([0x87, 0xd9, 0x6d, 0xf6, 0, 0, 0, 0]);
  header.writeUInt32BE(claimed >>> 0, 4);
  return Buffer.concat([header, Buffer.from(block)]);
}

test('lz4 claimed length: a header claiming 4 GiB is refused before allocating (limits.maxEventBytes)', { timeout: 20_000 }, async () => {
  const bytes = lz4Payload(0xffffffff, [0x10, 0x41]); // one literal 'A'
  const cassandra = viaCassandra(31, 'com.example.Big', bytes);
  assert.match(cassandra.error ?? '', /LZ4 header announces 4294967295 bytes, more than limits\.maxEventBytes \(16777216\)/);
  const kafka = await viaKafka(31, 'com.example.Big', bytes);
  assert.match(kafka.error ?? '', /limits\.maxEventBytes/);
  assert.throws(() => lz4BlockDecompress(Buffer.from([0x10, 0x41]), 2 ** 32 - 1), LimitExceededError);
});

test('lz4 claimed length: a claim the block cannot produce (more than 255 bytes per input byte) is corrupt, not allocated', () => {
  const row = viaCassandra(31, 'com.example.Big', lz4Payload(10 * 1024 * 1024, [0x10, 0x41]), { maxEventBytes: 2 ** 31 });
  assert.match(row.error ?? '', /more than a block of 2 bytes can hold/);
});

test('lz4 claimed length: an honest block still decodes', () => {
  const row = viaCassandra(31, 'com.example.Ok', lz4Payload(2, [0x20, 0x34, 0x32])); // literals "42"
  assert.equal(row.error, null);
  assert.equal(row.event, 42);
});
