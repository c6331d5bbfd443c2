// One shared copy per distinct string, for strings something else has already made: manifests and
// writer ids from the Cassandra driver or Arrow, event types of a Kafka stream, short values from
// JSON.parse. A journal repeats a handful of them on millions of rows; keeping one copy each saves
// the memory of the others (the copies made for one page become garbage at once).
//
// The other string cache, util/utf8-string-cache.ts, takes UTF-8 bytes instead: it saves making
// the string at all, which only pays where the bytes are at hand (Kafka record values). The two
// stay apart because their keys differ (bytes vs string) and so does their bound: that one is a
// fixed table that forgets, this one a map that stops growing (a kept string is never replaced, so
// every row of a load shares the same copy).

/** Distinct strings a pool keeps, by default: past it, new strings are returned as they are. */
export const MAX_POOL_STRINGS = 100_000;

/** A pool of shared strings (one per load or per stream). */
export type StringPool = Map<string, string>;

/**
 * The pool's copy of `s`; `s` itself is kept while the pool holds fewer than `maxStrings`.
 *
 * @example
 * const pool: StringPool = new Map();
 * manifest = internString(pool, row.manifest);
 */
export function internString(pool: StringPool, s: string, maxStrings = MAX_POOL_STRINGS): string {
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size < maxStrings) pool.set(s, s);
  return s;
}
