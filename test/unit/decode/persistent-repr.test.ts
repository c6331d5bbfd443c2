// PersistentMessage (legacy `message` column, Kafka journal topics) and the other protobuf
// envelopes, built with protobufjs's Writer as an independent encoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import protobuf from 'protobufjs';
import { persistentReprFromBytes, persistentReprMetadataFromBytes } from '../../../src/decode/persistent-repr.js';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { createDecoderRegistry } from '../../../src/decode/registry.js';
import { FILTERED, isFiltered } from '../../../src/decode/persistence-payload.js';
import { WireReader } from '../../../src/decode/protobuf-wire.js';
import { DecodeError } from '../../../src/errors.js';

const { Writer } = protobuf;
type W = protobuf.Writer;

function payload(w: W, field: number, serializerId: number, bytes: Uint8Array, manifest?: string): W {
  w.uint32((field << 3) | 2).fork();
  w.uint32(0x08).int32(serializerId).uint32(0x12).bytes(bytes);
  if (manifest !== undefined) w.uint32(0x1a).bytes(Buffer.from(manifest));
  return w.ldelim();
}

test('Akka 2.3 PersistentMessage: all 2.3-only fields skipped, deleted read', () => {
  const w = Writer.create();
  payload(w, 1, 20, Buffer.from('hello 2.3'));
  w.uint32(0x10).int64(42);
  w.uint32(0x1a).string('processor-7');
  w.uint32(0x20).bool(true);
  w.uint32(0x30).int32(3); // redeliveries
  w.uint32(0x3a).string('channel-a').uint32(0x3a).string('channel-b'); // confirms
  w.uint32(0x40).bool(true); // confirmable
  w.uint32(0x4a).fork().uint32(0x0a).string('p').uint32(0x12).string('c').uint32(0x18).int64(9).uint32(0x20).int64(10).ldelim(); // confirmMessage
  w.uint32(0x52).string('akka://sys/user/target'); // confirmTarget
  w.uint32(0x5a).string('akka://sys/user/sender'); // sender
  w.uint32(0x9d).fixed32(1).uint32(0xa1).fixed64(2); // unknown fixed32 (19) / fixed64 (20) fields
  const repr = persistentReprFromBytes(w.finish());
  assert.deepEqual({ ...repr, payload: undefined }, {
    payload: undefined, sequenceNr: 42, persistenceId: 'processor-7', eventManifest: '', writerUuid: '', timestamp: 0, deleted: true,
  });
  assert.equal(repr.payload.serializerId, 20);
  assert.equal(repr.payload.manifest, '');
  assert.equal(createDecoderRegistry().decode(20, '', repr.payload.bytes), 'hello 2.3');
});

test('Akka 2.6+ PersistentMessage: manifest, writerUuid, sint64 timestamp, metadata, big sequence numbers', () => {
  const inner = Buffer.from(JSON.stringify({ item: 'x' }));
  const w = Writer.create();
  payload(w, 1, 31, inner, 'com.example.ItemAdded#2');
  w.uint32(0x10).int64(2 ** 40 + 3);
  w.uint32(0x1a).string('cart|ü');
  w.uint32(0x62).string('adapter');
  w.uint32(0x6a).string('6c1e3b2a-uuid');
  w.uint32(0x70).sint64(1_700_000_000_123);
  payload(w, 15, 33, new Uint8Array([0xa1, 0x61, 0x6d, 0x01]), 'meta');
  const bytes = w.finish();
  const repr = persistentReprFromBytes(Buffer.from(bytes));
  assert.equal(repr.sequenceNr, 2 ** 40 + 3);
  assert.equal(repr.persistenceId, 'cart|ü');
  assert.equal(repr.eventManifest, 'adapter');
  assert.equal(repr.writerUuid, '6c1e3b2a-uuid');
  assert.equal(repr.timestamp, 1_700_000_000_123);
  assert.equal(repr.deleted, false);
  assert.equal(repr.payload.manifest, 'com.example.ItemAdded#2');
  const registry = createDecoderRegistry();
  assert.deepEqual(registry.decode(repr.payload.serializerId, repr.payload.manifest, repr.payload.bytes), { item: 'x' });
  const meta = persistentReprMetadataFromBytes(bytes)!;
  assert.deepEqual(registry.decode(meta.serializerId, meta.manifest, meta.bytes), { m: 1 });
  assert.equal(persistentReprMetadataFromBytes(Writer.create().uint32(0x10).int64(1).finish()), undefined);
  // the same bytes through serializer 7 give the payload
  assert.deepEqual(registry.decode(7, 'akka.persistence.PersistentImpl', bytes), { item: 'x' });
});

