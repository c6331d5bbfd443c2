import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lz4BlockDecompress } from '../../../src/decode/lz4-block.js';
import { jsonFromJacksonBytes } from '../../../src/decode/jackson-json.js';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const text = (u: Uint8Array) => Buffer.from(u).toString('latin1');

test('literals only', () => {
  assert.equal(text(lz4BlockDecompress(bytes([0x50], 'hello'), 5)), 'hello');
  assert.equal(lz4BlockDecompress(new Uint8Array(0), 0).length, 0);
});

test('overlapping matches: a run of one byte and a repeated 3-byte pattern', () => {
  // 'a', then copy 10 bytes from offset 1 (each copied byte is read again), then literal 'b'
  assert.equal(text(lz4BlockDecompress(bytes([0x16], 'a', [1, 0], [0x10], 'b'), 12)), 'aaaaaaaaaaab');
  // 'abc', then 9 bytes from offset 3
  assert.equal(text(lz4BlockDecompress(bytes([0x35], 'abc', [3, 0], [0x00]), 12)), 'abcabcabcabc');
  // non-overlapping match (offset >= length) goes through copyWithin
  assert.equal(text(lz4BlockDecompress(bytes([0x80], 'abcdefgh', [8, 0], [0x10], 'z'), 13)), 'abcdefghabcdz');
});

test('extended literal and match lengths (255 continuation bytes)', () => {
  const lit = 'x'.repeat(300);
  // 300 = 15 + 255 + 30
  assert.equal(text(lz4BlockDecompress(bytes([0xf0, 255, 30], lit), 300)), lit);
  // match length 4 + 15 + 255 + 10 = 284 from offset 1
  const out = lz4BlockDecompress(bytes([0x1f], 'q', [1, 0], [255, 10], [0x10], '!'), 286);
  assert.equal(text(out), 'q'.repeat(285) + '!');
  // literal length exactly 15 needs a 0 continuation byte
  assert.equal(text(lz4BlockDecompress(bytes([0xf0, 0], 'y'.repeat(15)), 15)), 'y'.repeat(15));
});

test('corrupt blocks throw RangeError', () => {
  assert.throws(() => lz4BlockDecompress(bytes([0x14], 'a', [0, 0]), 9), /offset 0/);
  assert.throws(() => lz4BlockDecompress(bytes([0x14], 'a', [2, 0]), 9), /before the output start/);
  assert.throws(() => lz4BlockDecompress(bytes([0x50], 'hel'), 5), /literal bytes/);
  assert.throws(() => lz4BlockDecompress(bytes([0x50], 'hello'), 6), /produced 5 bytes/);
  assert.throws(() => lz4BlockDecompress(bytes([0x50], 'hello'), 4), /overrun/);
  assert.throws(() => lz4BlockDecompress(bytes([0x1f], 'q', [1, 0]), 100), /match length/);
  assert.throws(() => lz4BlockDecompress(bytes([0xf0]), 100), /literal length/);
});

/** A small greedy LZ4 block compressor (test only), to round-trip arbitrary data with real overlaps. */
function lz4Compress(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const table = new Map<number, number>();
  const len = (n: number) => { while (n >= 255) { out.push(255); n -= 255; } out.push(n); };
  let anchor = 0;
  let i = 0;
  const limit = src.length - 12; // the format wants the last bytes as literals
  while (i < limit) {
    const key = src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24);
    const cand = table.get(key);
    table.set(key, i);
    if (cand === undefined || i - cand > 65535) { i++; continue; }
    let m = 4;
    while (i + m < src.length - 5 && src[cand + m] === src[i + m]) m++;
    const lit = i - anchor;
    out.push((Math.min(lit, 15) << 4) | Math.min(m - 4, 15));
    if (lit >= 15) len(lit - 15);
    for (let k = anchor; k < i; k++) out.push(src[k]!);
    out.push((i - cand) & 255, (i - cand) >> 8);
    if (m - 4 >= 15) len(m - 4 - 15);
    i += m;
    anchor = i;
  }
  const lit = src.length - anchor;
  out.push(Math.min(lit, 15) << 4);
  if (lit >= 15) len(lit - 15);
  for (let k = anchor; k < src.length; k++) out.push(src[k]!);
  return new Uint8Array(out);
}

test('round trip through a reference compressor: runs, repeats and random bytes', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  const inputs = [
    new Uint8Array(1000).fill(65),
    Buffer.from('{"a":"abcabcabcabcabc","b":[1,2,3,1,2,3,1,2,3]}'.repeat(50)),
    Uint8Array.from({ length: 5000 }, () => rnd()),
    Uint8Array.from({ length: 70000 }, (_, k) => (k % 97 < 50 ? 120 : rnd())),
  ];
  for (const input of inputs) {
    const block = lz4Compress(input);
    assert.deepEqual(new Uint8Array(lz4BlockDecompress(block, input.length)), new Uint8Array(input));
  }
});

test('Jackson LZ4 envelope: magic + big-endian length + block', () => {
  const json = Buffer.from(JSON.stringify({ event: 'x'.repeat(200), n: [1, 2, 3] }));
  const block = lz4Compress(json);
  const framed = new Uint8Array(8 + block.length);
  framed.set([0x87, 0xd9, 0x6d, 0xf6, 0, 0, json.length >> 8, json.length & 255]);
  framed.set(block, 8);
  assert.deepEqual(jsonFromJacksonBytes(framed), { event: 'x'.repeat(200), n: [1, 2, 3] });
});
