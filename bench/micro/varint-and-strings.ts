// Micro-benchmark of the varint reader (util/varint.ts) and the string caches (util/string-pool.ts,
// util/utf8-string-cache.ts) against the implementations they replaced, kept below verbatim
// for the comparison. Run by hand; it prints rates side by side (best of a few interleaved rounds, in
// CPU time of the process):
//
//   node --import tsx bench/micro/varint-and-strings.ts
//
// Not part of `npm run bench` (bench/run.ts): the real hot paths are measured there (kafka, cassandra).
import {
  int64FromPair,
  readInt32,
  readInt64,
  readUint32,
  readVarint64,
  readZigzag,
  varintEnd,
  varintHi,
  varintLo,
} from '../../src/util/varint.js';
import { internString, type StringPool } from '../../src/util/string-pool.js';
import { Utf8StringCache } from '../../src/util/utf8-string-cache.js';

// ---------------------------------------------------------------- the old varint readers

/** Old decode/protobuf-wire.ts WireReader: the position on the reader object, throws on bad bytes. */
class OldWireReader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }
  uint32(): number {
    const b = this.bytes;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError(`protobuf varint truncated at offset ${this.pos}`);
      const byte = b[this.pos++]!;
      if (shift < 28) result |= (byte & 0x7f) << shift;
      else if (shift === 28) result += (byte & 0x0f) * 2 ** 28;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new RangeError(`protobuf varint longer than 10 bytes at offset ${this.pos}`);
    }
  }
  int64(): number | bigint {
    const [lo, hi] = this.varint64();
    return int64FromPair(hi, lo, true);
  }
  private readonly pair: [number, number] = [0, 0];
  private varint64(): [number, number] {
    const b = this.bytes;
    let lo = 0;
    let hi = 0;
    let i = 0;
    for (;; i++) {
      if (this.pos >= this.end) throw new RangeError(`protobuf varint truncated at offset ${this.pos}`);
      if (i > 9) throw new RangeError(`protobuf varint longer than 10 bytes at offset ${this.pos}`);
      const byte = b[this.pos++]!;
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if ((byte & 0x80) === 0) break;
    }
    this.pair[0] = lo >>> 0;
    this.pair[1] = hi >>> 0;
    return this.pair;
  }
}

/** New WireReader shape: the same object position, reading through util/varint.ts. */
class NewWireReader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }
  uint32(): number {
    const v = readUint32(this.bytes, this.pos, this.end);
    if (varintEnd < 0) throw new RangeError('bad varint');
    this.pos = varintEnd;
    return v;
  }
  int64(): number | bigint {
    if (readVarint64(this.bytes, this.pos, this.end) < 0) throw new RangeError('bad varint');
    this.pos = varintEnd;
    return int64FromPair(varintHi, varintLo, true);
  }
}

// Old decode/kafka-event-scan.ts varint: unsigned, NaN above 2^53, -1 when bad, position in `cursor`.
let cursor = 0;
function oldScanVarint(b: Uint8Array, pos: number, end: number): number {
  let result = 0;
  let scale = 1;
  for (let k = 0; k < 10; k++) {
    if (pos >= end) return -1;
    const byte = b[pos++]!;
    result += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      cursor = pos;
      return result > Number.MAX_SAFE_INTEGER ? NaN : result;
    }
  }
  return -1;
}

// Old kafka/records/raw-record-cursor.ts zigzag: throws on bad bytes, position in `zpos`.
let zpos = 0;
function oldZigzag(b: Uint8Array, p: number, end: number): number {
  let byte = p < end ? b[p++]! : 0x80;
  if ((byte & 0x80) === 0) {
    zpos = p;
    return (byte >>> 1) ^ -(byte & 1);
  }
  let u = byte & 0x7f;
  let scale = 128;
  for (let k = 1; k < 10; k++) {
    if (p >= end) throw new RangeError('a varint runs past the end of its batch');
    byte = b[p++]!;
    u += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      zpos = p;
      return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    }
  }
  throw new RangeError('a varint is longer than 10 bytes');
}

// A position slot on an object instead of a module `let` (the alternative style, measured).
const slot = { end: 0 };
function zigzagObjectSlot(b: Uint8Array, p: number, end: number): number {
  const v = readZigzag(b, p, end);
  slot.end = varintEnd;
  return v;
}

