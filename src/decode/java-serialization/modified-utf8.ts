// Java's "modified UTF-8" (DataInput.readUTF): U+0000 is C0 80, supplementary characters are two
// 3-byte surrogates, no 4-byte sequences. Standard UTF-8 decoders would mangle both.

/**
 * Decodes `bytes[start, end)` as modified UTF-8; throws a RangeError on a malformed sequence.
 *
 * @example
 * stringFromModifiedUtf8(new Uint8Array([0x61, 0xc0, 0x80]), 0, 3); // 'a\u0000'
 */
export function stringFromModifiedUtf8(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) if (bytes[i]! & 0x80) { ascii = false; break; }
  if (ascii) {
    if (Buffer.isBuffer(bytes)) return bytes.toString('latin1', start, end);
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  }
  const units = new Uint16Array(end - start); // at most one code unit per byte
  let n = 0;
  let i = start;
  while (i < end) {
    const a = bytes[i++]!;
    if (a < 0x80) units[n++] = a;
    else if ((a & 0xe0) === 0xc0) {
      if (i >= end) throw new RangeError('modified UTF-8 truncated');
      units[n++] = ((a & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    } else if ((a & 0xf0) === 0xe0) {
      if (i + 1 >= end) throw new RangeError('modified UTF-8 truncated');
      units[n++] = ((a & 0x0f) << 12) | ((bytes[i]! & 0x3f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else throw new RangeError(`byte 0x${a.toString(16)} is not valid in modified UTF-8`);
  }
  // chunks keep fromCharCode's argument count below engine limits
  let s = '';
  for (let k = 0; k < n; k += 8192) s += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return s;
}
