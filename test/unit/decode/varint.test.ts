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

test('the EventFormat scanner and the reference reader agree at the varint edges', async () => {
  const { eventFormatSlots, scanEventFormat } = await import('../../../src/decode/kafka-event-scan.js');
  const { kafkaEventFromBytes } = await import('../../../src/decode/kafka-event.js');
  const { eventFormatBytes } = await import('../kafka/event-format-bytes.js');
  const slots = eventFormatSlots();
  for (const seq of [0, 127, 128, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -1, -(2 ** 31), -(2 ** 53 - 1)]) {
    for (const id of [0, 127, 128, 2 ** 31 - 1, -1, -(2 ** 31)]) {
      const bytes = eventFormatBytes('p', seq, id, new Uint8Array([1]), 'M');
      assert.equal(scanEventFormat(bytes, slots), true, `seq ${seq}, id ${id}`);
      const ref = kafkaEventFromBytes(bytes);
      assert.equal(slots.sequenceNr, seq);
      assert.equal(ref.sequenceNr, seq);
      assert.equal(slots.serializerId, id);
      assert.equal(ref.payload.serializerId, id);
    }
  }
  // beyond ±(2^53−1) both give NaN (a number there would be a rounded neighbour)
  for (const seq of [2 ** 53, 2 ** 60, -(2 ** 53)]) {
    const bytes = eventFormatBytes('p', seq, 1, new Uint8Array([1]), 'M');
    assert.equal(scanEventFormat(bytes, slots), true, `seq ${seq}`);
    assert.ok(Number.isNaN(slots.sequenceNr), `scanner, seq ${seq}`);
    assert.ok(Number.isNaN(kafkaEventFromBytes(bytes).sequenceNr), `reference reader, seq ${seq}`);
  }
  // a sequenceNr of 11 varint bytes: the scanner refuses it, the reference reader says why
  const overlong = Buffer.from([0x10, ...new Array<number>(10).fill(0x80), 0x01]);
  assert.equal(scanEventFormat(overlong, slots), false);
  assert.throws(() => kafkaEventFromBytes(overlong), /longer than 10 bytes/);
  const truncated = Buffer.from([0x10, 0x80, 0x80]);
  assert.equal(scanEventFormat(truncated, slots), false);
  assert.throws(() => kafkaEventFromBytes(truncated), /truncated/);
});

test('the Kafka record cursor reads zigzag fields at their edges and skips a batch whose varint is bad', async () => {
  const { RawRecordCursor } = await import('../../../src/kafka/records/raw-record-cursor.js');
  const zz = (n: number): number[] => [...encode(zig(BigInt(n)))];
  // one record: attributes, timestampDelta, offsetDelta, key length -1 (null), value, no headers
  const record = (tsDelta: number, offsetDelta: number, value: number[]): number[] => {
    const body = [0, ...zz(tsDelta), ...zz(offsetDelta), ...zz(-1), ...zz(value.length), ...value, ...zz(0)];
    return [...zz(body.length), ...body];
  };
  const batch = (bytes: number[], count: number) => ({
    bytes: Buffer.from(bytes), start: 0, end: bytes.length, count, baseOffset: 1000, baseTimestamp: 2 ** 40, logAppendTime: false, maxTimestamp: 0,
  });
  const good = [...record(0, 0, [7]), ...record(-(2 ** 31), 64, []), ...record(2 ** 45, 2 ** 31, [1, 2])];
  const cursor = new RawRecordCursor([batch(good, 3)]);
  const seen: [number, number, number][] = [];
  while (cursor.next()) seen.push([cursor.offset, cursor.timestampMs, cursor.value()!.length]);
  assert.deepEqual(seen, [[1000, 2 ** 40, 1], [1064, 2 ** 40 - 2 ** 31, 0], [1000 + 2 ** 31, 2 ** 40 + 2 ** 45, 2]]);
  assert.equal(cursor.corruptions, null);

  // an 11-byte offsetDelta, and a record cut inside its timestamp varint: skipped with the reason
  const overlong = [...zz(14), 0, 0, ...new Array<number>(10).fill(0x80), 0x01, 0x01];
  const truncated = [...zz(3), 0, 0x80, 0x80];
  for (const [bytes, detail] of [[overlong, /longer than 10 bytes/], [truncated, /runs past the end/]] as const) {
    const bad = new RawRecordCursor([batch([...bytes], 1), batch(record(0, 0, [9]), 1)]);
    assert.equal(bad.next(), true, 'the next batch is still read');
    assert.equal(bad.value()![0], 9);
    assert.match(bad.corruptions?.[0]?.detail ?? '', detail);
  }
});
