// The one varint reader (base-128, least significant group first) of protobuf messages and Kafka
// records. Every read takes (bytes, position, end) and returns the value; the position after the
// varint is left in the module slot `varintEnd`: no object per call, and in V8 at least as fast as a
// slot on a reused object (bench/micro/varint-and-strings.ts). A varint that runs past `end` or is longer than 10
// bytes never reads out of range and never loops: `varintEnd` is then VARINT_TRUNCATED or
// VARINT_OVERLONG (both < 0) and the value NaN; the caller turns that into its own error.
//
// Values above 2^53 are the caller's choice: the number readers give NaN beyond ±(2^53−1), and
// readVarint64 leaves the exact 64 bits in `varintLo`/`varintHi` for int64FromPair (a bigint then).

/** `varintEnd` after a varint that runs past the end of its bytes. */
export const VARINT_TRUNCATED = -1;
/** `varintEnd` after a varint longer than 10 bytes (no 64-bit value is). */
export const VARINT_OVERLONG = -2;

/** The position after the last varint read, or VARINT_TRUNCATED / VARINT_OVERLONG (< 0). */
export let varintEnd = 0;
/** Low and high 32 bits (unsigned) of the last readVarint64. */
export let varintLo = 0;
export let varintHi = 0;

const TWO_32 = 4294967296;
const TWO_31 = 2147483648;

function truncated(): number {
  varintEnd = VARINT_TRUNCATED;
  return NaN;
}

function overlong(): number {
  varintEnd = VARINT_OVERLONG;
  return NaN;
}

// Each reader is a small fast path for the one- and two-byte varints that tags, lengths and Kafka
// record fields almost always are (small enough for V8 to inline at every call site), and an
// out-of-line loop for the rest.

/**
 * An unsigned 32-bit varint (a protobuf tag, length, uint32): the low 32 bits of up to 10 bytes.
 *
 * @example
 * const tag = readUint32(bytes, pos, end);
 * if (varintEnd < 0) return false;
 * pos = varintEnd;
 */
export function readUint32(b: Uint8Array, p: number, end: number): number {
  if (p + 1 < end) {
    const b0 = b[p]!;
    if (b0 < 0x80) {
      varintEnd = p + 1;
      return b0;
    }
    const b1 = b[p + 1]!;
    if (b1 < 0x80) {
      varintEnd = p + 2;
      return (b0 & 0x7f) | (b1 << 7);
    }
  }
  return uint32Slow(b, p, end);
}

function uint32Slow(b: Uint8Array, p: number, end: number): number {
  let result = 0;
  for (let i = 0; i < 10; i++) {
    if (p + i >= end) return truncated();
    const byte = b[p + i]!;
    if (i < 4) result |= (byte & 0x7f) << (7 * i);
    else if (i === 4) result |= byte << 28; // bits 28..31; the rest falls off the 32-bit int
    if (byte < 0x80) {
      varintEnd = p + i + 1;
      return result >>> 0;
    }
  }
  return overlong();
}

/** A protobuf int32: the low 32 bits as signed (a negative one is a 10-byte varint). NaN when bad. */
export function readInt32(b: Uint8Array, p: number, end: number): number {
  const u = readUint32(b, p, end);
  return varintEnd < 0 ? NaN : u | 0;
}

/** An unsigned varint of up to 64 bits as a number: exact up to 2^53−1, NaN above. */
export function readUint64(b: Uint8Array, p: number, end: number): number {
  if (p + 1 < end) {
    const b0 = b[p]!;
    if (b0 < 0x80) {
      varintEnd = p + 1;
      return b0;
    }
    const b1 = b[p + 1]!;
    if (b1 < 0x80) {
      varintEnd = p + 2;
      return (b0 & 0x7f) | (b1 << 7);
    }
  }
  return uint64Slow(b, p, end);
}

function uint64Slow(b: Uint8Array, p: number, end: number): number {
  let result = 0;
  let scale = 1;
  for (let i = p; i < p + 10; ) {
    if (i >= end) return truncated();
    const byte = b[i++]!;
    result += (byte & 0x7f) * scale; // each term exact; the sum rounds only beyond 2^53
    scale *= 128;
    if (byte < 0x80) {
      varintEnd = i;
      return result > Number.MAX_SAFE_INTEGER ? NaN : result;
    }
  }
  return overlong();
}

