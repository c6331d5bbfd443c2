// Writer ids as 128 bits: akka-persistence-cassandra writes `writer_uuid` as UUID.toString()
// (36 characters, lowercase), which a health scan keeps once per partition. Four Int32 values
// take 16 bytes where the string took 64 (its reference and a 56-byte string); only the exact
// canonical text is packed, so unpacking gives back the very string that was read.

const DASHES = [8, 13, 18, 23];

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  return -1;
}

/**
 * Packs canonical lowercase UUID text into `out[at … at + 3]`; false (out untouched in part) for
 * any other text.
 *
 * @example
 * packUuid('5f6188a0-1c15-4e0d-bfd4-011d50576215', bits, 4 * slot); // true
 */
export function packUuid(text: string, out: Int32Array, at: number): boolean {
  if (text.length !== 36) return false;
  for (const d of DASHES) if (text.charCodeAt(d) !== 45) return false;
  let word = 0;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    const v = hexValue(text.charCodeAt(i));
    if (v < 0) return false;
    word = (word << 4) | v;
    if (++digits % 8 === 0) {
      out[at + digits / 8 - 1] = word;
      word = 0;
    }
  }
  return true;
}

/**
 * Whether `text` is the UUID packed at `bits[at … at + 3]`, without unpacking it.
 *
 * @example
 * samePackedUuid(row.writerUuid, bits, 4 * slot);
 */
export function samePackedUuid(text: string, bits: Int32Array, at: number, scratch: Int32Array): boolean {
  return packUuid(text, scratch, 0) && scratch[0] === bits[at] && scratch[1] === bits[at + 1] &&
    scratch[2] === bits[at + 2] && scratch[3] === bits[at + 3];
}

/**
 * The canonical text of the UUID packed at `bits[at … at + 3]`.
 *
 * @example
 * uuidFromBits(bits, 4 * slot); // '5f6188a0-1c15-4e0d-bfd4-011d50576215'
 */
export function uuidFromBits(bits: Int32Array, at: number): string {
  const hex = (i: number) => (bits[at + i]! >>> 0).toString(16).padStart(8, '0');
  const h1 = hex(1);
  const h2 = hex(2);
  return `${hex(0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex(3)}`;
}
