// Checks the journal writer's encoders against independent parsers: JSON.parse, zlib, a tiny
// LZ4 block decoder and CBOR reader written here, protobufjs for the protobuf messages, and
// hand-assembled Java serialization bytes. Needs no services.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { jsonBytesFromValue, cborBytesFromValue } from '../../../scripts/journal/encode/jackson.js';
import { lz4BlockFromBytes } from '../../../scripts/journal/encode/lz4-block.js';
import { javaObjectBytes, javaStringBytes } from '../../../scripts/journal/encode/java-serialization.js';
import { persistentMessageFromFields } from '../../../scripts/journal/encode/persistent-message.js';
import { eventFormatFromFields } from '../../../scripts/journal/encode/kafka-event-format.js';
import { booleanBytes, intBytes, longBytes, stringBytes } from '../../../scripts/journal/encode/primitives.js';
import { createTimeUuidSource } from '../../../scripts/journal/encode/timeuuid.js';
import { payloadFromEvent } from '../../../scripts/journal/encode/payload.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** LZ4 block decoder written from the format description, independent of the encoder. */
let lastLiterals = 0;
let lastMatchStart = -1;
function lz4Decode(src: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  lastMatchStart = -1;
  let ip = 0;
  let op = 0;
  for (;;) {
    const token = src[ip++]!;
    let lit = token >> 4;
    if (lit === 15) for (let b = 255; b === 255; ) lit += b = src[ip++]!;
    out.set(src.subarray(ip, ip + lit), op);
    ip += lit;
    op += lit;
    lastLiterals = lit;
    if (ip >= src.length) break;
    lastMatchStart = op;
    const offset = src[ip++]! | (src[ip++]! << 8);
    assert.ok(offset > 0 && offset <= op, `bad offset ${offset} at ${op}`);
    let ml = token & 15;
    if (ml === 15) for (let b = 255; b === 255; ) ml += b = src[ip++]!;
    ml += 4;
    for (let i = 0; i < ml; i++, op++) out[op] = out[op - offset]!;
  }
  assert.equal(op, size);
  return out;
}

/** A small CBOR reader for the subset the encoder emits (incl. indefinite maps). */
function cborDecode(b: Uint8Array): unknown {
  let i = 0;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const arg = (info: number): number => {
    if (info < 24) return info;
    if (info === 24) return b[i++]!;
    if (info === 25) { const v = view.getUint16(i); i += 2; return v; }
    if (info === 26) { const v = view.getUint32(i); i += 4; return v; }
    if (info === 27) { const v = Number(view.getBigUint64(i)); i += 8; return v; }
    throw new Error(`bad info ${info}`);
  };
  const item = (): unknown => {
    const ib = b[i++]!;
    const major = ib >> 5;
    const info = ib & 31;
    if (major === 0) return arg(info);
    if (major === 1) return -1 - arg(info);
    if (major === 2) { const n = arg(info); const v = b.slice(i, i + n); i += n; return v; }
    if (major === 3) { const n = arg(info); const v = utf8(b.subarray(i, i + n)); i += n; return v; }
    if (major === 4) { const n = arg(info); const a = []; for (let k = 0; k < n; k++) a.push(item()); return a; }
    if (major === 5) {
      const o: Record<string, unknown> = {};
      if (info === 31) { while (b[i] !== 0xff) { const k = item() as string; o[k] = item(); } i++; }
      else { const n = arg(info); for (let k = 0; k < n; k++) { const key = item() as string; o[key] = item(); } }
      return o;
    }
    if (ib === 0xf4) return false;
    if (ib === 0xf5) return true;
    if (ib === 0xf6) return null;
    if (ib === 0xfb) { const v = view.getFloat64(i); i += 8; return v; }
    throw new Error(`unexpected CBOR byte ${ib.toString(16)}`);
  };
  const v = item();
  assert.equal(i, b.length, 'trailing CBOR bytes');
  return v;
}

const proto = protobuf.parse(`
  syntax = "proto2";
  message PersistentPayload { required int32 serializerId = 1; required bytes payload = 2; optional bytes payloadManifest = 3; }
  message PersistentMessage {
    optional PersistentPayload payload = 1; optional int64 sequenceNr = 2; optional string persistenceId = 3;
    optional bool deleted = 4; optional string sender = 11; optional string manifest = 12; optional string writerUuid = 13;
    optional sint64 timestamp = 14; }
  message EventDataFormat { optional int32 serializerId = 1; optional bytes data = 2; optional bytes dataManifest = 3; }
  message EventFormat { optional string persistenceId = 1; optional int64 sequenceNr = 2; optional EventDataFormat data = 3; }
`).root;

