// Journal events repeat their categorical values (currency, channel, event ids of the same
// actor) thousands of times, and JSON.parse makes a fresh heap string for each. Sharing one
// copy per distinct short string costs a Map lookup and saves ~30 bytes per repeated value,
// which is most of a decoded event's memory beyond its JSON text.

import { internString, type StringPool } from '../util/string-pool.js';

const MAX_INTERNED_LENGTH = 64;
/** More than util/string-pool's default: one load's event values are more varied than its manifests. */
const MAX_POOL_SIZE = 500_000;
const MAX_DEPTH = 3;
/**
 * Values looked at per event. Decoded Java graphs share objects: an array of 200k references to
 * one 200k-element array is 2 MB of payload but 4·10^10 visits. Interning only saves memory, so it
 * simply stops there.
 */
const MAX_VISITS = 4096;
let visitsLeft = 0;

export type { StringPool };

/**
 * Replaces the short string values inside the object events `events[0..count)` with shared copies
 * from `pool`, in place, descending at most three levels.
 *
 * @example
 * const pool: StringPool = new Map();
 * internEventStrings(decoded.events, decoded.events.length, pool);
 */
export function internEventStrings(events: unknown[], count: number, pool: StringPool): void {
  for (let i = 0; i < count; i++) {
    const event = events[i];
    visitsLeft = MAX_VISITS;
    if (event !== null && typeof event === 'object') internIn(event as Record<string, unknown>, pool, 0);
  }
}

function internIn(value: Record<string, unknown> | unknown[], pool: StringPool, depth: number): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (--visitsLeft < 0) return;
      const v = value[i];
      if (typeof v === 'string') value[i] = shared(v, pool);
      else if (v !== null && typeof v === 'object' && depth < MAX_DEPTH && !ArrayBuffer.isView(v)) internIn(v as Record<string, unknown>, pool, depth + 1);
    }
    return;
  }
  if (ArrayBuffer.isView(value) || value instanceof Date) return;
  for (const key in value) {
    if (--visitsLeft < 0) return;
    const v = value[key];
    if (typeof v === 'string') value[key] = shared(v, pool);
    else if (v !== null && typeof v === 'object' && depth < MAX_DEPTH) internIn(v as Record<string, unknown>, pool, depth + 1);
  }
}

function shared(s: string, pool: StringPool): string {
  return s.length > MAX_INTERNED_LENGTH ? s : internString(pool, s, MAX_POOL_SIZE);
}