test('corrupt PersistentMessage bytes throw', () => {
  assert.throws(() => persistentReprFromBytes(new Uint8Array([0x0a, 0x05, 0x08])), /overruns/);
  assert.throws(() => persistentReprFromBytes(new Uint8Array([0x10, 0xff])), /truncated/);
  assert.throws(() => persistentReprFromBytes(new Uint8Array([0x0f])), /wire type 7/);
  assert.throws(() => createDecoderRegistry().decode(7, 'akka.persistence.PersistentImpl', new Uint8Array([0x0a, 0x05])),
    (e: unknown) => e instanceof DecodeError && e.serializerId === 7 && /overruns/.test(e.message));
});

test('wire reader: negative int32/int64, zig-zag extremes', () => {
  const w = Writer.create().int32(-5).int64(-1).int64('9223372036854775807').sint64(-1).sint64('-9223372036854775808').sint64(-(2 ** 52)).uint32(4294967295);
  const r = new WireReader(w.finish());
  assert.equal(r.int32(), -5);
  assert.equal(r.int64(), -1);
  assert.equal(r.int64(), 9223372036854775807n);
  assert.equal(r.sint64(), -1);
  assert.equal(r.sint64(), -9223372036854775808n);
  assert.equal(r.sint64(), -(2 ** 52));
  assert.equal(r.uint32(), 4294967295);
  assert.equal(r.more(), false);
});

test('krasserm Kafka EventFormat round trip (protobufjs encoder → kafkaEventFromBytes → registry)', () => {
  const inner = Writer.create();
  inner.uint32(0x08).int32(1).uint32(0x12).bytes(new Uint8Array([0xac, 0xed, 0, 5, 0x74, 0, 2, 0x68, 0x69]));
  const w = Writer.create().uint32(0x0a).string('order-1').uint32(0x10).int64(17).uint32(0x1a).bytes(inner.finish());
  const ev = kafkaEventFromBytes(Buffer.from(w.finish()));
  assert.equal(ev.persistenceId, 'order-1');
  assert.equal(ev.sequenceNr, 17);
  assert.deepEqual({ id: ev.payload.serializerId, m: ev.payload.manifest }, { id: 1, m: '' });
  assert.equal(createDecoderRegistry().decode(ev.payload.serializerId, ev.payload.manifest, ev.payload.bytes), 'hi');
  // with a data manifest, fields in another order, and an unknown field
  const w2 = Writer.create();
  w2.uint32(0x10).int64(2);
  payload(w2, 3, 31, Buffer.from('[1,2]'), 'com.example.Ev');
  w2.uint32(0x28).int32(99).uint32(0x0a).string('p2');
  const ev2 = kafkaEventFromBytes(w2.finish());
  assert.deepEqual([ev2.persistenceId, ev2.sequenceNr, ev2.payload.serializerId, ev2.payload.manifest], ['p2', 2, 31, 'com.example.Ev']);
  // empty record: all fields optional
  assert.deepEqual(kafkaEventFromBytes(new Uint8Array(0)).persistenceId, '');
});

