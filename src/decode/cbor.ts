// A compact CBOR (RFC 8949) decoder for Jackson's CBORGenerator output (jackson-cbor, id 33).
// Jackson writes objects and arrays as indefinite-length maps/arrays (BF … FF, 9F … FF), Java
// floats as single (FA) and doubles as double (FB) precision, BigInteger as tags 2/3 and
// BigDecimal as tag 4; all of that, and every other well-formed item, is read here.
//
// Output: maps → plain objects (non-string keys become their String()), arrays → arrays,
// byte strings → Uint8Array copies, text → string, integers → number when within ±(2^53−1)
// else bigint, tags 2/3 → the integer (number or bigint), tag 4/5 → number, every other tag →
// its content (the tag number is dropped), undefined (F7) → undefined.
//
// The reader keeps its cursor in module variables: decoding is synchronous and never re-entered,
// and this avoids allocating a reader object per payload on the hot path.
//
// Budgets (limits.ts): nesting deeper than maxDepth, more than maxObjects maps/arrays/byte
// strings, or a bignum of more than maxBignumDigits decimal digits throw a LimitExceededError.
// Bignums convert through their hex text, which is linear (shifting a BigInt per byte is quadratic).

import { bigIntFromMagnitude } from './big-int-from-magnitude.js';
import { decodeLimits, limitExceeded, type ActiveLimits } from './limits.js';
import { stringFromUtf8 } from './utf8.js';

const EMPTY = new Uint8Array(0);
let buf: Uint8Array = EMPTY;
let pos = 0;
let depth = 0;
let objectsLeft = 0;
let limits: ActiveLimits = decodeLimits();

const scratch = new Uint8Array(8);
const scratchF32 = new Float32Array(scratch.buffer, 0, 1);
const scratchF64 = new Float64Array(scratch.buffer, 0, 1);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const BREAK = Symbol('break');
const TWO_32 = 4294967296;

/**
 * Decodes exactly one CBOR data item; throws a RangeError on truncated or malformed input and on
 * trailing bytes.
 *
 * @example
 * valueFromCbor(new Uint8Array([0xa1, 0x61, 0x61, 0x01])); // { a: 1 }
 */
export function valueFromCbor(bytes: Uint8Array): unknown {
  buf = bytes;
  pos = 0;
  depth = 0;
  limits = decodeLimits();
  objectsLeft = limits.maxObjects;
  try {
    const value = item();
    if (value === BREAK) throw new RangeError('CBOR break (FF) outside an indefinite-length item');
    if (pos !== bytes.length) throw new RangeError(`${bytes.length - pos} trailing bytes after the CBOR item at offset ${pos}`);
    return value;
  } finally {
    buf = EMPTY; // do not keep the caller's bytes alive
  }
}

function need(n: number): void {
  if (pos + n > buf.length) {
    throw new RangeError(`CBOR input truncated: needs ${n} more byte(s) at offset ${pos}, has ${buf.length - pos}`);
  }
}

/** The argument of an initial byte: a length, count or integer value (number; bigint if above 2^53). */
function argument(info: number): number | bigint {
  if (info < 24) return info;
  switch (info) {
    case 24: need(1); return buf[pos++]!;
    case 25: need(2); pos += 2; return (buf[pos - 2]! << 8) | buf[pos - 1]!;
    case 26: need(4); pos += 4; return u32(pos - 4);
    case 27: {
      need(8);
      const hi = u32(pos);
      const lo = u32(pos + 4);
      pos += 8;
      // below 2^53 the double is exact
      return hi < 0x200000 ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
    }
    case 31: return -1; // indefinite; callers check major type
    default: throw new RangeError(`reserved CBOR additional information ${info} at offset ${pos - 1}`);
  }
}

