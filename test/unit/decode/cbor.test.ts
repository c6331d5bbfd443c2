import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueFromCbor } from '../../../src/decode/cbor.js';

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const cbor = (h: string) => valueFromCbor(hex(h));

test('RFC 8949 appendix A: integers, including 64-bit and bigint beyond 2^53', () => {
  assert.equal(cbor('00'), 0);
  assert.equal(cbor('17'), 23);
  assert.equal(cbor('1818'), 24);
  assert.equal(cbor('1903e8'), 1000);
  assert.equal(cbor('1a000f4240'), 1000000);
  assert.equal(cbor('1b000000e8d4a51000'), 1000000000000);
  assert.equal(cbor('1b001fffffffffffff'), Number.MAX_SAFE_INTEGER);
  assert.equal(cbor('1b0020000000000000'), 9007199254740992n);
  assert.equal(cbor('1bffffffffffffffff'), 18446744073709551615n);
  assert.equal(cbor('20'), -1);
  assert.equal(cbor('3863'), -100);
  assert.equal(cbor('3903e7'), -1000);
  assert.equal(cbor('3b001ffffffffffffe'), -Number.MAX_SAFE_INTEGER);
  assert.equal(cbor('3b001fffffffffffff'), -9007199254740992n);
  assert.equal(cbor('3bffffffffffffffff'), -18446744073709551616n);
});

test('bignum tags 2/3 and decimal fraction tag 4', () => {
  assert.equal(cbor('c249010000000000000000'), 18446744073709551616n);
  assert.equal(cbor('c349010000000000000000'), -18446744073709551617n);
  assert.equal(cbor('c24101'), 1); // small bignum → number
  assert.equal(cbor('c48221196ab3'), 273.15);
  assert.equal(cbor('c5822003'), 1.5); // bigfloat 3 * 2^-1
});

test('floats: half, single, double and the special values', () => {
  assert.equal(cbor('f90000'), 0);
  assert.ok(Object.is(cbor('f98000'), -0));
  assert.equal(cbor('f93c00'), 1);
  assert.equal(cbor('f93e00'), 1.5);
  assert.equal(cbor('f97bff'), 65504);
  assert.equal(cbor('f90001'), 5.960464477539063e-8);
  assert.equal(cbor('f90400'), 0.00006103515625);
  assert.equal(cbor('f9c400'), -4);
  assert.equal(cbor('f97c00'), Infinity);
  assert.ok(Number.isNaN(cbor('f97e00')));
  assert.equal(cbor('f9fc00'), -Infinity);
  assert.equal(cbor('fa47c35000'), 100000);
  assert.equal(cbor('fa7f7fffff'), 3.4028234663852886e38);
  assert.equal(cbor('fb3ff199999999999a'), 1.1);
  assert.equal(cbor('fb7e37e43c8800759c'), 1e300);
  assert.equal(cbor('fbc010666666666666'), -4.1);
});

test('simple values', () => {
  assert.equal(cbor('f4'), false);
  assert.equal(cbor('f5'), true);
  assert.equal(cbor('f6'), null);
  assert.equal(cbor('f7'), undefined);
  assert.equal(cbor('f0'), 16);
  assert.equal(cbor('f8ff'), 255);
});

test('strings: definite and indefinite byte and text strings, UTF-8', () => {
  assert.deepEqual(cbor('40'), new Uint8Array(0));
  assert.deepEqual(cbor('4401020304'), new Uint8Array([1, 2, 3, 4]));
  assert.equal(cbor('60'), '');
  assert.equal(cbor('6161'), 'a');
  assert.equal(cbor('6449455446'), 'IETF');
  assert.equal(cbor('62225c'), '"\\');
  assert.equal(cbor('62c3bc'), 'ü');
  assert.equal(cbor('63e6b0b4'), '水');
  assert.equal(cbor('64f0908591'), '\u{10151}');
  const long = 'x'.repeat(40) + 'é';
  assert.equal(valueFromCbor(new Uint8Array([0x78, Buffer.byteLength(long), ...Buffer.from(long)])), long);
  assert.deepEqual(cbor('5f42010243030405ff'), new Uint8Array([1, 2, 3, 4, 5]));
  assert.equal(cbor('7f657374726561646d696e67ff'), 'streaming');
  // byte strings are copies: they never alias the input
  const input = hex('4401020304');
  const out = valueFromCbor(input) as Uint8Array;
  input[1] = 99;
  assert.equal(out[0], 1);
});