test('serializer 34: F → FILTERED, S → nested payload, M → CompositeMetadata array', () => {
  const r = createDecoderRegistry();
  const filtered = r.decode(34, 'F', new Uint8Array(0));
  assert.equal(filtered, FILTERED);
  assert.ok(isFiltered(filtered));
  const s = Writer.create().uint32(0x08).int32(20).uint32(0x12).bytes(Buffer.from('wrapped')).finish();
  assert.equal(r.decode(34, 'S', s), 'wrapped');
  const m = Writer.create();
  payload(m, 1, 20, Buffer.from('a'));
  payload(m, 1, 31, Buffer.from('{"b":2}'), 'B');
  assert.deepEqual(r.decode(34, 'M', m.finish()), ['a', { b: 2 }]);
  assert.throws(() => r.decode(34, 'Q', new Uint8Array(0)), /F, S and M/);
  // a nested payload nobody can decode reports the inner serializer
  const unknown = Writer.create().uint32(0x08).int32(555).uint32(0x12).bytes(new Uint8Array(1)).finish();
  assert.throws(() => r.decode(34, 'S', unknown), (e: unknown) => e instanceof DecodeError && e.serializerId === 555);
});

test('serializer 7: AtomicWrite, PersistentFSMSnapshot, AtLeastOnceDeliverySnapshot', () => {
  const r = createDecoderRegistry();
  const msg = (text: string) => { const w = Writer.create(); payload(w, 1, 20, Buffer.from(text)); return w.uint32(0x10).int64(1).finish(); };
  const aw = Writer.create().uint32(0x0a).bytes(msg('one')).uint32(0x0a).bytes(msg('two')).finish();
  assert.deepEqual(r.decode(7, 'akka.persistence.AtomicWrite', aw), ['one', 'two']);
  const snap = Writer.create().uint32(0x0a).string('Open');
  payload(snap, 2, 31, Buffer.from('{"n":1}'), 'D');
  snap.uint32(0x18).int64(1000);
  assert.deepEqual(r.decode(7, 'org.apache.pekko.persistence.fsm.PersistentFSM$PersistentFSMSnapshot', snap.finish()),
    { stateIdentifier: 'Open', data: { n: 1 }, timeoutNanos: 1000 });
  const d = Writer.create().uint32(0x08).int64(7).uint32(0x12).string('akka://s/user/x');
  payload(d, 3, 20, Buffer.from('msg'));
  const alo = Writer.create().uint32(0x08).int64(8).uint32(0x12).bytes(d.finish()).finish();
  assert.deepEqual(r.decode(7, 'akka.persistence.AtLeastOnceDelivery$AtLeastOnceDeliverySnapshot', alo),
    { currentDeliveryId: 8, unconfirmedDeliveries: [{ deliveryId: 7, destination: 'akka://s/user/x', message: 'msg' }] });
  // pre-2.4.5 StateChangeEvent with the timeout as a string
  const old = Writer.create().uint32(0x0a).string('S').uint32(0x12).string('5 seconds').finish();
  assert.deepEqual(r.decode(7, 'akka.persistence.fsm.PersistentFSM$StateChangeEvent', old), { stateIdentifier: 'S', timeoutNanos: null, timeout: '5 seconds' });
});

test('krasserm Kafka snapshot record: LE metadata length, SnapshotMetadataFormat, SnapshotSerializer bytes', async () => {
  const { kafkaSnapshotFromBytes } = await import('../../../src/decode/kafka-snapshot.js');
  const { loadFixture } = await import('./fixture-loader.js');
  const snapshot = loadFixture('snapshot-json'); // real SnapshotSerializer bytes
  const meta = Writer.create().uint32(0x0a).string('cart-42').uint32(0x10).int64(12).uint32(0x18).int64(1_700_000_000_000).finish();
  const record = Buffer.concat([Buffer.from([meta.length, 0, 0, 0]), meta, snapshot.bytes]);
  const snap = kafkaSnapshotFromBytes(record);
  assert.deepEqual([snap.persistenceId, snap.sequenceNr, snap.timestamp], ['cart-42', 12, 1_700_000_000_000]);
  assert.deepEqual(createDecoderRegistry().decode(snap.payload.serializerId, snap.payload.manifest, snap.payload.bytes), snapshot.expected);
  assert.throws(() => kafkaSnapshotFromBytes(Buffer.from([200, 0, 0, 0, 1])), /does not fit/);
});
