// The decoder fuzz run, in a child process started by fuzz.test.ts with a heap cap and a time cap.
// Payloads: every fixture (test/fixtures/decode), its truncations and mutations, every fixture under
// every built-in serializer id, random bytes behind each format's magic, and the known hostile
// shapes. Each goes through the two paths journal bytes take: a Cassandra load (eventsFromBatch →
// table builder → table display and chart values) and a Kafka stream (the akka format over a raw
// record batch, with the EventFormat envelope itself mutated too). Any exception that escapes a
// path is a failure: bad bytes must become undecodable rows. Prints one JSON summary line.
import { gzipSync } from 'node:zlib';
import { createRawBatch, pushRow } from '../../../src/cassandra/raw-batch.js';
import { eventsFromBatch } from '../../../src/decode/events-from-batch.js';
import { kafkaEventFromBytes } from '../../../src/decode/kafka-event.js';
import { eventFormatScanner } from '../../../src/decode/kafka-event-scan.js';
import { maybeDecodeLimits, withDecodeLimits } from '../../../src/decode/limits.js';
import { createDecoderRegistry, keepsJsonUnparsed } from '../../../src/decode/registry.js';
import { createAkkaFormat } from '../../../src/kafka/formats/akka-format.js';
import { bundleFromTable } from '../../../src/notebook/bundle-from-table.js';
import { valuesFromTable } from '../../../src/render/values-from-table.js';
import { serializerName } from '../../../src/decode/serializer-ids.js';
import { createJournalTableBuilder } from '../../../src/table/journal-table-builder.js';
import { tableFromChunks } from '../../../src/window/table-from-spans.js';
import { PERSISTENT_REPR_PAYLOAD } from '../../../src/types.js';
import { fixtureNames, loadFixture } from '../decode/fixture-loader.js';
import { eventFormatBytes } from '../kafka/event-format-bytes.js';
import { bigInteger, hashMapWithSharedKeys, mutualSuperclassObject, selfReferencingNode, selfSuperclassObject, sharedArrays } from './java-stream.js';
import { rawRecordsFrom } from './paths.js';

interface Payload { id: number; manifest: string; bytes: Buffer; label: string }

