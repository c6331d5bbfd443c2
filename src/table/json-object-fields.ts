// The fields of one JSON object, read straight from its UTF-8 bytes: the key strings and the
// values JSON.parse would give, with no object made for the event itself. flattenEvents
// (flatten-events.ts) spreads a million events into columns this way; parsing each into an object
// first cost a heap object per row plus the garbage collector's work promoting them
// (docs/snapshots.md, "The seed's job").
//
// What it gives must equal JSON.parse, value for value:
// - keys and string values that are plain ASCII come from a bytes → string cache (values repeat:
//   ids, currencies, categories; util/utf8-string-cache.ts); a string with an escape or a non-ASCII byte is handed to
//   JSON.parse as its own slice (quotes included), which decodes it exactly as a whole-text parse;
// - numbers of up to 15 digits without an exponent are m / 10^k, one correctly rounded division of
//   two exact doubles (Clinger's fast path), so the same double as JSON.parse; -0 stays -0; longer
//   ones and exponents go through Number() of their text (the same correctly rounded conversion);
// - nested objects and arrays: JSON.parse of their slice, found by counting brackets outside strings
//   (a loop, never recursion);
// - the grammar is checked byte by byte as it goes (JSON whitespace only, no trailing bytes); a
//   text that is not one object, is not valid JSON, or has a key starting with a digit (JSON.parse
//   puts array-index keys first, so the field order would differ) is refused: `scan` returns false
//   and the caller parses that text the ordinary way. Every loop advances and stops at `end`.

import { asciiString, Utf8StringCache } from '../util/utf8-string-cache.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const KEY_SLOTS = 1024;
/** String values of a key looked up before its hit rate decides whether they stay cached. */
const TRIAL = 256;

/** Returned by the value readers for bytes that are not a JSON value. */
const INVALID: unique symbol = Symbol('invalid JSON');

/** 10^0 … 10^15, each exact as a double. */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** Per byte inside a string: 0 plain ASCII, 1 the closing quote, 2 a backslash or non-ASCII, 3 a control byte (invalid). */
const STRING_BYTE = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) STRING_BYTE[b] = 3;
for (let b = 0x80; b < 0x100; b++) STRING_BYTE[b] = 2;
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 2;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipWhitespace(bytes: Uint8Array, p: number, end: number): number {
  while (p < end && isWhitespace(bytes[p]!)) p++;
  return p;
}

/** Reads JSON object texts field by field; one instance per pass, reused for every row. */
export class JsonObjectFields {
  /** The field names of the last object scanned, in text order, duplicates included. */
  readonly keys: string[] = [];
  /** The value of each of `keys`. */
  readonly values: unknown[] = [];
  /**
   * Per field, the key cache's slot of its key (-1: none): while a slot holds the same key string,
   * a caller may keep what it found for that key by slot (flatten-events.ts keeps the column).
   */
  readonly keySlots: number[] = [];
  /** How many of `keys`/`values` belong to the last object scanned. */
  count = 0;
  private readonly keyCache = new Utf8StringCache(KEY_SLOTS, 64, { ascii: true });
  private readonly valueCache = new Utf8StringCache(16_384, 64, { ascii: true });
  /**
   * Per key slot, cache hits and misses of its string values: a key whose values are mostly new
   * (timestamps, unique ids) stops going through the cache, whose misses cost more than they save.
   */
  private readonly valueHits = new Int32Array(KEY_SLOTS);
  private readonly valueMisses = new Int32Array(KEY_SLOTS);
  /**
   * Guesses checked before any hashing: per key slot, the slots of the two keys that followed it
   * last (index KEY_SLOTS: the first key of an object), and the value cache's slot of its last
   * string value. Events of a type repeat their keys in order, and rows of one entity repeat ids.
   */
  private readonly nextKey = new Int32Array(KEY_SLOTS + 1).fill(-1);
  private readonly otherNextKey = new Int32Array(KEY_SLOTS + 1).fill(-1);
  private readonly lastValue = new Int32Array(KEY_SLOTS).fill(-1);
  /** Where the last value read ended. */
  private pos = 0;
  private viewBytes: Buffer | null = null;
  private view = new DataView(new ArrayBuffer(0));

