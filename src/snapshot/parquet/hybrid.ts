// Parquet's RLE / bit-packed hybrid encoding (definition and repetition levels, dictionary codes),
// decoded straight into an Int32Array: no value or array per run. Every length read from the bytes
// is checked against what the bytes hold, so a damaged page ends in a PageDataError, never in an
// endless loop or a read past the page (docs/snapshots.md, "Where a Parquet load spends its time").

/** Page bytes that do not decode (cut short, a bad length, an impossible value). */
export class PageDataError extends RangeError {}

/**
 * Decodes `count` values of `bitWidth` bits from bytes[start, end) into out[0, count).
 * Throws PageDataError when the runs end before `count` values.
 */
export function decodeHybrid(bytes: Uint8Array, start: number, end: number, bitWidth: number, count: number, out: Int32Array): void {
  if (bitWidth < 0 || bitWidth > 32) throw new PageDataError(`a bit width of ${bitWidth} (at most 32 is possible)`);
  if (end > bytes.length) throw new PageDataError(`levels or codes run to byte ${end} of a ${bytes.length}-byte page`);
  if (bitWidth === 0) {
    out.fill(0, 0, count);
    return;
  }
  const valueBytes = (bitWidth + 7) >> 3;
  let pos = start;
  let n = 0;
  while (n < count) {
    if (pos >= end) throw new PageDataError(`the page claims ${count} values but its bytes hold ${n}`);
    // ULEB128 run header.
    let header = 0;
    let shift = 0;
    let b: number;
    do {
      if (pos >= end) throw new PageDataError(`a run header is cut short after ${n} of ${count} values`);
      b = bytes[pos++]!;
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80 && shift < 35);
    if (b & 0x80) throw new PageDataError('a run header longer than 5 bytes');
    if (header % 2 === 0) {
      // RLE run: a count, then the value in ceil(bitWidth / 8) little-endian bytes.
      const run = Math.floor(header / 2);
      if (pos + valueBytes > end) throw new PageDataError(`an RLE run's value is cut short after ${n} of ${count} values`);
      let value = 0;
      for (let k = 0; k < valueBytes; k++) value += bytes[pos + k]! * 2 ** (8 * k);
      pos += valueBytes;
      const stop = Math.min(count, n + run);
      out.fill(value | 0, n, stop);
      n = stop;
    } else {
      // Bit-packed run: groups of 8 values, bitWidth bytes per group.
      const groups = Math.floor(header / 2);
      const available = Math.min(groups * 8, count - n);
      const runBytes = groups * bitWidth;
      if (pos + Math.ceil((available * bitWidth) / 8) > end) {
        throw new PageDataError(`a bit-packed run of ${groups * 8} values is cut short after ${n} of ${count} values`);
      }
      if (bitWidth <= 24) unpackNarrow(bytes, pos, bitWidth, available, out, n);
      else unpackWide(bytes, pos, bitWidth, available, out, n);
      n += available;
      pos += runBytes;
    }
  }
}

/** Bit-unpacks `count` values of at most 24 bits (the bit buffer stays within 32 bits). */
function unpackNarrow(bytes: Uint8Array, pos: number, bitWidth: number, count: number, out: Int32Array, at: number): void {
  const mask = (1 << bitWidth) - 1;
  // Values whose 4-byte window lies inside the bytes: one 32-bit read and a shift each, no branch.
  let i = 0;
  const inside = Math.min(count, Math.floor(((bytes.length - pos - 4) * 8) / bitWidth));
  for (let bit = 0; i < inside; i++, bit += bitWidth) {
    const b = pos + (bit >>> 3);
    out[at + i] = ((bytes[b]! | bytes[b + 1]! << 8 | bytes[b + 2]! << 16 | bytes[b + 3]! << 24) >>> (bit & 7)) & mask;
  }
  if (i === count) return;
  // The last values, byte by byte.
  const bitStart = i * bitWidth;
  pos += bitStart >>> 3;
  let buffer = 0;
  let bits = 0;
  if ((bitStart & 7) !== 0) {
    buffer = bytes[pos++]! >>> (bitStart & 7);
    bits = 8 - (bitStart & 7);
  }
  for (; i < count; i++) {
    while (bits < bitWidth) {
      buffer |= bytes[pos++]! << bits;
      bits += 8;
    }
    out[at + i] = buffer & mask;
    buffer >>>= bitWidth;
    bits -= bitWidth;
  }
}

/** Bit-unpacks values of 25–32 bits, bit by bit (dictionaries of over 16M entries only). */
function unpackWide(bytes: Uint8Array, pos: number, bitWidth: number, count: number, out: Int32Array, at: number): void {
  let bit = pos * 8;
  for (let i = 0; i < count; i++) {
    let value = 0;
    for (let k = 0; k < bitWidth; k++, bit++) value += ((bytes[bit >> 3]! >> (bit & 7)) & 1) * 2 ** k;
    out[at + i] = value | 0;
  }
}
