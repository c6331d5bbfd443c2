// A raw snappy block decoder that writes into a caller's buffer at a given position (the native
// `snappy` package always returns a buffer of its own). The Parquet reader decompresses text pages
// straight into the column's byte buffer with it: no page buffer is allocated, touched and freed
// per page, which kept the peak RSS of a 1M-row load about 40 MiB higher (docs/snapshots.md,
// "Peak memory of a load"). Literals and copies move four bytes a step (long literals
// through one set call). Every read and write is bounds-checked: damaged input throws PageDataError.
import { PageDataError } from './hybrid.js';

/** Literals at least this long are copied with one typed-array call. */
const LONG = 64;

/**
 * Decompresses the snappy block `input` into out[at…]; returns the decompressed length, which must
 * equal `expected` (the page header's claim). `out` must have room for `expected` bytes at `at`.
 */
export function snappyInto(input: Uint8Array, out: Uint8Array, at: number, expected: number): number {
  const n = input.length;
  let ip = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (ip >= n || shift > 28) throw new PageDataError('a compressed page has no valid length preamble');
    const b = input[ip++]!;
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (length !== expected) throw new PageDataError(`a compressed page claims ${length} bytes, its header says ${expected}`);
  if (at < 0 || at + length > out.length) throw new RangeError(`no room for ${length} bytes at ${at} of ${out.length}`);
  const end = at + length;
  // Word copies (4 bytes a step through DataViews) where a copy may overshoot its length by up to 3
  // bytes: the overshoot lands inside [at, end) and is overwritten by what follows.
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const inView = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let op = at;
  while (ip < n) {
    const tag = input[ip++]!;
    const type = tag & 3;
    if (type === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const bytes = len - 60;
        if (ip + bytes > n) throw new PageDataError('a compressed page is cut short in a literal length');
        len = input[ip]!;
        if (bytes > 1) len |= input[ip + 1]! << 8;
        if (bytes > 2) len |= input[ip + 2]! << 16;
        if (bytes > 3) len = (len | input[ip + 3]! << 24) >>> 0;
        len += 1;
        ip += bytes;
      }
      if (ip + len > n || op + len > end) throw new PageDataError('a compressed page has a literal past its end');
      if (len >= LONG) out.set(input.subarray(ip, ip + len), op);
      else if (op + len + 3 < end && ip + len + 3 < n) for (let k = 0; k < len; k += 4) outView.setInt32(op + k, inView.getInt32(ip + k, true), true);
      else for (let k = 0; k < len; k++) out[op + k] = input[ip + k]!;
      ip += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (type === 1) {
      if (ip >= n) throw new PageDataError('a compressed page is cut short in a copy');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[ip++]!;
    } else if (type === 2) {
      if (ip + 2 > n) throw new PageDataError('a compressed page is cut short in a copy');
      len = (tag >>> 2) + 1;
      offset = input[ip]! | input[ip + 1]! << 8;
      ip += 2;
    } else {
      if (ip + 4 > n) throw new PageDataError('a compressed page is cut short in a copy');
      len = (tag >>> 2) + 1;
      offset = (input[ip]! | input[ip + 1]! << 8 | input[ip + 2]! << 16 | input[ip + 3]! << 24) >>> 0;
      ip += 4;
    }
    if (offset === 0 || offset > op - at || op + len > end) throw new PageDataError('a compressed page has a copy outside its bytes');
    const from = op - offset;
    // Four bytes a step read only bytes already written when the offset is 4 or more.
    if (offset >= 4 && op + len + 3 < end) for (let k = 0; k < len; k += 4) outView.setInt32(op + k, outView.getInt32(from + k, true), true);
    else for (let k = 0; k < len; k++) out[op + k] = out[from + k]!;
    op += len;
  }
  if (op !== end) throw new PageDataError(`a compressed page decompressed to ${op - at} bytes, its header says ${expected}`);
  return length;
}
