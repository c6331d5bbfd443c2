// Reads test/fixtures/decode/NAME.{bin,json} (made by scripts/fixtures with the real Pekko
// serializers) and revives the JSON conventions of "expected" into JS values.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILTERED } from '../../../src/decode/persistence-payload.js';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/decode');

export interface Fixture {
  name: string;
  serializerId: number;
  manifest: string;
  source: string;
  bytes: Buffer;
  expected: unknown;
  persistentRepr?: Record<string, unknown>;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

export function loadFixture(name: string): Fixture {
  const meta = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as Omit<Fixture, 'name' | 'bytes'>;
  const bytes = readFileSync(join(FIXTURE_DIR, `${name}.bin`));
  return { ...meta, name, bytes, expected: revive(meta.expected) };
}

/** {"$bytes": b64} → Uint8Array, {"$bigint": s} → bigint, {"$date": ms} → Date, {"$filtered": true} → FILTERED. */
export function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      if (typeof o.$bytes === 'string') return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
      if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
      if (typeof o.$date === 'number') return new Date(o.$date);
      if (o.$filtered === true) return FILTERED;
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = revive(o[k]);
    return out;
  }
  return v;
}
