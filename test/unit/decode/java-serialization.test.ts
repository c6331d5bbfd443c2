import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueFromJavaSerialization } from '../../../src/decode/java-serialization/value-from-java-serialization.js';
import { stringFromModifiedUtf8 } from '../../../src/decode/java-serialization/modified-utf8.js';
import { loadFixture } from './fixture-loader.js';

// hand-built streams: AC ED 00 05 + content
const utf = (s: string) => { const b = [...Buffer.from(s, 'utf8')]; return [b.length >> 8, b.length & 255, ...b]; };
const SUID = [0, 0, 0, 0, 0, 0, 0, 1];
const stream = (...parts: number[][]) => new Uint8Array([0xac, 0xed, 0, 5, ...parts.flat()]);
const ref = (n: number) => [0x71, 0x00, 0x7e, (n >> 8) & 255, n & 255];
const int = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

test('back references resolve to the same JS value (fixture from ObjectOutputStream)', () => {
  const f = loadFixture('java-object');
  const v = valueFromJavaSerialization(f.bytes) as Record<string, unknown>;
  assert.equal(v.$class, 'fixtures.Legacy$Deposited');
  assert.equal(v.amount, v.sameAmount); // one object, written once, then TC_REFERENCE
  assert.equal(v.account, v.accountAgain);
  assert.deepEqual(v.labels, ['a', null, 'a']);
  assert.equal(v.currency, 'EUR');
  assert.equal((v.amount as Record<string, unknown>).currency, 'EUR'); // enum constant by back reference
  assert.ok(Object.keys(v).includes('$class'), '$class is enumerable');
});

test('a cycle: an object whose field points back to itself', () => {
  const bytes = stream(
    [0x73, 0x72], utf('Node'), SUID, [0x02, 0, 1], [0x4c], utf('next'), [0x74], utf('LNode;'), [0x78, 0x70],
    ref(2), // handles: 0 class desc, 1 type string, 2 the object
  );
  const v = valueFromJavaSerialization(bytes) as Record<string, unknown>;
  assert.equal(v.$class, 'Node');
  assert.equal(v.next, v);
});

test('writeObject custom data: block data skipped, written objects kept in $writeObject, handles stay right', () => {
  const custom = [0x72, ...utf('Custom'), ...SUID, 0x03, 0, 1, 0x49, ...utf('n'), 0x78, 0x70];
  const bytes = stream(
    [0x75, 0x72], utf('[Ljava.lang.Object;'), SUID, [0x02, 0, 0, 0x78, 0x70], int(3), // handles 0 desc, 1 array
    [0x73], custom, int(5), [0x77, 4], int(1), [0x74], utf('extra'), [0x7a], int(3), [1, 2, 3], [0x78], // 2 desc, 3 obj, 4 'extra'
    ref(4), // → 'extra'
    ref(3), // → the Custom object
  );
  const v = valueFromJavaSerialization(bytes) as unknown[];
  assert.deepEqual(v[0], { $class: 'Custom', n: 5, $writeObject: ['extra'] });
  assert.equal(v[1], 'extra');
  assert.equal(v[2], v[0]);
});

test('Externalizable with block data, and a Scala object via ModuleSerializationProxy', () => {
  const ext = stream([0x73, 0x72], utf('Ext'), SUID, [0x0c, 0, 0, 0x78, 0x70], [0x77, 2, 1, 2], [0x74], utf('x'), [0x78]);
  assert.deepEqual(valueFromJavaSerialization(ext), { $class: 'Ext', $writeObject: ['x'] });
  const proxy = stream(
    [0x73, 0x72], utf('scala.runtime.ModuleSerializationProxy'), SUID, [0x02, 0, 1], [0x4c], utf('moduleClass'),
    [0x74], utf('Ljava/lang/Class;'), [0x78, 0x70],
    [0x76, 0x72], utf('com.example.Stopped$'), SUID, [0x02, 0, 0, 0x78, 0x70],
  );
  assert.deepEqual(valueFromJavaSerialization(proxy), { $class: 'com.example.Stopped$' });
});

test('TC_RESET clears the handle table', () => {
  const ok = stream([0x75, 0x72], utf('[Ljava.lang.Object;'), SUID, [0x02, 0, 0, 0x78, 0x70], int(2), [0x74], utf('a'), [0x79, 0x74], utf('b'));
  assert.deepEqual(valueFromJavaSerialization(ok), ['a', 'b']);
  const bad = stream([0x75, 0x72], utf('[Ljava.lang.Object;'), SUID, [0x02, 0, 0, 0x78, 0x70], int(2), [0x74], utf('a'), [0x79], ref(2));
  assert.throws(() => valueFromJavaSerialization(bad), /handle 0x7e0002 that does not exist/);
});

test('malformed streams throw RangeError', () => {
  assert.throws(() => valueFromJavaSerialization(new Uint8Array([1, 2, 3, 4])), /AC ED/);
  assert.throws(() => valueFromJavaSerialization(stream([0x74], utf('ab'), [0])), /1 unread bytes/);
  assert.throws(() => valueFromJavaSerialization(stream([0x74, 0, 5, 65])), /truncated/);
  assert.throws(() => valueFromJavaSerialization(stream([0x7b])), /exception/);
  assert.throws(() => valueFromJavaSerialization(stream([0x42])), /unknown type code 0x42/);
  assert.throws(() => valueFromJavaSerialization(stream([0x75, 0x72], utf('[I'), SUID, [0x02, 0, 0, 0x78, 0x70], int(1 << 30))), /does not fit/);
});

test('modified UTF-8: C0 80 is U+0000 and surrogate pairs come as two 3-byte sequences', () => {
  const pizza = [0xed, 0xa0, 0xbc, 0xed, 0xbd, 0x95]; // U+1F355 as CESU-8
  const b = new Uint8Array([0x61, 0xc0, 0x80, 0xc3, 0xa9, ...pizza]);
  assert.equal(stringFromModifiedUtf8(b, 0, b.length), 'a\u0000é🍕');
  assert.equal(stringFromModifiedUtf8(Buffer.from('plain ascii'), 0, 11), 'plain ascii');
  assert.throws(() => stringFromModifiedUtf8(new Uint8Array([0xf0, 0x9f, 0x8d, 0x95]), 0, 4), /not valid/);
});
