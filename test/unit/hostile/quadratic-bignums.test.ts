// Fault: CBOR tag 2/3 bignums and Java BigInteger magnitudes of a few hundred KB took minutes
// (the magnitude was shifted into a BigInt one byte at a time: quadratic). Conversion is now
// linear, and more than limits.maxBignumDigits decimal digits make the row undecodable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { bigInteger } from './java-stream.js';
import { viaCassandra, viaKafka } from './paths.js';

/** CBOR: tag 2 (or 3) + a definite byte string of `magnitude`. */
function cborBignum(magnitude: Uint8Array, tag: 2 | 3 = 2): Buffer {
  const n = magnitude.length;
  const head = n < 24 ? [0x40 | n] : n < 256 ? [0x58, n] : n < 65536 ? [0x59, n >> 8, n & 0xff] : [0x5a, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return Buffer.from([0xc0 | tag, ...head, ...magnitude]);
}

const reference = (m: Uint8Array): bigint => m.reduce((n, b) => (n << 8n) | BigInt(b), 0n);

test('quadratic bignums: a CBOR tag-2 bignum of 300 KB is refused at once (limits.maxBignumDigits)', { timeout: 20_000 }, async () => {
  const magnitude = randomBytes(300_000);
  magnitude[0] = 0x7f; // a leading zero byte would not count towards the size the error names
  const bytes = cborBignum(magnitude);
  const cassandra = viaCassandra(33, 'com.example.Big', bytes);
  assert.match(cassandra.error ?? '', /a big integer of 300000 bytes .* exceeds limits\.maxBignumDigits \(4096\); raise it with cassandraJournal/);
  const kafka = await viaKafka(33, 'com.example.Big', bytes);
  assert.match(kafka.error ?? '', /limits\.maxBignumDigits \(4096\); raise it with kafkaJournal/);
});

test('quadratic bignums: a Java BigInteger magnitude of 300 KB is refused at once (limits.maxBignumDigits)', { timeout: 20_000 }, async () => {
  const bytes = bigInteger(randomBytes(300_000));
  assert.match(viaCassandra(1, '', bytes).error ?? '', /exceeds limits\.maxBignumDigits \(4096\)/);
  assert.match((await viaKafka(1, '', bytes)).error ?? '', /exceeds limits\.maxBignumDigits/);
});

test('quadratic bignums: with the limit raised, 300 KB magnitudes convert in linear time and exactly', { timeout: 20_000 }, () => {
  const magnitude = randomBytes(300_000);
  magnitude[0] = 0x7f;
  const limits = { maxBignumDigits: 1_000_000 };
  const expected = BigInt(`0x${magnitude.toString('hex')}`);
  assert.equal(viaCassandra(33, '', cborBignum(magnitude), limits).event, expected);
  assert.equal(viaCassandra(33, '', cborBignum(magnitude, 3), limits).event, -1n - expected);
  assert.equal(viaCassandra(1, '', bigInteger(magnitude), limits).event, expected);
});

test('quadratic bignums: genuine sizes are unchanged (numbers when safe, bigints beyond, 4096 digits accepted)', () => {
  for (const m of [Uint8Array.of(), Uint8Array.of(0, 0, 5), Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0), randomBytes(40), randomBytes(1700)]) {
    const v = reference(m);
    const expected = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    assert.equal(viaCassandra(33, '', cborBignum(m)).event, expected);
    assert.equal(viaCassandra(1, '', bigInteger(m)).event, expected);
  }
});
