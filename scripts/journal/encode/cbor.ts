// A minimal CBOR (RFC 8949) encoder shaped like Jackson's CBORGenerator output for Akka's
// jackson-cbor serializer (id 33): objects as indefinite-length maps (BF ... FF, what
// BeanSerializer's writeStartObject produces), arrays with a definite length, integers in
// their shortest form, every non-integer number as float64 (FB), text as definite strings.

import { ByteSink } from './byte-sink.js';

const textEncoder = new TextEncoder();

export interface CborOptions {
  /** Write objects as indefinite-length maps like Jackson does (default true); false = definite. */
  indefiniteMaps?: boolean;
}

class CborBuffer extends ByteSink {
  constructor() {
    super(256);
  }
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }
  /** Major type + argument in the shortest form. */
  head(major: number, arg: number | bigint): void {
    const m = major << 5;
    this.reserve(9);
    if (typeof arg === 'bigint' || arg > 0xffffffff) {
      this.buf[this.len++] = m | 27;
      new DataView(this.buf.buffer).setBigUint64(this.len, BigInt(arg));
      this.len += 8;
    } else if (arg < 24) {
      this.buf[this.len++] = m | arg;
    } else if (arg <= 0xff) {
      this.buf[this.len++] = m | 24;
      this.buf[this.len++] = arg;
    } else if (arg <= 0xffff) {
      this.buf[this.len++] = m | 25;
      this.buf[this.len++] = arg >>> 8;
      this.buf[this.len++] = arg & 0xff;
    } else {
      this.buf[this.len++] = m | 26;
      new DataView(this.buf.buffer).setUint32(this.len, arg);
      this.len += 4;
    }
  }
}

function writeValue(out: CborBuffer, value: unknown, indefinite: boolean): void {
  if (value === null || value === undefined) return out.byte(0xf6);
  if (value === false) return out.byte(0xf4);
  if (value === true) return out.byte(0xf5);
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value >= 0 ? out.head(0, value) : out.head(1, -1 - value);
    out.byte(0xfb);
    out.reserve(8);
    new DataView(out.buf.buffer).setFloat64(out.len, value);
    out.len += 8;
    return;
  }
  if (typeof value === 'bigint') return value >= 0n ? out.head(0, value) : out.head(1, -1n - value);
  if (typeof value === 'string') {
    const bytes = textEncoder.encode(value);
    out.head(3, bytes.length);
    return out.raw(bytes);
  }
  if (value instanceof Uint8Array) {
    out.head(2, value.length);
    return out.raw(value);
  }
  if (value instanceof Date) return writeValue(out, value.toISOString(), indefinite);
  if (Array.isArray(value)) {
    out.head(4, value.length);
    for (const item of value) writeValue(out, item, indefinite);
    return;
  }
  if (typeof value === 'object') {
    // undefined members are dropped, as JSON.stringify does, so JSON and CBOR carry the same fields
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (indefinite) out.byte(0xbf);
    else out.head(5, entries.length);
    for (const [k, v] of entries) {
      writeValue(out, k, indefinite);
      writeValue(out, v, indefinite);
    }
    if (indefinite) out.byte(0xff);
    return;
  }
  throw new TypeError(`cannot encode a ${typeof value} as CBOR`);
}

/**
 * Encodes a JSON-like value (plus bigint and Uint8Array) as CBOR.
 *
 * @example
 * cborFromValue({ cartId: 'cart-1', quantity: 2, price: 9.5 }); // BF 66 'cartId' ... FF
 */
export function cborFromValue(value: unknown, options: CborOptions = {}): Uint8Array {
  const out = new CborBuffer();
  writeValue(out, value, options.indefiniteMaps ?? true);
  return out.finish();
}