const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const rssCapBytes = Number(process.env.FUZZ_RSS_CAP_MB ?? 1024) * 1024 * 1024;
let state = seed >>> 0;
/** mulberry32: the same payloads for the same seed. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const randomBytes = (n: number) => { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = int(256); return b; };

const registry = createDecoderRegistry();
const ids = registry.serializerIds();
const fixtures = fixtureNames().map(loadFixture);

// --- payloads -------------------------------------------------------------------------------
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x70, 0x71, 0x72, 0x73, 0x75, 0x78, 0x7e, 0x9f, 0xbf, 0xc2, 0x5b, 0x7b];

function mutate(bytes: Buffer): Buffer {
  const b = Buffer.from(bytes);
  if (b.length === 0) return randomBytes(1 + int(8));
  switch (int(6)) {
    case 0: b[int(b.length)] = int(256); return b;
    case 1: b[int(b.length)] ^= 1 << int(8); return b;
    case 2: b[int(b.length)] = INTERESTING[int(INTERESTING.length)]!; return b;
    case 3: { // a big-endian length field turned huge
      const at = int(Math.max(1, b.length - 4));
      if (b.length >= 4) b.writeUInt32BE([0x7fffffff, 0xffffffff, 0x01000000, b.length * 300][int(4)]! >>> 0, at);
      return b;
    }
    case 4: { const at = int(b.length); return Buffer.concat([b.subarray(0, at), randomBytes(1 + int(16)), b.subarray(at)]); }
    default: { const at = int(b.length); return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(16)))]); }
  }
}

function* payloads(): Generator<Payload> {
  for (const f of fixtures) {
    const base = { id: f.serializerId, manifest: f.manifest };
    yield { ...base, bytes: f.bytes, label: `${f.name}` };
    // truncations: every length up to 64, then 48 evenly spread
    const n = f.bytes.length;
    for (let len = 0; len < n; len += len < 64 ? 1 : Math.max(1, Math.floor(n / 48))) yield { ...base, bytes: f.bytes.subarray(0, len), label: `${f.name} cut ${len}` };
    for (let k = 0; k < 120; k++) {
      let b = f.bytes;
      for (let m = 1 + int(3); m > 0; m--) b = mutate(b);
      yield { ...base, bytes: b, label: `${f.name} mutation ${k}` };
    }
    for (const id of ids) yield { id, manifest: f.manifest, bytes: f.bytes, label: `${f.name} as serializer ${id}` };
    if (f.persistentRepr) for (let k = 0; k < 40; k++) yield { id: PERSISTENT_REPR_PAYLOAD, manifest: '', bytes: k === 0 ? f.bytes : mutate(f.bytes), label: `${f.name} as message column ${k}` };
  }
  const magics = [[], [0xac, 0xed, 0x00, 0x05], [0x1f, 0x8b, 0x08, 0x00], [0x87, 0xd9, 0x6d, 0xf6], [0x9f], [0xbf], [0x0a], [0x7b]];
  for (const id of ids) {
    for (let k = 0; k < 150; k++) {
      const magic = magics[k % magics.length]!;
      yield { id, manifest: k % 3 === 0 ? '' : 'fuzz.Manifest', bytes: Buffer.concat([Buffer.from(magic), randomBytes(int(k < 100 ? 64 : 600))]), label: `random ${k} as ${id}` };
    }
  }
  // known hostile shapes, and a mutation of each
  const deep = Buffer.alloc(100_001, 0x81); deep[100_000] = 0;
  const manyMaps = Buffer.alloc(150_002, 0xa0); manyMaps[0] = 0x9f; manyMaps[150_001] = 0xff;
  const big = Buffer.alloc(20 * 1024 * 1024, 0x20); big[0] = 0x22; big[big.length - 1] = 0x22;
  const hostile: Payload[] = [
    { id: 1, manifest: '', bytes: selfSuperclassObject(), label: 'java self superclass' },
    { id: 1, manifest: '', bytes: mutualSuperclassObject(), label: 'java mutual superclass' },
    { id: 1, manifest: '', bytes: selfReferencingNode(), label: 'java cyclic graph' },
    { id: 1, manifest: '', bytes: bigInteger(randomBytes(200_000)), label: 'java huge BigInteger' },
    { id: 1, manifest: '', bytes: sharedArrays(20_000), label: 'java shared arrays' },
    { id: 1, manifest: '', bytes: hashMapWithSharedKeys(20_000, 20_000), label: 'java map keys sharing one wide array' },
    { id: 33, manifest: 'x', bytes: Buffer.concat([Buffer.from([0xc2, 0x5a, 0x00, 0x03, 0x0d, 0x40]), randomBytes(200_000)]), label: 'cbor huge bignum' },
    { id: 33, manifest: 'x', bytes: deep, label: 'cbor deep' },
    { id: 33, manifest: 'x', bytes: manyMaps, label: 'cbor many maps' },
    { id: 31, manifest: 'x', bytes: gzipSync(big, { level: 1 }), label: 'gzip bomb' },
    { id: 31, manifest: 'x', bytes: Buffer.from([0x87, 0xd9, 0x6d, 0xf6, 0xff, 0xff, 0xff, 0xff, 0x10, 0x41]), label: 'lz4 4 GiB claim' },
  ];
  for (const h of hostile) {
    yield h;
    for (let k = 0; k < 4; k++) yield { ...h, bytes: mutate(h.bytes), label: `${h.label} mutation ${k}` };
  }
}

// --- the two paths --------------------------------------------------------------------------
const limits = maybeDecodeLimits(undefined, 'cassandraJournal');
const kafkaLimits = maybeDecodeLimits(undefined, 'kafkaJournal');
const toChunk = createAkkaFormat({ eventFromBytes: kafkaEventFromBytes, scanner: eventFormatScanner, registry, keepUnparsed: keepsJsonUnparsed });
const BATCH = 64;
let rows = 0;
let undecodable = 0;
let maxRss = 0;
const slowest: { label: string; ms: number }[] = [];

function cassandraPath(batchOf: Payload[]): void {
  const batch = createRawBatch(batchOf.length);
  for (const p of batchOf) pushRow(batch, 'fuzz-1', 0, rows + batch.length, 1_700_000_000_000, p.id, p.manifest, p.bytes, 'w', null);
  const decoded = eventsFromBatch(batch, registry, {}, true, limits);
  const builder = createJournalTableBuilder();
  builder.append(batch, decoded);
  const table = builder.toTable(serializerName);
  for (let i = 0; i < table.numRows(); i++) table.get('event', i); // lazy JSON parsed on read
  bundleFromTable(table, { maxRows: batchOf.length });
  valuesFromTable(table);
  undecodable += decoded.undecodable;
}

async function kafkaPath(batchOf: Payload[]): Promise<void> {
  const records = batchOf.map((p, i) => {
    const value = eventFormatBytes('fuzz-1', i + 1, p.id === PERSISTENT_REPR_PAYLOAD ? 7 : p.id, p.bytes, p.manifest);
    // one record in four has its envelope mutated, one in sixteen is a tombstone
    return { key: Buffer.from('fuzz-1'), value: i % 16 === 15 ? null : i % 4 === 3 ? mutate(value) : value };
  });
  const cursor = await rawRecordsFrom(records);
  const chunk = withDecodeLimits(kafkaLimits, () => toChunk('fuzz', 0, cursor));
  const table = tableFromChunks([chunk]);
  for (let i = 0; i < table.numRows(); i++) table.get('event', i);
  bundleFromTable(table, { maxRows: batchOf.length });
  valuesFromTable(table);
}

async function run(): Promise<void> {
  const started = Date.now();
  let cases = 0;
  let pending: Payload[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const t0 = Date.now();
    const label = `${pending[0]!.label} … ${pending[pending.length - 1]!.label}`;
    try {
      cassandraPath(pending);
      await kafkaPath(pending);
    } catch (error) {
      // narrow it down to one payload for the report
      for (const p of pending) {
        try { cassandraPath([p]); await kafkaPath([p]); } catch (e) {
          console.log(JSON.stringify({ escaped: p.label, serializerId: p.id, bytes: p.bytes.subarray(0, 256).toString('hex'), error: String((e as Error)?.stack ?? e) }));
          process.exit(1);
        }
      }
      console.log(JSON.stringify({ escaped: label, error: String((error as Error)?.stack ?? error) }));
      process.exit(1);
    }
    const ms = Date.now() - t0;
    slowest.push({ label, ms });
    slowest.sort((a, b) => b.ms - a.ms).splice(3);
    rows += pending.length;
    maxRss = process.resourceUsage().maxRSS * 1024; // the peak so far (kB), transient spikes included
    if (maxRss > rssCapBytes) {
      console.log(JSON.stringify({ rssSpike: label, rssMB: Math.round(maxRss / 2 ** 20) }));
      process.exit(1);
    }
    pending = [];
  };
  for (const p of payloads()) {
    cases++;
    // the big hostile payloads go one per batch, so RSS is measured per payload
    if (p.bytes.length > 100_000) { await flush(); pending.push(p); await flush(); continue; }
    pending.push(p);
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  console.log(JSON.stringify({ done: true, seed, cases, rows, undecodable, ids, maxRssMB: Math.round(maxRss / 2 ** 20), ms: Date.now() - started, slowest }));
}

await run();