  /**
   * Scans `bytes[start, end)` as one JSON text. True: it is an object, its fields are in
   * `keys`/`values[0, count)`. False: anything else (not an object, not valid JSON, or keys JSON.parse
   * would reorder); nothing is known about it then.
   *
   * @example
   * if (fields.scan(block, start, start + length)) for (let f = 0; f < fields.count; f++) put(fields.keys[f], fields.values[f]);
   */
  scan(bytes: Buffer, start: number, end: number): boolean {
    this.count = 0;
    let p = skipWhitespace(bytes, start, end);
    if (p >= end || bytes[p] !== OPEN_OBJECT) return false;
    p = skipWhitespace(bytes, p + 1, end);
    if (p < end && bytes[p] === CLOSE_OBJECT) return skipWhitespace(bytes, p + 1, end) === end;
    const keys = this.keys;
    const values = this.values;
    const keyCache = this.keyCache;
    let previous = KEY_SLOTS;
    for (;;) {
      if (p >= end || bytes[p] !== QUOTE) return false;
      let key: string | typeof INVALID;
      // the two keys seen after the previous one (types alternate: cartId → itemId, cartId → eventTime)
      let keySlot = this.nextKey[previous]!;
      let n = keySlot < 0 ? -1 : keyCache.matchAt(keySlot, bytes, this.viewOf(bytes), p + 1, end);
      if (n < 0 || bytes[p + 1 + n] !== QUOTE) {
        keySlot = this.otherNextKey[previous]!;
        n = keySlot < 0 ? -1 : keyCache.matchAt(keySlot, bytes, this.viewOf(bytes), p + 1, end);
      }
      if (n >= 0 && bytes[p + 1 + n] === QUOTE) {
        key = keyCache.stringAt(keySlot);
        this.pos = p + n + 2;
      } else {
        key = this.readString(bytes, p, end, keyCache);
        if (key === INVALID) return false;
        keySlot = keyCache.slot;
        this.otherNextKey[previous] = this.nextKey[previous]!;
        this.nextKey[previous] = keySlot;
      }
      if (keySlot >= 0) previous = keySlot;
      const first = key.charCodeAt(0);
      if (first >= ZERO && first <= NINE) return false;
      p = skipWhitespace(bytes, this.pos, end);
      if (p >= end || bytes[p] !== COLON) return false;
      p = skipWhitespace(bytes, p + 1, end);
      const value = this.readValue(bytes, p, end, keySlot);
      if (value === INVALID) return false;
      this.keySlots[this.count] = keySlot;
      keys[this.count] = key;
      values[this.count] = value;
      this.count++;
      p = skipWhitespace(bytes, this.pos, end);
      if (p >= end) return false;
      const b = bytes[p];
      if (b === COMMA) {
        p = skipWhitespace(bytes, p + 1, end);
        continue;
      }
      if (b !== CLOSE_OBJECT) return false;
      return skipWhitespace(bytes, p + 1, end) === end;
    }
  }

  /** A DataView over `bytes`, kept while rows come from the same block. */
  private viewOf(bytes: Buffer): DataView {
    if (this.viewBytes !== bytes) {
      this.viewBytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }

  /** Forgets the values of the last object scanned (so they can be collected). */
  clear(): void {
    this.values.fill(undefined, 0, this.count);
    this.count = 0;
  }

  /** The value at `p` of the key in key slot `keySlot`. */
  private readValue(bytes: Buffer, p: number, end: number, keySlot: number): unknown {
    if (p >= end) return INVALID;
    const b = bytes[p]!;
    if (b === QUOTE) return this.readStringValue(bytes, p, end, keySlot);
    if (b === MINUS || (b >= ZERO && b <= NINE)) return this.readNumber(bytes, p, end);
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) return this.readNested(bytes, p, end);
    if (b === 0x74) return this.readLiteral(bytes, p, end, 'true', true); // t
    if (b === 0x66) return this.readLiteral(bytes, p, end, 'false', false); // f
    if (b === 0x6e) return this.readLiteral(bytes, p, end, 'null', null); // n
    return INVALID;
  }