function u32(at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

function length(info: number): number {
  const n = argument(info);
  if (typeof n === 'bigint') throw new RangeError(`CBOR length ${n} is too large`);
  return n;
}

function item(): unknown {
  need(1);
  const initial = buf[pos++]!;
  const major = initial >>> 5;
  const info = initial & 31;
  switch (major) {
    case 0: {
      if (info === 31) throw new RangeError(`indefinite length on an integer at offset ${pos - 1}`);
      return argument(info);
    }
    case 1: {
      if (info === 31) throw new RangeError(`indefinite length on an integer at offset ${pos - 1}`);
      const n = argument(info);
      if (typeof n === 'bigint') return -1n - n;
      // -1 - n is exact for n <= 2^53 - 2; beyond that use bigint
      return n <= 9007199254740990 ? -1 - n : -1n - BigInt(n);
    }
    case 2: countObject(); return byteString(info);
    case 3: return textString(info);
    case 4: { countObject(); enter(); const v = array(info); depth--; return v; }
    case 5: { countObject(); enter(); const v = map(info); depth--; return v; }
    case 6: { enter(); const v = tagged(argument(info)); depth--; return v; }
    default: return simple(info);
  }
}

function enter(): void {
  if (++depth > limits.maxDepth) throw limitExceeded('maxDepth', 'CBOR nesting deeper than', limits);
}

function countObject(): void {
  if (--objectsLeft < 0) throw limitExceeded('maxObjects', 'more CBOR maps, arrays and byte strings than', limits);
}

function byteString(info: number): Uint8Array {
  if (info !== 31) {
    const n = length(info);
    need(n);
    pos += n;
    return new Uint8Array(buf.subarray(pos - n, pos)); // a copy: never pin the driver's buffer
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    need(1);
    if (buf[pos] === 0xff) { pos++; break; }
    const head = buf[pos++]!;
    if (head >>> 5 !== 2 || (head & 31) === 31) throw new RangeError(`bad chunk in an indefinite byte string at offset ${pos - 1}`);
    const n = length(head & 31);
    need(n);
    chunks.push(buf.subarray(pos, pos + n));
    pos += n;
    total += n;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function textString(info: number): string {
  if (info !== 31) {
    const n = length(info);
    need(n);
    const start = pos;
    pos += n;
    return text(start, pos);
  }
  let s = '';
  for (;;) {
    need(1);
    if (buf[pos] === 0xff) { pos++; return s; }
    const head = buf[pos++]!;
    if (head >>> 5 !== 3 || (head & 31) === 31) throw new RangeError(`bad chunk in an indefinite text string at offset ${pos - 1}`);
    const n = length(head & 31);
    need(n);
    s += text(pos, pos + n);
    pos += n;
  }
}

/** Short ASCII keys and values are the common case; decoding them by hand beats a native call. */
function text(start: number, end: number): string {
  if (end - start <= 24) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return stringFromUtf8(buf, start, end);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return stringFromUtf8(buf, start, end);
}

function array(info: number): unknown[] {
  if (info === 31) {
    const out: unknown[] = [];
    for (;;) {
      const v = item();
      if (v === BREAK) return out;
      out.push(v);
    }
  }
  const n = length(info);
  // each element takes at least one byte: refuse absurd counts before allocating
  if (n > buf.length - pos) throw new RangeError(`CBOR array of ${n} items cannot fit in ${buf.length - pos} bytes`);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const v = item();
    if (v === BREAK) throw new RangeError(`CBOR break inside a definite-length array at offset ${pos - 1}`);
    out[i] = v;
  }
  return out;
}

function map(info: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = info === 31 ? -1 : length(info);
  for (let i = 0; n < 0 || i < n; i++) {
    const k = mapKey();
    if (k === BREAK) {
      if (n < 0) return out;
      throw new RangeError(`CBOR break inside a definite-length map at offset ${pos - 1}`);
    }
    // taken before the value is read: a nested map overwrites lastKey
    const key = k === KEY ? lastKey : typeof k === 'string' ? k : keyString(k);
    const v = item();
    if (v === BREAK) throw new RangeError(`CBOR map key without a value at offset ${pos - 1}`);
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

// Map keys repeat from event to event (they are field names): a small direct-mapped cache of short
// ASCII keys turns building each key string into comparing a few bytes. Kept apart from
// utf8-string-cache.ts (the same job for Kafka ids): CBOR input is a Uint8Array, not a Buffer, and keys
// of ≤ 23 ASCII bytes are hashed in the pass that checks them for ASCII and compared against the
// string itself, with no byte pool (bench/micro/varint-and-strings.ts times the two on such keys).
const KEY = Symbol('key');
const keyCache: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
let lastKey = '';

/** A map key: short definite text strings go through the cache (returns KEY, the string in lastKey). */
function mapKey(): unknown {
  if (pos >= buf.length) return item();
  const initial = buf[pos]!;
  const n = initial - 0x60;
  if (n < 1 || n > 23 || pos + 1 + n > buf.length) return item();
  const start = pos + 1;
  let h = n;
  for (let i = start, end = start + n; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x80) return item();
    h = (Math.imul(h, 31) + c) | 0;
  }
  const slot = (h ^ (h >>> 10)) & 1023;
  const cached = keyCache[slot];
  pos = start + n;
  if (cached !== undefined && cached.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) if (cached.charCodeAt(i) !== buf[start + i]) { same = false; break; }
    if (same) { lastKey = cached; return KEY; }
  }
  let s = '';
  for (let i = start; i < pos; i++) s += String.fromCharCode(buf[i]!);
  keyCache[slot] = s;
  lastKey = s;
  return KEY;
}

function keyString(k: unknown): string {
  if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean' || k === null || k === undefined) return String(k);
  return JSON.stringify(k, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function tagged(tag: number | bigint): unknown {
  const content = item();
  if (content === BREAK) throw new RangeError(`CBOR tag ${tag} without content at offset ${pos - 1}`);
  switch (tag) {
    case 2: // unsigned bignum
    case 3: { // negative bignum
      if (!(content instanceof Uint8Array)) throw new RangeError(`CBOR bignum tag ${tag} on a non-byte-string`);
      let n = bigIntFromMagnitude(content, limits);
      if (tag === 3) n = -1n - n;
      return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
    }
    case 4: // decimal fraction [exponent, mantissa], Jackson's BigDecimal
    case 5: { // bigfloat [exponent, mantissa]
      if (!Array.isArray(content) || content.length !== 2) throw new RangeError(`CBOR tag ${tag} expects [exponent, mantissa]`);
      const [e, m] = content as [unknown, unknown];
      if (tag === 4) return Number(`${String(m)}e${String(e)}`);
      return Number(m) * 2 ** Number(e);
    }
    default:
      return content;
  }
}

function simple(info: number): unknown {
  switch (info) {
    case 20: return false;
    case 21: return true;
    case 22: return null;
    case 23: return undefined;
    case 24: need(1); return buf[pos++]; // simple value 32..255: its number
    case 25: { need(2); const h = (buf[pos]! << 8) | buf[pos + 1]!; pos += 2; return halfFloat(h); }
    case 26: return float(4);
    case 27: return float(8);
    case 31: return BREAK;
    default:
      if (info < 20) return info; // unassigned simple values 0..19
      throw new RangeError(`reserved CBOR simple value ${info} at offset ${pos - 1}`);
  }
}

function float(n: 4 | 8): number {
  need(n);
  // network order → the platform's order in the scratch buffer
  if (LITTLE_ENDIAN) for (let i = 0; i < n; i++) scratch[i] = buf[pos + n - 1 - i]!;
  else for (let i = 0; i < n; i++) scratch[i] = buf[pos + i]!;
  pos += n;
  return n === 4 ? scratchF32[0]! : scratchF64[0]!;
}

function halfFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