/** A protobuf int64 (two's complement) as a number: exact within ±(2^53−1), NaN beyond. */
export function readInt64(b: Uint8Array, p: number, end: number): number {
  const u = readUint64(b, p, end);
  if (u === u || varintEnd < 0) return u;
  // beyond 2^53 unsigned: a negative int64 (10 bytes, high bit set), or too large
  readVarint64(b, p, end);
  return int64Number(varintHi, varintLo);
}

/** A zigzag varint (Kafka record fields, protobuf sint32/sint64) as a number: exact within ±(2^53−1), NaN beyond. */
export function readZigzag(b: Uint8Array, p: number, end: number): number {
  if (p + 1 < end) {
    const b0 = b[p]!;
    if (b0 < 0x80) {
      varintEnd = p + 1;
      return (b0 >>> 1) ^ -(b0 & 1);
    }
    const b1 = b[p + 1]!;
    if (b1 < 0x80) {
      varintEnd = p + 2;
      const u = (b0 & 0x7f) | (b1 << 7);
      return (u >>> 1) ^ -(u & 1);
    }
  }
  return zigzagSlow(b, p, end);
}

function zigzagSlow(b: Uint8Array, p: number, end: number): number {
  // uint64Slow's loop, repeated here: timestamp deltas are often three bytes, and one more call per
  // varint was measurably slower (bench/micro/varint-and-strings.ts)
  let u = 0;
  let scale = 1;
  for (let i = p; i < p + 10; ) {
    if (i >= end) return truncated();
    const byte = b[i++]!;
    u += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) {
      varintEnd = i;
      return u <= Number.MAX_SAFE_INTEGER ? (u % 2 === 0 ? u / 2 : -(u + 1) / 2) : zigzagBeyond53(b, p, end);
    }
  }
  return overlong();
}

// 2^53 ≤ u: |value| ≥ 2^52, still exact below 2^53 when read from the 64 bits
function zigzagBeyond53(b: Uint8Array, p: number, end: number): number {
  readVarint64(b, p, end);
  const half = varintHi * TWO_31 + (varintLo >>> 1);
  if ((varintLo & 1) === 0) return half > Number.MAX_SAFE_INTEGER ? NaN : half;
  return half >= Number.MAX_SAFE_INTEGER ? NaN : -half - 1;
}

/**
 * A varint of up to 64 bits, exactly: its low and high 32 bits land in `varintLo` / `varintHi`
 * (bits beyond 64 in a 10th byte are dropped, as protobuf does). Returns `varintEnd`.
 *
 * @example
 * if (readVarint64(bytes, pos, end) < 0) throw ...;
 * const seq = int64FromPair(varintHi, varintLo, true); // number or bigint
 */
export function readVarint64(b: Uint8Array, p: number, end: number): number {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    if (p >= end) {
      varintLo = varintHi = 0;
      return (varintEnd = VARINT_TRUNCATED);
    }
    const byte = b[p++]!;
    const bits = byte & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= bits << 28;
      hi |= bits >>> 4;
    } else hi |= bits << (7 * i - 32);
    if (byte < 0x80) {
      varintLo = lo >>> 0;
      varintHi = hi >>> 0;
      return (varintEnd = p);
    }
  }
  varintLo = varintHi = 0;
  return (varintEnd = VARINT_OVERLONG);
}

/** The 64 bits (two unsigned halves) as an int64 number within ±(2^53−1), else NaN. */
function int64Number(hi: number, lo: number): number {
  if (hi & 0x80000000) {
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    return nhi < 0x200000 ? -(nhi * TWO_32 + nlo) : NaN;
  }
  return hi < 0x200000 ? hi * TWO_32 + lo : NaN;
}

/** Two unsigned 32-bit halves → a number when within ±(2^53−1), else a bigint (signed: two's complement). */
export function int64FromPair(hi: number, lo: number, signed: boolean): number | bigint {
  if (signed && hi & 0x80000000) {
    // negative two's complement: -(~x + 1)
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi < 0x200000) return -(nhi * TWO_32 + nlo);
    return -((BigInt(nhi) << 32n) | BigInt(nlo));
  }
  if (hi < 0x200000) return hi * TWO_32 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** The 64 bits of a zigzag varint, decoded, → a number when within ±(2^53−1), else a bigint. */
export function zigzagFromPair(hi: number, lo: number): number | bigint {
  // (n >>> 1) ^ -(n & 1), on the 64-bit pair
  let l = ((lo >>> 1) | (hi << 31)) >>> 0;
  let h = hi >>> 1;
  if (lo & 1) {
    l = ~l >>> 0;
    h = ~h >>> 0;
  }
  return int64FromPair(h, l, true);
}