  /** A string value of the key in key slot `keySlot`; cached while that key's values repeat. */
  private readStringValue(bytes: Buffer, p: number, end: number, keySlot: number): string | typeof INVALID {
    if (keySlot < 0) return this.readString(bytes, p, end, this.valueCache);
    const cache = this.valueCache;
    const last = this.lastValue[keySlot]!;
    if (last >= 0) {
      const n = cache.matchAt(last, bytes, this.viewOf(bytes), p + 1, end);
      if (n >= 0 && bytes[p + 1 + n] === QUOTE) {
        this.pos = p + n + 2;
        this.valueHits[keySlot]++;
        return cache.stringAt(last);
      }
    }
    const hits = this.valueHits[keySlot]!;
    const misses = this.valueMisses[keySlot]!;
    if (hits + misses >= TRIAL && hits * 4 < misses) {
      this.lastValue[keySlot] = -1;
      return this.readString(bytes, p, end, null);
    }
    const value = this.readString(bytes, p, end, cache);
    if (cache.hit) this.valueHits[keySlot] = hits + 1;
    else this.valueMisses[keySlot] = misses + 1;
    this.lastValue[keySlot] = cache.slot;
    return value;
  }

  /** A string at `bytes[p] === '"'`. */
  private readString(bytes: Buffer, p: number, end: number, cache: Utf8StringCache | null): string | typeof INVALID {
    let i = p + 1;
    let kind: number;
    while (i < end && (kind = STRING_BYTE[bytes[i]!]!) === 0) i++;
    if (i >= end) return INVALID;
    if (kind! === 1) {
      this.pos = i + 1;
      return cache === null ? asciiString(bytes, p + 1, i) : cache.get(bytes, p + 1, i);
    }
    // an escape or a non-ASCII byte: find the end, then let JSON.parse decode the slice
    if (cache !== null) {
      cache.slot = -1;
      cache.hit = false;
    }
    while (i < end) {
      const b = bytes[i]!;
      if (b === QUOTE) break;
      if (b < 0x20) return INVALID;
      i += b === BACKSLASH ? 2 : 1;
    }
    if (i >= end) return INVALID;
    this.pos = i + 1;
    try {
      return JSON.parse(bytes.toString('utf8', p, i + 1)) as string;
    } catch {
      return INVALID;
    }
  }

  private readNumber(bytes: Buffer, p: number, end: number): number | typeof INVALID {
    let i = p;
    const negative = bytes[i] === MINUS;
    if (negative) i++;
    if (i >= end) return INVALID;
    let mantissa = 0;
    let digits = 0;
    let b = bytes[i]!;
    if (b === ZERO) {
      i++;
      digits = 1;
    } else if (b > ZERO && b <= NINE) {
      do {
        mantissa = mantissa * 10 + (b - ZERO);
        digits++;
        i++;
      } while (i < end && (b = bytes[i]!) >= ZERO && b <= NINE);
    } else {
      return INVALID;
    }
    let decimals = 0;
    if (i < end && bytes[i] === DOT) {
      i++;
      while (i < end && (b = bytes[i]!) >= ZERO && b <= NINE) {
        mantissa = mantissa * 10 + (b - ZERO);
        decimals++;
        i++;
      }
      if (decimals === 0) return INVALID;
      digits += decimals;
    }
    let exponent = false;
    if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) { // e E
      exponent = true;
      i++;
      if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) i++;
      const from = i;
      while (i < end && (b = bytes[i]!) >= ZERO && b <= NINE) i++;
      if (i === from) return INVALID;
    }
    this.pos = i;
    if (!exponent && digits <= 15) {
      // both exact doubles (m < 10^15 < 2^53, 10^k for k ≤ 15): one correctly rounded division
      const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
      return negative ? -value : value;
    }
    return Number(bytes.toString('latin1', p, i));
  }

  /** An object or array: JSON.parse of its bytes, its end found by counting brackets outside strings. */
  private readNested(bytes: Buffer, p: number, end: number): unknown {
    let depth = 0;
    let i = p;
    while (i < end) {
      const b = bytes[i]!;
      if (b === QUOTE) {
        i++;
        while (i < end) {
          const c = bytes[i]!;
          if (c === QUOTE) break;
          i += c === BACKSLASH ? 2 : 1;
        }
        if (i >= end) return INVALID;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        depth++;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        if (--depth === 0) {
          this.pos = i + 1;
          try {
            return JSON.parse(bytes.toString('utf8', p, i + 1)) as unknown;
          } catch {
            return INVALID;
          }
        }
      }
      i++;
    }
    return INVALID;
  }

  private readLiteral(bytes: Buffer, p: number, end: number, text: string, value: boolean | null): boolean | null | typeof INVALID {
    const n = text.length;
    if (p + n > end) return INVALID;
    for (let k = 1; k < n; k++) if (bytes[p + k] !== text.charCodeAt(k)) return INVALID;
    this.pos = p + n;
    return value;
  }
}
