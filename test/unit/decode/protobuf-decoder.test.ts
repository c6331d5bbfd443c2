import { test } from 'node:test';
import assert from 'node:assert/strict';
import protobuf from 'protobufjs';
import { protobufDecoder } from '../../../src/decode/protobuf-decoder.js';
import { createDecoderRegistry } from '../../../src/decode/registry.js';
import { DecodeError, OptionError } from '../../../src/errors.js';

const PROTO = `
syntax = "proto3";
package com.example.cart;
message ItemAdded {
  string item_id = 1;
  int64 quantity = 2;
  Color color = 3;
  repeated string tags = 4;
  Address ship_to = 5;
  bytes blob = 6;
  int64 huge = 7;
  message Address { string city = 1; }
}
enum Color { RED = 0; GREEN = 1; }
message CartClosed { bool paid = 1; }
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const ItemAdded = root.lookupType('com.example.cart.ItemAdded');
const bytes = ItemAdded.encode(ItemAdded.fromObject({
  item_id: 'sku-1', quantity: 3, color: 'GREEN', tags: ['a', 'b'], ship_to: { city: 'Bern' }, blob: [1, 2], huge: '9007199254740993',
})).finish();

test('decodes with .proto source; manifest = full name, Java outer class, nested $', () => {
  const registry = createDecoderRegistry({ '2': protobufDecoder({ proto: PROTO }) });
  for (const manifest of ['com.example.cart.ItemAdded', 'com.example.cart.CartProto$ItemAdded', 'com.example.cart.ItemAdded']) {
    const v = registry.decode(2, manifest, bytes) as Record<string, unknown>;
    assert.equal(v.item_id, 'sku-1');
    assert.equal(v.quantity, 3);
    assert.equal(v.color, 'GREEN');
    assert.deepEqual(v.tags, ['a', 'b']);
    assert.deepEqual(v.ship_to, { city: 'Bern' });
    assert.deepEqual([...(v.blob as Uint8Array)], [1, 2]);
  }
  // absent fields get defaults
  const closed = registry.decode(2, 'com.example.cart.Events$CartClosed', new Uint8Array(0));
  assert.deepEqual(closed, { paid: false });
  // nested message type by `$`
  const Address = root.lookupType('com.example.cart.ItemAdded.Address');
  assert.deepEqual(registry.decode(2, 'com.example.cart.ItemAdded$Address', Address.encode({ city: 'Z' }).finish()), { city: 'Z' });
});

test('a Root with a types map, a custom serializer id, longs as strings, simple-name fallback', () => {
  const decode = protobufDecoder({ root, types: { 'legacy.Added': 'com.example.cart.ItemAdded' } }, { longs: 'string' });
  const registry = createDecoderRegistry({ '5001': decode });
  const v = registry.decode(5001, 'legacy.Added', bytes) as Record<string, unknown>;
  assert.equal(v.huge, '9007199254740993');
  assert.equal(v.quantity, '3');
  const bySimple = registry.decode(5001, 'scalapb.other.pkg.ItemAdded', bytes) as Record<string, unknown>;
  assert.equal(bySimple.item_id, 'sku-1');
  // a bare Root works too
  assert.equal((protobufDecoder(root)(bytes, 'com.example.cart.ItemAdded', 2) as { item_id: string }).item_id, 'sku-1');
});

test('unknown manifest and bad bytes: DecodeError that lists the schema types and the mapping to add', () => {
  const registry = createDecoderRegistry({ '2': protobufDecoder({ proto: PROTO }) });
  assert.throws(() => registry.decode(2, 'com.example.Nope', bytes), (e: unknown) =>
    e instanceof DecodeError && /no protobuf message type for manifest 'com.example.Nope'/.test(e.message)
    && /com\.example\.cart\.ItemAdded/.test(e.message) && /types: \{ 'com.example.Nope'/.test(e.message));
  assert.throws(() => registry.decode(2, 'com.example.cart.ItemAdded', new Uint8Array([0x0a, 0x09, 0x41])), DecodeError);
  assert.throws(() => registry.decode(2, '', bytes), /manifest ''/);
});

test('bad schemas throw OptionError', () => {
  assert.throws(() => protobufDecoder({ proto: 'message {' }), OptionError);
  assert.throws(() => protobufDecoder(42 as never), OptionError);
});
