// Fault: a small gzipped Jackson payload inflated without a ceiling (a ~300 KB payload became a
// 300 MB string: 14 s and 1.3 GB RSS for one row). Inflating must stop at limits.maxEventBytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { viaCassandra, viaKafka } from './paths.js';

const MiB = 1024 * 1024;

// A JSON string of 24 MiB of 'a': valid JSON, 24 KB gzipped, past the 16 MiB default.
function bomb(): Buffer {
  const json = Buffer.alloc(24 * MiB, 0x61);
  json[0] = 0x22;
  json[json.length - 1] = 0x22;
  return gzipSync(json, { level: 1 });
}

test('gzip bomb: inflating past limits.maxEventBytes makes the row undecodable and says how to raise it', { timeout: 30_000 }, async () => {
  const bytes = bomb();
  assert.ok(bytes.length < 200_000);
  const cassandra = viaCassandra(31, 'com.example.Big', bytes);
  assert.equal(cassandra.event, null);
  assert.match(cassandra.error ?? '', /the gzip payload inflates past limits\.maxEventBytes \(16777216\); raise it with cassandraJournal\(\{ limits: \{ maxEventBytes: \d+ \} \}\)/);
  const kafka = await viaKafka(31, 'com.example.Big', bytes);
  assert.match(kafka.error ?? '', /limits\.maxEventBytes \(16777216\); raise it with kafkaJournal\(/);
});

test('gzip bomb: a raised limits.maxEventBytes decodes the same payload', { timeout: 30_000 }, () => {
  const row = viaCassandra(31, 'com.example.Big', bomb(), { maxEventBytes: 32 * MiB });
  assert.equal(row.error, null);
  assert.equal((row.event as string).length, 24 * MiB - 2);
});