test('jackson-json: plain UTF-8 JSON below 32 KiB, gzip above', () => {
  const small = { cartId: 'cart-1', itemId: 'sökk', quantity: 2, price: 9.95 };
  assert.deepEqual(JSON.parse(utf8(jsonBytesFromValue(small))), small);
  const big = { cartId: 'cart-2', notes: 'x'.repeat(40_000) };
  const gz = jsonBytesFromValue(big);
  assert.equal(hex(gz.subarray(0, 2)), '1f8b');
  assert.deepEqual(JSON.parse(utf8(gunzipSync(gz))), big);
  const forced = jsonBytesFromValue(small, 'gzip');
  assert.deepEqual(JSON.parse(utf8(gunzipSync(forced))), small);
});

test('jackson-json-lz4: Akka envelope (magic, BE length) + valid LZ4 block', () => {
  const value = { items: Array.from({ length: 200 }, (_, k) => ({ itemId: `item-${k % 7}`, quantity: k % 3 })) };
  const bytes = jsonBytesFromValue(value, 'lz4');
  assert.equal(hex(bytes.subarray(0, 4)), '87d96df6');
  const size = new DataView(bytes.buffer, bytes.byteOffset).getInt32(4);
  const json = Buffer.from(JSON.stringify(value));
  assert.equal(size, json.length);
  assert.ok(bytes.length < json.length / 2, 'repetitive JSON should compress');
  assert.deepEqual(JSON.parse(utf8(lz4Decode(bytes.subarray(8), size))), value);
});

test('lz4 block: edge sizes and incompressible data round-trip', () => {
  for (const n of [0, 1, 5, 12, 13, 17, 64, 1000, 70_000, 200_000]) {
    const src = new Uint8Array(n);
    for (let k = 0; k < n; k++) src[k] = n > 50_000 ? (k * 2654435761) >>> 24 : k % 11; // pseudo-random for large
    const block = lz4BlockFromBytes(src);
    assert.deepEqual(lz4Decode(block, n), src, `size ${n}`);
    // end rules: the last 5 bytes are literals, the last match starts >= 12 bytes before the end
    if (n >= 5) assert.ok(lastLiterals >= 5, `size ${n}: last literals ${lastLiterals}`);
    if (lastMatchStart >= 0) assert.ok(n - lastMatchStart >= 12, `size ${n}: last match at ${lastMatchStart}`);
  }
  const text = Buffer.from('abcabcabcabcabcabcabcabcabcabcabcabcabc_the end.');
  assert.deepEqual(Buffer.from(lz4Decode(lz4BlockFromBytes(text), text.length)), text);
});

test('jackson-cbor: parses back, objects as indefinite maps, floats as float64', () => {
  const value = { cartId: 'cart-1', quantity: 3, big: 70000, neg: -25, price: 12.5, ok: true, none: null, tags: ['a', 'b'] };
  const bytes = cborBytesFromValue(value);
  assert.equal(bytes[0], 0xbf);
  assert.equal(bytes[bytes.length - 1], 0xff);
  assert.deepEqual(cborDecode(bytes), value);
  assert.ok(hex(bytes).includes('fb4029000000000000'), '12.5 as float64');
});

test('primitive serializers: byte layouts', () => {
  assert.equal(hex(stringBytes('hé')), '68c3a9');
  assert.equal(hex(longBytes(258)), '0201000000000000');
  assert.equal(hex(longBytes(-1n)), 'ffffffffffffffff');
  assert.equal(hex(intBytes(-2)), 'feffffff');
  assert.equal(hex(booleanBytes(true)), '01');
  assert.equal(hex(booleanBytes(false)), '00');
});

test('java serialization: String and a case-class-like object', () => {
  assert.equal(hex(javaStringBytes('hi')), 'aced0005740002' + '6869');
  assert.equal(hex(javaStringBytes('\u0000€')), 'aced0005740005' + 'c080e282ac');
  const b = javaObjectBytes({ className: 'C', serialVersionUID: 1, fields: { s: 'hi', n: 5 } });
  const expected =
    'aced0005' + '73' + '72' + '0001' + '43' + '0000000000000001' + '02' + '0002' +
    '49' + '0001' + '6e' + // I n
    '4c' + '0001' + '73' + '74' + '0012' + Buffer.from('Ljava/lang/String;').toString('hex') + // L s
    '78' + '70' + '00000005' + '74' + '0002' + '6869';
  assert.equal(hex(b), expected);
  // a second String field refers back to the interned signature (handle 0x7e0001)
  const two = hex(javaObjectBytes({ className: 'D', fields: { a: 'x', b: null } }));
  assert.ok(two.includes('4c000162' + '71007e0001'), two);
  assert.ok(two.endsWith('7870' + '740001' + '78' + '70'), two);
});