test('arrays and maps: definite, indefinite, nested; non-string keys', () => {
  assert.deepEqual(cbor('80'), []);
  assert.deepEqual(cbor('83010203'), [1, 2, 3]);
  assert.deepEqual(cbor('8301820203820405'), [1, [2, 3], [4, 5]]);
  assert.deepEqual(cbor('98190102030405060708090a0b0c0d0e0f101112131415161718181819'), Array.from({ length: 25 }, (_, i) => i + 1));
  assert.deepEqual(cbor('a0'), {});
  assert.deepEqual(cbor('a201020304'), { 1: 2, 3: 4 });
  assert.deepEqual(cbor('a26161016162820203'), { a: 1, b: [2, 3] });
  assert.deepEqual(cbor('826161a161626163'), ['a', { b: 'c' }]);
  assert.deepEqual(cbor('9fff'), []);
  assert.deepEqual(cbor('9f018202039f0405ffff'), [1, [2, 3], [4, 5]]);
  assert.deepEqual(cbor('bf61610161629f0203ffff'), { a: 1, b: [2, 3] });
  assert.deepEqual(cbor('bf6346756ef563416d7421ff'), { Fun: true, Amt: -2 });
});

test('other tags pass their content through', () => {
  assert.equal(cbor('c074323031332d30332d32315432303a30343a30305a'), '2013-03-21T20:04:00Z');
  assert.equal(cbor('c11a514b67b0'), 1363896240);
  assert.deepEqual(cbor('d74401020304'), new Uint8Array([1, 2, 3, 4]));
});

test('a "__proto__" key is an own property, not a prototype change', () => {
  const v = cbor('a1695f5f70726f746f5f5fa16178 01') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, { x: 1 });
});

test('truncated and malformed input throws RangeError with the offset', () => {
  assert.throws(() => cbor(''), /truncated/);
  assert.throws(() => cbor('1903'), /truncated.*offset 1/);
  assert.throws(() => cbor('6461'), /truncated/);
  assert.throws(() => cbor('bf6161'), /truncated/);
  assert.throws(() => cbor('9f01'), /truncated/);
  assert.throws(() => cbor('ff'), /break/);
  assert.throws(() => cbor('1c'), /reserved/);
  assert.throws(() => cbor('0101'), /1 trailing bytes/);
  assert.throws(() => cbor('9bffffffffffffffff'), /too large|cannot fit/);
  assert.throws(() => cbor('5f01ff'), /indefinite byte string/);
});

test('map keys stay right across nested maps and key-cache collisions', () => {
  // { ab: { cd: 1 }, ef: 2 } twice: the second read hits the key cache
  for (let i = 0; i < 2; i++) assert.deepEqual(cbor('a2 6261 62 a1 6263 64 01 6265 66 02'.replace(/ /g, '')), { ab: { cd: 1 }, ef: 2 });
  // 3000 distinct keys of equal length force slot collisions in the 1024-entry cache
  const keys = Array.from({ length: 3000 }, (_, i) => `k${String(i).padStart(5, '0')}`);
  const parts: number[] = [0xb9, keys.length >> 8, keys.length & 255];
  keys.forEach((k, i) => parts.push(0x60 + k.length, ...Buffer.from(k), 0x19, i >> 8, i & 255));
  const v = valueFromCbor(new Uint8Array(parts)) as Record<string, number>;
  assert.equal(Object.keys(v).length, 3000);
  keys.forEach((k, i) => assert.equal(v[k], i));
  const again = valueFromCbor(new Uint8Array(parts)) as Record<string, number>;
  assert.deepEqual(again, v);
});