// ---------------------------------------------------------------- data

function encode(u: bigint, out: number[]): void {
  let v = BigInt.asUintN(64, u);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
}

let seed = 7;
const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
const N = 200_000;

/** Varints as protobuf tags/lengths and Kafka record fields have them: mostly 1–2 bytes, some 3–5. */
function mixed(zig: boolean): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const r = rand(100);
    const v = r < 55 ? rand(64) : r < 85 ? 64 + rand(8000) : r < 97 ? rand(2_000_000) : rand(2 ** 31);
    encode(zig ? BigInt(rand(2) ? v * 2 : v * 2 - 1 < 0 ? 0 : v * 2 - 1) : BigInt(v), out);
  }
  return Uint8Array.from(out);
}
/** Sequence numbers: 1–5 bytes, and 5 % negative int64 (10 bytes). */
function sequences(): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < N; i++) encode(rand(100) < 5 ? -BigInt(1 + rand(1000)) : BigInt(rand(2 ** 30)), out);
  return Uint8Array.from(out);
}

const MIXED = mixed(false);
const ZIGZAG = mixed(true);
const SEQ = sequences();

// ---------------------------------------------------------------- timing

type Case = { name: string; run: () => number };
function rate(c: Case, units: number): number {
  let best = 0;
  for (let round = 0; round < 5; round++) {
    // CPU time of this process, not wall time: the machine is shared, and another process's turn on
    // the core would count as ours
    const t0 = process.cpuUsage();
    const check = c.run();
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    if (check !== check) throw new Error(`${c.name}: NaN checksum`);
    best = Math.max(best, units / ms / 1000); // millions per second
  }
  return best;
}

function compare(title: string, units: number, before: Case, after: Case, ...others: Case[]): void {
  for (const c of [before, after, ...others]) rate(c, units); // warm both first
  const cases = [before, after, ...others];
  const best = cases.map(() => 0);
  for (let round = 0; round < 3; round++) cases.forEach((c, i) => (best[i] = Math.max(best[i]!, rate(c, units))));
  const cells = cases.map((c, i) => `${c.name} ${best[i]!.toFixed(best[i]! < 10 ? 2 : 1).padStart(6)} M/s`);
  console.log(`${title.padEnd(38)} ${cells.join('   ')}   after÷before ${(best[1]! / best[0]!).toFixed(2)}`);
}

// Each case is its own loop (a shared loop taking the reader as an argument would make its call
// site polymorphic and time V8's inline cache instead of the reader).
function sumOldScan(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = cursor) sum += oldScanVarint(b, p, end);
  return sum;
}
function sumOldScanInt32(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = cursor) sum += oldScanVarint(b, p, end) | 0;
  return sum;
}
function sumUint32(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = varintEnd) sum += readUint32(b, p, end);
  return sum;
}
function sumInt32(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = varintEnd) sum += readInt32(b, p, end);
  return sum;
}
function sumInt64(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = varintEnd) sum += readInt64(b, p, end);
  return sum;
}
function sumOldZigzag(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = zpos) sum += oldZigzag(b, p, end);
  return sum;
}
function sumZigzag(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = varintEnd) sum += readZigzag(b, p, end);
  return sum;
}
function sumZigzagObjectSlot(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0, end = b.length; p < end; p = slot.end) sum += zigzagObjectSlot(b, p, end);
  return sum;
}

