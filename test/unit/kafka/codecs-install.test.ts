// kafkajs's codec table is left alone when journal-lens is imported, and filled when the first
// stream starts (event-stream.ts calls registerKafkaCodecs, as it installs kafkajs-internals).
// This file imports the package itself, so it runs alone in its process (node --test runs each file apart).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import kafkajs from 'kafkajs';

const { CompressionCodecs, CompressionTypes } = kafkajs;
const table = CompressionCodecs as Record<number, (() => unknown) | undefined>;
const types = [CompressionTypes.Snappy, CompressionTypes.LZ4, CompressionTypes.ZSTD];

function isStub(entry: (() => unknown) | undefined): boolean {
  if (entry === undefined) return true;
  try {
    entry();
    return false;
  } catch (error) {
    return (error as { name?: string }).name === 'KafkaJSNotImplemented';
  }
}

test('importing journal-lens does not touch kafkajs CompressionCodecs; starting a stream registers snappy, lz4 and zstd', async () => {
  const before = types.map((t) => table[t]);
  assert.ok(before.every(isStub), 'kafkajs starts with its stubs');
  const lens = await import('../../../src/index.js');
  assert.deepEqual(types.map((t) => table[t]), before, 'the import changed nothing');

  // Nothing listens on port 1: the stream fails to connect, but its codecs are in place at once.
  const stream = lens.kafkaJournal({ brokers: '127.0.0.1:1', connectionTimeoutMs: 500 }).eventStream({ topics: ['codecs-install'] });
  try {
    for (const t of types) assert.equal(isStub(table[t]), false, `codec ${t} registered`);
  } finally {
    await stream.ready().catch(() => {});
    await stream.stop();
  }
});
