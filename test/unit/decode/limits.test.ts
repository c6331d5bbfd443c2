// Decoder budgets: each limit refuses what exceeds it with a message naming the limit and how to
// raise it, accepts what fits, and the `limits` option is checked where it is passed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cassandraJournal } from '../../../src/from-cassandra.js';
import { kafkaJournal } from '../../../src/from-kafka.js';
import { DEFAULT_DECODE_LIMITS, maybeDecodeLimits, withDecodeLimits, decodeLimits } from '../../../src/decode/limits.js';
import { OptionError } from '../../../src/errors.js';
import { PERSISTENT_REPR_PAYLOAD } from '../../../src/types.js';
import { javaStream } from '../hostile/java-stream.js';
import { viaCassandra, viaKafka } from '../hostile/paths.js';

test('limits: maxDepth refuses CBOR nested a million levels deep (not a stack overflow)', async () => {
  const deep = Buffer.alloc(1_000_001, 0x81); // [[[[…]]]]
  deep[deep.length - 1] = 0x00;
  const row = viaCassandra(33, 'Deep', deep);
  assert.match(row.error ?? '', /CBOR nesting deeper than limits\.maxDepth \(256\); raise it with cassandraJournal\(\{ limits: \{ maxDepth: 1024 \} \}\)/);
  assert.match((await viaKafka(33, 'Deep', deep)).error ?? '', /limits\.maxDepth \(256\); raise it with kafkaJournal/);
  const ok = Buffer.alloc(301, 0x81);
  ok[300] = 0x00;
  assert.match(viaCassandra(33, 'Deep', ok).error ?? '', /maxDepth/);
  assert.equal(viaCassandra(33, 'Deep', ok, { maxDepth: 300 }).error, null);
});

test('limits: maxObjects refuses a CBOR payload of 200 000 empty maps (one byte each)', () => {
  const bytes = Buffer.alloc(200_002, 0xa0);
  bytes[0] = 0x9f;
  bytes[bytes.length - 1] = 0xff;
  assert.match(viaCassandra(33, 'Many', bytes).error ?? '', /more CBOR maps, arrays and byte strings than limits\.maxObjects \(100000\)/);
  const row = viaCassandra(33, 'Many', bytes, { maxObjects: 300_000 });
  assert.equal(row.error, null);
  assert.equal((row.event as unknown[]).length, 200_000);
});

test('limits: maxDepth refuses Java arrays nested a hundred thousand deep', () => {
  // Object[] whose only element is an Object[] …: TC_ARRAY, then the class desc by reference
  const utf = (s: string) => [0, s.length, ...Buffer.from(s)];
  const head = [0x75, 0x72, ...utf('[Ljava.lang.Object;'), 0, 0, 0, 0, 0, 0, 0, 1, 0x02, 0, 0, 0x78, 0x70, 0, 0, 0, 1];
  const again = [0x75, 0x71, 0x00, 0x7e, 0x00, 0x00, 0, 0, 0, 1];
  const body: number[] = [...head];
  for (let i = 0; i < 100_000; i++) body.push(...again);
  body.push(0x70);
  assert.match(viaCassandra(1, '', javaStream(body)).error ?? '', /Java objects nested deeper than limits\.maxDepth \(256\)/);
});

test('limits: maxDepth refuses protobuf groups nested a million deep in a PersistentRepr (legacy message column)', () => {
  const groups = Buffer.alloc(1_000_000, 0x7b); // field 15, start group, again and again
  assert.match(viaCassandra(PERSISTENT_REPR_PAYLOAD, '', groups).error ?? '', /protobuf groups nested deeper than limits\.maxDepth \(256\)/);
});

/** A serializer-34 'S' payload wrapping another, `levels` deep, around the string 'x' (serializer 20). */
function nestedPayloads(levels: number): Buffer {
  const varint = (n: number) => { const out: number[] = []; while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n >>>= 7; } out.push(n); return out; };
  const wrap = (id: number, payload: Buffer, manifest: string) =>
    Buffer.from([0x08, ...varint(id), 0x12, ...varint(payload.length), ...payload, 0x1a, manifest.length, ...Buffer.from(manifest)]);
  let bytes = wrap(20, Buffer.from('x'), '');
  for (let i = 1; i < levels; i++) bytes = wrap(34, bytes, 'S');
  return bytes;
}

test('limits: maxDepth refuses payloads nested in payloads (serializer 34) deeper than the limit', () => {
  assert.equal(viaCassandra(34, 'S', nestedPayloads(100)).event, 'x');
  assert.match(viaCassandra(34, 'S', nestedPayloads(300)).error ?? '', /payloads nested in payloads deeper than limits\.maxDepth \(256\)/);
  assert.equal(viaCassandra(34, 'S', nestedPayloads(300), { maxDepth: 400 }).event, 'x');
});

test('limits: the option is checked when the journal is made, naming the field', () => {
  assert.deepEqual({ ...maybeDecodeLimits(undefined, 'cassandraJournal') }, { ...DEFAULT_DECODE_LIMITS, owner: 'cassandraJournal' });
  assert.equal(maybeDecodeLimits({ maxEventBytes: Infinity }, 'kafkaJournal').maxEventBytes, Infinity);
  assert.throws(() => cassandraJournal({ limits: { maxDepth: 0 } }), (e: unknown) => e instanceof OptionError && /limits\.maxDepth must be a whole number ≥ 1 \(or Infinity\), got 0/.test(e.message));
  assert.throws(() => kafkaJournal({ brokers: ['127.0.0.1:1'], limits: { maxBytes: 5 } as never }), (e: unknown) => e instanceof OptionError && /Unknown limit 'maxBytes'/.test(e.message));
  assert.throws(() => maybeDecodeLimits({ maxObjects: 1.5 }, 'cassandraJournal'), OptionError);
});

test('limits: withDecodeLimits restores the previous limits, also when the work throws', () => {
  const before = decodeLimits();
  const raised = maybeDecodeLimits({ maxDepth: 5 }, 'kafkaJournal');
  assert.equal(withDecodeLimits(raised, () => decodeLimits().maxDepth), 5);
  assert.throws(() => withDecodeLimits(raised, () => { throw new Error('x'); }));
  assert.equal(decodeLimits(), before);
});