console.log(`varints: ${N} per pass, best of 5×3 rounds (M/s = millions of varints per second)`);
compare('uint32 (tags, lengths)', N,
  { name: 'before scan varint', run: () => sumOldScan(MIXED) },
  { name: 'after readUint32', run: () => sumUint32(MIXED) },
);
compare('uint32 via reader object', N,
  { name: 'before WireReader', run: () => { const r = new OldWireReader(MIXED); let s = 0; while (r.pos < r.end) s += r.uint32(); return s; } },
  { name: 'after WireReader', run: () => { const r = new NewWireReader(MIXED); let s = 0; while (r.pos < r.end) s += r.uint32(); return s; } },
);
compare('int64 sequenceNr (5% negative)', N,
  { name: 'before WireReader.int64', run: () => { const r = new OldWireReader(SEQ); let s = 0; while (r.pos < r.end) s += Number(r.int64()); return s; } },
  { name: 'after WireReader.int64', run: () => { const r = new NewWireReader(SEQ); let s = 0; while (r.pos < r.end) s += Number(r.int64()); return s; } },
  { name: 'readInt64 (number)', run: () => sumInt64(SEQ) },
);
compare('int32 (serializer id)', N,
  { name: 'before scan varint', run: () => sumOldScanInt32(MIXED) },
  { name: 'after readInt32', run: () => sumInt32(MIXED) },
);
compare('zigzag (Kafka record fields)', N,
  { name: 'before record zigzag', run: () => sumOldZigzag(ZIGZAG) },
  { name: 'after readZigzag', run: () => sumZigzag(ZIGZAG) },
  { name: 'object slot', run: () => sumZigzagObjectSlot(ZIGZAG) },
);

// ---------------------------------------------------------------- strings

// Ids, manifests and JSON keys as a stream repeats them: a hot few and a tail.
const words = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `com.example.cart.ItemAdded${i}` : `cart-${i}`));
const picks = Int32Array.from({ length: N }, () => (rand(10) < 8 ? rand(50) : rand(words.length)));
const joined = Buffer.from(words.join('\u0000'));
const spans: number[] = [];
for (let at = 0, i = 0; i < words.length; i++) {
  const end = joined.indexOf(0, at) === -1 ? joined.length : joined.indexOf(0, at);
  spans.push(at, end);
  at = end + 1;
}
// strings made apart (as a driver or JSON.parse makes them)
const madeStrings = Array.from(picks, (i) => [...words[i]!].join(''));

/** Old intern closure (akka-format, row-gate, raw-batches-from-arrow each had one). */
function oldIntern(): (s: string) => string {
  const interned = new Map<string, string>();
  return (s) => {
    const c = interned.get(s);
    if (c !== undefined) return c;
    if (interned.size < 100_000) interned.set(s, s);
    return s;
  };
}

// cbor.ts's key cache (direct-mapped, ASCII ≤ 23 bytes), as a function over one byte range.
const keyCache: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
function cborKey(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  let h = n;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + buf[i]!) | 0;
  const slotAt = (h ^ (h >>> 10)) & 1023;
  const cached = keyCache[slotAt];
  if (cached !== undefined && cached.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) if (cached.charCodeAt(i) !== buf[start + i]) { same = false; break; }
    if (same) return cached;
  }
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  keyCache[slotAt] = s;
  return s;
}

const keyWords = words.filter((w) => w.length <= 23);
const keyJoined = Buffer.from(keyWords.join('\u0000'));
const keySpans: number[] = [];
for (let at = 0, i = 0; i < keyWords.length; i++) {
  const end = keyJoined.indexOf(0, at) === -1 ? keyJoined.length : keyJoined.indexOf(0, at);
  keySpans.push(at, end);
  at = end + 1;
}
const keyPicks = Int32Array.from({ length: N }, () => (rand(10) < 9 ? rand(20) : rand(keyWords.length)));

function oldInternAll(strings: readonly string[]): number {
  const intern = oldIntern();
  let s = 0;
  for (let i = 0; i < strings.length; i++) s += intern(strings[i]!).length;
  return s;
}
function internAll(strings: readonly string[]): number {
  const pool: StringPool = new Map();
  let s = 0;
  for (let i = 0; i < strings.length; i++) s += internString(pool, strings[i]!).length;
  return s;
}

console.log(`\nstrings: ${N} lookups per pass (M/s = millions of lookups per second)`);
compare('string → shared copy', N,
  { name: 'before closure Map', run: () => oldInternAll(madeStrings) },
  { name: 'after internString', run: () => internAll(madeStrings) },
);
compare('UTF-8 bytes → string (ids, manifests)', N,
  { name: 'toString each', run: () => { let s = 0; for (const i of picks) s += joined.toString('utf8', spans[2 * i]!, spans[2 * i + 1]!).length; return s; } },
  { name: 'Utf8StringCache', run: () => { const c = new Utf8StringCache(); let s = 0; for (const i of picks) s += c.get(joined, spans[2 * i]!, spans[2 * i + 1]!).length; return s; } },
);
compare('short ASCII keys (CBOR map keys)', N,
  { name: 'cbor key cache', run: () => { let s = 0; for (const i of keyPicks) s += cborKey(keyJoined, keySpans[2 * i]!, keySpans[2 * i + 1]!).length; return s; } },
  { name: 'Utf8StringCache(1024,24)', run: () => { const c = new Utf8StringCache(1024, 24); let s = 0; for (const i of keyPicks) s += c.get(keyJoined, keySpans[2 * i]!, keySpans[2 * i + 1]!).length; return s; } },
);

