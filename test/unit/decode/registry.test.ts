import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createDecoderRegistry, isDecoderRegistry } from '../../../src/decode/registry.js';
import { SERIALIZER_ID, serializerName } from '../../../src/decode/serializer-ids.js';
import { DecodeError, OptionError } from '../../../src/errors.js';
import type { DecodeFn } from '../../../src/types.js';
import { loadFixture } from './fixture-loader.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('built-ins are preloaded', () => {
  const r = createDecoderRegistry();
  assert.deepEqual(r.serializerIds(), [0, 1, 4, 7, 8, 18, 19, 20, 21, 31, 32, 33, 34, 35, 1000002, 1000004, 1000005]);
  assert.equal(r.lookup(2, 'x'), undefined);
  assert.deepEqual(r.decode(32, 'Old', json({ a: 1 })), { a: 1 }); // jackson-cbor-264 is JSON
  assert.deepEqual(r.decode(SERIALIZER_ID.LAGOM_PLAY_JSON, 'A#2', gzipSync(json({ lagom: true }))), { lagom: true });
  assert.equal(r.decode(0, '', new Uint8Array(0)), null);
});

test('lookup order: exact (id, manifest) first, then (id, any)', () => {
  const any: DecodeFn = () => 'any';
  const exact: DecodeFn = () => 'exact';
  const r = createDecoderRegistry().register(900, any).register(900, 'com.example.Foo', exact);
  assert.equal(r.lookup(900, 'com.example.Foo'), exact);
  assert.equal(r.lookup(900, 'com.example.Bar'), any);
  assert.equal(r.decode(900, 'com.example.Foo', new Uint8Array(0)), 'exact');
  assert.equal(r.decode(900, '', new Uint8Array(0)), 'any');
  // a manifest-only registration answers only that manifest
  const only = createDecoderRegistry().register(901, 'M', exact);
  assert.equal(only.lookup(901, 'M'), exact);
  assert.equal(only.lookup(901, 'N'), undefined);
});

test("user decoders from a record: '33' and '33:Manifest' win over the built-in", () => {
  const f = loadFixture('jackson-cbor-item-added-as-cbor');
  const seen: [number, string, number][] = [];
  const r = createDecoderRegistry({
    [`33:${f.manifest}`]: (bytes, manifest, id) => { seen.push([id, manifest, bytes.length]); return 'mine'; },
    '1234': () => 'custom',
    '77:with:colons': () => 'colon manifest',
  });
  assert.equal(r.decode(33, f.manifest, f.bytes), 'mine');
  assert.deepEqual(seen, [[33, f.manifest, f.bytes.length]]);
  // other manifests of 33 still use the built-in CBOR decoder
  const other = loadFixture('jackson-cbor-event');
  assert.equal((r.decode(33, other.manifest, other.bytes) as { name: string }).name, 'cbor');
  assert.equal(r.decode(1234, 'whatever', new Uint8Array(0)), 'custom');
  assert.equal(r.decode(77, 'with:colons', new Uint8Array(0)), 'colon manifest');
  const r2 = createDecoderRegistry({ '33': () => 'all of 33' });
  assert.equal(r2.decode(33, other.manifest, other.bytes), 'all of 33');
});

test('a registry passed as the option is used as it is', () => {
  const r = createDecoderRegistry();
  assert.equal(createDecoderRegistry(r), r);
  assert.ok(isDecoderRegistry(r));
  assert.ok(!isDecoderRegistry({ '33': () => 1 }));
});

test('bad options throw OptionError with a hint', () => {
  assert.throws(() => createDecoderRegistry({ 'abc': () => 1 }), (e: unknown) => e instanceof OptionError && /'abc'/.test(e.message) && /'33:com.example/.test(e.message));
  assert.throws(() => createDecoderRegistry({ '33': 'nope' as unknown as DecodeFn }), OptionError);
  assert.throws(() => createDecoderRegistry().register(1.5, () => 1), OptionError);
});

test('unknown serializer: DecodeError names id, manifest, what was tried and what to do', () => {
  const r = createDecoderRegistry();
  const err = (() => { try { r.decode(1234, 'com.example.Foo', new Uint8Array(3)); } catch (e) { return e; } })();
  assert.ok(err instanceof DecodeError);
  assert.equal(err.serializerId, 1234);
  assert.equal(err.manifest, 'com.example.Foo');
  assert.match(err.message, /serializer 1234/);
  assert.match(err.message, /'com\.example\.Foo'/);
  assert.match(err.message, /3 bytes/);
  assert.match(err.message, /registered serializers: 0, 1, 4/);
  assert.match(err.message, /decoders: \{ '1234': /);
  assert.match(err.hint ?? '', /'1234:com\.example\.Foo'/);
  assert.equal(err.retriable, false);
  // protobuf gets its own hint
  assert.throws(() => r.decode(2, 'com.example.Proto$X', new Uint8Array(1)), (e: unknown) => e instanceof DecodeError && /protobufDecoder/.test(e.message));
  // manifest-only registrations are listed
  const m = createDecoderRegistry({ '950:A': () => 1 });
  assert.throws(() => m.decode(950, 'B', new Uint8Array(0)), /only for the manifests 'A'/);
});

test('corrupt bytes: DecodeError with cause, decoder name and hint (truncated CBOR, bad gzip, bad LZ4, bad Java stream)', () => {
  const r = createDecoderRegistry();
  const cbor = loadFixture('jackson-cbor-event');
  const cases: [number, string, Uint8Array, RegExp][] = [
    [33, cbor.manifest, cbor.bytes.subarray(0, 100), /CBOR input truncated/],
    [31, 'com.example.Big', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]), /unexpected end|incorrect|invalid/i],
    [31, 'com.example.Big', new Uint8Array([0x87, 0xd9, 0x6d, 0xf6, 0, 0, 0, 10, 0x50, 65]), /LZ4/],
    [31, 'com.example.Plain', Buffer.from('{"a":'), /JSON/],
    [1, '', new Uint8Array([0xac, 0xed, 0, 5, 0x74, 0, 9, 65]), /truncated/],
    [18, '', new Uint8Array(3), /8 bytes/],
  ];
  for (const [id, manifest, bytes, reason] of cases) {
    const err = (() => { try { r.decode(id, manifest, bytes); } catch (e) { return e; } })();
    assert.ok(err instanceof DecodeError, `${id}: ${String(err)}`);
    assert.equal(err.serializerId, id);
    assert.equal(err.manifest, manifest);
    assert.match(err.message, reason);
    assert.match(err.message, new RegExp(esc(`Serializer ${id} (${serializerName(id)}) could not decode ${bytes.length} bytes`)));
    assert.match(err.message, /Tried the decoder '\w+' registered for serializer/);
    assert.match(err.hint ?? '', new RegExp(esc(`'${id}:${manifest}'`)));
    assert.ok(err.cause instanceof Error);
  }
});

test('a user decoder that throws is reported as exact or id-wide', () => {
  const r = createDecoderRegistry({ '33:X': function broken() { throw new TypeError('boom'); } });
  assert.throws(() => r.decode(33, 'X', new Uint8Array(0)), /boom.*'broken' registered for exactly \('33:X'\)/);
});

test('lookup does not allocate per call (same function back, no closures created)', () => {
  const r = createDecoderRegistry();
  assert.equal(r.lookup(33, 'a'), r.lookup(33, 'b'));
});
