import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  int64FromPair,
  readInt32,
  readInt64,
  readUint32,
  readUint64,
  readVarint64,
  readZigzag,
  VARINT_OVERLONG,
  VARINT_TRUNCATED,
  varintEnd,
  varintHi,
  varintLo,
  zigzagFromPair,
} from '../../../src/util/varint.js';

/** The varint bytes of an unsigned 64-bit value. */
function encode(u: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, u);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

const zig = (n: bigint): bigint => BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
/** The bytes padded by `before` leading junk bytes, so positions are not 0. */
const at = (bytes: Uint8Array, before = 3): Uint8Array => Uint8Array.from([...new Array<number>(before).fill(0xaa), ...bytes, 0x55]);
const safe = (n: bigint): number => (n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : NaN);

const TWO = (k: number): bigint => 1n << BigInt(k);
const UNSIGNED = [0n, 1n, 127n, 128n, 255n, 300n, 16383n, 16384n, TWO(31) - 1n, TWO(31), TWO(32) - 1n, TWO(32), TWO(35), TWO(53) - 1n, TWO(53), TWO(53) + 1n, TWO(63) - 1n, TWO(63), TWO(64) - 1n];
const SIGNED = [0n, -1n, 1n, -64n, 63n, -65n, 64n, -(TWO(31)), TWO(31) - 1n, -(TWO(32)), TWO(52), -(TWO(52)) - 1n, TWO(53) - 1n, -(TWO(53) - 1n), TWO(53), -(TWO(53)), TWO(63) - 1n, -(TWO(63))];

test('readUint32 / readInt32 read the low 32 bits of every edge value, and set varintEnd after it', () => {
  for (const u of UNSIGNED) {
    const bytes = at(encode(u));
    const low = BigInt.asUintN(32, u);
    assert.equal(readUint32(bytes, 3, bytes.length), Number(low), `uint32 of ${u}`);
    assert.equal(varintEnd, bytes.length - 1, `end after ${u}`);
    assert.equal(readInt32(bytes, 3, bytes.length), Number(BigInt.asIntN(32, low)), `int32 of ${u}`);
  }
  // an int32 of -1 is 10 bytes on the wire
  const minus = encode(-1n);
  assert.equal(minus.length, 10);
  assert.equal(readInt32(minus, 0, minus.length), -1);
});

test('readUint64 is exact up to 2^53−1 and NaN above', () => {
  for (const u of UNSIGNED) {
    const bytes = at(encode(u));
    const v = readUint64(bytes, 3, bytes.length);
    assert.equal(varintEnd, bytes.length - 1);
    if (u <= BigInt(Number.MAX_SAFE_INTEGER)) assert.equal(v, Number(u), `uint64 of ${u}`);
    else assert.ok(Number.isNaN(v), `uint64 of ${u} is NaN`);
  }
});

test('readInt64 reads two\'s complement: exact within ±(2^53−1), NaN beyond', () => {
  for (const n of SIGNED) {
    const bytes = at(encode(n));
    assert.deepEqual(readInt64(bytes, 3, bytes.length), safe(n), `int64 of ${n}`);
    assert.equal(varintEnd, bytes.length - 1);
  }
});

test('readZigzag decodes negative and positive zigzags: exact within ±(2^53−1), NaN beyond', () => {
  for (const n of SIGNED) {
    const bytes = at(encode(zig(n)));
    assert.deepEqual(readZigzag(bytes, 3, bytes.length), safe(n), `zigzag of ${n}`);
    assert.equal(varintEnd, bytes.length - 1);
  }
});

test('readVarint64 keeps all 64 bits; int64FromPair and zigzagFromPair give a bigint beyond 2^53', () => {
  for (const u of UNSIGNED) {
    const bytes = at(encode(u));
    assert.equal(readVarint64(bytes, 3, bytes.length), bytes.length - 1);
    assert.equal((BigInt(varintHi) << 32n) | BigInt(varintLo), u);
    const unsigned = int64FromPair(varintHi, varintLo, false);
    assert.equal(BigInt(unsigned), u);
    assert.equal(typeof unsigned, u <= BigInt(Number.MAX_SAFE_INTEGER) ? 'number' : 'bigint');
    assert.equal(BigInt(int64FromPair(varintHi, varintLo, true)), BigInt.asIntN(64, u));
  }
  for (const n of SIGNED) {
    const bytes = encode(zig(n));
    readVarint64(bytes, 0, bytes.length);
    assert.equal(BigInt(zigzagFromPair(varintHi, varintLo)), n);
  }
});

test('a truncated varint is VARINT_TRUNCATED with NaN, from every reader, at every cut', () => {
  const readers = [readUint32, readInt32, readUint64, readInt64, readZigzag];
  for (const u of [128n, TWO(32), TWO(63), TWO(64) - 1n]) {
    const full = encode(u);
    for (let cut = 0; cut < full.length; cut++) {
      // the bytes after `end` continue the varint: the reader must stop at end, not at the array's end
      const bytes = Uint8Array.from([...full.subarray(0, cut), 0x81, 0x81, 0x01]);
      for (const read of readers) {
        assert.ok(Number.isNaN(read(bytes, 0, cut)), `${read.name} of ${u} cut at ${cut}`);
        assert.equal(varintEnd, VARINT_TRUNCATED);
      }
      assert.equal(readVarint64(bytes, 0, cut), VARINT_TRUNCATED);
    }
  }
  // at the very end of the array
  assert.ok(Number.isNaN(readUint32(new Uint8Array([0x80]), 0, 1)));
  assert.equal(varintEnd, VARINT_TRUNCATED);
});

test('a varint longer than 10 bytes is VARINT_OVERLONG, even when more bytes follow', () => {
  const readers = [readUint32, readInt32, readUint64, readInt64, readZigzag];
  for (const length of [11, 12, 40]) {
    const bytes = new Uint8Array(length).fill(0x80);
    bytes[length - 1] = 0x01;
    for (const read of readers) {
      assert.ok(Number.isNaN(read(bytes, 0, bytes.length)), `${read.name} of ${length} bytes`);
      assert.equal(varintEnd, VARINT_OVERLONG);
    }
    assert.equal(readVarint64(bytes, 0, bytes.length), VARINT_OVERLONG);
  }
  // ten bytes that all continue are overlong even where the bytes end
  const tenContinuing = new Uint8Array(10).fill(0x80);
  for (const read of readers) {
    assert.ok(Number.isNaN(read(tenContinuing, 0, 10)), `${read.name} of ten continuing bytes`);
    assert.equal(varintEnd, VARINT_OVERLONG, read.name);
  }
  assert.equal(readVarint64(tenContinuing, 0, 10), VARINT_OVERLONG);
  // ten bytes is the longest valid varint (2^64−1, or -1 as int64)
  const ten = encode(TWO(64) - 1n);
  assert.equal(readVarint64(ten, 0, ten.length), 10);
  assert.equal(readInt64(ten, 0, ten.length), -1);
});

test('a read after a failed one starts fresh (no state carried over)', () => {
  assert.ok(Number.isNaN(readUint64(new Uint8Array([0xff]), 0, 1)));
  const bytes = encode(300n);
  assert.equal(readUint64(bytes, 0, bytes.length), 300);
  assert.equal(varintEnd, 2);
});