// ---------------------------------------------------------------- the Kafka record path, in process
//
// With `--before DIR` (a checkout of the tree before this change, e.g. `git archive <commit> | tar -x -C DIR`
// with node_modules linked in), the whole per-record path of a stream is timed in both trees without a
// broker: raw record batches → RawRecordCursor → the akka format (EventFormat scan, id and manifest
// caches, lazy JSON) → a chunk. That is where the varint reader and the string caches are hot.
const beforeAt = process.argv.indexOf('--before');
if (beforeAt > 0) {
  const { resolve } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { jacksonEvent } = await import('../../test/unit/kafka/event-format-bytes.js');
  const trees = [['before', resolve(process.argv[beforeAt + 1]!)], ['after', resolve(import.meta.dirname, '../..')]] as const;

  // 200k records as akka-persistence-kafka writes them: 2000 ids, a few manifests, ~200 B JSON each
  const zz = (n: number, out: number[]): void => encode(BigInt.asUintN(64, (BigInt(n) << 1n) ^ (BigInt(n) >> 63n)), out);
  const batches: { bytes: Buffer; start: number; end: number; count: number; baseOffset: number; baseTimestamp: number; logAppendTime: boolean; maxTimestamp: number }[] = [];
  const perBatch = 500;
  for (let base = 0; base < N; base += perBatch) {
    const out: number[] = [];
    for (let k = 0; k < perBatch; k++) {
      const pid = `ShoppingCart|cart-${(base + k) % 2000}`;
      const value = jacksonEvent(pid, 1 + Math.floor((base + k) / 2000), { cartId: `cart-${(base + k) % 2000}`, itemId: `item-${k % 50}`, quantity: k % 7, price: 12.5 }, `com.example.Item${k % 4 === 0 ? 'Removed' : 'Added'}`);
      const key = Buffer.from(pid);
      const body: number[] = [0];
      zz(k * 3, body); // timestamp delta
      zz(k, body); // offset delta
      zz(key.length, body);
      body.push(...key);
      zz(value.length, body);
      body.push(...value);
      zz(0, body); // no headers
      zz(body.length, out);
      out.push(...body);
    }
    const bytes = Buffer.from(out);
    batches.push({ bytes, start: 0, end: bytes.length, count: perBatch, baseOffset: base, baseTimestamp: 1_700_000_000_000 + base, logAppendTime: false, maxTimestamp: 0 });
  }

  type Tree = { name: string; run: () => number };
  const load = async (name: string, dir: string): Promise<Tree> => {
    const from = (p: string) => import(pathToFileURL(`${dir}/src/${p}`).href);
    const { RawRecordCursor } = await from('kafka/records/raw-record-cursor.ts');
    const { createAkkaFormat } = await from('kafka/formats/akka-format.ts');
    const { kafkaEventFromBytes } = await from('decode/kafka-event.ts');
    const { eventFormatScanner } = await from('decode/kafka-event-scan.ts');
    const { createDecoderRegistry, keepsJsonUnparsed } = await from('decode/registry.ts');
    const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry: createDecoderRegistry(), keepUnparsed: keepsJsonUnparsed });
    return {
      name,
      run: () => {
        let rows = 0;
        for (const b of batches) rows += toChunk('t', 0, new RawRecordCursor([b])).offset.length;
        return rows;
      },
    };
  };
  const [before, after] = [await load(...trees[0]), await load(...trees[1])];
  if (before.run() !== N || after.run() !== N) throw new Error('a tree did not read every record');
  console.log(`\nKafka record path in process: ${N} records per pass (M/s = millions of records per second)`);
  for (let i = 0; i < 3; i++) compare(`records → chunk, pass ${i + 1}`, N, before, after);
}