test('PersistentMessage: fields decode with protobufjs (2.4+ and 2.3 styles)', () => {
  const T = proto.lookupType('PersistentMessage');
  const bytes = persistentMessageFromFields({
    payload: { serializerId: 31, bytes: Buffer.from('{"a":1}'), manifest: 'com.example.A' },
    sequenceNr: 5_000_000_001, persistenceId: 'p-1', eventManifest: 'v2', writerUuid: 'w-1', timestamp: 1_700_000_000_123,
  });
  const m = T.toObject(T.decode(bytes), { longs: Number }) as Record<string, any>;
  assert.equal(m.sequenceNr, 5_000_000_001);
  assert.equal(m.persistenceId, 'p-1');
  assert.equal(m.manifest, 'v2');
  assert.equal(m.writerUuid, 'w-1');
  assert.equal(m.timestamp, 1_700_000_000_123);
  assert.equal(m.deleted, undefined);
  assert.equal(m.payload.serializerId, 31);
  assert.equal(utf8(m.payload.payload), '{"a":1}');
  assert.equal(utf8(m.payload.payloadManifest), 'com.example.A');
  assert.equal(hex(bytes.subarray(0, 1)), '0a');

  const old = persistentMessageFromFields({
    payload: { serializerId: 1, bytes: javaStringBytes('x') }, sequenceNr: 1, persistenceId: 'p', deleted: false,
  });
  const o = T.toObject(T.decode(old), { longs: Number }) as Record<string, any>;
  assert.equal(o.deleted, false);
  assert.equal(o.payload.payloadManifest, undefined);
  assert.equal(o.writerUuid, undefined);
});

test('Kafka EventFormat: field tags 0a 10 1a and nested EventDataFormat', () => {
  const bytes = eventFormatFromFields({ persistenceId: 'ShoppingCart|cart-1', sequenceNr: 7, serializerId: 31,
    bytes: Buffer.from('{"x":1}'), manifest: 'com.example.X' });
  assert.equal(bytes[0], 0x0a);
  const T = proto.lookupType('EventFormat');
  const e = T.toObject(T.decode(bytes), { longs: Number }) as Record<string, any>;
  assert.equal(e.persistenceId, 'ShoppingCart|cart-1');
  assert.equal(e.sequenceNr, 7);
  assert.equal(e.data.serializerId, 31);
  assert.equal(utf8(e.data.data), '{"x":1}');
  assert.equal(utf8(e.data.dataManifest), 'com.example.X');
});

test('timeuuid: v1, unique per row, time field = the given Date', () => {
  const src = createTimeUuidSource();
  const date = new Date('2024-03-05T06:07:08.123Z');
  const seen = new Set<string>();
  for (let k = 0; k < 20_000; k++) {
    const u = src.next(date).toString();
    assert.ok(!seen.has(u));
    seen.add(u);
  }
  const u = src.next(date).toString().replace(/-/g, '');
  assert.equal(u[12], '1', 'version 1');
  const ticks = (BigInt(`0x${u.slice(13, 16)}`) << 48n) | (BigInt(`0x${u.slice(8, 12)}`) << 32n) | BigInt(`0x${u.slice(0, 8)}`);
  assert.equal(Number((ticks - 0x01b21dd213814000n) / 10000n), date.getTime());
});

test('payloadFromEvent: ids and manifests per serializer name', () => {
  assert.equal(payloadFromEvent({ serializer: 'jackson-json', event: {} }).serializerId, 31);
  assert.equal(payloadFromEvent({ serializer: 'jackson-cbor', event: {} }).serializerId, 33);
  assert.equal(payloadFromEvent({ serializer: 'string', event: 'a' }).serializerId, 20);
  assert.equal(payloadFromEvent({ serializer: 'long', event: 1 }).serializerId, 18);
  assert.equal(payloadFromEvent({ serializer: 'int', event: 1 }).serializerId, 19);
  assert.equal(payloadFromEvent({ serializer: 'boolean', event: true }).serializerId, 35);
  assert.equal(payloadFromEvent({ serializer: 'bytes', event: new Uint8Array(2) }).serializerId, 4);
  assert.equal(payloadFromEvent({ serializer: 'java-string', event: 'a' }).serializerId, 1);
  const raw = payloadFromEvent({ serializer: 'raw', serializerId: 9001, manifest: 'CA', event: Uint8Array.of(1, 2) });
  assert.deepEqual([raw.serializerId, raw.manifest, hex(raw.bytes)], [9001, 'CA', '0102']);
  assert.throws(() => payloadFromEvent({ serializer: 'raw', event: new Uint8Array(0) }), /serializerId/);
});
