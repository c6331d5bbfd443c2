// LZ4 *block* format (not the frame format), as lz4-java's fast compressor emits it and as Akka's
// Jackson serializer stores it after its own 8-byte header (docs/journal-formats.md §2.1):
//   [87 D9 6D F6] magic (int32 BE) [len] uncompressed length (int32 BE) [LZ4 block]
// Block = sequences of: token (hi nibble literal length, lo nibble match length - 4), length
// extension bytes (255, 255, ..., rest), literals, offset (uint16 LE), match length extension.
// End rules of the format: the last 5 bytes are literals and the last match starts at least 12
// bytes before the end; a greedy matcher over a 4-byte hash table honours both.

export const AKKA_LZ4_MAGIC = 0x87d96df6;

const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const HASH_LOG = 16;
const MAX_OFFSET = 65535;

function read32(src: Uint8Array, i: number): number {
  return (src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24)) >>> 0;
}

function hash32(seq: number): number {
  return Math.imul(seq, 2654435761) >>> (32 - HASH_LOG);
}

function writeLength(out: Uint8Array, op: number, rest: number): number {
  while (rest >= 255) {
    out[op++] = 255;
    rest -= 255;
  }
  out[op++] = rest;
  return op;
}

/**
 * Compresses `src` into one LZ4 block with a greedy hash matcher (valid, not maximal).
 *
 * @example
 * const block = lz4BlockFromBytes(new TextEncoder().encode('abcabcabcabcabcabcabcabc'));
 */
export function lz4BlockFromBytes(src: Uint8Array): Uint8Array {
  const n = src.length;
  const out = new Uint8Array(n + Math.ceil(n / 255) + 16);
  const table = new Int32Array(1 << HASH_LOG).fill(-1);
  let op = 0;
  let anchor = 0;
  let ip = 0;
  const matchStartLimit = n - MF_LIMIT; // a match may start only while ip < this
  const matchEndLimit = n - LAST_LITERALS; // and must end at or before this
  while (ip < matchStartLimit) {
    const seq = read32(src, ip);
    const h = hash32(seq);
    const ref = table[h]!;
    table[h] = ip;
    if (ref < 0 || ip - ref > MAX_OFFSET || read32(src, ref) !== seq) {
      ip++;
      continue;
    }
    let len = MIN_MATCH;
    while (ip + len < matchEndLimit && src[ref + len] === src[ip + len]) len++;
    const litLen = ip - anchor;
    const ml = len - MIN_MATCH;
    out[op++] = (Math.min(litLen, 15) << 4) | Math.min(ml, 15);
    if (litLen >= 15) op = writeLength(out, op, litLen - 15);
    out.set(src.subarray(anchor, ip), op);
    op += litLen;
    const offset = ip - ref;
    out[op++] = offset & 0xff;
    out[op++] = offset >>> 8;
    if (ml >= 15) op = writeLength(out, op, ml - 15);
    ip += len;
    anchor = ip;
  }
  const litLen = n - anchor;
  out[op++] = Math.min(litLen, 15) << 4;
  if (litLen >= 15) op = writeLength(out, op, litLen - 15);
  out.set(src.subarray(anchor, n), op);
  op += litLen;
  return out.slice(0, op);
}

/**
 * Akka's LZ4 envelope: magic, uncompressed length (both int32 big-endian), then the block.
 *
 * @example
 * const stored = akkaLz4FromBytes(new TextEncoder().encode(JSON.stringify(bigObject)));
 */
export function akkaLz4FromBytes(src: Uint8Array): Uint8Array {
  const block = lz4BlockFromBytes(src);
  const out = new Uint8Array(8 + block.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, AKKA_LZ4_MAGIC);
  view.setInt32(4, src.length);
  out.set(block, 8);
  return out;
}
